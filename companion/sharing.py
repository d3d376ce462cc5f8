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
    from companion.models.coaching import OneOnOne
    from companion.paths import Home
    from companion.spaces.format import Record
    from companion.spaces.local import Change


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
