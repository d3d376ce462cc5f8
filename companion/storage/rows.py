"""What views keep of the journal: a light row per entry, and where each record lies in the
journal file.

Light to import on purpose (no msgspec, no TinyDB): the journal view's first page and its
index cache are made of rows, and need not wait for the modules that read and write the
journal file. Home imports none of it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from companion.models.entry_text import commitment_of, search_text_of, summary_of

SUMMARY_WIDTH = 80


@dataclass(frozen=True, slots=True)
class Row:
    """What lists and filters need of one entry. Its words are searched apart (`Search`):
    kept here they were most of a big index's memory."""

    doc_id: str
    uid: str
    created: datetime
    kind: str
    tags: tuple[str, ...]
    summary: str

    @property
    def day(self) -> date:
        return self.created.date()


def row_to_json(row: Row) -> list[Any]:
    return [
        row.doc_id,
        row.uid,
        row.created.isoformat(),
        row.kind,
        list(row.tags),
        row.summary,
    ]


def row_from_json(data: list[Any]) -> Row:
    """A row as `row_to_json` wrote it. Kinds and tags repeat across thousands of rows, so
    they are interned: one string each, however many rows hold them."""
    doc_id, uid, created, kind, tags, summary = data
    return Row(
        str(doc_id),
        str(uid),
        datetime.fromisoformat(created),
        sys.intern(str(kind)),
        tuple(sys.intern(str(tag)) for tag in tags),
        str(summary),
    )


def row_of(doc_id: str, entry: Any) -> Row:
    """A row from a stored record's struct or from a validated entry model."""
    kind = str(entry.kind)
    return Row(
        doc_id=doc_id,
        uid=entry.uid,
        created=entry.created,
        kind=kind,
        tags=tuple(entry.tags),
        summary=summary_of(entry, SUMMARY_WIDTH),
    )


def words_of(entry: Any) -> str:
    """What a word search looks at in an entry, casefolded as queries are."""
    return search_text_of(entry).casefold()


@dataclass
class Indexed:
    """Entries read for lists and filters: rows oldest first, the words of each (by doc
    id), and what is wrong with each record that could not be read; and, for the facts,
    the commitment of each reflection that made one (by doc id)."""

    rows: list[Row] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    commitments: dict[str, str] = field(default_factory=dict)

    def add(self, doc_id: str, entry: Any) -> None:
        """One entry (a stored record's struct or a validated model): its row, its words,
        and a reflection's commitment. Rows do not keep the commitment: the journal view
        never shows it, and at 10,000 entries it was a megabyte of the view."""
        self.rows.append(row_of(doc_id, entry))
        self.words[doc_id] = words_of(entry)
        if str(entry.kind) == "reflection" and (commitment := commitment_of(entry.answers)):
            self.commitments[doc_id] = commitment


def sort_rows(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: row.created)


class Span(NamedTuple):
    """Where a record lies in the journal file: its first byte and its length."""

    start: int
    length: int


class Spans:
    """Where records lie in the journal file, by doc id. Each span is packed into one int:
    as a tuple each, they were a megabyte of a 10,000-entry journal view."""

    def __init__(self) -> None:
        self._packed: dict[str, int] = {}

    def __setitem__(self, doc_id: str, span: Span) -> None:
        self._packed[doc_id] = span.start << 32 | span.length

    def get(self, doc_id: str) -> Span | None:
        packed = self._packed.get(doc_id)
        return None if packed is None else Span(packed >> 32, packed & 0xFFFFFFFF)

    def __len__(self) -> int:
        return len(self._packed)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Spans) and self._packed == other._packed

    __hash__ = None  # type: ignore[assignment]  # mutable

    def only(self, doc_ids: Iterable[str]) -> Spans:
        """The spans of these records (those known)."""
        kept = Spans()
        kept._packed = {key: self._packed[key] for key in doc_ids if key in self._packed}
        return kept

    def to_json(self) -> dict[str, list[int]]:
        return {doc_id: list(divmod(packed, 1 << 32)) for doc_id, packed in self._packed.items()}

    @classmethod
    def from_json(cls, data: dict[str, list[int]]) -> Spans:
        spans = cls()
        for doc_id, (start, length) in data.items():
            spans[str(doc_id)] = Span(int(start), int(length))
        return spans

    def __or__(self, other: Spans) -> Spans:
        joined = Spans()
        joined._packed = {**self._packed, **other._packed}
        return joined
