"""Caches: copies that make Companion fast. Losing one loses nothing, it only costs time.

The one rule: a cached value is stamped with the file(s) it was computed from (their size,
mtime and inode, which change whenever a file is replaced) and given back only while that is
unchanged. Writes are best effort and not fsynced: a cache that cannot be written is only
slower.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

import orjson

from companion.files.atomic import atomic_write_bytes, private_folder

Value = TypeVar("Value")
Stamp = tuple[int, int, int]


def stamp_of(path: Path) -> Stamp | None:
    """A file's stamp, or None if it does not exist."""
    try:
        return stamp_from(path.stat())
    except FileNotFoundError:
        return None


def stamp_from(info: os.stat_result) -> Stamp:
    """A file's size, mtime and inode: they change whenever it is written or replaced."""
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def write_cache(path: Path, document: Any) -> None:
    """Write a cache file, or nothing if it cannot be written."""
    with contextlib.suppress(OSError):
        private_folder(path.parent)
        atomic_write_bytes(path, orjson.dumps(document), durable=False)


class StampedCache(Generic[Value]):
    """One value in one file, stamped with what it was computed from."""

    def __init__(
        self, path: Path, to_json: Callable[[Value], Any], from_json: Callable[[Any], Value]
    ) -> None:
        self.path = path
        self.to_json = to_json
        self.from_json = from_json
        self._last: tuple[Any, Value] | None = None  # read once per process

    def load(self, stamp: Any) -> Value | None:
        """The cached value if it was computed from what `stamp` describes (None: nothing)."""
        if stamp is None:
            return None
        stamp = _as_json(stamp)  # as the file holds it: tuples are lists
        if self._last is None or self._last[0] != stamp:
            read = self._read(stamp)
            if read is None:
                return None
            self._last = read
        return self._last[1]

    def last_saved(self) -> Value | None:
        """The value as last saved, whatever it was computed from (None: nothing, or a file
        this version cannot read). For showing something at once, while `load` checks."""
        if self._last is None:
            self._last = self._read()  # so that `load` need not read it again
        return None if self._last is None else self._last[1]

    def _read(self, stamp: Any = None) -> tuple[Any, Value] | None:
        """The file's stamp and value (only if its stamp is `stamp`, when one is given); None
        if it is missing, stale or damaged: the value is computed again."""
        try:
            document = orjson.loads(self.path.read_bytes())
            if stamp is not None and document["stamp"] != stamp:
                return None
            return document["stamp"], self.from_json(document["value"])
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def drop(self) -> None:
        """Forget the value and remove its file: what it was computed from is gone."""
        self._last = None
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)

    def save(self, stamp: Any, value: Value) -> None:
        if stamp is None:
            return
        stamp = _as_json(stamp)
        self._last = (stamp, value)
        write_cache(self.path, {"stamp": stamp, "value": self.to_json(value)})


def _as_json(value: Any) -> Any:
    return orjson.loads(orjson.dumps(value))
