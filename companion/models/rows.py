"""What lists show of an entry: one light row, made from the validated entry.

A row is a plain value (no pydantic): the journal view keeps thousands of them, and the
storage caches them per month (`storage.derived`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from companion.models.entry_text import search_text_of, summary_of

SUMMARY_WIDTH = 80


@dataclass(frozen=True, slots=True)
class Row:
    """What lists and filters need of one entry (its words are searched apart)."""

    uid: str
    created: datetime
    kind: str
    tags: tuple[str, ...]
    summary: str

    @property
    def day(self) -> date:
        return self.created.date()

    @property
    def month(self) -> str:
        """The entry's own local month, as its journal file is named: '2026-12'."""
        return f"{self.created.year:04d}-{self.created.month:02d}"

    def to_json(self) -> list[Any]:
        return [self.uid, self.created.isoformat(), self.kind, list(self.tags), self.summary]

    @classmethod
    def from_json(cls, data: list[Any]) -> Row:
        """A row as `to_json` wrote it; kinds and tags repeat, so they are interned."""
        uid, created, kind, tags, summary = data
        return cls(
            str(uid),
            datetime.fromisoformat(created),
            sys.intern(str(kind)),
            tuple(sys.intern(str(tag)) for tag in tags),
            str(summary),
        )


def row_of(entry: Any) -> Row:
    """The row of a validated entry."""
    return Row(
        uid=entry.uid,
        created=entry.created,
        kind=str(entry.kind),
        tags=tuple(entry.tags),
        summary=summary_of(entry, SUMMARY_WIDTH),
    )


def words_of(entry: Any) -> str:
    """What a word search looks at in an entry, casefolded as queries are, on one line."""
    return " ".join(search_text_of(entry).casefold().split())
