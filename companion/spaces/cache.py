"""Files of a space already parsed, by blob id and path: a file never changes once written,
so what it parsed to holds for as long as its blob is in the tree. Losing the cache (or a
cache that cannot be read) only costs a re-read.

The records are kept as one list and validated back in one call, which is what reading
thousands of them costs least.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import orjson
from pydantic import ConfigDict, TypeAdapter, ValidationError

from companion.i18n import active_language
from companion.models.space import Record, SpaceRecordAny
from companion.spaces.layout import Problem

CACHE_VERSION = 2
Parsed = Record | Problem | int  # a record, why the file is ignored, or the marker's version
_records: TypeAdapter[list[Record]] = TypeAdapter(
    list[SpaceRecordAny], config=ConfigDict(defer_build=True)
)


class ParsedFiles:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._known: dict[str, Parsed] = {}
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError, AttributeError):
            self._known = _decode(orjson.loads(path.read_bytes()))
        self._used: dict[str, Parsed] = {}
        self._added = False

    def get(self, sha: str, path: str) -> Parsed | None:
        key = f"{sha} {path}"
        parsed = self._known.get(key)
        if parsed is not None:
            self._used[key] = parsed
        return parsed

    def put(self, sha: str, path: str, parsed: Parsed) -> None:
        self._used[f"{sha} {path}"] = parsed
        self._added = True

    def save(self) -> None:
        """Keep what the last read used: files gone from the tree drop out."""
        if not self._added and len(self._used) == len(self._known):
            return
        from companion.files.atomic import atomic_write_bytes

        with contextlib.suppress(OSError):
            atomic_write_bytes(self.path, orjson.dumps(_encode(self._used)), durable=False)
        self._known, self._added = dict(self._used), False


def _encode(parsed: dict[str, Parsed]) -> dict[str, object]:
    records = {key: value for key, value in parsed.items() if not isinstance(value, Problem | int)}
    return {
        "version": CACHE_VERSION,
        "language": active_language(),  # of the problems' words
        "record_keys": list(records),
        "records": [record.model_dump(mode="json") for record in records.values()],
        "problems": {
            key: [value.path, value.problem]
            for key, value in parsed.items()
            if isinstance(value, Problem)
        },
        "markers": {key: value for key, value in parsed.items() if isinstance(value, int)},
    }


def _decode(data: dict[str, object]) -> dict[str, Parsed]:
    if data.get("version") != CACHE_VERSION or data.get("language") != active_language():
        return {}
    try:
        records = _records.validate_python(data["records"])
    except ValidationError:  # a damaged cache: every file is read again
        return {}
    keys: list[str] = data["record_keys"]  # type: ignore[assignment]
    if len(keys) != len(records):
        return {}
    known: dict[str, Parsed] = dict(zip(keys, records, strict=True))
    for key, (path, problem) in data["problems"].items():  # type: ignore[attr-defined]
        known[key] = Problem(str(path), str(problem))
    for key, version in data["markers"].items():  # type: ignore[attr-defined]
        if isinstance(version, int) and not isinstance(version, bool):
            known[key] = version
    return known
