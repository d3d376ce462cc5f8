"""What home shows of the journal: days reflected, counts, the last commitment."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import NamedTuple

ONE_DAY = timedelta(days=1)


class JournalFacts(NamedTuple):
    reflection_days: frozenset[str] = frozenset()  # ISO dates, "2026-11-24"
    reflections: int = 0
    notes: int = 0
    last_commitment: str | None = None
    last_commitment_at: datetime | None = None
    unreadable: tuple[str, ...] = ()  # one line for each record that cannot be read
    # the last day with a reflection, and how many days in a row end on it: home's streak
    run_end: str | None = None
    run_length: int = 0


def days_in_a_row(days: frozenset[str], end: str | date | None) -> int:
    """How many days in a row, ending on `end`, are in `days` (ISO dates)."""
    if end is None:
        return 0
    day = date.fromisoformat(end) if isinstance(end, str) else end
    count = 0
    while day.isoformat() in days:
        count += 1
        day -= ONE_DAY
    return count
