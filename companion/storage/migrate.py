"""Putting a whole new journal folder in place: the migration from schema 1, and restores.

Schema 1 kept everything in one `journal.json`; schema 2 is the folder of `storage.layout`.
The schema version lives in the 'meta' table of the folder's coaching file, the one file
read at every open.

A new folder is never written where the journal is. It is built beside it (`journal.building`),
every file synced, then renamed `journal.ready`, and only then swapped in: the journal in
place is renamed aside (a restore keeps it as `journal.damaged-<date>`) and the ready folder
takes its name. So a kill at any point leaves the old journal in use, or the new one
complete; the next open removes a half-built folder and finishes a swap begun
(`settle`). A migration first keeps `journal.json` as `journal.json.schema-1.bak`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from companion import __version__
from companion.errors import CorruptJournal
from companion.files.atomic import fsync_dir, move_aside, private_folder
from companion.i18n import _
from companion.storage.durable import Twice, parse, read_raw, write_tables
from companion.storage.layout import Layout, month_of
from companion.storage.records import ENTRIES, META

SCHEMA_VERSION = 2
LEGACY_COPY = ".schema-1.bak"
COACHING_TABLES = ("people", "actions", "one_on_ones")


def needs_settling(layout: Layout) -> bool:
    """Whether `settle` has anything to do (cheap: no file is read)."""
    leftover = layout.building.exists() or layout.ready.exists()
    legacy = layout.legacy.is_file() and (
        not layout.folder.exists() or legacy_copy(layout).exists()
    )
    return leftover or legacy


def _legacy_done(layout: Layout) -> bool:
    return layout.folder.is_dir() and legacy_copy(layout).exists()


def legacy_copy(layout: Layout) -> Path:
    return layout.legacy.with_name(layout.legacy.name + LEGACY_COPY)


def settle(layout: Layout) -> None:
    """Under the journal lock: finish or undo what an interrupted swap left, then migrate a
    schema 1 journal if there is one and no folder yet."""
    if layout.ready.exists():
        if layout.folder.exists():  # the swap had not begun: the old journal stays
            shutil.rmtree(layout.ready)
        else:
            os.rename(layout.ready, layout.folder)
        fsync_dir(layout.folder.parent)
    if layout.building.exists():
        shutil.rmtree(layout.building)
    if layout.legacy.is_file() and not layout.folder.exists():
        migrate_legacy(layout)
    if layout.legacy.is_file() and _legacy_done(layout):
        layout.legacy.unlink()  # migrated, and kept as the copy: the kill came just before
        fsync_dir(layout.folder.parent)


def migrate_legacy(layout: Layout) -> None:
    """Schema 1 -> 2: keep a copy of `journal.json`, build the folder from it, swap it in,
    then remove `journal.json`. A file that does not read is left alone (CorruptJournal):
    doctor restores a backup, and the next open migrates that."""
    raw = read_raw(layout.legacy) or b""
    tables = parse(layout.legacy, raw)
    version = legacy_version(layout.legacy, tables)
    if version > 1:
        problem = _("schema {version} in a one-file journal").format(version=version)
        raise CorruptJournal(layout.legacy, problem)
    copy = legacy_copy(layout)
    if not copy.exists():
        try:
            os.link(layout.legacy, copy)
        except OSError:
            copy.write_bytes(raw)
            os.chmod(copy, 0o600)
        fsync_dir(copy.parent)
    build(layout, legacy_records(tables))
    swap_in(layout)
    layout.legacy.unlink()
    fsync_dir(layout.folder.parent)


def legacy_version(path: Path, tables: dict[str, Any]) -> int:
    for record in tables.get(META, {}).values():
        version = record.get("schema_version") if isinstance(record, dict) else None
        if isinstance(version, int) and version >= 1:
            return version
    raise CorruptJournal(path, _("no schema version in the 'meta' table"))


def _records(table: dict[str, Any]) -> Iterator[Any]:
    """Every record of a table, in order, both of a doc id that appears twice."""
    pairs = table.pairs if isinstance(table, Twice) else table.items()
    for _key, record in pairs:
        yield record


def legacy_records(tables: dict[str, Any]) -> dict[str, list[Any]]:
    """A one-file journal's records by table, every one kept, damaged or not."""
    return {name: list(_records(tables.get(name, {}))) for name in (ENTRIES, *COACHING_TABLES)}


def build(layout: Layout, records: dict[str, list[Any]]) -> None:
    """Write a complete journal folder at `layout.building` from records by table (entries
    go to the file of their month), every file synced, then rename it `layout.ready`."""
    folder = Layout(layout.building)
    if folder.folder.exists():
        shutil.rmtree(folder.folder)
    private_folder(folder.folder)
    months: dict[str, list[Any]] = {}
    for record in records.get(ENTRIES, []):
        months.setdefault(month_of(record), []).append(record)
    for month, entries in months.items():
        write_tables(folder.month_file(month), {ENTRIES: _numbered(entries)})
    meta = {"schema_version": SCHEMA_VERSION, "created_by": __version__}
    coaching = {META: {"1": meta}}
    coaching.update({name: _numbered(records.get(name, [])) for name in COACHING_TABLES})
    write_tables(folder.coaching, coaching)
    for path in (folder.folder / ENTRIES, *(folder.folder / ENTRIES).glob("*")):
        if path.is_dir():
            fsync_dir(path)
    fsync_dir(folder.folder)
    os.rename(layout.building, layout.ready)
    fsync_dir(layout.folder.parent)


def _numbered(records: list[Any]) -> dict[str, Any]:
    return {str(number): record for number, record in enumerate(records, start=1)}


def swap_in(layout: Layout, keep_as: str | None = None, now: datetime | None = None) -> Path | None:
    """Put the ready folder in the journal's place. The journal in place, if any, is kept
    beside it as `journal.<keep_as>-<date>` (a restore), or must not exist (a migration).
    Returns where the old journal is kept."""
    kept = None
    if layout.folder.exists() or layout.folder.is_symlink():
        if keep_as is None:
            raise FileExistsError(layout.folder)
        kept = move_aside(layout.folder, keep_as, now or datetime.now())
    os.rename(layout.ready, layout.folder)
    fsync_dir(layout.folder.parent)
    return kept
