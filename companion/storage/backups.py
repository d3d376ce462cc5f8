"""Rotating backups of the journal in <home>/backups, and recovery from them.

Only a journal that parses is ever copied, so a damaged file never pushes out a good backup.
Kept: one per day for the last DAILY_KEPT days, plus the last STARTS_KEPT app starts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import orjson

from companion.errors import CorruptJournal
from companion.storage.atomic import atomic_write_bytes
from companion.storage.cache import write_cache
from companion.storage.facts import Stamp, stamp_of

DAILY_KEPT = 7
STARTS_KEPT = 3
START_STAMP = "start.stamp"


class Backup(NamedTuple):
    path: Path
    taken: datetime
    kind: str  # "daily" or "start"
    problem: str | None  # None when it reads as a journal

    @property
    def good(self) -> bool:
        return self.problem is None


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%d-%H%M%S")


def _read_ok(journal: Path) -> bytes | None:
    """The journal's bytes if it reads as a journal (checked as a write checks it)."""
    from companion.storage.durable import split_tables  # not on a start with nothing to do

    try:
        raw = journal.read_bytes()
        split_tables(journal, raw)
    except (OSError, CorruptJournal):
        return None
    return raw


def _newest(folder: Path, prefix: str) -> Path | None:
    return max(folder.glob(f"{prefix}*.json"), default=None)


def take_backups(journal: Path, folder: Path, now: datetime, start: bool) -> list[Path]:
    """The first backup of the day if there is none yet, and a start backup if `start` and
    the journal changed since the last one; then rotate."""
    daily_due = not folder.is_dir() or not any(folder.glob(f"daily-{now:%Y%m%d}-*.json"))
    seen = stamp_of(journal) if start else None  # before reading: a change while reading
    start = start and _start_stamp(folder) != seen  # shows as a change at the next start
    if not (daily_due or start):
        return []  # the common case, e.g. `companion log`, or a start with no change
    raw = _read_ok(journal)
    if raw is None:
        return []
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    written = []
    if daily_due:
        daily = folder / f"daily-{_stamp(now)}.json"
        atomic_write_bytes(daily, raw)
        written.append(daily)
    last_start = _newest(folder, "start-")
    if start and (last_start is None or _read_quietly(last_start) != raw):
        started = folder / f"start-{_stamp(now)}.json"
        atomic_write_bytes(started, raw)
        written.append(started)
    if start:
        _record_start_stamp(folder, seen)
    _rotate(folder)
    return written


def _start_stamp(folder: Path) -> Stamp | None:
    """The journal's stamp when the last start backup was checked: while it is the same, a
    start needs neither to read the journal nor to compare it with that backup."""
    try:
        return tuple(orjson.loads((folder / START_STAMP).read_bytes()))  # type: ignore[return-value]
    except (OSError, ValueError, TypeError):
        return None


def _record_start_stamp(folder: Path, stamp: Stamp | None) -> None:
    if stamp is not None:  # lost, it only costs a comparison at the next start
        write_cache(folder / START_STAMP, stamp)


def _read_quietly(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _rotate(folder: Path) -> None:
    for prefix, kept in (("daily-", DAILY_KEPT), ("start-", STARTS_KEPT)):
        for old in sorted(folder.glob(f"{prefix}*.json"), reverse=True)[kept:]:
            with contextlib.suppress(OSError):
                old.unlink()


def _backup_files(folder: Path) -> list[tuple[Path, datetime, str]]:
    """(path, when taken, kind) of every backup, newest first, none read yet."""
    found = []
    for path in folder.glob("*.json") if folder.is_dir() else []:
        kind, _, stamp = path.stem.partition("-")
        try:
            taken = datetime.strptime(stamp, "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        found.append((path, taken, kind))
    return sorted(found, key=lambda f: (f[1], f[2] == "start"), reverse=True)


def _checked_backups(folder: Path) -> Iterator[Backup]:
    """Every backup, newest first, each checked as it is reached."""
    for path, taken, kind in _backup_files(folder):
        yield Backup(path, taken, kind, _problem_of(path))


def list_backups(folder: Path) -> list[Backup]:
    """Every backup, newest first, each checked."""
    return list(_checked_backups(folder))


def _problem_of(backup: Path) -> str | None:
    """Why a backup cannot be restored (None if it can): it must read as a journal, and every
    record in it must read, or restoring it would not mend anything. Entries are checked as
    the views read them (fast), the few people, actions and 1:1s against their models."""
    from companion.storage.durable import split_tables
    from companion.storage.index import unreadable_records
    from companion.storage.validation import SMALL_TABLES, invalid_records

    try:
        tables = split_tables(backup, backup.read_bytes())
        entries = tables.records("entries") if "entries" in tables else {}
    except CorruptJournal as error:
        return error.problem
    except OSError as error:
        return f"unreadable ({error.strerror})"
    problems = unreadable_records(entries) or invalid_records(tables, SMALL_TABLES)[1]
    return problems[0] if problems else None


def newest_good(folder: Path) -> Backup | None:
    """The newest backup that can be restored; older ones are not read once it is found."""
    return next((backup for backup in _checked_backups(folder) if backup.good), None)
