"""Rotating backups of the journal in <home>/backups, and how good each one is.

A backup is a folder (`daily-20261202-081500/`, `start-...`) holding the journal's files as
hard links: the journal's files are only ever replaced, never written in place, so a link
keeps the file as it was for as long as the backup lives, and a backup costs no copy. Only
files that read are linked; a file is read for this only if the last backup does not
already hold that very file. Kept: one per day for the last DAILY_KEPT days, plus the last
STARTS_KEPT app starts, and the last EDITS_KEPT taken just before an entry was edited or
deleted (`edit-...`), so that what was changed by mistake can be found again. Backups of schema 1 (`daily-....json`) are still listed and can be
restored (they are migrated).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from companion.errors import CorruptJournal
from companion.files.atomic import fsync_dir, private_folder
from companion.i18n import _
from companion.storage.durable import parse, read_raw, read_tables, shape_problems
from companion.storage.layout import COACHING, ENTRIES, Layout
from companion.storage.migrate import legacy_records
from companion.storage.records import Unreadable, readable

DAILY_KEPT = 7
STARTS_KEPT = 3
EDITS_KEPT = 10
TEMP_PREFIX = ".taking-"


class Backup(NamedTuple):
    path: Path
    taken: datetime
    kind: str  # "daily", "start" or "edit"
    problem: str | None  # None when it reads as a journal

    @property
    def good(self) -> bool:
        return self.problem is None


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%d-%H%M%S")


def _files(folder: Path) -> dict[str, os.stat_result]:
    """The journal files under `folder`, by path relative to it."""
    layout = Layout(folder)
    found = {}
    for path in layout.files():
        with contextlib.suppress(OSError):
            found[path.relative_to(folder).as_posix()] = path.stat()
    return found


def _same_files(journal: Path, backup: Path | None) -> bool:
    if backup is None or not backup.is_dir():
        return False
    ours, theirs = _files(journal), _files(backup)
    return ours.keys() == theirs.keys() and all(
        ours[name].st_ino == theirs[name].st_ino for name in ours
    )


def _newest(folder: Path, prefix: str) -> Path | None:
    return max((p for p in folder.glob(f"{prefix}*") if p.is_dir()), default=None)


def take_backups(journal: Path, folder: Path, now: datetime, start: bool) -> list[Path]:
    """The first backup of the day if there is none yet, and a start backup if `start` and
    the journal changed since the last one; then rotate."""
    if not journal.is_dir():
        return []
    daily_due = not folder.is_dir() or not any(folder.glob(f"daily-{now:%Y%m%d}-*"))
    start = start and not _same_files(journal, _newest(folder, "start-"))
    if not (daily_due or start):
        return []  # the common case, e.g. `companion log`, or a start with no change
    written = []
    for kind, due in (("daily", daily_due), ("start", start)):
        if due:
            taken = _snapshot(journal, folder, f"{kind}-{_stamp(now)}")
            if taken is not None:
                written.append(taken)
    _rotate(folder)
    return written


def take_edit_backup(journal: Path, folder: Path, now: datetime) -> Path | None:
    """The journal as it is now, before an entry is edited or deleted; None if a file of
    it does not read (then nothing should be changed until `companion doctor` mends it).
    Two changes in the same second share the first one's backup, which holds both entries."""
    if not journal.is_dir():
        return None
    name = f"edit-{_stamp(now)}"
    if (folder / name).is_dir():
        return folder / name
    taken = _snapshot(journal, folder, name)
    _rotate(folder)
    return taken


def _snapshot(journal: Path, folder: Path, name: str) -> Path | None:
    """Hard links to the journal's files that read, in a new folder `name`; None if a file
    does not read (a damaged journal never pushes out a good backup)."""
    last = (
        max((p for p in folder.glob("*-*") if p.is_dir()), default=None)
        if folder.is_dir()
        else None
    )
    known = {stat.st_ino for stat in _files(last).values()} if last is not None else set()
    temp = folder / f"{TEMP_PREFIX}{name}"
    files = _files(journal)
    for relative, stat in files.items():
        if stat.st_ino not in known and _file_problem(journal / relative) is not None:
            return None
    private_folder(folder)
    shutil.rmtree(temp, ignore_errors=True)
    for relative in files:
        target = temp / relative
        private_folder(target.parent)
        try:
            os.link(journal / relative, target)
        except FileNotFoundError:
            continue  # replaced meanwhile: the next backup has it
        except OSError:
            shutil.copy2(journal / relative, target)
    fsync_dir(temp)
    os.rename(temp, folder / name)
    fsync_dir(folder)
    return folder / name


def _rotate(folder: Path) -> None:
    for prefix, kept in (("daily-", DAILY_KEPT), ("start-", STARTS_KEPT), ("edit-", EDITS_KEPT)):
        for old in sorted(folder.glob(f"{prefix}*"), reverse=True)[kept:]:
            with contextlib.suppress(OSError):
                shutil.rmtree(old) if old.is_dir() else old.unlink()
    for leftover in folder.glob(f"{TEMP_PREFIX}*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _backup_files(folder: Path) -> list[tuple[Path, datetime, str]]:
    """(path, when taken, kind) of every backup, newest first, none read yet."""
    found = []
    for path in folder.iterdir() if folder.is_dir() else []:
        name = path.name.removesuffix(".json") if path.is_file() else path.name
        kind, _dash, stamp = name.partition("-")
        try:
            taken = datetime.strptime(stamp, "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        if kind in ("daily", "start", "edit"):
            found.append((path, taken, kind))
    return sorted(found, key=lambda f: (f[1], f[2] == "start"), reverse=True)


def _checked_backups(folder: Path) -> Iterator[Backup]:
    """Every backup, newest first, each checked as it is reached."""
    for path, taken, kind in _backup_files(folder):
        yield Backup(path, taken, kind, backup_problem(path))


def list_backups(folder: Path) -> list[Backup]:
    """Every backup, newest first, each checked."""
    return list(_checked_backups(folder))


def newest_good(folder: Path) -> Backup | None:
    """The newest backup that can be restored; older ones are not read once it is found."""
    return next((backup for backup in _checked_backups(folder) if backup.good), None)


def _file_problem(path: Path) -> str | None:
    """Why a journal file does not read, records and all (None if it does)."""
    try:
        tables = read_tables(path) or {}
    except CorruptJournal as error:
        return error.problem
    for name, table in tables.items():
        if name == "meta":
            continue
        for doc_id, record in table.items():
            try:
                readable(name, doc_id, record)
            except (Unreadable, KeyError) as error:
                return str(error)
    return None


def backup_problem(backup: Path) -> str | None:
    """Why a backup cannot be restored (None if it can): every file must read, and every
    record in it, or restoring it would not mend anything."""
    if backup.is_dir():
        if not (backup / COACHING).is_file() and not (backup / ENTRIES).is_dir():
            return _("not a journal backup")
        for path in Layout(backup).files():
            problem = _file_problem(path)
            if problem is not None:
                return f"{path.relative_to(backup)}: {problem}"
        return None
    try:
        tables = parse(backup, read_raw(backup) or b"")
    except CorruptJournal as error:
        return error.problem
    if shape_problems(tables):
        return shape_problems(tables)[0][2]
    for name, records in legacy_records(tables).items():
        for number, record in enumerate(records, start=1):
            try:
                readable(name, number, record)
            except Unreadable as error:
                return str(error)
    return None
