"""Files of a space already parsed, by blob id and path: a file never changes once written,
so what it parsed to holds for as long as its blob is in the tree. Losing the cache (or a
cache that cannot be read) only costs a re-read."""

from __future__ import annotations

import contextlib
from pathlib import Path

import orjson

from companion.models.space import record_adapter
from companion.spaces.format import Record
from companion.spaces.layout import Problem

CACHE_VERSION = 1
Parsed = Record | Problem | int  # a record, why the file is ignored, or the marker's version


class ParsedFiles:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._stored: dict[str, dict[str, object]] = {}
        with contextlib.suppress(OSError, orjson.JSONDecodeError, AttributeError, TypeError):
            data = orjson.loads(path.read_bytes())
            if data.get("version") == CACHE_VERSION:
                self._stored = dict(data["files"])
        self._used: dict[str, dict[str, object]] = {}
        self._added = False

    def get(self, sha: str, path: str) -> Parsed | None:
        key = f"{sha} {path}"
        entry = self._stored.get(key)
        if entry is None:
            return None
        try:
            parsed = _decode(entry)
        except (ValueError, TypeError, KeyError):  # a damaged entry: read the file again
            return None
        self._used[key] = entry
        return parsed

    def put(self, sha: str, path: str, parsed: Parsed) -> None:
        self._used[f"{sha} {path}"] = _encode(parsed)
        self._added = True

    def save(self) -> None:
        """Keep what the last read used: files gone from the tree drop out."""
        if not self._added and len(self._used) == len(self._stored):
            return
        from companion.storage.atomic import atomic_write_bytes

        data = orjson.dumps({"version": CACHE_VERSION, "files": self._used})
        with contextlib.suppress(OSError):
            atomic_write_bytes(self.path, data, durable=False)
        self._stored, self._added = dict(self._used), False


def _encode(parsed: Parsed) -> dict[str, object]:
    if isinstance(parsed, int):
        return {"version": parsed}
    if isinstance(parsed, Problem):
        return {"path": parsed.path, "problem": parsed.problem}
    return {"record": parsed.model_dump(mode="json")}


def _decode(entry: dict[str, object]) -> Parsed:
    if "record" in entry:
        return record_adapter.validate_python(entry["record"])
    if "problem" in entry:
        return Problem(str(entry["path"]), str(entry["problem"]))
    version = entry["version"]
    if not isinstance(version, int):
        raise TypeError(version)
    return version
