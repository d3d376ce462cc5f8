"""A TinyDB storage that reads the file afresh every time and replaces it atomically on write.

TinyDB's own JSONStorage keeps a handle open and rewrites the file in place, so a crash or a
second process can leave it half written. This one never writes in place, and never keeps a
handle that could go on seeing an old file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from companion.errors import CorruptJournal
from companion.storage.atomic import atomic_write_bytes

RESTORE_HINT = "The file was left untouched; run `companion doctor` to inspect it"


def parse_journal_bytes(path: Path, raw: bytes) -> dict[str, Any]:
    """The journal's tables, or a CorruptJournal naming the file and what is wrong."""
    if not raw.strip():
        raise CorruptJournal(path, "the journal file is empty", RESTORE_HINT)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise CorruptJournal(
            path, f"not valid JSON at line {error.lineno}, column {error.colno}", RESTORE_HINT
        ) from error
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise CorruptJournal(path, "not a Companion journal (expected tables of records)")
    return data


class DurableStorage(Storage):
    """TinyDB storage for one JSON file; callers hold the journal lock around writes."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        return parse_journal_bytes(self.path, raw)

    def write(self, data: dict[str, Any]) -> None:
        atomic_write_bytes(self.path, orjson.dumps(data))

    def close(self) -> None:
        """Nothing to close: no handle is kept between calls."""
