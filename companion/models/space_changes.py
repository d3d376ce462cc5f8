"""What a side asks to write to its shared space, as plain values: pure code (the flows)
decides them, `companion.spaces.local` writes them. Kept apart from `models.space` so that
naming a change loads no pydantic (an idle sync never does)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from companion.models.space import EventKind, ItemKind


@dataclass(frozen=True)
class NewItem:
    """An item to write: its kind, its text, and the kind's other fields (`prompt`,
    `reflection`; `held`, `title`; `owner`, `due`). `id`, if given, is the item's id (12 hex
    digits): a record made from a journal record (an action, a 1:1) keeps an id derived from
    its uid, so the two can be matched and writing it twice can be noticed."""

    kind: ItemKind
    text: str
    fields: Mapping[str, object] = field(default_factory=dict)
    id: str | None = None


@dataclass(frozen=True)
class NewEvent:
    """A change of state of an item already in the space."""

    item: str
    event: EventKind


Change = NewItem | NewEvent
