"""What lists, search and home need of the journal, derived per month file and cached.

The one rule of every cache: what is derived from a file is valid for that file's stamp. A
closed month never changes, so its part is read once and then only ever loaded:

    <cache>/journal/2026-12.txt  line 1: the stamp, the month's rows and its summary (JSON);
                                 then one line of words per row, searched as bytes
    <cache>/journal/summary.json every month's summary, each with the stamp it is valid for
    <cache>/journal/2026-12.points.json  the stamp and the month's progress points (JSON), read
                                 by the progress screen only, so lists never load them

Both are copies: deleting them costs a read of the journal, never data.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import orjson

from companion.files.atomic import atomic_write_bytes, private_folder
from companion.files.cache import Stamp, write_cache
from companion.models.entry_text import commitment_of
from companion.models.facts import JournalFacts, days_in_a_row
from companion.models.progress import Point, point_of
from companion.models.rows import row_of, words_of

if TYPE_CHECKING:
    from companion.models.journal import Entry

VERSION = 2  # 2: a reflection's row summary shows its energy, win and tags
RawRow = list[Any]  # Row.to_json(): [uid, created, kind, tags, summary]
RawPoint = list[Any]  # Point.to_json()


class Summary(NamedTuple):
    """What home needs of one month."""

    count: int = 0
    reflections: int = 0
    days: tuple[str, ...] = ()  # ISO days with a reflection
    commitment: tuple[str, str] | None = None  # (created, text) of the month's last one
    problems: tuple[str, ...] = ()  # one line per record that cannot be read

    @classmethod
    def from_json(cls, data: list[Any]) -> Summary:
        count, reflections, days, commitment, problems = data
        return cls(
            int(count),
            int(reflections),
            tuple(map(str, days)),
            (str(commitment[0]), str(commitment[1])) if commitment else None,
            tuple(map(str, problems)),
        )


class Month(NamedTuple):
    """One month's rows (oldest first), the words of each, and its summary; and its
    progress points, when it was read from the journal (not kept in its cache file)."""

    rows: list[RawRow]
    words: list[bytes]
    summary: Summary
    points: list[RawPoint] | None = None


def derive(entries: Iterable[Entry], problems: Iterable[str]) -> Month:
    ordered = sorted(entries, key=lambda entry: entry.created)
    reflections = [entry for entry in ordered if entry.kind == "reflection"]
    committed = [(e.created, c) for e in reflections if (c := commitment_of(e.answers))]
    last = max(committed, key=lambda pair: pair[0], default=None)
    summary = Summary(
        count=len(ordered),
        reflections=len(reflections),
        days=tuple(sorted({entry.day.isoformat() for entry in reflections})),
        commitment=(last[0].isoformat(), last[1]) if last else None,
        problems=tuple(problems),
    )
    words = [words_of(entry).encode() for entry in ordered]
    points = [point_of(entry).to_json() for entry in ordered]
    return Month([row_of(entry).to_json() for entry in ordered], words, summary, points)


def facts_of(summaries: Iterable[Summary], run: tuple[str | None, int] | None) -> JournalFacts:
    """Home's facts from every month's summary (`run`: the streak, if already counted)."""
    summaries = list(summaries)
    days = frozenset(day for summary in summaries for day in summary.days)
    commitments = [s.commitment for s in summaries if s.commitment]
    last = max(commitments, key=lambda c: datetime.fromisoformat(c[0]), default=None)
    if run is None:
        end = max(days, default=None)
        run = (end, days_in_a_row(days, end))
    reflections = sum(summary.reflections for summary in summaries)
    return JournalFacts(
        reflection_days=days,
        reflections=reflections,
        notes=sum(summary.count for summary in summaries) - reflections,
        last_commitment=last[1] if last else None,
        last_commitment_at=datetime.fromisoformat(last[0]) if last else None,
        unreadable=tuple(problem for summary in summaries for problem in summary.problems),
        run_end=run[0],
        run_length=run[1],
    )


# A month as read from the journal, and the stamp of the file it was read from (None if the
# file changed while it was read: then nothing is cached).
ReadMonth = Callable[[str], tuple[Month, Stamp | None]]


class Derived:
    """The derived files of one journal, in `folder`."""

    def __init__(self, folder: Path, read_month: ReadMonth) -> None:
        self.folder = folder
        self.read_month = read_month
        self._summaries: tuple[Any, dict[str, Summary], JournalFacts] | None = None

    def _month_path(self, month: str) -> Path:
        return self.folder / f"{month}.txt"

    def _points_path(self, month: str) -> Path:
        return self.folder / f"{month}.points.json"

    def month(self, month: str, stamp: Stamp) -> Month:
        """One month's rows, words and summary: from its cache if that is of this stamp."""
        cached = self._load_month(month, stamp)
        if cached is not None:
            return cached
        return self._read(month)

    def _read(self, month: str) -> Month:
        """A month read from the journal, and both its caches written (if it did not change
        while it was read)."""
        data, read_stamp = self.read_month(month)
        if read_stamp is not None:
            header = {"v": VERSION, "stamp": read_stamp, "rows": data.rows, "s": list(data.summary)}
            with contextlib.suppress(OSError):
                private_folder(self.folder)
                body = b"\n".join([orjson.dumps(header), *data.words])
                atomic_write_bytes(self._month_path(month), body, durable=False)
            points = {"v": VERSION, "stamp": read_stamp, "points": data.points}
            write_cache(self._points_path(month), points)
        return data

    def points(self, month: str, stamp: Stamp) -> list[Point]:
        """One month's progress points, oldest first: from their cache if it is of this
        stamp (and reads), else the month is read again."""
        try:
            document = orjson.loads(self._points_path(month).read_bytes())
            if document["v"] == VERSION and tuple(document["stamp"]) == stamp:
                return [Point.from_json(raw) for raw in document["points"]]
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return [Point.from_json(raw) for raw in self._read(month).points or []]

    def _load_month(self, month: str, stamp: Stamp) -> Month | None:
        try:
            raw = self._month_path(month).read_bytes()
            head, _newline, words = raw.partition(b"\n")
            header = orjson.loads(head)
            if header["v"] != VERSION or tuple(header["stamp"]) != stamp:
                return None
            rows = header["rows"]
            lines = words.split(b"\n") if rows else []
            if len(lines) != len(rows):
                return None
            return Month(rows, lines, Summary.from_json(header["s"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def summaries(self, stamps: Mapping[str, Stamp]) -> tuple[dict[str, Summary], JournalFacts]:
        """Every month's summary, and home's facts of them all; only a month whose file
        changed since its summary was cached is read again."""
        key = tuple(sorted(stamps.items()))
        if self._summaries is not None and self._summaries[0] == key:
            return self._summaries[1], self._summaries[2]
        saved, run = self._load_summaries()
        result: dict[str, Summary] = {}
        parts: dict[str, list[Any]] = {}
        for month, stamp in stamps.items():
            part = saved.get(month)
            if part is not None and tuple(part[0]) == stamp:
                result[month] = Summary.from_json(part[1])
                parts[month] = part
                continue
            result[month] = self.month(month, stamp).summary
            parts[month] = [stamp, list(result[month])]
            run = None
        if set(saved) != set(stamps):
            run = None
        facts = facts_of(result.values(), run)
        if run is None:
            document = {"v": VERSION, "months": parts, "run": [facts.run_end, facts.run_length]}
            write_cache(self.folder / "summary.json", document)
        self._summaries = (key, result, facts)
        return result, facts

    def _load_summaries(self) -> tuple[dict[str, list[Any]], tuple[str | None, int] | None]:
        try:
            document = orjson.loads((self.folder / "summary.json").read_bytes())
            if document["v"] != VERSION:
                return {}, None
            end, length = document["run"]
            return dict(document["months"]), (end, int(length))
        except (OSError, ValueError, KeyError, TypeError):
            return {}, None


class RowQuery(Protocol):
    """What a query gives storage to choose rows by (flows' JournalQuery is one)."""

    words: tuple[str, ...]
    tags: tuple[str, ...]
    since: date | None
    until: date | None
    kinds: tuple[str, ...]

    @property
    def is_empty(self) -> bool: ...


def month_in_range(month: str, query: RowQuery) -> bool:
    """Whether a month may hold entries the query's dates keep."""
    if query.since and month < f"{query.since.year:04d}-{query.since.month:02d}":
        return False
    return not (query.until and month > f"{query.until.year:04d}-{query.until.month:02d}")


def row_filter(query: RowQuery) -> Callable[[Sequence[RawRow], Sequence[bytes]], list[int]]:
    """The positions of the raw rows (and their words) that the query keeps, in order,
    without building a Row. Each test is one pass over the rows still kept, a comprehension
    rather than a call per row: a filter runs over every row on every key pressed."""
    since = query.since.isoformat() if query.since else None
    until = query.until.isoformat() if query.until else None
    tags, kinds = set(query.tags), set(query.kinds)
    needles = sorted((word.encode() for word in query.words), key=len, reverse=True)

    def kept(rows: Sequence[RawRow], words: Sequence[bytes]) -> list[int]:
        chosen: Iterable[int] = range(len(rows))
        if since:  # row[1][:10]: the local date of an ISO time as written
            chosen = [i for i in chosen if rows[i][1][:10] >= since]
        if until:
            chosen = [i for i in chosen if rows[i][1][:10] <= until]
        if kinds:
            chosen = [i for i in chosen if rows[i][2] in kinds]
        if tags:
            chosen = [i for i in chosen if tags.issubset(rows[i][3])]
        for needle in needles:
            chosen = [i for i in chosen if needle in words[i]]
        return list(chosen)

    return kept
