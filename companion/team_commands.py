"""`companion team ...`, `share`, `agenda` and the spaces' side of `actions`: the handlers
`cli.COMMANDS` names, each called with the context, the parsed arguments and `out`.

Texts that came from the other side are shown through `visible` (a control character is
written out as its escape, never obeyed) and printed as they are: markup means nothing here.
"""

from __future__ import annotations

from argparse import Namespace
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from companion import sharing
from companion.commands import json_text
from companion.context import Context
from companion.errors import CompanionError
from companion.i18n import N_, _, format_date, ngettext
from companion.spaces.errors import SpaceError, SpaceNotFound
from companion.spaces.text import visible

if TYPE_CHECKING:
    from companion.models.coaching import Action
    from companion.spaces.local import Space
    from companion.spaces.replay import ItemState

Out = Callable[[str], None]


# -- team ---------------------------------------------------------------------------------


def team_link(context: Context, args: Namespace, out: Out) -> int:
    """A manager links a person to a shared space (a new one is made on an empty remote)."""
    from companion.spaces.local import connect, suggest_id

    name = _person_name(context, args.name)
    root = sharing.root(context.home)
    context.home.ensure()
    space = connect(root, suggest_id(root, name), args.remote, "manager", name)
    out(
        _("Linked {name} to {remote} (space {space}).").format(
            name=name, remote=space.info.remote, space=space.id
        )
    )
    out(
        _("{name} joins it with `companion team join {remote}`.").format(
            name=name, remote=space.info.remote
        )
    )
    return 0


def _person_name(context: Context, typed: str) -> str:
    """The name as the people list has it, if the person is there (a link needs no entry)."""
    if not context.home.journal.exists():
        return " ".join(typed.split())
    try:
        return context.journal.find_person(typed).name
    except CompanionError:
        return " ".join(typed.split())


def team_join(context: Context, args: Namespace, out: Out) -> int:
    """A rep joins the space their manager linked."""
    from companion.spaces.local import connect, suggest_id

    manager = args.manager or _("your manager")
    root = sharing.root(context.home)
    context.home.ensure()
    space = connect(root, suggest_id(root, manager), args.remote, "rep", manager)
    out(
        _("Joined the shared space with {name} (space {space}).").format(
            name=manager, space=space.id
        )
    )
    out(_('Share something for your next 1:1 with `companion share "..."`.'))
    return 0


def team_status(context: Context, args: Namespace, out: Out) -> int:
    from companion.spaces.local import open_space

    infos = sharing.linked(context.home)
    statuses = [open_space(sharing.root(context.home), info.id).status() for info in infos]
    if args.json:
        out(json_text([status.as_json() for status in statuses]))
        return 0
    if not statuses:
        out(_("No shared spaces yet."))
        out(_("A manager links one with `companion team link NAME REMOTE`;"))
        out(_("a rep joins it with `companion team join REMOTE`."))
        return 0
    for status in statuses:
        info, facts = status.info, status.info.facts
        side = _("you are the manager") if info.side == "manager" else _("you are the rep")
        out(
            _("{space}: with {name} ({side}), {remote}").format(
                space=info.id, name=info.partner, side=side, remote=info.remote
            )
        )
        last = facts.last_sync.replace("T", " ")[:16] if facts.last_sync else _("never")
        out("  " + _("last sync: {when}").format(when=last))
        out(
            "  "
            + ngettext(
                "{count} item waits to go out", "{count} items wait to go out", len(status.outgoing)
            ).format(count=len(status.outgoing))
        )
        out(
            "  "
            + ngettext(
                "{count} item came in since you last looked",
                "{count} items came in since you last looked",
                len(status.incoming),
            ).format(count=len(status.incoming))
        )
        for record in status.incoming:
            out("    " + _describe(record))
        if facts.last_error:
            out("  " + _("the last sync failed: {error}").format(error=facts.last_error))
        for problem in status.problems:
            out("  " + _("warning: {problem}").format(problem=visible(str(problem))))
    return 0


def team_sync(context: Context, args: Namespace, out: Out) -> int:
    from companion.spaces.local import sync_all

    results = sync_all(sharing.root(context.home))
    if not results:
        raise CompanionError(
            _("no shared space to sync: link one with `companion team link NAME REMOTE`")
        )
    failed = []
    for info, result in results:
        if isinstance(result, SpaceError):
            failed.append(f"{info.id}: {result}")
            continue
        out(
            _("{space} (with {name}): {sent} sent, {received} received").format(
                space=info.id, name=info.partner, sent=result.sent, received=len(result.received)
            )
        )
        for record in result.received:
            out("  " + _describe(record))
        for problem in result.problems:
            out(_("warning: {problem}").format(problem=visible(str(problem))))
    if failed:
        raise CompanionError(" | ".join(failed))
    return 0


# -- share and agenda ---------------------------------------------------------------------


def share(context: Context, args: Namespace, out: Out) -> int:
    """A rep puts something on the agenda of the next 1:1; it is kept in the journal too."""
    from companion.models.journal import Note
    from companion.models.tags import extract_tags

    space = sharing.rep_space(context.home, args.person)
    if args.withdraw:
        if args.text:
            raise CompanionError(_("give either a text to share or --withdraw ID, not both"))
        event = space.mark(args.withdraw, "withdrawn")
        out(
            _("Withdrawn ({id}): {name} will not see it on the agenda.").format(
                id=event.item[:8],  # type: ignore[union-attr]
                name=space.info.partner,
            )
        )
        return 0
    text = " ".join(args.text).strip()
    if not text:
        raise CompanionError(_('nothing to share: write it after `companion share`, e.g. "..."'))
    item = space.share(text)
    context.journal.add(Note(created=context.now(), text=text, tags=extract_tags(text)))
    out(
        _("Shared with {name} for your next 1:1 (id {id}); kept in your journal too.").format(
            name=space.info.partner, id=item.id[:8]
        )
    )
    out(_("It goes out with the next `companion team sync`."))
    return 0


def agenda(context: Context, args: Namespace, out: Out) -> int:
    """What the person shared and is not yet discussed, and the open actions both ways."""
    space = sharing.space_with(context.home, args.person)
    state = space.state()
    shared, actions = state.agenda(), state.open_actions()
    if args.json:
        out(
            json_text(
                {
                    "space": space.id,
                    "with": space.info.partner,
                    "agenda": [_as_json(item) for item in shared],
                    "actions": [_as_json(item) for item in actions],
                }
            )
        )
        return 0
    name, today = space.info.partner, context.now().date()
    if not shared:
        out(_("Nothing on the agenda from {name}.").format(name=name))
    else:
        out(_("On the agenda from {name}:").format(name=name))
        for item in shared:
            out(f"  {item.id[:8]}  {_text(item)}{_origin(item)}")
    if actions:
        out(_("Open actions:"))
        for item in actions:
            out(f"  ○ {item.id[:8]}  {_text(item)}  ({_owner(space, item, today)})")
    return 0


def _as_json(item: ItemState) -> dict[str, object]:
    return {**item.item.model_dump(mode="json"), "status": item.status}


def _text(item: ItemState) -> str:
    return visible(item.item.text)


def _origin(item: ItemState) -> str:
    day = getattr(item.item, "reflection", None)
    if day is None:
        return ""
    return "  " + _("(from the reflection of {day})").format(day=format_date(day))


@dataclass(frozen=True)
class _Due:
    """An action of a space as `flows.actions` reads a due date."""

    status: str
    due: date | None


def _due(item: ItemState) -> _Due:
    return _Due(item.status, getattr(item.item, "due", None))


def _owner(space: Space, item: ItemState, today: date) -> str:
    from companion.flows.actions import due_phrase

    owner = item.item.owner  # type: ignore[union-attr]
    if owner == space.side:
        who = _("you own it")
    else:
        who = _("{name} owns it").format(name=space.info.partner)
    due = due_phrase(_due(item), today)
    if not due:
        return who
    # Translators: "you own it, due 1 Dec", "Bob owns it, overdue since 1 Dec"
    return _("{who}, {due}").format(who=who, due=due)


def _describe(record: object) -> str:
    """One line about a record that came in (or waits to go out)."""
    kind = getattr(record, "kind", "")
    ident = getattr(record, "id", "")[:8]
    if kind == "event":
        return _("{id}: item {item} marked {event}").format(
            id=ident,
            item=getattr(record, "item", "")[:8],
            event=getattr(record, "event", ""),
        )
    labels = {
        "shared": _("shared"),
        "summary": _("1:1 summary"),
        "action": _("action"),
        "recognition": _("recognition"),
    }
    text = " ".join(visible(getattr(record, "text", "")).split())
    text = text if len(text) <= 70 else text[:69] + "…"
    return f"{ident}: {labels.get(kind, kind)}: {text}"


# -- actions ------------------------------------------------------------------------------


def _space_actions(context: Context, person: str | None) -> list[tuple[Space, ItemState]]:
    """Actions in the spaces where I am the rep (with `person` only, if given)."""
    from companion.spaces.local import open_space

    found = []
    wanted = " ".join(person.split()).casefold() if person else None
    for info in sharing.linked(context.home):
        if info.side != "rep" or (wanted and wanted not in (info.partner.casefold(), info.id)):
            continue
        space = open_space(sharing.root(context.home), info.id)
        found += [(space, item) for item in space.state().of_kind("action")]
    return found


def actions(context: Context, args: Namespace, out: Out) -> int:
    """The journal's actions (a manager's), and those that came in from a space (a rep's)."""
    from companion.commands import actions as local_actions
    from companion.flows.actions import is_overdue

    incoming = _space_actions(context, args.person)
    if args.open:
        incoming = [(space, item) for space, item in incoming if item.is_open]
    if not incoming:
        return local_actions(context, args, out)
    today = context.now().date()
    if args.json:
        rows = [
            {
                **_as_json(item),
                "space": space.id,
                "with": space.info.partner,
                "overdue": is_overdue(_due(item), today),
            }
            for space, item in incoming
        ]
        out(json_text(rows))
        return 0
    marks = {"open": "○", "done": "✓", "dropped": "✗"}
    for space, item in incoming:
        agreed = _("agreed with {name}").format(name=space.info.partner)
        out(
            f"{marks.get(item.status, '·')} {item.id[:8]}  {_text(item)}  "
            f"({agreed}; {_owner(space, item, today)})"
        )
    return 0


# What closing (or opening again) an action says it did, by the status it gets
CLOSED = {
    "done": N_("Marked done: {text}"),
    "dropped": N_("Dropped: {text}"),
    "open": N_("Open again: {text}"),
}


def actions_done(context: Context, args: Namespace, out: Out) -> int:
    """Mark an action done: one of the journal's, or one that came in from a space."""
    return _set_status(context, args.action_id, "done", out)


def actions_drop(context: Context, args: Namespace, out: Out) -> int:
    """Drop an action that will not be done (a manager's decision)."""
    return _set_status(context, args.action_id, "dropped", out)


def actions_reopen(context: Context, args: Namespace, out: Out) -> int:
    """Open again an action closed by mistake."""
    return _set_status(context, args.action_id, "open", out)


def _set_status(context: Context, typed: str, status: str, out: Out) -> int:
    local, incoming = _find_action(context, typed)
    if local is not None:
        _refuse_unchanged(local.status, status, local.text)
        try:
            space = sharing.set_action_status(
                context.home, context.journal, local, status, context.now()
            )
        except SpaceError as error:
            out(_(CLOSED[status]).format(text=local.text))
            problem = _("the shared space was not told ({problem}); the journal is changed")
            raise CompanionError(problem.format(problem=error)) from None
        out(_(CLOSED[status]).format(text=local.text))
        if space is not None:
            out(
                _("{name} sees it after the next `companion team sync`.").format(
                    name=space.info.partner
                )
            )
        return 0
    assert incoming is not None
    space, item = incoming
    _refuse_unchanged(item.status, status, _text(item))
    if status == "dropped" and space.side == "rep":
        raise CompanionError(
            _(
                "only your manager drops an action agreed in a 1:1: mark it done, or raise it "
                "at your next 1:1"
            )
        )
    space.mark(item.id, sharing.ACTION_EVENTS[status])
    out(_(CLOSED[status]).format(text=_text(item)))
    out(_("{name} sees it after the next `companion team sync`.").format(name=space.info.partner))
    return 0


def _find_action(
    context: Context, typed: str
) -> tuple[Action | None, tuple[Space, ItemState] | None]:
    """The one action whose id starts with what was typed: in the journal, or in a space
    where I am the rep. One line if none does, or several do."""
    wanted = typed.strip().lower()
    local: list[Action] = []
    if wanted and context.home.journal.exists():
        local = [a for a in context.journal.actions() if a.uid.startswith(wanted)]
    incoming = [
        (space, item)
        for space, item in (_space_actions(context, None) if wanted else [])
        if item.id.startswith(wanted)
    ]
    if len(local) + len(incoming) > 1:
        raise CompanionError(
            _("{id} is the start of several actions' ids: type more of it").format(
                id=visible(wanted)
            )
        )
    if local:
        return local[0], None
    if incoming:
        return None, incoming[0]
    raise SpaceNotFound(
        _("no action {id}: `companion actions` lists them with their ids").format(
            id=visible(wanted)
        )
    )


def _refuse_unchanged(current: str, status: str, text: str) -> None:
    """One line if the action has that status already (done twice, open while open)."""
    if current == status:
        said = {
            "done": _("{text} is done already"),
            "dropped": _("{text} is dropped already"),
            "open": _("{text} is open already"),
        }
        raise CompanionError(said[status].format(text=visible(text)))
    if status != "open" and current != "open":
        problem = _("{text} is closed ({status}): `companion actions reopen ID` opens it again")
        state = _("done") if current == "done" else _("dropped")
        raise CompanionError(problem.format(text=visible(text), status=state))
