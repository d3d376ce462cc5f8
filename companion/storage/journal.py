"""The journal: every record the user writes, in one TinyDB file, written atomically under a lock.

Each operation opens a fresh TinyDB on our DurableStorage, so no cached table, query result or
next-id survives from before another process's write. Writes hold an inter-process lock around
the whole read-modify-write; reads need none, because the file is only ever replaced whole.

The models (and so pydantic) are imported only when a record is validated: opening the journal
and adding a note are on the start-up path of `companion` and `companion log`. TinyDB, msgspec
and the modules built on them (`durable`, `index`) are imported by the methods that read or
write the file: home, drawn from the cached facts, needs none of them (2-10 ms of a start,
in interleaved runs).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

from companion import __version__
from companion.errors import (
    RESTORE_HINT,
    CompanionError,
    CorruptJournal,
    JournalBusy,
    JournalError,
    NewerJournal,
)
from companion.storage.atomic import atomic_write_bytes, leftover_temp_files
from companion.storage.facts import (
    JournalFacts,
    Newest,
    Stamp,
    facts_cache,
    newest_cache,
    stamp_from,
    stamp_of,
)
from companion.storage.lock import JournalLock, LockTimeout
from companion.storage.search import WordsInMemory
from companion.text_safety import shown

if TYPE_CHECKING:
    import msgspec
    from pydantic import ValidationError
    from tinydb import TinyDB

    from companion.models.coaching import Action, OneOnOne, Person
    from companion.models.journal import Entry
    from companion.storage.durable import Tables, Transaction
    from companion.storage.index_cache import IndexCache, JournalIndex
    from companion.storage.rows import Indexed, Row, Spans

SCHEMA_VERSION = 1
Model = TypeVar("Model")
TableData = dict[str, Any]

# Each step turns the tables of schema N into those of N + 1. None yet: version 1 is the
# first. Add a function here (and a fixture of the old version in tests/fixtures) when the
# stored shape changes; `open` backs the file up before it migrates.
MIGRATIONS: dict[int, Callable[[TableData], TableData]] = {}
ENTRIES = "entries"
NEWEST_ROWS = 100  # entries the journal view shows at once, before it has read them all
META = "meta"
PEOPLE = "people"
ACTIONS = "actions"
ONE_ON_ONES = "one_on_ones"


def describe_validation_error(error: ValidationError) -> str:
    """The first problem of a pydantic error as 'field: message'."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "record"
    return f"{field}: {first['msg']}"


def invalid_record(table: str, doc_id: str, error: ValidationError) -> str:
    """What is wrong with one stored record, as doctor, recovery and every read say it."""
    return f"record {doc_id} in '{table}' is invalid ({describe_validation_error(error)})"


class Journal:
    """Repository of journal entries stored at `path`."""

    def __init__(
        self, path: Path, *, lock_timeout: float = 10.0, cache: Path | None = None
    ) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.lock_timeout = lock_timeout
        self._lock = JournalLock(self.lock_path, timeout=lock_timeout)
        self.schema_version = SCHEMA_VERSION
        self.cache_folder = cache or self.path.parent / "cache"
        self._facts = facts_cache(self.cache_folder / "facts.json")
        self._newest = newest_cache(self.cache_folder / "newest.json")
        # where records lie in the journal file with this stamp (from the last index read)
        self._spans: tuple[Stamp | None, Spans | None] = (None, None)

    @cached_property
    def _index(self) -> IndexCache:
        """The journal view's index on disk; imported when first needed, not to start home."""
        from companion.storage.index_cache import IndexCache

        return IndexCache(self.cache_folder / "index")

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, **kwargs: Any) -> Journal:
        """Open the journal, creating it if missing, and check its schema version."""
        journal = cls(path, **kwargs)
        journal._create_if_missing()
        journal.schema_version = journal._schema_version_at_open()
        if journal.schema_version < SCHEMA_VERSION:
            journal._migrate()
        return journal

    def _migrate(self) -> None:
        """Bring an older journal up to SCHEMA_VERSION, after keeping a copy of it."""
        from companion.storage.durable import DurableStorage

        with self._locked(), self._write_errors():
            durable = DurableStorage(self.path)
            raw = self.path.read_bytes()
            tables = durable.read() or {}
            version = self._read_schema_version()
            if version >= SCHEMA_VERSION:
                return  # another process migrated it meanwhile
            copy = self.path.with_name(f"{self.path.name}.schema-{version}.bak")
            atomic_write_bytes(copy, raw)
            while version < SCHEMA_VERSION:
                tables = MIGRATIONS[version](tables)
                version += 1
            tables[META] = {"1": {"schema_version": version, "created_by": __version__}}
            durable.write(tables)
        self.schema_version = version

    def _create_if_missing(self) -> None:
        """Create the journal, and remove temp files an interrupted write left, under the
        lock. When there is nothing to do, as on nearly every start, no lock is taken: a
        reader never waits for a writer, since the file is only ever replaced whole."""
        if self.path.exists() and not leftover_temp_files(self.path):
            return
        with self._locked(), self._write_errors():
            for leftover in leftover_temp_files(self.path):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            if not self.path.exists():
                meta = {"schema_version": SCHEMA_VERSION, "created_by": __version__}
                empty = {META: {"1": meta}, ENTRIES: {}}
                atomic_write_bytes(self.path, orjson.dumps(empty))

    def _schema_version_at_open(self) -> int:
        """From the cached facts when they were taken of this very file (so a start need not
        read a journal of megabytes), else from the file. Writes check it again."""
        facts = self._facts.load(stamp_of(self.path))
        if facts is not None and facts.schema_version is not None:
            return facts.schema_version
        return self._read_schema_version()

    def _read_schema_version(self) -> int:
        from companion.storage.durable import DurableStorage

        return self.schema_version_of(self.path, DurableStorage(self.path).read() or {})

    def _newer_journal(self) -> NewerJournal:
        return NewerJournal(
            self.path,
            f"written by a newer Companion (schema {self.schema_version}, "
            f"this one knows {SCHEMA_VERSION}); it is open read-only",
            "Upgrade Companion to write to it",
        )

    @staticmethod
    def schema_version_of(path: Path, tables: dict[str, Any]) -> int:
        for record in tables.get(META, {}).values():
            version = record.get("schema_version") if isinstance(record, dict) else None
            if isinstance(version, int) and version >= 1:
                return version
        raise CorruptJournal(path, "no schema version in the 'meta' table")

    @property
    def read_only(self) -> bool:
        return self.schema_version > SCHEMA_VERSION

    # -- plumbing ------------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the journal lock (e.g. to repair it while no one writes); a failed write
        inside is one clear line, as for every write."""
        with self._locked(), self._write_errors():
            yield

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            with self._lock:
                yield
        except OSError as error:  # the lock file cannot be opened: no permission, a folder...
            raise JournalError(
                self.path,
                f"cannot lock the journal ({error.strerror or error})",
                f"Check the folder's permissions, and that {self.lock_path.name} is a file",
            ) from error
        except LockTimeout as error:
            raise JournalBusy(
                self.path,
                "another Companion has been writing to the journal for too long",
                f"If none is running, remove {self.lock_path.name} and try again",
            ) from error

    def _db(self) -> TinyDB:
        from tinydb import TinyDB

        from companion.storage.durable import DurableStorage

        return TinyDB(self.path, storage=DurableStorage)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[TinyDB]:
        """One transaction: under the lock, read the file once, let TinyDB change the tables
        in memory, then replace the file once. An exception inside writes nothing."""
        from tinydb import TinyDB

        from companion.storage.durable import DurableStorage, Tables, Transaction

        if self.read_only:
            raise self._newer_journal()
        with self._locked(), self._write_errors():
            durable = DurableStorage(self.path)
            before = stamp_of(self.path)
            tables = durable.read() or Tables(self.path, {})
            transaction = Transaction(tables, before, self._facts_before_write(before, tables))
            yield TinyDB(storage=lambda: transaction)
            if transaction.changed:
                durable.write(transaction.data)
                self._carry_caches(transaction)

    def _facts_before_write(self, stamp: Any, tables: Tables) -> JournalFacts:
        """The facts of the journal as it is before a write (read again if another tool
        changed it). If some entry records cannot be read, the file as it is is kept aside
        first, once: a write copies such records unchanged, but never without a kept copy."""
        version = self.schema_version_of(self.path, tables) if META in tables else None
        if version is not None and version > SCHEMA_VERSION:  # upgraded since we opened it
            self.schema_version = version
            raise self._newer_journal()
        facts = self._facts.load(stamp)
        if facts is None:
            facts = self._index_of(tables)[1]
        facts = facts._replace(schema_version=version)
        if facts.unreadable and facts.kept_as is None and self.path.exists():
            from companion.storage.recovery import keep_aside

            kept = keep_aside(self.path, datetime.now())
            facts = facts._replace(kept_as=kept.name)
        return facts

    def _carry_caches(self, transaction: Transaction) -> None:
        """Keep the cached facts, newest rows and index current across a write that left
        the entries alone or only added some, instead of making the next start (or the next
        journal view) read the whole journal again."""
        from companion.storage.rows import Spans

        if ENTRIES in transaction.data.decoded:
            return  # changed through TinyDB (deleted, imported): read again when next needed
        after = stamp_of(self.path)
        added, words = transaction.added.rows, transaction.added.words
        spans = transaction.data.written_spans.get(ENTRIES, Spans())
        newest = self._newest.load(transaction.stamp)
        if newest is not None:
            self._newest.save(after, newest.plus(added, words, spans, NEWEST_ROWS))
        facts = transaction.facts
        for row in added:
            facts = facts.plus(row, transaction.added.commitments.get(row.doc_id))
        self._facts.save(after, facts)
        if added:
            self._index.append(transaction.stamp, after, added, words, spans)

    @contextlib.contextmanager
    def _write_errors(self) -> Iterator[None]:
        """A failed write (full disk, read-only folder) as one clear line; the old file is
        untouched because nothing is written in place."""
        try:
            yield
        except OSError as error:
            raise JournalError(
                self.path,
                f"cannot write the journal ({error.strerror or error})",
                "Nothing was changed; free some space or check the folder's permissions",
            ) from error

    # -- entries -------------------------------------------------------------------------

    def add(self, entry: Entry) -> Entry:
        """Store one entry; returns it once it is safely on disk.

        The other records are copied as raw bytes, not decoded and encoded again, and the
        home screen's facts are brought up to date if they were current before the write."""
        record = entry.model_dump_json().encode()
        with self._writing() as db:
            transaction: Transaction = db.storage  # type: ignore[assignment]
            facts = transaction.facts
            doc_id = transaction.data.append(ENTRIES, record, facts.last_doc_id)
            if facts.last_doc_id is None:  # found the slow way: the next add need not
                transaction.facts = facts._replace(last_doc_id=int(doc_id) - 1)
            transaction.added.add(doc_id, entry)
            transaction.changed = True
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

    def _records(self, table: str, parse: Callable[[dict[str, Any]], Model]) -> list[Model]:
        """Every record of a table as a model; a record that fails validation is named."""
        from pydantic import ValidationError

        parsed: list[Model] = []
        for doc in self._db().table(table).all():
            try:
                parsed.append(parse(dict(doc)))
            except ValidationError as error:
                problem = invalid_record(table, str(doc.doc_id), error)
                raise CorruptJournal(self.path, problem, RESTORE_HINT) from error
        return parsed

    def entries(self) -> list[Entry]:
        """Every entry, validated, oldest first (slow on a big journal: views use `rows`)."""
        from companion.models.journal import entry_adapter

        parsed = self._records(ENTRIES, entry_adapter.validate_python)
        parsed.sort(key=lambda entry: entry.created)
        return parsed

    def entries_where(self, keep: Callable[[Row, str], bool]) -> list[Entry]:
        """The entries `keep` accepts, given each one's light row and words, validated,
        oldest first. Only those are validated: a filtered listing of a big journal costs
        its rows, not a model for every entry."""
        from companion.storage.index import readable_rows

        records = self._entry_records()
        indexed = readable_rows(records, records)
        if indexed.problems:
            self.entries()  # names the first invalid record, as every full read does
        return [
            self._validated(row.doc_id, records[row.doc_id])
            for row in indexed.rows
            if keep(row, indexed.words[row.doc_id])
        ]

    def _tables(self) -> Tables:
        from companion.storage.durable import DurableStorage, Tables

        return DurableStorage(self.path).read() or Tables(self.path, {})

    def _entry_records(self) -> dict[str, msgspec.Raw]:
        """The entries as {doc id: raw record}, read afresh, none decoded."""
        return self._tables().records(ENTRIES)

    def _raw_entry(self, doc_id: str) -> msgspec.Raw:
        raw = self._entry_records().get(doc_id)
        if raw is None:
            raise CompanionError("that entry is no longer in the journal")
        return raw

    def _index_of(self, tables: Tables) -> tuple[Indexed, JournalFacts]:
        """The rows, words and problems of these tables' entries, and their facts."""
        from companion.storage.durable import last_doc_id_of
        from companion.storage.index import readable_rows

        records = tables.records(ENTRIES) if ENTRIES in tables else {}
        indexed = readable_rows(records, records)
        try:
            version: int | None = self.schema_version_of(self.path, tables)
        except CorruptJournal:
            version = None
        facts = JournalFacts.of(indexed.rows, indexed.commitments, indexed.problems, version)
        return indexed, facts._replace(last_doc_id=last_doc_id_of(records))

    def _read_index(self, stamp: Stamp | None) -> tuple[Tables, Indexed, JournalFacts]:
        """Read the journal (as `stamp` describes it) whole into rows and facts, and cache
        the facts."""
        tables = self._tables()
        indexed, facts = self._index_of(tables)
        self._facts.save(stamp, facts)
        return tables, indexed, facts

    def index(self, cached: bool = True) -> JournalIndex:
        """Every readable entry as a light row, oldest first, what is wrong with each record
        that cannot be read, and a search over their words. From the cached index while it
        is current; else the journal is read whole and the index (and facts) cached again.
        `cached=False` reads the journal and searches in memory, whatever the cache holds."""
        from companion.storage.durable import record_spans

        stamp = stamp_of(self.path)
        index = self._index.load(stamp) if cached else None
        if index is None:
            tables, indexed, _facts = self._read_index(stamp)
            spans = record_spans(tables.source, tables.records(ENTRIES))
            index = self._index.save(stamp, indexed, spans)
            if not cached:
                index.search = WordsInMemory(indexed.words)
        self._spans = (stamp, index.spans)
        return index

    def rows(self) -> list[Row]:
        return self.index().rows

    def newest(self) -> Newest:
        """The readable rows of the last NEWEST_ROWS entries added, their words, and how
        many entries there are (`index` says what is wrong with any that cannot be read).
        From the cache while it is current: this is all the journal view waits for before
        it is drawn."""
        stamp = stamp_of(self.path)
        newest = self._newest.load(stamp)
        if newest is None:
            from companion.storage.durable import record_spans
            from companion.storage.index import newest_doc_ids, readable_rows

            tables = self._tables()
            records = tables.records(ENTRIES)
            doc_ids = newest_doc_ids(records, NEWEST_ROWS)
            indexed = readable_rows(records, doc_ids)
            spans = record_spans(tables.source, records).only(doc_ids)
            newest = Newest(tuple(indexed.rows), len(records), indexed.words, spans)
            self._newest.save(stamp, newest)
        if self._spans[0] != stamp:  # the index's spans, if current, know more
            self._spans = (stamp, newest.spans)
        return newest

    def facts(self) -> JournalFacts:
        """Days reflected, counts and the last commitment: from the cache when it is current."""
        stamp = stamp_of(self.path)
        cached = self._facts.load(stamp)
        return cached if cached is not None else self._read_index(stamp)[2]

    def entry_view(self, row: Row) -> Any:
        """A row's entry for reading, decoded fast without pydantic (`entry` validates it).

        Read alone from where the index found its record, while the journal file is the
        same: moving through the journal view reads one record at a time, not the whole
        file. What is read there must be the row's entry (its uid), else the whole journal
        is read, which also names a record that cannot be read."""
        import msgspec

        from companion.storage.index import decode_entry

        doc_id = row.doc_id
        in_place = self._raw_entry_in_place(doc_id)
        if in_place is not None:
            with contextlib.suppress(msgspec.DecodeError):
                entry = decode_entry(doc_id, in_place)
                if entry.uid == row.uid:
                    return entry
        try:
            return decode_entry(doc_id, self._raw_entry(doc_id))
        except msgspec.DecodeError as error:
            raise CorruptJournal(self.path, f"{error} in '{ENTRIES}'", RESTORE_HINT) from error

    def _raw_entry_in_place(self, doc_id: str) -> msgspec.Raw | None:
        """One record, read alone from where the last index found it; None if it may no
        longer be there (the file changed since, or the index could not place it)."""
        import msgspec

        stamp, spans = self._spans
        span = spans.get(doc_id) if spans is not None else None
        if span is None or stamp is None:
            return None
        try:
            with self.path.open("rb") as handle:
                if stamp_from(os.fstat(handle.fileno())) != stamp:
                    return None
                handle.seek(span.start)
                return msgspec.Raw(handle.read(span.length))
        except OSError:
            return None

    def entry(self, doc_id: str) -> Entry:
        """One entry by its row's doc id, validated with the real model."""
        return self._validated(doc_id, self._raw_entry(doc_id))

    def _validated(self, doc_id: str, raw: msgspec.Raw) -> Entry:
        """A raw entry record as its model, or a CorruptJournal naming the record."""
        from pydantic import ValidationError

        from companion.models.journal import entry_adapter

        try:
            return entry_adapter.validate_json(bytes(memoryview(raw)))
        except ValidationError as error:
            problem = invalid_record(ENTRIES, doc_id, error)
            raise CorruptJournal(self.path, problem, RESTORE_HINT) from error

    # -- people, 1:1s and actions ----------------------------------------------------------

    def people(self) -> list[Person]:
        from companion.models.coaching import Person

        people = self._records(PEOPLE, Person.model_validate)
        return sorted(people, key=lambda person: person.name.casefold())

    def add_person(self, person: Person) -> Person:
        with self._writing() as db:
            table = db.table(PEOPLE)
            for doc in table.all():
                if str(doc.get("name", "")).casefold() == person.name.casefold():
                    raise CompanionError(f"{shown(person.name)} is already in your people list")
            table.insert(person.model_dump(mode="json"))
        return person

    def find_person(self, name: str) -> Person:
        """The person called `name` (any case), or whose name starts with it if only one does."""
        people = self.people()
        wanted = " ".join(name.split()).casefold()
        if not wanted:
            raise CompanionError("give a person's name (see `companion people`)")
        exact = [p for p in people if p.name.casefold() == wanted]
        if exact:
            return exact[0]
        starting = [p for p in people if p.name.casefold().startswith(wanted)]
        if len(starting) == 1:
            return starting[0]
        known = ", ".join(p.name for p in people) or "nobody yet"
        if starting:
            matches = ", ".join(p.name for p in starting)
            raise CompanionError(
                f"{shown(name)} matches several people ({matches}); be more precise"
            )
        raise CompanionError(f"no person called {shown(name)} (people: {known})")

    def actions(self, person_uid: str | None = None, open_only: bool = False) -> list[Action]:
        from companion.models.coaching import Action

        actions = self._records(ACTIONS, Action.model_validate)
        return sorted(
            (
                a
                for a in actions
                if (person_uid is None or a.person_uid == person_uid)
                and (not open_only or a.status == "open")
            ),
            key=lambda a: a.created,
        )

    def one_on_ones(self, person_uid: str | None = None) -> list[OneOnOne]:
        from companion.models.coaching import OneOnOne

        records = self._records(ONE_ON_ONES, OneOnOne.model_validate)
        chosen = [r for r in records if person_uid is None or r.person_uid == person_uid]
        return sorted(chosen, key=lambda r: r.finished)

    def one_on_one(self, uid_prefix: str) -> OneOnOne:
        """A 1:1 by its id, or by the first characters of it (as `companion` prints them)."""
        wanted = uid_prefix.strip().lower()
        found = [r for r in self.one_on_ones() if wanted and r.uid.startswith(wanted)]
        if len(found) == 1:
            return found[0]
        if not found:
            raise CompanionError(
                f"no 1:1 with id {shown(uid_prefix)} (list them with `companion export --one-on-one list`)"
            )
        raise CompanionError(f"{shown(uid_prefix)} matches {len(found)} 1:1s; give more of the id")

    def save_one_on_one(
        self, record: OneOnOne, new_actions: list[Action], status_changes: dict[str, str]
    ) -> None:
        """The 1:1, its new actions and the outcome of earlier ones, in one atomic write."""
        from tinydb import Query

        closed = record.finished.isoformat()
        with self._writing() as db:
            db.table(ONE_ON_ONES).insert(record.model_dump(mode="json"))
            actions = db.table(ACTIONS)
            if new_actions:
                actions.insert_multiple(a.model_dump(mode="json") for a in new_actions)
            for uid, status in status_changes.items():
                actions.update({"status": status, "closed": closed}, Query().uid == uid)

    def set_action_status(self, action_uid: str, status: str, when: datetime) -> None:
        from tinydb import Query

        with self._writing() as db:
            done = db.table(ACTIONS).update(
                {"status": status, "closed": None if status == "open" else when.isoformat()},
                Query().uid == action_uid,
            )
            if not done:
                raise CompanionError(f"no action with id {shown(action_uid)}")

    def summary(self) -> str:
        """How many records of each kind, and the schema version, in one line (counted, not
        validated: `storage.recovery.diagnose` validates)."""
        tables = self._tables()
        labels = {ENTRIES: "entries", PEOPLE: "people", ONE_ON_ONES: "1:1s", ACTIONS: "actions"}
        listed = ", ".join(
            f"{len(tables.records(name)) if name in tables else 0} {label}"
            for name, label in labels.items()
        )
        return f"{listed}; schema {self.schema_version_of(self.path, tables)}"

    def delete(self, uids: Iterable[str]) -> int:
        """Remove entries by uid, in one write; how many were removed."""
        wanted = set(uids)
        with self._writing() as db:
            removed = db.table(ENTRIES).remove(lambda doc: doc.get("uid") in wanted)
        return len(removed)
