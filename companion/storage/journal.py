"""The journal: every record the user writes, in small TinyDB files, written under one lock.

Entries live in one file per local month (`storage.layout`), people, actions and 1:1s in one
file beside them, so adding a note rewrites one small file however old the journal gets, and
finishing a 1:1 is one atomic write. Each operation opens a fresh TinyDB on our
DurableStorage, so nothing read before another process's write survives it.

Reading, in five methods named for what callers need: `rows(query)` for lists, `entries(query)`
for the command line and exports, `entry(uid)` for one, `facts()` for home, `points(since,
until)` for progress. Lists and home
come from what is derived per month (`storage.derived`), so only a month whose file changed
is read again.
"""

from __future__ import annotations

import contextlib
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from tinydb import Query, TinyDB
from tinydb.table import Table

from companion import __version__
from companion.errors import (
    RESTORE_HINT,
    CompanionError,
    CorruptJournal,
    JournalBusy,
    JournalError,
    NewerJournal,
    UnknownPerson,
    os_reason,
)
from companion.files.atomic import keep_beside, leftover_temp_files, private_folder
from companion.files.cache import Stamp, stamp_of
from companion.files.lock import JournalLock, LockTimeout
from companion.i18n import _, ngettext
from companion.models.facts import JournalFacts
from companion.models.progress import Point
from companion.models.rows import Row, row_of, words_of
from companion.storage import migrate
from companion.storage.derived import (
    Derived,
    Month,
    RawRow,
    RowQuery,
    Summary,
    derive,
    month_in_range,
    row_filter,
)
from companion.storage.durable import DurableStorage
from companion.storage.layout import UNDATED, Layout, check_place, month_of
from companion.storage.records import (
    ACTIONS,
    ENTRIES,
    META,
    ONE_ON_ONES,
    PEOPLE,
    Unreadable,
    read_entry,
    readable,
    stored,
)
from companion.text_safety import shown

if TYPE_CHECKING:
    from companion.models.coaching import Action, OneOnOne, Person
    from companion.models.journal import Entry

SCHEMA_VERSION = migrate.SCHEMA_VERSION
ROWS_MONTHS_KEPT = 32  # months of rows a list keeps decoded at once


class Saved(NamedTuple):
    """An entry once it is on disk, and what its month file holds that cannot be read."""

    entry: Entry
    path: Path  # the month file it is in
    unreadable: tuple[str, ...] = ()
    kept_as: Path | None = None  # the copy kept before writing over unreadable records


class Journal:
    """Repository of the journal kept in the folder `folder`."""

    def __init__(
        self, folder: Path, *, lock_timeout: float = 10.0, cache: Path | None = None
    ) -> None:
        self.folder = Path(folder)
        self.path = self.folder  # what messages name
        self.layout = Layout(self.folder)
        self.lock_timeout = lock_timeout
        self._lock = JournalLock(self.layout.lock, timeout=lock_timeout)
        self.schema_version = SCHEMA_VERSION
        self.cache_folder = cache or self.folder.parent / "cache"
        self.derived = Derived(self.cache_folder / "journal", self._read_month)

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path, **kwargs: Any) -> Journal:
        """Open the journal: refuse a folder that is not what it should be, finish what an
        interrupted migration or restore left, migrate a schema 1 journal (after keeping a
        copy of it), and read the schema version. Nothing is created: that waits for the
        first write."""
        journal = cls(folder, **kwargs)
        layout = journal.layout
        check_place(layout.folder, _("the journal folder"), folder=True)
        check_place(layout.legacy, _("the journal file"), folder=False)
        if migrate.needs_settling(layout):
            with journal._locked(), journal._write_errors():
                migrate.settle(layout)
        journal.schema_version = journal._read_schema_version()
        return journal

    def _read_schema_version(self) -> int:
        meta = self._db(self.layout.coaching).table(META).all()
        for record in meta:
            version = record.get("schema_version")
            if isinstance(version, int) and version >= 1:
                return version
        if self.layout.coaching.exists() or self.layout.month_stamps():
            problem = _("no schema version in the 'meta' table")
            raise CorruptJournal(self.layout.coaching, problem)
        return SCHEMA_VERSION  # nothing written yet

    def _newer_journal(self) -> NewerJournal:
        return NewerJournal(
            self.folder,
            _(
                "written by a newer Companion (schema {version}, this one knows {known}); "
                "it is open read-only"
            ).format(version=self.schema_version, known=SCHEMA_VERSION),
            _("Upgrade Companion to write to it"),
        )

    @property
    def read_only(self) -> bool:
        return self.schema_version > SCHEMA_VERSION

    def version(self) -> tuple[Any, ...]:
        """Changes whenever any process replaces a file of the journal."""
        return self.layout.version()

    # -- plumbing ------------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the journal lock (e.g. to repair it while no one writes); a failed write
        inside is one clear line, as for every write."""
        with self._locked(), self._write_errors():
            yield

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        lock = self.layout.lock
        try:
            with self._lock:
                yield
        except OSError as error:  # the lock file cannot be opened: no permission, a folder...
            raise JournalError(
                self.folder,
                _("cannot lock the journal ({reason})").format(reason=os_reason(error)),
                _("Check the folder's permissions, and that {name} is a file").format(
                    name=lock.name
                ),
            ) from error
        except LockTimeout as error:
            raise JournalBusy(
                self.folder,
                _("another Companion has been writing to the journal for too long"),
                _("If none is running, remove {name} and try again").format(name=lock.name),
            ) from error

    @contextlib.contextmanager
    def _write_errors(self) -> Iterator[None]:
        """A failed write (full disk, read-only folder) as one clear line; the old files are
        untouched because nothing is written in place."""
        try:
            yield
        except OSError as error:
            raise JournalError(
                self.folder,
                _("cannot write the journal ({reason})").format(reason=os_reason(error)),
                _("Nothing was changed; free some space or check the folder's permissions"),
            ) from error

    @staticmethod
    def _db(path: Path) -> TinyDB:
        return TinyDB(path, storage=DurableStorage)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[_Write]:
        """One write: under the lock, TinyDB changes each file in memory, and each file that
        changed is then replaced once (months first, the coaching file last). An exception
        inside writes nothing."""
        if self.read_only:
            raise self._newer_journal()
        with self._write_errors():
            private_folder(self.folder.parent)  # the home, on a first write
        with self._locked(), self._write_errors():
            self.schema_version = self._read_schema_version()  # upgraded since we opened it?
            if self.read_only:
                raise self._newer_journal()
            write = _Write(self.layout)
            yield write
            write.commit()

    # -- entries: reading ----------------------------------------------------------------

    def _read_month(self, month: str) -> tuple[Month, Stamp | None]:
        """One month file read whole: its entries' rows, words and summary, and the stamp
        of the file read (None if it changed while it was read)."""
        path = self.layout.month_file(month)
        before = stamp_of(path)
        try:
            entries, problems = _readable_entries(self._db(path).table(ENTRIES))
        except CorruptJournal as error:
            entries, problems = [], [error.problem]
        month_data = derive(entries, [f"{_where(path)}: {p}" for p in problems])
        return month_data, before if stamp_of(path) == before else None

    def _summaries(self) -> tuple[dict[str, Stamp], dict[str, Summary], JournalFacts]:
        stamps = self.layout.month_stamps()
        summaries, facts = self.derived.summaries(stamps)
        return stamps, summaries, facts

    def facts(self) -> JournalFacts:
        """Days reflected, counts, the last commitment, and what cannot be read."""
        return self._summaries()[2]

    def rows(self, query: RowQuery | None = None) -> Rows:
        """The light rows of the entries the query keeps (all, without one), newest first,
        and what cannot be read. Unfiltered, a month's rows are read only when a list first
        shows one of them."""
        stamps, summaries, facts = self._summaries()
        months = sorted((m for m in stamps if m != UNDATED), reverse=True)
        parts: list[tuple[str, Stamp, list[int] | None, int]] = []
        if query is None or query.is_empty:
            parts = [(m, stamps[m], None, summaries[m].count) for m in months]
            return Rows(self._month_rows, parts, facts.unreadable, stamps)
        keeps = row_filter(query)
        for month in months:
            if not month_in_range(month, query):
                continue
            data = self.derived.month(month, stamps[month])
            last = len(data.rows) - 1
            kept = [last - i for i in reversed(keeps(data.rows, data.words))]
            if kept:
                parts.append((month, stamps[month], kept, len(kept)))
        return Rows(self._month_rows, parts, facts.unreadable, stamps)

    def _month_rows(self, month: str, stamp: Stamp) -> list[Row]:
        """A month's rows, newest first."""
        return [Row.from_json(raw) for raw in reversed(self.derived.month(month, stamp).rows)]

    def points(self, since: date | None = None, until: date | None = None) -> list[Point]:
        """The progress points of the entries of the months that hold `since` to `until`
        (all, without them), oldest first; from what is derived per month, so only a month
        whose file changed is read again. The caller keeps the days it wants."""
        first = f"{since.year:04d}-{since.month:02d}" if since else ""
        last = f"{until.year:04d}-{until.month:02d}" if until else "9999-99"
        found: list[Point] = []
        for month, stamp in sorted(self.layout.month_stamps().items()):
            if month != UNDATED and first <= month <= last:
                found += self.derived.points(month, stamp)
        return found

    def entries(self, query: RowQuery | None = None) -> list[Entry]:
        """The entries the query keeps (all, without one), validated, oldest first. A record
        that cannot be read in a month the query looks at is a CorruptJournal naming it."""
        keeps = row_filter(query) if query is not None and not query.is_empty else None
        found: list[Entry] = []
        for month in sorted(self.layout.month_stamps()):
            if query is not None and month != UNDATED and not month_in_range(month, query):
                continue
            path = self.layout.month_file(month)
            entries, problems = _readable_entries(self._db(path).table(ENTRIES))
            if problems:
                raise CorruptJournal(path, problems[0], _(RESTORE_HINT))
            if keeps is not None:
                chosen = keeps([_raw_row(e) for e in entries], [_words(e) for e in entries])
                entries = [entries[i] for i in chosen]
            found += entries
        return sorted(found, key=lambda entry: entry.created)

    def entry(self, uid: str, month: str | None = None) -> Entry:
        """One entry by its uid (looked for in `month` first, as its row says), validated."""
        for where in self._months_to_search(uid, month):
            path = self.layout.month_file(where)
            docs = self._db(path).table(ENTRIES).search(Query().uid == uid)
            if docs:
                try:
                    return read_entry(docs[0].doc_id, docs[0])
                except Unreadable as error:
                    raise CorruptJournal(path, str(error), _(RESTORE_HINT)) from error
        raise CompanionError(_("that entry is no longer in the journal"))

    def _months_to_search(self, uid: str, month: str | None) -> Iterator[str]:
        if month is not None:
            yield month
        stamps = self.layout.month_stamps()
        for where in sorted(stamps, reverse=True):
            if where != month and uid in _uids(self.derived.month(where, stamps[where])):
                yield where

    # -- entries: writing ----------------------------------------------------------------

    def add(self, entry: Entry) -> Saved:
        """Store one entry in its month's file; returns once it is safely on disk. Adding
        an entry whose uid that month already holds keeps the one stored (a draft saved
        twice after a kill is one entry)."""
        month = month_of(stored(entry))
        with self._writing() as write:
            table, problems, kept = write.month(month)
            if not table.contains(Query().uid == entry.uid):
                table.insert(stored(entry))
        return Saved(entry, self.layout.month_file(month), problems, kept)

    def import_entries(self, entries: Iterable[Entry]) -> int:
        """Store the entries whose uid the journal lacks, in one write (a file per month
        they fall in); how many were new. Importing the same entries again adds nothing,
        also after a kill halfway."""
        by_month: dict[str, dict[str, dict[str, Any]]] = {}
        for entry in entries:
            record = stored(entry)
            by_month.setdefault(month_of(record), {}).setdefault(entry.uid, record)
        added = 0
        with self._writing() as write:
            for month, records in sorted(by_month.items()):
                table = write.month(month)[0]
                known = {doc.get("uid") for doc in table.all()}
                fresh = [record for uid, record in records.items() if uid not in known]
                if fresh:
                    table.insert_multiple(fresh)
                added += len(fresh)
        return added

    def replace(self, entry: Entry) -> None:
        """Store an edited entry in place of the one with its uid."""
        where = next(self._months_to_search(entry.uid, None), None)
        with self._writing() as write:
            new_month = month_of(stored(entry))
            if where is not None and where != new_month:  # its date moved to another month
                write.month(where)[0].remove(Query().uid == entry.uid)
            table = write.month(new_month)[0]
            record = stored(entry)
            if not table.update(_replaced_by(record), Query().uid == entry.uid):
                if where is None:
                    raise CompanionError(_("that entry is no longer in the journal"))
                table.insert(record)

    def delete(self, uid: str) -> bool:
        """Remove the entry with this uid; whether there was one."""
        where = next(self._months_to_search(uid, None), None)
        if where is None:
            return False
        with self._writing() as write:
            return bool(write.month(where)[0].remove(Query().uid == uid))

    # -- people, 1:1s and actions ----------------------------------------------------------

    def _records(self, table: str) -> list[Any]:
        """Every record of a coaching table as a model; one that cannot be read is named."""
        parsed: list[Any] = []
        path = self.layout.coaching
        for doc in self._db(path).table(table).all():
            try:
                parsed.append(readable(table, doc.doc_id, doc))
            except Unreadable as error:
                raise CorruptJournal(path, str(error), _(RESTORE_HINT)) from error
        return parsed

    def people(self) -> list[Person]:
        people = self._records(PEOPLE)
        return sorted(people, key=lambda person: person.name.casefold())

    def add_person(self, person: Person) -> Person:
        with self._writing() as write:
            table = write.coaching(PEOPLE)
            for doc in table.all():
                if str(doc.get("name", "")).casefold() == person.name.casefold():
                    problem = _("{name} is already in your people list")
                    raise CompanionError(problem.format(name=shown(person.name)))
            table.insert(stored(person))
        return person

    def find_person(self, name: str) -> Person:
        """The person called `name` (any case), or whose name starts with it if only one does."""
        people = self.people()
        wanted = " ".join(name.split()).casefold()
        if not wanted:
            raise CompanionError(_("give a person's name (see `companion people`)"))
        exact = [p for p in people if p.name.casefold() == wanted]
        if exact:
            return exact[0]
        starting = [p for p in people if p.name.casefold().startswith(wanted)]
        if len(starting) == 1:
            return starting[0]
        known = ", ".join(p.name for p in people) or _("nobody yet")
        if starting:
            matches = ", ".join(p.name for p in starting)
            problem = _("{name} matches several people ({matches}); be more precise")
            raise CompanionError(problem.format(name=shown(name), matches=matches))
        problem = _("no person called {name} (people: {known})")
        raise UnknownPerson(problem.format(name=shown(name), known=known))

    def actions(self, person_uid: str | None = None, open_only: bool = False) -> list[Action]:
        actions = self._records(ACTIONS)
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
        records = self._records(ONE_ON_ONES)
        chosen = [r for r in records if person_uid is None or r.person_uid == person_uid]
        return sorted(chosen, key=lambda r: r.finished)

    def one_on_one(self, uid_prefix: str) -> OneOnOne:
        """A 1:1 by its id, or by the first characters of it (as `companion` prints them)."""
        wanted = uid_prefix.strip().lower()
        found = [r for r in self.one_on_ones() if wanted and r.uid.startswith(wanted)]
        if len(found) == 1:
            return found[0]
        if not found:
            problem = _("no 1:1 with id {id} (list them with `companion export --one-on-one list`)")
            raise CompanionError(problem.format(id=shown(uid_prefix)))
        problem = ngettext(
            "{id} matches {count} 1:1; give more of the id",
            "{id} matches {count} 1:1s; give more of the id",
            len(found),
        )
        raise CompanionError(problem.format(id=shown(uid_prefix), count=len(found)))

    def save_one_on_one(
        self, record: OneOnOne, new_actions: list[Action], status_changes: dict[str, str]
    ) -> None:
        """The 1:1, its new actions and the outcome of earlier ones, in one atomic write.
        Saving a 1:1 whose uid is already stored changes nothing (a draft saved twice)."""
        closed = record.finished.isoformat()
        with self._writing() as write:
            one_on_ones = write.coaching(ONE_ON_ONES)
            if one_on_ones.contains(Query().uid == record.uid):
                return
            one_on_ones.insert(stored(record))
            actions = write.coaching(ACTIONS)
            if new_actions:
                actions.insert_multiple(stored(a) for a in new_actions)
            for uid, status in status_changes.items():
                actions.update({"status": status, "closed": closed}, Query().uid == uid)

    def set_action_status(self, action_uid: str, status: str, when: datetime) -> None:
        with self._writing() as write:
            done = write.coaching(ACTIONS).update(
                {"status": status, "closed": None if status == "open" else when.isoformat()},
                Query().uid == action_uid,
            )
            if not done:
                raise CompanionError(_("no action with id {id}").format(id=shown(action_uid)))

    def summary(self) -> str:
        """How many records of each kind, and the schema version, in one line (counted, not
        validated: `storage.recovery.diagnose` validates)."""
        entries = sum(s.count + len(s.problems) for s in self._summaries()[1].values())
        coaching = self._db(self.layout.coaching)
        people, one_on_ones, actions = (
            len(coaching.table(n)) for n in (PEOPLE, ONE_ON_ONES, ACTIONS)
        )
        return _("{entries}, {people}, {one_on_ones}, {actions}; schema {version}").format(
            entries=ngettext("{count} entry", "{count} entries", entries).format(count=entries),
            people=ngettext("{count} person", "{count} people", people).format(count=people),
            one_on_ones=ngettext("{count} 1:1", "{count} 1:1s", one_on_ones).format(
                count=one_on_ones
            ),
            actions=ngettext("{count} action", "{count} actions", actions).format(count=actions),
            version=self.schema_version,
        )


class _Write:
    """The files one write changes, each a TinyDB on a DurableStorage kept until commit."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self._dbs: dict[Path, TinyDB] = {}
        self._months: dict[str, tuple[Table, tuple[str, ...], Path | None]] = {}

    def _db(self, path: Path) -> TinyDB:
        if path not in self._dbs:
            for leftover in leftover_temp_files(path):  # a write killed before its replace
                with contextlib.suppress(OSError):
                    leftover.unlink()
            self._dbs[path] = TinyDB(path, storage=DurableStorage)
        return self._dbs[path]

    def month(self, month: str) -> tuple[Table, tuple[str, ...], Path | None]:
        """A month's entries table, what in it cannot be read, and where the file was kept
        first if anything cannot be read (the records are carried over as they are)."""
        if month not in self._months:
            path = self.layout.month_file(month)
            table = self._db(path).table(ENTRIES)
            problems = tuple(_readable_entries(table)[1])
            kept = _keep_damaged_once(path) if problems else None
            self._months[month] = (table, problems, kept)
        return self._months[month]

    def coaching(self, name: str) -> Table:
        return self._db(self.layout.coaching).table(name)

    def commit(self) -> None:
        changed = [db for db in self._dbs.values() if db.storage.changed]  # type: ignore[attr-defined]
        first = bool(changed) and not self.layout.coaching.exists()
        if first:  # the schema version goes first: a reader never sees months without it
            meta = {"schema_version": SCHEMA_VERSION, "created_by": __version__}
            self.coaching(META).insert(meta)
            self._dbs[self.layout.coaching].storage.commit()  # type: ignore[attr-defined]
        coaching = self._dbs.get(self.layout.coaching)
        for _path, db in self._dbs.items():
            if db is not coaching:
                db.storage.commit()  # type: ignore[attr-defined]
        if coaching is not None:
            coaching.storage.commit()  # type: ignore[attr-defined]


class Rows(Sequence[Row]):
    """Rows newest first, made of months (each: which of its rows, newest first, or all);
    a month's rows are decoded when one of them is first asked for. `unreadable` names the
    records of the journal that no list can show; `version` changes whenever any file of
    entries does (equal versions: the same rows)."""

    def __init__(
        self,
        load: Callable[[str, Stamp], list[Row]],
        parts: list[tuple[str, Stamp, list[int] | None, int]],
        unreadable: tuple[str, ...] = (),
        stamps: dict[str, Stamp] | None = None,
    ) -> None:
        self.unreadable = unreadable
        self.version = stamps or {}
        self._load = load
        self._parts = parts
        self._starts: list[int] = []
        total = 0
        for part in parts:
            self._starts.append(total)
            total += part[3]
        self._total = total
        self._decoded: OrderedDict[str, list[Row]] = OrderedDict()

    def __len__(self) -> int:
        return self._total

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._total))]
        if index < 0:
            index += self._total
        if not 0 <= index < self._total:
            raise IndexError(index)
        number = bisect_right(self._starts, index) - 1
        month, stamp, chosen, _count = self._parts[number]
        rows = self._month(month, stamp)
        at = index - self._starts[number]
        at = chosen[at] if chosen is not None else at
        # the month changed since these rows were chosen (the view reloads within seconds)
        return rows[min(at, len(rows) - 1)] if rows else Row("", datetime.min, "note", (), "…")

    def _month(self, month: str, stamp: Stamp) -> list[Row]:
        rows = self._decoded.get(month)
        if rows is None:
            rows = self._decoded[month] = self._load(month, stamp)
            if len(self._decoded) > ROWS_MONTHS_KEPT:
                self._decoded.popitem(last=False)
        else:
            self._decoded.move_to_end(month)
        return rows

    def position(self, row: Row) -> int | None:
        """Where `row` is in this list, if it is (only its month is read)."""
        for number, (month, stamp, chosen, _count) in enumerate(self._parts):
            if month != row.month:
                continue
            rows = self._month(month, stamp)
            at = next((i for i, found in enumerate(rows) if found.uid == row.uid), None)
            if at is None:
                return None
            if chosen is None:
                return self._starts[number] + at
            return self._starts[number] + chosen.index(at) if at in chosen else None
        return None

    def __contains__(self, row: object) -> bool:
        return isinstance(row, Row) and self.position(row) is not None


def _readable_entries(table: Table) -> tuple[list[Entry], list[str]]:
    """The entries of a table that are readable, and one line for each that is not."""
    entries: list[Entry] = []
    problems: list[str] = []
    for doc in table.all():
        try:
            entries.append(read_entry(doc.doc_id, doc))
        except Unreadable as error:
            problems.append(str(error))
    return entries, problems


def _keep_damaged_once(path: Path) -> Path | None:
    """Keep a month file that holds unreadable records beside it, before the first write
    over it (the records themselves are carried over as they are); None if one is kept."""
    if any(path.parent.glob(f"{path.name}.damaged-*")):
        return None
    return keep_beside(path, "damaged", datetime.now())


def _replaced_by(record: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def replace(doc: dict[str, Any]) -> None:
        doc.clear()
        doc.update(record)

    return replace


def _raw_row(entry: Entry) -> RawRow:
    return row_of(entry).to_json()


def _words(entry: Entry) -> bytes:
    return words_of(entry).encode()


def _uids(month: Month) -> set[str]:
    return {row[0] for row in month.rows}


def _where(path: Path) -> str:
    """A month file as messages name it: 'entries/2026/12.json'."""
    return "/".join(path.parts[-3:]) if path.parent.name.isdigit() else "/".join(path.parts[-2:])
