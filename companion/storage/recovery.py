"""A damaged journal: what is wrong with which file, and the repairs that lose nothing.

Every repair first keeps what it replaces, then replaces it atomically under the journal lock:

- set aside: records that cannot be read leave their file, which is first kept beside itself
  (`12.json.damaged-<date>`, a hard link); a doc id found twice keeps both records, the
  second under a new id;
- restore: the newest good backup is built into a new folder that then takes the journal's
  place (`storage.migrate`); the journal as it was is kept as `journal.damaged-<date>`;
- start afresh: the same, with an empty journal (when there is no backup to restore).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from companion.errors import CompanionError, CorruptJournal, JournalError
from companion.files.atomic import fsync_dir, keep_beside, move_aside, private_folder
from companion.i18n import _
from companion.storage.backups import Backup, newest_good
from companion.storage.durable import Twice, is_doc_id, parse, read_raw, write_tables
from companion.storage.journal import Journal
from companion.storage.layout import Layout, check_place
from companion.storage.migrate import build, legacy_records, swap_in
from companion.storage.records import META, Unreadable, readable

SHOWN_PROBLEMS = 5  # a message names this many invalid records, then says how many more


@dataclass(frozen=True)
class Diagnosis:
    """What is wrong with a journal, and what can be done about it."""

    path: Path  # the file (or folder) at fault, or the journal folder if several are
    problem: str  # one line
    readable: bool  # True: every file reads, and only the records in `invalid` do not
    backup: Backup | None  # the newest good backup, if any
    invalid: dict[Path, list[str]] = field(default_factory=dict)  # file -> problems

    @property
    def invalid_count(self) -> int:
        return sum(map(len, self.invalid.values()))


def summarise(problems: list[str]) -> str:
    shown = "; ".join(problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    return _("{problems}; and {more} more").format(problems=shown, more=more) if more > 0 else shown


def _record_problems(path: Path, tables: dict[str, Any]) -> list[str]:
    """One line for each record of a file that does not read."""
    problems = []
    for name, table in tables.items():
        if isinstance(table, Twice):
            seen: set[str] = set()
            for key, _value in table.pairs:
                if key in seen:
                    problem = _("record {key} in '{table}' appears twice")
                    problems.append(problem.format(key=key, table=name))
                seen.add(key)
        if name == META:
            continue
        for doc_id, record in table.items():
            if not is_doc_id(doc_id):
                problem = _("record {key} in '{table}' has a key that is not a number")
                problems.append(problem.format(key=repr(doc_id), table=name))
                continue
            try:
                readable(name, doc_id, record)
            except (Unreadable, KeyError) as error:
                problems.append(
                    str(error)
                    if isinstance(error, Unreadable)
                    else _("unknown table '{table}'").format(table=name)
                )
    return problems


def diagnose(folder: Path, backups: Path, known: JournalError | None = None) -> Diagnosis | None:
    """What is wrong with the journal in `folder` (None if nothing is). Slow on a big
    journal: every record is validated with its model."""
    layout = Layout(folder)
    try:
        if known is not None and not isinstance(known, CorruptJournal):
            raise known
        check_place(layout.legacy, _("the journal file"), folder=False)
        if layout.legacy.exists() and not layout.folder.exists():  # not migrated: it cannot be
            parse(layout.legacy, read_raw(layout.legacy) or b"")
        check_place(layout.folder, _("the journal folder"), folder=True)
    except JournalError as error:
        return Diagnosis(error.path, error.problem, False, newest_good(backups))
    invalid: dict[Path, list[str]] = {}
    for path in layout.files():
        try:
            tables = parse(path, read_raw(path) or b"")
        except CorruptJournal as error:
            return Diagnosis(path, error.problem, False, newest_good(backups))
        problems = _record_problems(path, tables)
        if problems:
            invalid[path] = problems
    if not invalid:
        return None
    lines = [f"{_name(folder, path)}: {p}" for path, problems in invalid.items() for p in problems]
    where = next(iter(invalid)) if len(invalid) == 1 else folder
    return Diagnosis(where, summarise(lines), True, newest_good(backups), invalid)


def _name(folder: Path, path: Path) -> str:
    return path.relative_to(folder).as_posix()


def _mended(tables: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """The tables without their unreadable records, and how many were left out; a doc id
    found twice keeps both records, the second under a new id."""
    mended: dict[str, Any] = {}
    left_out = 0
    for name, table in tables.items():
        pairs = table.pairs if isinstance(table, Twice) else list(table.items())
        kept: dict[str, Any] = {}
        numbers = [int(key) for key, _ in pairs if is_doc_id(key)]
        next_id = max(numbers, default=0) + 1
        for key, record in pairs:
            if name != META:
                try:
                    if not is_doc_id(key):
                        raise Unreadable(key)
                    readable(name, key, record)
                except (Unreadable, KeyError):
                    left_out += 1
                    continue
            if key in kept:  # the second of a doc id found twice
                key, next_id = str(next_id), next_id + 1
            kept[key] = record
        mended[name] = kept
    return mended, left_out


def set_invalid_aside(journal: Journal, now: datetime) -> tuple[Path, int] | None:
    """Leave the records that cannot be read out of their files, after keeping each file as
    it was beside it; returns where (the first) is kept and how many records were left out
    or renumbered (None if none)."""
    first: Path | None = None
    count = 0
    with journal.locked():
        for path in journal.layout.files():
            tables = parse(path, read_raw(path) or b"")
            problems = _record_problems(path, tables)
            if not problems:
                continue
            kept = keep_beside(path, "damaged", now)
            first = first or kept
            mended, _left_out = _mended(tables)
            write_tables(path, mended)
            count += len(problems)
    return None if first is None else (first, count)


def restore_backup(journal: Journal, backup: Backup, now: datetime) -> Path | None:
    """Put `backup` in place of the journal; returns where the journal as it was is kept."""
    if not backup.good:
        problem = _("{path}: cannot restore it ({problem})")
        raise CompanionError(problem.format(path=backup.path, problem=backup.problem))
    layout = journal.layout
    with journal.locked():
        if backup.path.is_dir():
            _link_folder(backup.path, layout)
        else:
            build(layout, legacy_records(parse(backup.path, backup.path.read_bytes())))
        return _swap(layout, now)


def start_afresh(journal: Journal, now: datetime) -> Path | None:
    """Keep the journal aside and let an empty one take its place (when nothing can be
    restored); returns where the old one is kept."""
    layout = journal.layout
    with journal.locked():
        build(layout, {})
        return _swap(layout, now)


def _swap(layout: Layout, now: datetime) -> Path | None:
    """The ready folder in the journal's place; a damaged one-file journal is moved aside
    too, so that it is not migrated over the repair."""
    legacy_kept = None
    if layout.legacy.exists() or layout.legacy.is_symlink():
        legacy_kept = move_aside(layout.legacy, "damaged", now)
    kept = swap_in(layout, "damaged", now)
    return kept or legacy_kept


def _link_folder(backup: Path, layout: Layout) -> None:
    """Build the journal's next folder from a backup folder's files (hard links: neither is
    ever written in place), then mark it ready."""
    building = layout.building
    shutil.rmtree(building, ignore_errors=True)
    for source in Layout(backup).files():
        target = building / source.relative_to(backup)
        private_folder(target.parent)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
        fsync_dir(target.parent)
    private_folder(building)
    os.rename(building, layout.ready)
    fsync_dir(layout.folder.parent)
