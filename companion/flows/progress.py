"""What the home screen says about the rep's progress: today, streak, last commitment."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from companion.storage.facts import JournalFacts


def streak(days: frozenset[str] | set[str], today: date) -> int:
    """Consecutive days with a reflection, ending today (or yesterday, if today is still
    open); `days` are ISO dates."""
    day = today if today.isoformat() in days else today - timedelta(days=1)
    count = 0
    while day.isoformat() in days:
        count += 1
        day -= timedelta(days=1)
    return count


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
        streak=streak(facts.reflection_days, today),
        reflections=facts.reflections,
        notes=facts.notes,
        last_commitment=facts.last_commitment,
        last_commitment_day=at.date() if at else None,
    )
