"""The journal and the shared spaces together, for the commands and the app alike.

Which space a share, an agenda or a 1:1 goes to is decided here, from the spaces' own small
files (`list_spaces` reads no repository), so a home without spaces costs one look at a
folder that does not exist. Writing to a space commits locally at once; the next sync sends it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from companion.spaces.facts import SpaceInfo, list_spaces
from companion.spaces.local import Space, find_space, open_space, spaces_root

if TYPE_CHECKING:
    from datetime import datetime

    from companion.models.coaching import Action, OneOnOne
    from companion.models.space import EventKind
    from companion.paths import Home
    from companion.spaces.format import Record
    from companion.spaces.local import Change
    from companion.storage.journal import Journal


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
    from companion.flows.sharing import one_on_one_changes

    space = person_space(home, record.person_name)
    if space is None:
        return None
    changes: Sequence[Change] = one_on_one_changes(record, space.state().items)
    return space, space.record(changes)


# What the space is told when an action is closed (or opened again) between 1:1s
ACTION_EVENTS: dict[str, EventKind] = {"done": "done", "dropped": "dropped", "open": "reopened"}


def set_action_status(
    home: Home, journal: Journal, action: Action, status: str, when: datetime
) -> Space | None:
    """Close an action of the journal (done, dropped) or open it again, and tell the space
    with its person, if one is linked and holds the action, as a 1:1's review would: the
    rep sees it after the next sync. The space told, or None. The journal is changed first:
    a space that cannot be written (a SpaceError) leaves the journal's change in place."""
    from companion.flows.sharing import space_id
    from companion.models.space_changes import NewEvent
    from companion.spaces.replay import refusal

    journal.set_action_status(action.uid, status, when)
    person = next((p for p in journal.people() if p.uid == action.person_uid), None)
    space = person_space(home, person.name) if person is not None else None
    if space is None:
        return None
    event = ACTION_EVENTS[status]
    item = space.state().items.get(space_id(action.uid))
    if item is None or item.kind != "action" or refusal(space.side, event, item) is not None:
        return None  # not sent yet, or the space has it so already (the rep marked it done)
    space.record([NewEvent(item.id, event)])
    return space
