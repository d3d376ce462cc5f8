"""What the home screen says about the rep's progress: today, streak, last commitment."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NamedTuple

from companion.models.facts import ONE_DAY, JournalFacts, days_in_a_row

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday_number(name: str) -> int:
    """'friday' -> 4 (as date.weekday counts); ValueError for a name that is no weekday."""
    return WEEKDAYS.index(name.strip().lower())


def streak(facts: JournalFacts, today: date) -> int:
    """Consecutive days with a reflection, ending today (or yesterday, if today is still
    open): the facts' run of days, if it ends on one of them."""
    if facts.run_end is None:
        return 0
    end = date.fromisoformat(facts.run_end)
    if end > today:  # a reflection dated after today: count back from today
        days = facts.reflection_days
        return days_in_a_row(days, today) or days_in_a_row(days, today - ONE_DAY)
    return facts.run_length if end >= today - ONE_DAY else 0


class Progress(NamedTuple):
    done_today: bool
    streak: int
    reflections: int
    notes: int
    last_commitment: str | None
    last_commitment_day: date | None


def progress(facts: JournalFacts, today: date) -> Progress:
    at = facts.last_commitment_at
    return Progress(
        done_today=today.isoformat() in facts.reflection_days,
        streak=streak(facts, today),
        reflections=facts.reflections,
        notes=facts.notes,
        last_commitment=facts.last_commitment,
        last_commitment_day=at.date() if at else None,
    )


class WaitingDraft(NamedTuple):
    """A reflection begun and not saved: when it was last touched, how much is answered."""

    updated: datetime | None
    answered: int


def waiting_draft(raw: Any) -> WaitingDraft | None:
    """What home says of a reflection draft, read from its file's JSON as it is (home does
    not load the models); None if there is none or it is not a draft at all."""
    if not isinstance(raw, dict) or not isinstance(raw.get("answers"), dict):
        return None
    answered = sum(1 for value in raw["answers"].values() if value not in (None, "", []))
    try:
        updated = datetime.fromisoformat(str(raw.get("updated")))
    except ValueError:
        updated = None
    return WaitingDraft(updated, answered)
