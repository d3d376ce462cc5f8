"""What home shows a manager about the team: the actions still open, those past their due
date, and who has had no 1:1 for longer than the setting `one_on_one_every_days`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from companion.flows.actions import is_overdue
from companion.models.coaching import Action, OneOnOne, Person


@dataclass(frozen=True)
class Overdue:
    person: str
    action: Action  # open, its due date passed: `flows.actions.due_phrase` says since when

    @property
    def text(self) -> str:
        return self.action.text


@dataclass(frozen=True)
class Waiting:
    """Someone whose last 1:1 is `days` ago (None: none yet)."""

    person: str
    days: int | None


@dataclass(frozen=True)
class TeamGlance:
    people: int
    open_actions: int
    overdue: tuple[Overdue, ...]  # the longest overdue first
    waiting: tuple[Waiting, ...]  # the longest waiting first, those with none yet last

    @property
    def empty(self) -> bool:
        return not self.people


def team_glance(
    people: Iterable[Person],
    actions: Iterable[Action],
    one_on_ones: Iterable[OneOnOne],
    today: date,
    every_days: int,
) -> TeamGlance:
    everyone = list(people)
    names = {person.uid: person.name for person in everyone}
    open_actions = [action for action in actions if action.status == "open"]
    overdue = sorted(
        (
            Overdue(names.get(action.person_uid, "?"), action)
            for action in open_actions
            if is_overdue(action, today)
        ),
        key=lambda found: found.action.due or today,
    )
    last: dict[str, date] = {}
    for record in one_on_ones:
        day = record.finished.date()
        last[record.person_uid] = max(day, last.get(record.person_uid, day))
    waiting = []
    for person in everyone:
        seen = last.get(person.uid)
        days = (today - seen).days if seen is not None else None
        if days is None or days > every_days:
            waiting.append(Waiting(person.name, days))
    waiting.sort(key=lambda w: (w.days is None, -(w.days or 0), w.person.casefold()))
    return TeamGlance(len(everyone), len(open_actions), tuple(overdue), tuple(waiting))
