"""Reading the journal's entries into rows (`storage.rows`), for lists, filters and home.

Validating every entry with pydantic costs about a second at 10,000 entries, so views read
the journal through msgspec structs that mirror the stored records (unknown fields ignored)
and keep only what a list shows and a filter searches. Opening one entry still validates it
with the real model (`Journal.entry`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import msgspec

from companion.storage.rows import Indexed, sort_rows


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


def readable_rows(records: dict[str, msgspec.Raw], doc_ids: Iterable[str]) -> Indexed:
    """The rows and words of these records (skipping, with its problem, each record that
    cannot be read, so one bad record does not hide the rest). One record is decoded at a
    time: only what lists and searches need stays in memory, not every answer of every
    entry."""
    indexed = Indexed()
    for doc_id in doc_ids:
        try:
            entry = decode_entry(doc_id, records[doc_id])
        except msgspec.DecodeError as error:
            indexed.problems.append(str(error))
            continue
        indexed.add(doc_id, entry)
    indexed.rows = sort_rows(indexed.rows)
    return indexed


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


def newest_doc_ids(records: dict[str, msgspec.Raw], count: int) -> list[str]:
    """The `count` most recently added records: what a list shows first while the whole index
    is read (added order is date order but for imports)."""
    return sorted(records, key=int)[-count:] if count else []
