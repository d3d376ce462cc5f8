"""A TinyDB storage for one journal file: read afresh every time, replaced atomically on write.

TinyDB's own JSONStorage keeps a handle open and rewrites the file in place, so a crash or a
second process can leave it half written. This one never writes in place, never keeps a
handle, and refuses, in one line naming the file and record, what TinyDB could not hold:
a file that is not JSON (or nests too deeply), a table that is not an object of records, a
record that is not an object, a key that is not a doc id, a doc id that appears twice.
Callers hold the journal lock around a write.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from companion.errors import RESTORE_HINT, CorruptJournal
from companion.files.atomic import atomic_write_bytes, private_folder
from companion.i18n import _

Tables = dict[str, dict[str, Any]]


class Twice(dict[str, Any]):
    """An object in which some key appears more than once; `pairs` keeps every value."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.pairs = pairs


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    return Twice(pairs) if len({key for key, _ in pairs}) < len(pairs) else dict(pairs)


def parse(path: Path, raw: bytes) -> dict[str, Any]:
    """The file's JSON (an object with a repeated key is a `Twice`), or a CorruptJournal
    naming the file and where it breaks."""
    if not raw.strip():
        raise CorruptJournal(path, _("the file is empty"), _(RESTORE_HINT))
    try:
        data = json.loads(raw, object_pairs_hook=_object)
    except RecursionError:
        problem = _("not a journal (nested too deeply)")
        raise CorruptJournal(path, problem, _(RESTORE_HINT)) from None
    except json.JSONDecodeError as error:
        problem = _("not valid JSON at line {line}, column {column}").format(
            line=error.lineno, column=error.colno
        )
        raise CorruptJournal(path, problem, _(RESTORE_HINT)) from None
    except UnicodeDecodeError:
        raise CorruptJournal(path, _("not valid UTF-8 text"), _(RESTORE_HINT)) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        problem = _("not a Companion journal (expected tables of records)")
        raise CorruptJournal(path, problem)
    return data


def is_doc_id(key: str) -> bool:
    return key.isascii() and key.isdigit()


def shape_problems(tables: dict[str, Any]) -> list[tuple[str, str, str]]:
    """What TinyDB could not hold, as (table, key, one line) for each such record."""
    found = []
    for name, table in tables.items():
        if isinstance(table, Twice):
            seen: set[str] = set()
            for key, _value in table.pairs:
                if key in seen:
                    problem = _("record {key} in '{table}' appears twice")
                    found.append((name, key, problem.format(key=key, table=name)))
                seen.add(key)
        for key, record in table.items():
            if not is_doc_id(key):
                problem = _("record {key} in '{table}' has a key that is not a number")
                problem = problem.format(key=repr(key), table=name)
                found.append((name, key, problem))
            elif not isinstance(record, dict):
                problem = _("record {key} in '{table}' is not an object")
                found.append((name, key, problem.format(key=key, table=name)))
    return found


def read_raw(path: Path) -> bytes | None:
    """The file's bytes (None if there is none); a folder in its place is one line."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise CorruptJournal(path, _("a folder where a journal file should be")) from None
    except OSError as error:
        problem = _("cannot be read ({reason})").format(reason=error.strerror or error)
        raise CorruptJournal(path, problem) from None


def read_tables(path: Path) -> Tables | None:
    """The file's tables, checked for what TinyDB could not hold; None if there is none."""
    raw = read_raw(path)
    if raw is None:
        return None
    tables = parse(path, raw)
    problems = shape_problems(tables)
    if problems:
        raise CorruptJournal(path, problems[0][2], _(RESTORE_HINT))
    return tables


def write_tables(path: Path, tables: dict[str, Any]) -> None:
    """Replace the file with these tables; a symlink is refused, never replaced by a file."""
    if path.is_symlink():
        raise CorruptJournal(path, _("a symlink where a journal file should be; refused"))
    private_folder(path.parent)
    try:
        encoded = orjson.dumps(tables)
    except orjson.JSONEncodeError:  # e.g. a number past 64 bits in a record kept as it is
        encoded = json.dumps(tables, ensure_ascii=False).encode()
    atomic_write_bytes(path, encoded)


class DurableStorage(Storage):
    """TinyDB storage for one journal file. The file is read once per storage (a reader
    makes a new one for each read; a writer holds the lock while it lives), and what TinyDB
    writes is kept until `commit`, so that several changes are one replace of the file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._data: dict[str, Any] | None = None
        self.changed = False

    def read(self) -> dict[str, Any] | None:
        if self._data is None:
            self._data = read_tables(self.path)
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        self.changed = True

    def commit(self) -> None:
        if self.changed and self._data is not None:
            write_tables(self.path, self._data)
            self.changed = False

    def close(self) -> None:
        """Nothing to close: no handle is kept between calls."""
