"""The journal and the shared spaces together, for the commands and the app alike.

What goes to a space is decided here: the changes a finished 1:1 sends (its shared notes,
never its private notes; the actions agreed; the outcome of earlier actions), the answers of
a reflection the rep may pick, one by one. Ids are derived from the journal's uids, so an
action in the journal and its copy in the space are the same action on both sides, and a 1:1
sent twice is noticed.

Which space a share, an agenda or a 1:1 goes to is decided here, from the spaces' own small
files (`list_spaces` reads no repository), so a home without spaces costs one look at a
folder that does not exist. Writing to a space commits locally at once; the next sync sends it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from companion.i18n import _
from companion.models.entry_text import format_answer
from companion.spaces.facts import SpaceInfo, list_spaces
from companion.spaces.local import (
    Change,
    NewEvent,
    NewItem,
    Space,
    find_space,
    open_space,
    spaces_root,
)

if TYPE_CHECKING:  # the models bring pydantic: a sync with nothing new needs none of it
    from companion.models.coaching import OneOnOne
    from companion.models.journal import Answer, Note, Reflection
    from companion.paths import Home
    from companion.spaces.format import Record
    from companion.spaces.replay import ItemState


def root(home: Home) -> Path:
    return spaces_root(home.root)


def linked(home: Home) -> list[SpaceInfo]:
    """Every space of this home with its last facts, without running git."""
    return list_spaces(root(home))


def rep_space(home: Home, manager: str | None = None) -> Space:
    """The space a rep shares into: the only one, or the one with `manager`."""
    return find_space(root(home), partner=manager, side="rep")


def space_with(home: Home, name: str | None) -> Space:
    """The space with this person (by name or space id), whichever side I am on."""
    return find_space(root(home), partner=name)


def person_space(home: Home, name: str) -> Space | None:
    """The manager's space with the person called `name`, if one is linked."""
    wanted = " ".join(name.split()).casefold()
    for info in linked(home):
        if info.side == "manager" and info.partner.casefold() == wanted:
            return open_space(root(home), info.id)
    return None


def send_one_on_one(home: Home, record: OneOnOne) -> tuple[Space, tuple[Record, ...]] | None:
    """Record a finished 1:1 (its shared summary, its actions, the review's outcomes) in the
    space with its person; None if there is no such space. A 1:1 sent already sends nothing."""
    space = person_space(home, record.person_name)
    if space is None:
        return None
    changes: Sequence[Change] = one_on_one_changes(record, space.state().items)
    return space, space.record(changes)


# -- what goes: decided without I/O ------------------------------------------------------

HEX_ID = re.compile(r"[0-9a-f]{12}")


def space_id(uid: str) -> str:
    """The id in a space of the journal record with this uid (12 hex digits)."""
    head = uid[:12].lower()
    if HEX_ID.fullmatch(head):
        return head
    return hashlib.sha256(uid.encode()).hexdigest()[:12]


def summary_text(record: OneOnOne) -> str:
    """The summary a rep reads: each step's shared notes under its title; private notes
    never, whatever they say."""
    parts = [
        f"## {step.title}\n\n{step.notes.strip()}" for step in record.steps if step.notes.strip()
    ]
    return "\n\n".join(parts) or _("No shared notes were written in this 1:1.")


def one_on_one_changes(record: OneOnOne, items: Mapping[str, ItemState]) -> list[Change]:
    """What a finished 1:1 sends: its summary, the actions agreed, and what became of the
    earlier actions that are in the space. Nothing if it was sent already."""
    summary = space_id(record.uid)
    if summary in items:
        return []
    held = record.started.date()
    changes: list[Change] = [
        NewItem(
            "summary",
            summary_text(record),
            {"held": held, "title": record.script_title[:500] or None},
            id=summary,
        )
    ]
    for action in record.agreed:
        fields = {"owner": action.owner, "due": action.due}
        changes.append(NewItem("action", action.text, fields, id=space_id(action.uid)))
    for review in record.reviewed:
        found = items.get(space_id(review.action_uid))
        if review.outcome != "keep" and found is not None and found.is_open:
            changes.append(NewEvent(found.id, "done" if review.outcome == "done" else "dropped"))
    return changes


def done_in_space(action_uids: Iterable[str], items: Mapping[str, ItemState]) -> set[str]:
    """The local actions the space says are done (the rep marked them): the 1:1's review
    starts with them done."""
    found = set()
    for uid in action_uids:
        item = items.get(space_id(uid))
        if item is not None and item.kind == "action" and item.status == "done":
            found.add(uid)
    return found


@dataclass(frozen=True)
class Offer:
    """One answer of a reflection the rep may share: exactly the text that would go."""

    prompt: str
    text: str
    day: date

    def as_item(self) -> NewItem:
        return NewItem("shared", self.text, {"prompt": self.prompt[:500], "reflection": self.day})


def reflection_offers(answers: Sequence[Answer], day: date) -> list[Offer]:
    """The answers of a reflection that could be shared: those with text in them."""
    offers = []
    for answer in answers:
        text = format_answer(answer).strip()
        if text:
            offers.append(Offer(answer.prompt, text, day))
    return offers


def entry_offer(entry: Note | Reflection) -> NewItem:
    """A journal entry to share whole: a note's text, or a reflection's answers."""
    if entry.kind == "note":
        return NewItem("shared", entry.text)
    lines = [
        f"{answer.prompt}\n{format_answer(answer)}"
        for answer in entry.answers
        if format_answer(answer).strip()
    ]
    text = "\n\n".join(lines) or entry.title
    return NewItem("shared", text, {"reflection": entry.day})
