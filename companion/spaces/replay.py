"""The state of a space: its items, with every event replayed on them in one fixed order.

Operations, not snapshots (the idea of git-bug's data model): nobody stores "this action is
done"; the state is computed from the set of files, so it is the same on both machines as
soon as they hold the same files, whatever order those files arrived or were merged in.

The order is a total one on the files themselves: Lamport clock first (an event written
after its writer saw another has a higher clock), then id, then path for the case of two
files claiming one id. Concurrent events (equal clocks) are ordered by id: arbitrary but the
same everywhere. An event that does not apply to the item's state when its turn comes
(withdrawn after discussed, done twice) changes nothing; one that its side may never write
(a rep marking an item discussed) is reported as a problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from companion.i18n import N_, _
from companion.models.space import EventKind, Item, Record, Side, StateEvent
from companion.spaces.layout import Problem, record_path

Status = str  # "open" for every new item, then "discussed", "done", "dropped", "withdrawn"
OPEN = "open"

# (item kind, event) -> {state it applies in: sides that may write it}, state it leads to
Transition = tuple[Mapping[Status, frozenset[Side]], Status]
BOTH: frozenset[Side] = frozenset({"rep", "manager"})
REP: frozenset[Side] = frozenset({"rep"})
MANAGER: frozenset[Side] = frozenset({"manager"})
TRANSITIONS: dict[tuple[str, EventKind], Transition] = {
    ("shared", "discussed"): ({OPEN: MANAGER}, "discussed"),
    ("shared", "reopened"): ({"discussed": MANAGER}, OPEN),
    ("shared", "withdrawn"): ({OPEN: REP}, "withdrawn"),
    ("action", "done"): ({OPEN: BOTH}, "done"),
    ("action", "dropped"): ({OPEN: MANAGER}, "dropped"),
    ("action", "reopened"): ({"done": BOTH, "dropped": MANAGER}, OPEN),
    ("summary", "withdrawn"): ({OPEN: MANAGER}, "withdrawn"),
    ("recognition", "withdrawn"): ({OPEN: MANAGER}, "withdrawn"),
}
KIND_NAMES = {  # translated where they are said
    "shared": N_("a shared item"),
    "summary": N_("a summary"),
    "action": N_("an action"),
    "recognition": N_("a recognition"),
}
# Translators: the state an item of a shared space is in, or is marked as
STATE_NAMES = {
    "open": N_("open"),
    "discussed": N_("discussed"),
    "done": N_("done"),
    "reopened": N_("reopened"),
    "withdrawn": N_("withdrawn"),
    "dropped": N_("dropped"),
}
SIDE_NAMES = {"rep": N_("rep"), "manager": N_("manager")}


def _named(names: Mapping[str, str], key: str) -> str:
    return _(names[key]) if key in names else key


def replay_key(record: Record) -> tuple[int, str, str]:
    return (record.clock, record.id, record_path(record))


def may_write(side: Side, kind: str, event: EventKind) -> bool:
    """Whether a side may ever write this event on an item of this kind."""
    rule = TRANSITIONS.get((kind, event))
    return rule is not None and any(side in sides for sides in rule[0].values())


def refusal(side: Side, event: EventKind, item: ItemState) -> str | None:
    """Why `side` cannot write `event` on `item` now (None: it can)."""
    kind = item.item.kind
    rule = TRANSITIONS.get((kind, event))
    if rule is None or not may_write(side, kind, event):
        return _("the {side} side cannot mark {item} {event}").format(
            side=_named(SIDE_NAMES, side),
            item=_named(KIND_NAMES, kind),
            event=_named(STATE_NAMES, event),
        )
    sides = rule[0].get(item.status)
    if sides is None or side not in sides:
        return _("{item} that is {status} cannot be marked {event}").format(
            item=_named(KIND_NAMES, kind),
            status=_named(STATE_NAMES, item.status),
            event=_named(STATE_NAMES, event),
        )
    return None


@dataclass(frozen=True)
class ItemState:
    """An item and what became of it: its status and the events that changed it."""

    item: Item
    status: Status = OPEN
    events: tuple[StateEvent, ...] = ()

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def kind(self) -> str:
        return self.item.kind

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    def after(self, event: StateEvent) -> ItemState | None:
        """The item once `event` is applied, or None if it does not apply in this state."""
        if refusal(event.by, event.event, self) is not None:
            return None
        _sources, target = TRANSITIONS[(self.item.kind, event.event)]
        return ItemState(self.item, target, (*self.events, event))


@dataclass(frozen=True)
class SpaceState:
    """Every item of a space in replay order, the highest clock seen, and the files ignored."""

    items: Mapping[str, ItemState] = field(default_factory=lambda: MappingProxyType({}))
    clock: int = 0
    problems: tuple[Problem, ...] = ()

    def of_kind(self, kind: str, *, status: Status | None = None) -> list[ItemState]:
        return [
            item
            for item in self.items.values()
            if item.kind == kind and (status is None or item.status == status)
        ]

    def agenda(self) -> list[ItemState]:
        """What the rep shared and is not yet discussed (nor withdrawn), oldest first."""
        return self.of_kind("shared", status=OPEN)

    def open_actions(self, owner: Side | None = None) -> list[ItemState]:
        return [
            item
            for item in self.of_kind("action", status=OPEN)
            if owner is None or item.item.owner == owner  # type: ignore[union-attr]
        ]

    def summaries(self) -> list[ItemState]:
        """Summaries not withdrawn, newest 1:1 first."""
        kept = self.of_kind("summary", status=OPEN)
        return sorted(kept, key=lambda item: item.item.held, reverse=True)  # type: ignore[union-attr]

    def recognitions(self) -> list[ItemState]:
        return self.of_kind("recognition", status=OPEN)[::-1]

    def find(self, prefix: str) -> list[ItemState]:
        """Items whose id starts with `prefix` (what a person types: the first few characters)."""
        prefix = prefix.strip().lower()
        if not prefix:
            return []
        return [item for key, item in self.items.items() if key.startswith(prefix)]


def replay(records: Iterable[Record], problems: Iterable[Problem] = ()) -> SpaceState:
    """The state of a space holding these records (in any order: the result is the same)."""
    found = list(problems)
    items: dict[str, ItemState] = {}
    paths: dict[str, str] = {}
    events: list[StateEvent] = []
    clock = 0
    for record in sorted(records, key=replay_key):
        path = record_path(record)
        if record.id in paths:
            same = _("has the same id as {path}, ignored").format(path=paths[record.id])
            found.append(Problem(path, same))
            continue
        paths[record.id] = path
        clock = max(clock, record.clock)
        if isinstance(record, StateEvent):
            events.append(record)
        else:
            items[record.id] = ItemState(record)
    for event in events:
        problem = _apply(items, event)
        if problem:
            found.append(Problem(record_path(event), problem))
    ordered = dict(sorted(items.items(), key=lambda pair: replay_key(pair[1].item)))
    found.sort(key=lambda problem: (problem.path, problem.problem))
    return SpaceState(MappingProxyType(ordered), clock, tuple(found))


def _apply(items: dict[str, ItemState], event: StateEvent) -> str | None:
    """Apply one event in place; the problem if the event is not one its side may write."""
    target = items.get(event.item)
    if target is None:
        problem = _("refers to an item this space does not hold ({item}), ignored")
        return problem.format(item=event.item)
    if event.clock <= target.item.clock:
        return _("is older than the item it changes (its clock is not higher), ignored")
    if not may_write(event.by, target.kind, event.event):
        return _("the {side} side cannot mark {item} {event}, ignored").format(
            side=_named(SIDE_NAMES, event.by),
            item=_named(KIND_NAMES, target.kind),
            event=_named(STATE_NAMES, event.event),
        )
    changed = target.after(event)
    if changed is not None:
        items[event.item] = changed
    return None
