"""Where a test finds the journal's files on disk (schema 2: see companion/storage/layout.py)."""

from __future__ import annotations

from pathlib import Path

import orjson

from tests.conftest import NOW


def month_file(folder: Path, month: str = f"{NOW:%Y-%m}") -> Path:
    """The file of one month's entries (by default the month the tests' clock is in)."""
    year, number = month.split("-")
    return folder / "entries" / year / f"{number}.json"


def coaching_file(folder: Path) -> Path:
    return folder / "coaching.json"


def tables(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


def rewrite(path: Path, change) -> bytes:  # type: ignore[no-untyped-def]
    """Change a file's tables by hand, as another tool would; returns the new bytes."""
    data = tables(path)
    change(data)
    replace_bytes(path, orjson.dumps(data))
    return path.read_bytes()


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under the folder, by relative path: to check that nothing changed."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def write_journal(folder: Path, coaching: dict, months: dict[str, dict] | None = None) -> dict:
    """A journal folder written by hand: the coaching file's tables, and each month's
    entries table ({"2026-11": {"1": record}}); returns its files."""
    coaching_file(folder).parent.mkdir(parents=True, exist_ok=True)
    coaching_file(folder).write_bytes(orjson.dumps(coaching))
    for month, entries in (months or {}).items():
        path = month_file(folder, month)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(orjson.dumps({"entries": entries}))
    return files_of(folder)


def replace_bytes(path: Path, raw: bytes) -> None:
    """Put new bytes in the file's place, as a tool that writes a new file would (a write
    in place would also change the backups, which hold hard links to the same files)."""
    temporary = path.with_name(path.name + ".new")
    temporary.write_bytes(raw)
    temporary.chmod(0o600)
    temporary.replace(path)
