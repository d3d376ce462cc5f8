"""Rotating backups of the journal in <home>/backups, and recovery from them.

Only a journal that parses is ever copied, so a damaged file never pushes out a good backup.
Kept: one per day for the last DAILY_KEPT days, plus the last STARTS_KEPT app starts.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from companion.errors import CompanionError, CorruptJournal
from companion.storage.atomic import atomic_write_bytes, fsync_dir
from companion.storage.durable import parse_journal_bytes, split_tables

DAILY_KEPT = 7
STARTS_KEPT = 3


@dataclass(frozen=True)
class Backup:
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
    if not (daily_due or start):
        return []  # the common case, e.g. `companion log`: nothing to read
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
    _rotate(folder)
    return written


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


def list_backups(folder: Path) -> list[Backup]:
    """Every backup, newest first, each checked."""
    found = []
    for path in folder.glob("*.json") if folder.is_dir() else []:
        kind, _, stamp = path.stem.partition("-")
        try:
            taken = datetime.strptime(stamp, "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        problem = None
        try:
            parse_journal_bytes(path, path.read_bytes())
        except CorruptJournal as error:
            problem = error.problem
        except OSError as error:
            problem = f"unreadable ({error.strerror})"
        found.append(Backup(path, taken, kind, problem))
    return sorted(found, key=lambda b: (b.taken, b.kind == "start"), reverse=True)


def newest_good(folder: Path) -> Backup | None:
    return next((b for b in list_backups(folder) if b.good), None)


def set_aside(journal: Path, now: datetime) -> Path:
    """Rename a damaged journal out of the way (never delete it)."""
    target = journal.with_name(f"{journal.name}.damaged-{_stamp(now)}")
    os.replace(journal, target)
    fsync_dir(journal.parent)
    return target


def restore(journal: Path, backup: Backup, now: datetime) -> Path | None:
    """Put `backup` in place of the journal; the current file, if any, is kept aside."""
    if not backup.good:
        raise CompanionError(f"{backup.path}: cannot restore it ({backup.problem})")
    kept = set_aside(journal, now) if journal.exists() else None
    atomic_write_bytes(journal, backup.path.read_bytes())
    return kept
