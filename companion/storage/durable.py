"""A TinyDB storage that reads the file afresh every time and replaces it atomically on write.

TinyDB's own JSONStorage keeps a handle open and rewrites the file in place, so a crash or a
second process can leave it half written. This one never writes in place, and never keeps a
handle that could go on seeing an old file.

Reading is lazy: the file is split into its tables (and the entries table into its records)
as raw JSON, and only what a caller touches is decoded. Adding one entry to a journal of tens
of thousands therefore copies bytes instead of decoding and re-encoding every record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import orjson
from tinydb.storages import Storage

from companion.errors import CorruptJournal
from companion.storage.atomic import atomic_write_bytes

RESTORE_HINT = "The file was left untouched; run `companion doctor` to inspect it"
_RAW_MEMBERS = msgspec.json.Decoder(dict[str, msgspec.Raw])  # an object, members left raw


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
    return Tables(path, tables)


class Tables(dict[str, Any]):
    """Tables by name, each raw JSON until it is first read (TinyDB reads `tables[name]`).

    `records(name)` gives one table as raw records instead, so a record can be added or
    removed without decoding the others. Encoding writes untouched parts back byte for byte.
    """

    def __init__(self, path: Path, tables: dict[str, Any]) -> None:
        super().__init__(tables)
        self.path = path
        self.decoded: set[str] = set()  # tables TinyDB read or wrote (records() does not count)

    def __setitem__(self, name: str, value: Any) -> None:
        self.decoded.add(name)
        super().__setitem__(name, value)

    def __getitem__(self, name: str) -> dict[str, Any]:
        value = super().__getitem__(name)
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

    def records(self, name: str) -> dict[str, msgspec.Raw]:
        """One table as {doc id: raw record}, created if missing; changes to it are kept."""
        value = super().get(name)
        if value is None:
            value = {}
        elif isinstance(value, msgspec.Raw):
            value = _RAW_MEMBERS.decode(value)
        elif not value or _holds_raw_records(value):
            return value
        else:
            value = {key: msgspec.Raw(orjson.dumps(doc)) for key, doc in value.items()}
        super().__setitem__(name, value)
        return value

    def _decode(self, name: str, raw: memoryview) -> dict[str, Any]:
        try:
            table = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise CorruptJournal(self.path, f"table '{name}' is not valid JSON") from error
        if not isinstance(table, dict):
            raise CorruptJournal(self.path, f"table '{name}' is not a table of records")
        return table

    def encode(self) -> bytes:
        return msgspec.json.encode({name: _encodable(value) for name, value in dict.items(self)})


def _holds_raw_records(table: Any) -> bool:
    """A table taken with `records()`: its records are still raw JSON."""
    return bool(table) and isinstance(next(iter(table.values())), msgspec.Raw)


def _encodable(table: Any) -> Any:
    if isinstance(table, msgspec.Raw) or _holds_raw_records(table):
        return table
    return msgspec.Raw(orjson.dumps(table))


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
        encoded = data.encode() if isinstance(data, Tables) else orjson.dumps(data)
        atomic_write_bytes(self.path, encoded)

    def close(self) -> None:
        """Nothing to close: no handle is kept between calls."""
