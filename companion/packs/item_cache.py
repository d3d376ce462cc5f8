"""Parsed content items, cached by file, so that a library of many packs opens quickly.

Parsing a markdown item (frontmatter, outline, models) is cheap once and slow by the
hundred, and a library of many packs was parsed every time a screen needed it. Each file's
item (as JSON) and problems are kept in <home>/cache/items.json under its path,
stamped with its size and mtime, the pack's manifest and this Companion's version. A changed
stamp means the file is parsed again. The cache is only ever a copy: losing it loses nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from companion import __version__
from companion.files.cache import write_cache
from companion.i18n import active_language
from companion.models.content import ContentItem
from companion.packs.kinds import BY_KIND
from companion.packs.problems import Problem

Parsed = tuple[ContentItem | None, list[Problem]]


def file_stamp(path: Path) -> list[int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def _cache_version() -> str:
    """The cache holds problems in the words of the language they were found in, so it is of
    one version of Companion and one interface language: another is parsed again."""
    return f"{__version__}/{active_language()}"


class ItemCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, Any] = self._read()
        self.changed = False

    def _read(self) -> dict[str, Any]:
        try:
            document = orjson.loads(self.path.read_bytes())
            if document.get("version") == _cache_version():
                return dict(document["items"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # missing, from another version or damaged: items are parsed again
        return {}

    @staticmethod
    def _stamp(path: Path, manifest: str) -> list[Any] | None:
        stamp = file_stamp(path)
        return None if stamp is None else [*stamp, manifest]

    def get(self, path: Path, manifest: str) -> Parsed | None:
        """The item and problems parsed from `path` as it is now, if cached (`manifest` is
        the pack's manifest as JSON: an item depends on its pack's id and language)."""
        entry = self.entries.get(str(path))
        stamp = self._stamp(path, manifest)
        if entry is None or stamp is None or entry["stamp"] != stamp:
            return None
        try:
            problems = [
                Problem(Path(p), line, text, kind) for p, line, text, kind in entry["problems"]
            ]
            item = entry["item"]
            if item is None:
                return None, problems
            return BY_KIND[item["kind"]].model.model_validate(item), problems
        except (KeyError, TypeError, ValueError):
            return None  # an entry this version cannot read: parse the file again

    def put(self, path: Path, manifest: str, parsed: Parsed) -> None:
        stamp = self._stamp(path, manifest)
        if stamp is None:
            return
        item, problems = parsed
        self.entries[str(path)] = {
            "stamp": stamp,
            "item": None if item is None else item.model_dump(mode="json"),
            "problems": [[str(p.path), p.line, p.message, p.severity] for p in problems],
        }
        self.changed = True

    def save(self) -> None:
        """Write the cache if anything was parsed anew (entries of files gone are dropped)."""
        if not self.changed:
            return
        live = {key: value for key, value in self.entries.items() if os.path.exists(key)}
        write_cache(self.path, {"version": _cache_version(), "items": live})
        self.changed = False
