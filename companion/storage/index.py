"""The journal index: one light row per entry, for lists, filters and the home screen.

Validating every entry with pydantic costs about a second at 10,000 entries, so views read
the journal through msgspec structs that mirror the stored records (unknown fields ignored)
and keep only what a list shows and a filter searches. Opening one entry still validates it
with the real model (`Journal.entry`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import msgspec

from companion.models.entry_text import commitment_of, search_text_of, summary_of

SUMMARY_WIDTH = 80


class _Answer(msgspec.Struct):
    kind: str = "text"
    prompt: str = ""
    value: Any = None
    scale_max: int | None = None


class _Review(msgspec.Struct):
    text: str = ""
    kept: str | None = None


class _Entry(msgspec.Struct):
    uid: str
    created: datetime
    kind: str
    tags: list[str] = []
    text: str = ""
    title: str = ""
    answers: list[_Answer] = []
    review: _Review | None = None


_DECODE_ONE = msgspec.json.Decoder(_Entry)


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
    commitment: str | None

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
        row.commitment,
    ]


def row_from_json(data: list[Any]) -> Row:
    """A row as `row_to_json` wrote it. Kinds and tags repeat across thousands of rows, so
    they are interned: one string each, however many rows hold them."""
    doc_id, uid, created, kind, tags, summary, commitment = data
    return Row(
        str(doc_id),
        str(uid),
        datetime.fromisoformat(created),
        sys.intern(str(kind)),
        tuple(sys.intern(str(tag)) for tag in tags),
        str(summary),
        None if commitment is None else str(commitment),
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
        commitment=commitment_of(entry.answers) if kind == "reflection" else None,
    )


def words_of(entry: Any) -> str:
    """What a word search looks at in an entry, casefolded as queries are."""
    return search_text_of(entry).casefold()


@dataclass
class Indexed:
    """Entries read for lists and filters: rows oldest first, the words of each (by doc
    id), and what is wrong with each record that could not be read."""

    rows: list[Row]
    words: dict[str, str]
    problems: list[str]


def readable_rows(records: dict[str, msgspec.Raw], doc_ids: Iterable[str]) -> Indexed:
    """The rows and words of these records (skipping, with its problem, each record that
    cannot be read, so one bad record does not hide the rest). One record is decoded at a
    time: only what lists and searches need stays in memory, not every answer of every
    entry."""
    rows, words, problems = [], {}, []
    for doc_id in doc_ids:
        try:
            entry = decode_entry(doc_id, records[doc_id])
        except msgspec.DecodeError as error:
            problems.append(str(error))
            continue
        rows.append(row_of(doc_id, entry))
        words[doc_id] = words_of(entry)
    return Indexed(sort_rows(rows), words, problems)


def unreadable_records(records: dict[str, msgspec.Raw]) -> list[str]:
    """What is wrong with each record a view could not read (none decoded to keep)."""
    problems = []
    for doc_id, raw in records.items():
        try:
            decode_entry(doc_id, raw)
        except msgspec.DecodeError as error:
            problems.append(str(error))
    return problems


def decode_entry(doc_id: str, raw: msgspec.Raw) -> Any:
    """One stored entry, shaped like the model, for reading (not validated); a record that
    cannot be read raises msgspec.DecodeError naming it."""
    try:
        return _DECODE_ONE.decode(raw)
    except msgspec.DecodeError as error:
        raise msgspec.DecodeError(f"record {doc_id} is invalid ({error})") from error


def sort_rows(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: row.created)


def newest_doc_ids(records: dict[str, msgspec.Raw], count: int) -> list[str]:
    """The `count` most recently added records: what a list shows first while the whole index
    is read (added order is date order but for imports)."""
    return sorted(records, key=int)[-count:] if count else []
