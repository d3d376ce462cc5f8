"""Journal facts for the home screen (days reflected, counts, last commitment), cached.

The home screen is the first thing drawn at every start, so it must not wait for the whole
journal to be read. The facts are kept in <home>/cache/facts.json, stamped with the journal
file's size, mtime and inode; `Journal.add` brings them up to date as it writes, and anything
else that changes the journal (another tool, a restore) makes the stamp stale, so the facts
are computed again from the index. The cache is only ever a copy: losing it loses nothing.

The rows of the newest entries, which the journal view shows first, are cached the same way
in <home>/cache/newest.json, so that the view need not read a journal of megabytes before
its first frame.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from companion.storage.cache import StampedCache

if TYPE_CHECKING:  # rows are read for the journal view and on writes, not to draw home
    from companion.storage.rows import Row, Spans

Stamp = tuple[int, int, int]
ONE_DAY = timedelta(days=1)


def stamp_of(path: Path) -> Stamp | None:
    try:
        return stamp_from(path.stat())
    except FileNotFoundError:
        return None


def stamp_from(info: os.stat_result) -> Stamp:
    """A file's size, mtime and inode: they change whenever it is written or replaced."""
    return (info.st_size, info.st_mtime_ns, info.st_ino)


class JournalFacts(NamedTuple):
    """What home shows of the journal. A NamedTuple: defining a frozen dataclass of this
    size took a millisecond of every start."""

    # ISO dates ("2026-11-24"), as the cache keeps them: with years of days, turning each
    # into a date and back was a millisecond or two of every write
    reflection_days: frozenset[str] = frozenset()
    reflections: int = 0
    notes: int = 0
    last_commitment: str | None = None
    last_commitment_at: datetime | None = None
    unreadable: tuple[str, ...] = ()  # what is wrong with each entry record that cannot be read
    kept_as: str | None = None  # the copy kept before the first write over unreadable records
    # the last day with a reflection, and how many days in a row end on it: home's streak,
    # kept instead of counted back through the days at every start (years of daily use)
    run_end: str | None = None
    run_length: int = 0
    # so that opening the journal need not read it all
    schema_version: int | None = None
    # the highest doc id in 'entries', so that adding one need not decode every record
    last_doc_id: int | None = None

    @classmethod
    def of(
        cls,
        rows: Iterable[Row],
        commitments: Mapping[str, str],
        unreadable: Iterable[str] = (),
        schema_version: int | None = None,
    ) -> JournalFacts:
        """The facts of a whole journal (`commitments` by doc id): what `plus` gives row by
        row, without a new set of days for each (that made 10,000 entries take 130 ms)."""
        rows = list(rows)
        reflected = [row for row in rows if row.kind == "reflection"]
        last = None
        for row in reflected:
            if commitments.get(row.doc_id) and (last is None or row.created >= last.created):
                last = row
        days = frozenset(row.day.isoformat() for row in reflected)
        run_end = max(days, default=None)
        return cls(
            reflection_days=days,
            run_end=run_end,
            run_length=days_in_a_row(days, run_end),
            reflections=len(reflected),
            notes=len(rows) - len(reflected),
            last_commitment=commitments[last.doc_id] if last else None,
            last_commitment_at=last.created if last else None,
            unreadable=tuple(unreadable),
            schema_version=schema_version,
        )

    def plus(self, row: Row, commitment: str | None = None) -> JournalFacts:
        """The facts once `row` (a reflection with this commitment, or none) is in the
        journal too."""
        last_doc_id = self.last_doc_id
        if last_doc_id is not None:
            last_doc_id = max(last_doc_id, int(row.doc_id))
        if row.kind != "reflection":
            return self._replace(notes=self.notes + 1, last_doc_id=last_doc_id)
        days = self.reflection_days | {row.day.isoformat()}
        run_end, run_length = self._run_with(row.day, days)
        facts = self._replace(
            reflections=self.reflections + 1,
            reflection_days=days,
            run_end=run_end,
            run_length=run_length,
            last_doc_id=last_doc_id,
        )
        newer = self.last_commitment_at is None or row.created >= self.last_commitment_at
        if commitment and newer:
            facts = facts._replace(last_commitment=commitment, last_commitment_at=row.created)
        return facts

    def _run_with(self, day: date, days: frozenset[str]) -> tuple[str | None, int]:
        """The run of days once a reflection on `day` is added (`days` has it)."""
        end, text = self.run_end, day.isoformat()
        if end is None or text > end:
            follows = end is not None and date.fromisoformat(end) + ONE_DAY == day
            return text, self.run_length + 1 if follows else 1
        if text in self.reflection_days:
            return end, self.run_length
        return end, days_in_a_row(days, end)  # a day filled in before the last one

    def to_json(self) -> dict[str, Any]:
        return {
            "reflection_days": sorted(self.reflection_days),
            "run_end": self.run_end,
            "run_length": self.run_length,
            "reflections": self.reflections,
            "notes": self.notes,
            "last_commitment": self.last_commitment,
            "last_commitment_at": (
                self.last_commitment_at.isoformat() if self.last_commitment_at else None
            ),
            "unreadable": list(self.unreadable),
            "kept_as": self.kept_as,
            "schema_version": self.schema_version,
            "last_doc_id": self.last_doc_id,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JournalFacts:
        at = data["last_commitment_at"]
        days = frozenset(map(str, data["reflection_days"]))
        # absent from the cache of an older Companion: counted once from the days
        run_end = data["run_end"] if "run_end" in data else max(days, default=None)
        run_length = data["run_length"] if "run_length" in data else days_in_a_row(days, run_end)
        return cls(
            reflection_days=days,
            run_end=None if run_end is None else str(run_end),
            run_length=int(run_length),
            reflections=int(data["reflections"]),
            notes=int(data["notes"]),
            last_commitment=data["last_commitment"],
            last_commitment_at=datetime.fromisoformat(at) if at else None,
            unreadable=tuple(str(problem) for problem in data["unreadable"]),
            kept_as=data["kept_as"],
            schema_version=data["schema_version"],
            last_doc_id=_optional_int(data.get("last_doc_id")),
        )


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


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def facts_cache(path: Path) -> StampedCache[JournalFacts]:
    return StampedCache(path, JournalFacts.to_json, JournalFacts.from_json)


class Newest(NamedTuple):
    """The rows of the entries added last (what the journal view shows first), their words
    (by doc id) and how many entries there are in all."""

    rows: tuple[Row, ...]
    total: int
    words: Mapping[str, str]
    spans: Spans  # where their records lie in the journal file

    def plus(
        self, added: Iterable[Row], words: Mapping[str, str], spans: Spans, keep: int
    ) -> Newest:
        """With rows added: the `keep` added last (highest doc ids), in date order."""
        from companion.storage.rows import sort_rows

        added = tuple(added)
        last = sorted(self.rows + added, key=lambda row: int(row.doc_id))[-keep:]
        known = {**self.words, **words}
        kept = [row.doc_id for row in last]
        return Newest(
            tuple(sort_rows(last)),
            self.total + len(added),
            {doc_id: known[doc_id] for doc_id in kept},
            (self.spans | spans).only(kept),
        )

    def to_json(self) -> dict[str, Any]:
        from companion.storage.rows import row_to_json

        return {
            "total": self.total,
            "rows": [row_to_json(row) for row in self.rows],
            "words": dict(self.words),
            "spans": self.spans.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Newest:
        from companion.storage.rows import Spans, row_from_json

        rows = tuple(row_from_json(row) for row in data["rows"])
        words = {row.doc_id: str(data["words"][row.doc_id]) for row in rows}
        return cls(rows, int(data["total"]), words, Spans.from_json(data["spans"]))


def newest_cache(path: Path) -> StampedCache[Newest]:
    return StampedCache(path, Newest.to_json, Newest.from_json)
