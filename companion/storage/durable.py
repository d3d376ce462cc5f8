"""A TinyDB storage that reads the file afresh every time and replaces it atomically on write.

TinyDB's own JSONStorage keeps a handle open and rewrites the file in place, so a crash or a
second process can leave it half written. This one never writes in place, and never keeps a
handle that could go on seeing an old file.

Reading is lazy: the file is split into its tables (and the entries table into its records)
as raw JSON, and only what a caller touches is decoded. Adding one entry to a journal of tens
of thousands therefore copies bytes instead of decoding and re-encoding every record.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import orjson
from tinydb.storages import Storage

from companion.errors import RESTORE_HINT, CorruptJournal
from companion.storage.atomic import atomic_write_bytes
from companion.storage.rows import Indexed, Span, Spans

if TYPE_CHECKING:
    from companion.storage.facts import JournalFacts, Stamp

_RAW_MEMBERS = msgspec.json.Decoder(dict[str, msgspec.Raw])  # an object, members left raw
_EMPTY_OBJECT = re.compile(rb"\{\s*\}")
_BLANKS = (b" ", b"\n", b"\r", b"\t")  # one byte each: a slice past the end is b"", not in it


def _member_key(name: str) -> bytes:
    """b'"name":', as a table or a record begins in the file: what is written, and what is
    looked for."""
    return orjson.dumps(name) + b":"


def parse_journal_bytes(path: Path, raw: bytes) -> dict[str, Any]:
    """The journal's tables, fully decoded, or a CorruptJournal naming the file and what is
    wrong (with the line and column of a syntax error)."""
    if not raw.strip():
        raise CorruptJournal(path, "the journal file is empty", RESTORE_HINT)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise CorruptJournal(
            path, f"not valid JSON at line {error.lineno}, column {error.colno}", RESTORE_HINT
        ) from error
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise CorruptJournal(path, "not a Companion journal (expected tables of records)")
    return data


def split_tables(path: Path, raw: bytes) -> Tables:
    """The journal's tables, each still raw JSON. Checks what a write must not carry forward:
    an empty file, invalid UTF-8, broken JSON, a shape that is not tables of records."""
    if not raw.strip():
        raise CorruptJournal(path, "the journal file is empty", RESTORE_HINT)
    try:
        if not raw.isascii():
            raw.decode("utf-8")
        tables = _RAW_MEMBERS.decode(raw)
        shapes_ok = all(bytes(memoryview(t)[:1]) == b"{" for t in tables.values())
    except (UnicodeDecodeError, msgspec.DecodeError):
        parse_journal_bytes(path, raw)  # for the line and column of what is wrong
        raise CorruptJournal(path, "not valid JSON", RESTORE_HINT) from None
    if not shapes_ok:
        raise CorruptJournal(path, "not a Companion journal (expected tables of records)")
    return Tables(path, tables, source=raw)


class Tables(dict[str, Any]):
    """Tables by name, each raw JSON until it is first read (TinyDB reads `tables[name]`).

    `records(name)` gives one table as raw records instead, so a record can be added or
    removed without decoding the others, and `append` adds one without even that. Writing
    copies untouched parts back byte for byte, straight from the file as it was read.
    """

    def __init__(self, path: Path, tables: dict[str, Any], source: bytes = b"") -> None:
        super().__init__(tables)
        self.path = path
        self.source = source  # the file the raw tables are parts of
        self.decoded: set[str] = set()  # tables TinyDB read or wrote (records() does not count)
        # where records lie in the file as last written, those whose place `chunks` knows
        # (the records of tables taken with records() or appended to): {table: spans}
        self.written_spans: dict[str, Spans] = {}

    def __setitem__(self, name: str, value: Any) -> None:
        self.decoded.add(name)
        super().__setitem__(name, value)

    def __getitem__(self, name: str) -> dict[str, Any]:
        value = _unappended(super().__getitem__(name))
        if isinstance(value, msgspec.Raw):
            value = self._decode(name, memoryview(value))
        elif _holds_raw_records(value):
            value = {key: orjson.loads(memoryview(doc)) for key, doc in value.items()}
        else:
            return value
        self[name] = value
        return value

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        return self[name] if name in self else default  # noqa: SIM401 (decodes lazily)

    def records(self, name: str, check_keys: bool = True) -> dict[str, msgspec.Raw]:
        """One table as {doc id: raw record}, created if missing; changes to it are kept.
        A key that is not a doc id is a CorruptJournal, unless `check_keys` is False (for
        doctor and recovery, which name such records and set them aside)."""
        value = _unappended(super().get(name))
        if value is None:
            value = {}
        elif isinstance(value, msgspec.Raw):
            value = _RAW_MEMBERS.decode(value)
        elif value and not _holds_raw_records(value):
            value = {key: msgspec.Raw(orjson.dumps(doc)) for key, doc in value.items()}
        super().__setitem__(name, value)
        if check_keys:
            self._check_keys(name, value)
        return value

    def append(self, name: str, record: bytes, last_doc_id: int | None) -> str:
        """Add one record to a table; returns its doc id (one more than the highest, as
        TinyDB does). While the table is still raw and its highest doc id is known (the
        journal's cached facts keep it), the record is only written after the others: they
        are not even split apart."""
        table = super().get(name)
        if (
            isinstance(table, msgspec.Raw)
            and last_doc_id is not None
            and last_member_is(table, str(last_doc_id))
        ):
            table = _Appended(table, last_doc_id)
        if isinstance(table, _Appended):
            doc_id = str(table.last_doc_id + 1)
            table.add(doc_id, record)
            super().__setitem__(name, table)
            return doc_id
        records = self.records(name)
        doc_id = str(last_doc_id_of(records) + 1)
        records[doc_id] = msgspec.Raw(record)
        return doc_id

    def _decode(self, name: str, raw: memoryview) -> dict[str, Any]:
        try:
            table = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise CorruptJournal(self.path, f"table '{name}' is not valid JSON") from error
        if not isinstance(table, dict):
            raise CorruptJournal(self.path, f"table '{name}' is not a table of records")
        self._check_keys(name, table)
        return table

    def _check_keys(self, name: str, records: dict[str, Any]) -> None:
        """TinyDB addresses records by number: any other key is one line, not a traceback."""
        odd = next((key for key in records if not is_doc_id(key)), None)
        if odd is not None:
            raise CorruptJournal(self.path, odd_key_problem(name, odd), RESTORE_HINT)

    def chunks(self) -> list[bytes | memoryview]:
        """The whole file as a list of buffers; raw parts are views of the file as read.
        Notes where the records it places will lie (`written_spans`)."""
        parts: list[bytes | memoryview] = [b"{"]
        for index, (name, table) in enumerate(dict.items(self)):
            parts.append((b"," if index else b"") + _member_key(name))
            start = sum(len(part) for part in parts)
            if isinstance(table, _Appended):
                self.written_spans[name] = table.spans(start)
                parts.extend(table.chunks())
            elif isinstance(table, msgspec.Raw):
                parts.append(memoryview(table))
            elif _holds_raw_records(table):
                self.written_spans[name], encoded = _raw_records_encoded(table, start)
                parts.append(encoded)
            else:
                parts.append(orjson.dumps(table))
        parts.append(b"}")
        return parts


LAST_MEMBER_WINDOW = 256 * 1024  # a last record longer than this is found the slow way


def last_member_is(table: msgspec.Raw, doc_id: str) -> bool:
    """Whether the raw table's last record has this doc id, the highest as the cached facts
    say. Found from the end: the last `"doc id":` in the table's tail must be followed by
    exactly one JSON value and the table's closing brace. Inside a string every quote is
    escaped, and a key nested in the last record or followed by another record leaves more
    than one value; so a stale cache is caught before its id is used, at the cost of the
    tail, not a search of the whole file. (Ids only grow as records are added: TinyDB takes
    the highest plus one, and the facts are computed from the highest.)"""
    tail = bytes(memoryview(table)[-LAST_MEMBER_WINDOW:]).rstrip(b"".join(_BLANKS))
    key = _member_key(doc_id)
    found = tail.rfind(key)
    if found == -1 or not tail.endswith(b"}"):
        return False
    value = tail[found + len(key) : -1]  # up to the table's closing brace
    try:
        msgspec.json.decode(value, type=msgspec.Raw)
    except msgspec.DecodeError:
        return False
    return True


class _Appended:
    """A raw table and the records added after its last one, kept apart until written."""

    def __init__(self, raw: msgspec.Raw, last_doc_id: int) -> None:
        self.raw = raw
        self.last_doc_id = last_doc_id
        self.added: list[tuple[str, bytes]] = []  # (doc id, record)

    def add(self, doc_id: str, record: bytes) -> None:
        self.added.append((doc_id, record))
        self.last_doc_id = int(doc_id)

    def _members(self) -> list[bytes]:
        """Each added record as the table writes it: b',"doc id":record' (no comma first
        if the table was empty)."""
        members = [b"," + _member_key(doc_id) + record for doc_id, record in self.added]
        if _EMPTY_OBJECT.fullmatch(memoryview(self.raw)) is not None:
            members[0] = members[0][1:]
        return members

    def chunks(self) -> list[bytes | memoryview]:
        return [memoryview(self.raw)[:-1], b"".join(self._members()), b"}"]

    def spans(self, start: int) -> Spans:
        """Where each added record lies once the table is written from byte `start`."""
        at = start + len(memoryview(self.raw)) - 1
        spans = Spans()
        for (doc_id, record), member in zip(self.added, self._members(), strict=True):
            at += len(member)
            spans[doc_id] = Span(at - len(record), len(record))
        return spans

    def joined(self) -> msgspec.Raw:
        return msgspec.Raw(b"".join(self.chunks()))


def _raw_records_encoded(records: dict[str, msgspec.Raw], start: int) -> tuple[Spans, bytes]:
    """A table of raw records as JSON written from byte `start`, and where each lies."""
    spans, parts, at = Spans(), [b"{"], start + 1
    for index, (doc_id, raw) in enumerate(records.items()):
        key = (b"," if index else b"") + _member_key(doc_id)
        at += len(key)
        spans[doc_id] = Span(at, len(memoryview(raw)))
        at += len(memoryview(raw))
        parts += [key, memoryview(raw)]
    parts.append(b"}")
    return spans, b"".join(parts)


def record_spans(source: bytes, records: dict[str, msgspec.Raw]) -> Spans:
    """Where each record of a table read from `source` lies in it, found in the order the
    records were read; each is checked byte for byte. Stops at a record it cannot place
    (say, a hand-edited file with a space before a colon): those are read the slow way."""
    spans, view = Spans(), memoryview(source)
    at = 0
    for doc_id, raw in records.items():
        body = memoryview(raw)
        key = _member_key(doc_id)
        found = source.find(key, at)
        while found != -1:
            start = found + len(key)
            while source[start : start + 1] in _BLANKS:
                start += 1
            if view[start : start + len(body)] == body:
                break
            found = source.find(key, found + 1)
        if found == -1:
            break
        spans[doc_id] = Span(start, len(body))
        at = start + len(body)
    return spans


def _unappended(table: Any) -> Any:
    return table.joined() if isinstance(table, _Appended) else table


def is_doc_id(key: str) -> bool:
    return key.isascii() and key.isdigit()


def odd_key_problem(table: str, key: str) -> str:
    return f"record {key!r} in '{table}' has a key that is not a number"


def last_doc_id_of(records: dict[str, Any]) -> int:
    """The highest doc id of a table (0 if empty); TinyDB's keys are integers."""
    return max(map(int, records), default=0)


def _holds_raw_records(table: Any) -> bool:
    """A table taken with `records()`: its records are still raw JSON."""
    return bool(table) and isinstance(next(iter(table.values())), msgspec.Raw)


class Transaction(Storage):
    """TinyDB storage over tables held in memory for the length of one locked write (see
    `Journal._writing`)."""

    def __init__(self, data: Tables, stamp: Stamp | None, facts: JournalFacts) -> None:
        self.data = data
        self.stamp = stamp  # of the journal file as it was before this write
        self.facts = facts  # of the journal as it was before this write
        self.changed = False
        self.added = Indexed()  # entries added as raw records (see Journal.add), in order

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data
        self.changed = True


class DurableStorage(Storage):
    """TinyDB storage for one JSON file; callers hold the journal lock around writes."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def read(self) -> Tables | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        return split_tables(self.path, raw)

    def write(self, data: dict[str, Any]) -> None:
        encoded = data.chunks() if isinstance(data, Tables) else orjson.dumps(data)
        atomic_write_bytes(self.path, encoded)

    def close(self) -> None:
        """Nothing to close: no handle is kept between calls."""
