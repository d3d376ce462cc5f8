"""Where the journal's files lie (schema 2), and what a folder found there is.

    <home>/journal/coaching.json         people, actions, 1:1s, and the schema version
    <home>/journal/entries/2026/12.json  the entries of one local month
    <home>/journal/entries/undated.json  entries whose date cannot be read (from a migration)
    <home>/journal.lock                  the one lock for the whole journal

Each file is a TinyDB database, only ever replaced whole, so a closed month never changes
and a backup can hard-link the files instead of copying them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, NamedTuple

from companion.errors import CorruptJournal, JournalError
from companion.files.cache import Stamp, stamp_from
from companion.i18n import _

ENTRIES = "entries"  # the table of a month file, and the folder of month files
COACHING = "coaching.json"
UNDATED = "undated"
_MONTH_FILE = re.compile(r"\d\d\.json")
_YEAR = re.compile(r"\d{4}")
_CREATED = re.compile(r"(\d{4})-(\d\d)-\d\d")


def month_of(record: Any) -> str:
    """The local month a stored entry belongs to ('2026-12'), from its `created` text as
    written (the writer's own offset), or UNDATED if that cannot be read."""
    created = record.get("created") if isinstance(record, dict) else None
    found = _CREATED.match(created) if isinstance(created, str) else None
    if found is None or not 1 <= int(found.group(2)) <= 12:
        return UNDATED
    return f"{found.group(1)}-{found.group(2)}"


class Layout(NamedTuple):
    """The files of the journal kept in `folder`."""

    folder: Path

    @property
    def lock(self) -> Path:
        return self.folder.with_name(self.folder.name + ".lock")

    @property
    def legacy(self) -> Path:
        """The one-file journal of schema 1, migrated into the folder when first opened."""
        return self.folder.with_name(self.folder.name + ".json")

    @property
    def coaching(self) -> Path:
        return self.folder / COACHING

    @property
    def building(self) -> Path:
        """Where a new folder is built (a migration, a restore); removed if found at open."""
        return self.folder.with_name(self.folder.name + ".building")

    @property
    def ready(self) -> Path:
        """A complete new folder, waiting to take the journal's place."""
        return self.folder.with_name(self.folder.name + ".ready")

    def month_file(self, month: str) -> Path:
        if month == UNDATED:
            return self.folder / ENTRIES / f"{UNDATED}.json"
        year, number = month.split("-")
        return self.folder / ENTRIES / year / f"{number}.json"

    def month_stamps(self) -> dict[str, Stamp]:
        """Every month file's stamp, by month; read without opening a file."""
        found: dict[str, Stamp] = {}
        try:
            years = os.scandir(self.folder / ENTRIES)
        except (FileNotFoundError, NotADirectoryError):
            return found
        with years:
            for year in years:
                if year.name == f"{UNDATED}.json":
                    found[UNDATED] = stamp_from(year.stat())
                elif _YEAR.fullmatch(year.name) and year.is_dir():
                    with os.scandir(year.path) as files:
                        for file in files:
                            if _MONTH_FILE.fullmatch(file.name):
                                found[f"{year.name}-{file.name[:2]}"] = stamp_from(file.stat())
        return found

    def files(self) -> list[Path]:
        """The coaching file (if any) and every month file, oldest month first."""
        coaching = [self.coaching] if self.coaching.exists() else []
        return coaching + [self.month_file(month) for month in sorted(self.month_stamps())]

    def version(self) -> tuple[Any, ...]:
        """Changes whenever any process replaces a file of the journal."""
        try:
            coaching: Stamp | None = stamp_from(self.coaching.stat())
        except OSError:
            coaching = None
        return (coaching, tuple(sorted(self.month_stamps().items())))


def check_place(path: Path, what: str, folder: bool) -> None:
    """Refuse, in one line, a journal path that is a dangling symlink, a symlink leading out
    of the home folder, or not the kind of thing expected (a file where a folder should be).
    A symlink that stays inside the home folder is followed."""
    if path.is_symlink():
        target = Path(os.readlink(path))
        if not path.exists():
            raise JournalError(
                path,
                _(
                    "{what} is a symlink to {target}, which does not exist (a drive not mounted?)"
                ).format(what=what, target=target),
                _("Nothing was created; mount it, or remove the link to start a new journal"),
            )
        home = path.parent.resolve()
        if not path.resolve().is_relative_to(home):
            raise JournalError(
                path,
                _("{what} is a symlink to {target}, outside {home}; refused").format(
                    what=what, target=target, home=home
                ),
                _("Move the journal into the home folder, or choose that folder with --home"),
            )
    if path.exists() and path.is_dir() != folder:
        wrong = (
            _("{what} is a file, not a folder") if folder else _("{what} is a folder, not a file")
        )
        raise CorruptJournal(path, wrong.format(what=what))
