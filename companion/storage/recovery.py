"""A damaged journal: what is wrong with it, and the repairs that lose nothing.

Every repair first keeps the journal as it is beside it (`journal.json.damaged-<stamp>`, a
hard link to the same file, so nothing is copied and a crash at any point leaves either the old
journal or the repaired one in place), then replaces it atomically under the journal lock:

- restore: the newest good backup takes its place (for a file that does not read at all);
- set aside: the records that fail validation are left out (the rest of the file reads);
- start afresh: an empty journal takes its place (when there is no backup to restore).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from companion.errors import CompanionError, CorruptJournal
from companion.storage.atomic import atomic_write_bytes, fsync_dir
from companion.storage.backups import Backup, newest_good
from companion.storage.durable import DurableStorage
from companion.storage.journal import Journal
from companion.storage.validation import invalid_records

SHOWN_PROBLEMS = 5  # a message names this many invalid records, then says how many more


@dataclass(frozen=True)
class Diagnosis:
    """What is wrong with a journal, and what can be done about it."""

    path: Path
    problem: str  # one line
    readable: bool  # True: the file reads and only the records in `invalid` fail validation
    backup: Backup | None  # the newest good backup, if any
    invalid: dict[str, list[str]] = field(default_factory=dict)  # table -> doc ids

    @property
    def invalid_count(self) -> int:
        return sum(map(len, self.invalid.values()))


def summarise(problems: list[str]) -> str:
    shown = "; ".join(problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    return f"{shown}; and {more} more" if more > 0 else shown


def diagnose(path: Path, backups: Path, known: CorruptJournal | None = None) -> Diagnosis | None:
    """What is wrong with the journal at `path` (None if nothing is). Slow on a big journal:
    every record is validated with its model."""
    try:
        if known is not None:  # already known not to open: nothing more to read
            raise known
        tables = DurableStorage(path).read()
        if tables is None:
            return None
        Journal.schema_version_of(path, tables)
    except CorruptJournal as error:
        return Diagnosis(path, error.problem, readable=False, backup=newest_good(backups))
    invalid, problems = invalid_records(tables)
    if not invalid:
        return None
    return Diagnosis(path, summarise(problems), True, newest_good(backups), invalid)


def keep_aside(journal: Path, now: datetime) -> Path:
    """Keep the journal as it is now under a new name beside it, before a repair replaces it."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = journal.with_name(f"{journal.name}.damaged-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = journal.with_name(f"{journal.name}.damaged-{stamp}-{number}")
    try:
        os.link(journal, target)
    except OSError:  # a file system without hard links: copy it
        atomic_write_bytes(target, journal.read_bytes())
    fsync_dir(journal.parent)
    return target


def restore_backup(journal: Journal, backup: Backup, now: datetime) -> Path | None:
    """Put `backup` in place of the journal; returns where the journal as it was is kept."""
    if not backup.good:
        raise CompanionError(f"{backup.path}: cannot restore it ({backup.problem})")
    with journal.locked():
        kept = keep_aside(journal.path, now) if journal.path.exists() else None
        atomic_write_bytes(journal.path, backup.path.read_bytes())
    return kept


def set_invalid_aside(journal: Journal, now: datetime) -> tuple[Path, int] | None:
    """Leave the records that fail validation out of the journal, after keeping the whole file
    as it was; returns where it is kept and how many records were left out (None if none)."""
    with journal.locked():
        storage = DurableStorage(journal.path)
        tables = storage.read()
        if tables is None:
            return None
        invalid, _ = invalid_records(tables)
        if not invalid:
            return None
        kept = keep_aside(journal.path, now)
        for table, doc_ids in invalid.items():
            records = tables.records(table, check_keys=False)
            for doc_id in doc_ids:
                del records[doc_id]
        storage.write(tables)
    return kept, sum(map(len, invalid.values()))


def start_afresh(journal: Journal, now: datetime) -> Path | None:
    """Keep the journal aside and let an empty one take its place (when nothing can be
    restored); returns where the old one is kept."""
    with journal.locked():
        kept = keep_aside(journal.path, now) if journal.path.exists() else None
        journal.path.unlink(missing_ok=True)
        fsync_dir(journal.path.parent)
    Journal.open(journal.path, cache=journal.cache_folder)
    return kept
