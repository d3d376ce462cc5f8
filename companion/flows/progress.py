"""What the home screen says about the rep's progress: today, streak, last commitment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from companion.models.journal import Entry, Reflection


def streak(days: set[date], today: date) -> int:
    """Consecutive days with a reflection, ending today (or yesterday, if today is still open)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


@dataclass(frozen=True)
class Progress:
    done_today: bool
    streak: int
    reflections: int
    notes: int
    last_commitment: str | None
    last_commitment_day: date | None


def progress(entries: Sequence[Entry], today: date) -> Progress:
    reflections = [e for e in entries if isinstance(e, Reflection)]
    days = {r.day for r in reflections}
    committed = [r for r in reflections if r.commitment]
    last = max(committed, key=lambda r: r.created, default=None)
    return Progress(
        done_today=today in days,
        streak=streak(days, today),
        reflections=len(reflections),
        notes=len(entries) - len(reflections),
        last_commitment=last.commitment if last else None,
        last_commitment_day=last.day if last else None,
    )
