"""What goes to a shared space, decided without I/O: the changes a finished 1:1 sends, the
text of its shared summary, the items a rep picks from a reflection.

Only what is named here leaves the machine: a 1:1's shared notes (never its private notes),
the actions agreed, the outcome of earlier actions; a reflection's answers the rep picked,
one by one. Ids are derived from the journal's uids, so an action in the journal and its
copy in the space are the same action on both sides, and a 1:1 sent twice is noticed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from companion.i18n import _
from companion.models.entry_text import format_answer
from companion.models.space_changes import Change, NewEvent, NewItem

if TYPE_CHECKING:  # the models bring pydantic, which a sync with nothing new never loads
    from companion.models.coaching import OneOnOne
    from companion.models.journal import Answer, Note, Reflection
    from companion.spaces.replay import ItemState

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
