"""What is shared with the other side of each space: for a rep, the summaries, actions and
recognitions that came back from the 1:1s and what they shared that waits for the next one;
for a manager, each person's agenda and the open actions. An action is marked done here.

Every text from the other side is shown literally (`foreign`): markup stays markup and a
control character shows as its escape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from companion import sharing
from companion.i18n import N_, _, format_date
from companion.spaces.errors import SpaceError
from companion.tui.screens.base import CompanionScreen
from companion.tui.space_sync import SpacesSynced, is_syncing, sync_spaces
from companion.tui.text import foreign, plain

if TYPE_CHECKING:
    from rich.text import Text

    from companion.spaces.local import Space
    from companion.spaces.replay import ItemState


@dataclass(frozen=True)
class Row:
    """One line of the list: an item of a space, or a heading (no item)."""

    label: Text
    space: Space | None = None
    item: ItemState | None = None


class TeamScreen(CompanionScreen[None]):
    SUB_TITLE = N_("Shared")
    CSS_PATH = "team.tcss"
    HELP = N_(
        "What you and the other side of each shared space have shared: 1:1 summaries, agreed "
        "actions and recognitions, and what waits on the agenda of the next 1:1. x marks the "
        "highlighted action done, w withdraws something you shared that is not discussed "
        "yet, s syncs now. Nothing of your journal is shared unless you choose it."
    )
    BINDINGS = [
        Binding("x", "done", N_("Done"), tooltip=N_("Mark the action done"), id="team.done"),
        Binding(
            "w",
            "withdraw",
            N_("Withdraw"),
            tooltip=N_("Take back an item not yet discussed"),
            id="team.withdraw",
        ),
        Binding("s", "sync", N_("Sync"), tooltip=N_("Sync the shared spaces now"), id="team.sync"),
        Binding("escape", "back", N_("Back"), tooltip=N_("Back home"), id="team.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []

    def compose_body(self) -> ComposeResult:
        with Vertical(id="shared-page"):
            yield Static(id="shared-status")
            yield OptionList(id="items")
            with VerticalScroll(id="item-reader"):
                yield Static(id="item-text")

    def on_mount(self) -> None:
        self.reload(seen=True)
        self.query_one("#items", OptionList).focus()

    def on_spaces_synced(self, message: SpacesSynced) -> None:
        self.reload(seen=True)

    def reload(self, seen: bool = False) -> None:
        """Read every space again (and note what came in as seen: it is on screen now)."""
        from companion.spaces.local import open_space

        rows: list[Row] = []
        for info in sharing.linked(self.context.home):
            try:
                space = open_space(sharing.root(self.context.home), info.id)
                rows += self._rows(space)
                if seen:
                    space.mark_seen()
            except SpaceError as error:
                rows.append(Row(plain(str(error), "red")))
        self.rows = rows
        options = self.query_one("#items", OptionList)
        highlighted = options.highlighted
        options.set_options(
            Option(row.label, disabled=row.item is None and row.space is None) for row in rows
        )
        selectable = [index for index, row in enumerate(rows) if row.item is not None]
        if selectable:  # where it was, else on the first item (a heading cannot be chosen)
            at = highlighted if highlighted in selectable else selectable[0]
            options.highlighted = at
        status = "⟳ " + _("Syncing…") if is_syncing(self.app) else ""
        self.query_one("#shared-status", Static).update(plain(status, "italic"))
        self._show(options.highlighted)

    def _rows(self, space: Space) -> list[Row]:
        state, name = space.state(), space.info.partner
        rows = [Row(plain(_("With {name}").format(name=name), "bold underline"))]

        def group(title: str, items: list[ItemState], mark: str) -> None:
            if items:
                rows.append(Row(plain(title, "bold")))
                rows.extend(Row(self._label(space, item, mark), space, item) for item in items)

        if space.side == "rep":
            group(_("Summaries of your 1:1s"), state.summaries(), "▤")
            group(_("Agreed actions"), state.of_kind("action"), "")
            group(_("Recognitions"), state.recognitions(), "★")
            group(_("On the agenda of your next 1:1"), state.agenda(), "·")
        else:
            group(_("On {name}'s agenda").format(name=name), state.agenda(), "·")
            group(_("Open actions"), state.open_actions(), "")
        if len(rows) == 1:
            rows.append(Row(plain(_("Nothing shared yet."), "dim")))
        return rows

    def _label(self, space: Space, item: ItemState, mark: str) -> Text:
        record = item.item
        if record.kind == "action":
            mark = {"open": "○", "done": "✓", "dropped": "✗"}.get(item.status, "·")
        if record.kind == "summary":
            title = getattr(record, "title", None) or _("1:1")
            text = plain(f"{mark} ")
            text.append(foreign(title))
            text.append(plain(" · " + format_date(record.held)))  # type: ignore[union-attr]
            return text
        first = " ".join(record.text.split())
        text = plain(f"{mark} ")
        text.append(foreign(first if len(first) <= 60 else first[:59] + "…"))
        if record.kind == "action":
            owner = _("you") if record.owner == space.side else space.info.partner  # type: ignore[union-attr]
            text.append(plain(f"  ({owner})", "dim"))
        return text

    @on(OptionList.OptionHighlighted, "#items")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    def _show(self, index: int | None) -> None:
        row = self.rows[index] if index is not None and 0 <= index < len(self.rows) else None
        reader = self.query_one("#item-text", Static)
        if row is None or row.item is None:
            reader.update(plain(""))
            return
        text = foreign(row.item.item.text)
        if row.item.status != "open":
            text.append(plain("\n\n" + _("({status})").format(status=row.item.status), "dim"))
        reader.update(text)

    def _current(self) -> Row | None:
        index = self.query_one("#items", OptionList).highlighted
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    def _mark(self, kind: str, event: str, done: str) -> None:
        row = self._current()
        if row is None or row.item is None or row.space is None or row.item.kind != kind:
            self.notify(_("Highlight an item that can be marked so first."), severity="warning")
            return
        try:
            row.space.mark(row.item.id, event)  # type: ignore[arg-type]
        except SpaceError as error:
            self.notify(str(error), severity="warning")
            return
        self.notify(done.format(name=row.space.info.partner))
        self.reload()
        sync_spaces(self.app)

    def action_done(self) -> None:
        self._mark("action", "done", _("Marked done: {name} sees it after the next sync."))

    def action_withdraw(self) -> None:
        self._mark("shared", "withdrawn", _("Withdrawn: {name} will not see it on the agenda."))

    def action_sync(self) -> None:
        if not sync_spaces(self.app):
            self.notify(_("No shared space to sync."), severity="warning")
        self.reload()

    def action_back(self) -> None:
        self.dismiss(None)
