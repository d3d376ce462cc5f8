"""The journal: every record the user writes, in one TinyDB file, written atomically under a lock.

Each operation opens a fresh TinyDB on our DurableStorage, so no cached table, query result or
next-id survives from before another process's write. Writes hold an inter-process lock around
the whole read-modify-write; reads need none, because the file is only ever replaced whole.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout
from pydantic import ValidationError
from tinydb import TinyDB
from tinydb.storages import Storage

from companion import __version__
from companion.errors import CorruptJournal, JournalBusy, NewerJournal
from companion.models.journal import Entry, Reflection, entry_adapter
from companion.storage.atomic import atomic_write_bytes, leftover_temp_files
from companion.storage.durable import DurableStorage

SCHEMA_VERSION = 1
ENTRIES = "entries"
META = "meta"


def describe_validation_error(error: ValidationError) -> str:
    """The first problem of a pydantic error as 'field: message'."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "record"
    return f"{field}: {first['msg']}"


class _Transaction(Storage):
    """TinyDB storage over tables held in memory for the length of one locked write."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.changed = False

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data
        self.changed = True


class Journal:
    """Repository of journal entries stored at `path`."""

    def __init__(self, path: Path, *, lock_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._lock = FileLock(self.lock_path, timeout=lock_timeout, mode=0o600)
        self.schema_version = SCHEMA_VERSION

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, **kwargs: Any) -> Journal:
        """Open the journal, creating it if missing, and check its schema version."""
        journal = cls(path, **kwargs)
        journal._create_if_missing()
        journal.schema_version = journal._read_schema_version()
        return journal

    def _create_if_missing(self) -> None:
        with self._locked():
            for leftover in leftover_temp_files(self.path):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            if not self.path.exists():
                meta = {"schema_version": SCHEMA_VERSION, "created_by": __version__}
                empty = {META: {"1": meta}, ENTRIES: {}}
                atomic_write_bytes(self.path, orjson.dumps(empty))

    def _read_schema_version(self) -> int:
        tables = DurableStorage(self.path).read() or {}
        for record in tables.get(META, {}).values():
            version = record.get("schema_version")
            if isinstance(version, int) and version >= 1:
                return version
        raise CorruptJournal(self.path, "no schema version in the 'meta' table")

    @property
    def read_only(self) -> bool:
        return self.schema_version > SCHEMA_VERSION

    # -- plumbing ------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            with self._lock:
                yield
        except Timeout as error:
            raise JournalBusy(
                self.path,
                "another Companion has been writing to the journal for too long",
                f"If none is running, remove {self.lock_path.name} and try again",
            ) from error

    def _db(self) -> TinyDB:
        return TinyDB(self.path, storage=DurableStorage)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[TinyDB]:
        """One transaction: under the lock, read the file once, let TinyDB change the tables
        in memory, then replace the file once. An exception inside writes nothing."""
        if self.read_only:
            raise NewerJournal(
                self.path,
                f"written by a newer Companion (schema {self.schema_version}, "
                f"this one knows {SCHEMA_VERSION}); it is open read-only",
                "Upgrade Companion to write to it",
            )
        with self._locked():
            durable = DurableStorage(self.path)
            transaction = _Transaction(durable.read() or {})
            yield TinyDB(storage=lambda: transaction)
            if transaction.changed:
                durable.write(transaction.data)

    # -- entries -------------------------------------------------------------------------

    def add(self, entry: Entry) -> Entry:
        """Store one entry; returns it once it is safely on disk."""
        with self._writing() as db:
            db.table(ENTRIES).insert(entry.model_dump(mode="json"))
        return entry

    def add_new(self, entries: Iterable[Entry]) -> int:
        """Store the entries whose uid the journal lacks, in one write; how many were new."""
        with self._writing() as db:
            table = db.table(ENTRIES)
            known = {doc.get("uid") for doc in table.all()}
            fresh: dict[str, dict[str, Any]] = {}
            for entry in entries:
                if entry.uid not in known:
                    fresh.setdefault(entry.uid, entry.model_dump(mode="json"))
            if fresh:
                table.insert_multiple(fresh.values())
        return len(fresh)

    def entries(self) -> list[Entry]:
        """Every entry, oldest first."""
        docs = self._db().table(ENTRIES).all()
        parsed: list[Entry] = []
        for doc in docs:
            try:
                parsed.append(entry_adapter.validate_python(dict(doc)))
            except ValidationError as error:
                raise CorruptJournal(
                    self.path,
                    f"record {doc.doc_id} in '{ENTRIES}' is invalid "
                    f"({describe_validation_error(error)})",
                    "The file was left untouched; run `companion doctor` to inspect it",
                ) from error
        parsed.sort(key=lambda entry: entry.created)
        return parsed

    def latest_reflection(self, before: datetime | None = None) -> Reflection | None:
        """The newest reflection, optionally only those written before `before`."""
        for entry in reversed(self.entries()):
            if isinstance(entry, Reflection) and (before is None or entry.created < before):
                return entry
        return None

    def mtime_ns(self) -> int:
        """Changes whenever any process replaces the journal (used to reload views)."""
        try:
            return self.path.stat().st_mtime_ns
        except FileNotFoundError:
            return 0
