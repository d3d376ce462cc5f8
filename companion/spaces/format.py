"""The files of a shared space: where each record lives, how it is written, how it is read.

```
README.md                   the marker: this repository is a Companion space, format 1
rep/shared/<id>.md          what the rep shares
rep/events/<id>.md          state changes the rep makes (withdrawn, done, ...)
manager/summaries/<id>.md   1:1 summaries
manager/actions/<id>.md     agreed actions
manager/recognitions/<id>.md
manager/events/<id>.md      state changes the manager makes (discussed, done, ...)
```

Each side writes only below its own folder and never changes a file once written, so a merge
of the two sides only ever adds files: it cannot conflict. A file is markdown with YAML
frontmatter (`kind`, `id`, `by`, `clock`, `at`, then the kind's fields); the body is the
item's text, kept exactly as written. Everything here is pure: it is given paths and bytes
(from git's objects, never a checkout), and a file that is not what it should be becomes one
`Problem` line, never an exception and never a write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from companion.models.space import SIDES, Item, Side, StateEvent, record_adapter
from companion.packs.frontmatter import SafeLoader

FORMAT_VERSION = 1
MARKER_PATH = "README.md"
MARKER_KIND = "companion-space"
MAX_FILE_BYTES = 64 * 1024
FENCE = "---\n"

Record = Item | StateEvent
FOLDERS: dict[str, str] = {
    "shared": "shared",
    "summary": "summaries",
    "action": "actions",
    "recognition": "recognitions",
    "event": "events",
}
KIND_OF_FOLDER = {folder: kind for kind, folder in FOLDERS.items()}
CREATES: dict[Side, frozenset[str]] = {
    "rep": frozenset({"shared", "event"}),
    "manager": frozenset({"summary", "action", "recognition", "event"}),
}
REGULAR_MODES = frozenset({"100644", "100755"})
RECORD_PATH = re.compile(r"(?P<side>[a-z]+)/(?P<folder>[a-z]+)/(?P<id>[0-9a-f]{12})\.md")
HEAD_KEYS = ("kind", "id", "by", "clock", "at")  # written first, in this order
CONFLICT_START = re.compile(r"^<{7}( |$)", re.MULTILINE)
CONFLICT_END = re.compile(r"^>{7}( |$)", re.MULTILINE)

MARKER_TEXT = f"""---
kind: {MARKER_KIND}
format: {FORMAT_VERSION}
---
# A Companion shared space

This repository is a shared space of [Companion](https://pypi.org/project/companion-coach/),
the coaching companion: what a rep chose to share with their manager, and what came back
from their 1:1s (summaries, agreed actions, recognitions).

Each file is one item, written once and never edited. Files under `rep/` are written by the
rep's Companion, files under `manager/` by the manager's; a change of state (discussed, done,
withdrawn) is a new file under `events/`. Please do not edit or add files by hand: Companion
ignores, with a warning, anything it did not write.
"""


@dataclass(frozen=True)
class Problem:
    """One line about a file of the space that is ignored, and why."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass(frozen=True)
class Place:
    """Where a record's file sits: which side wrote it, its kind, its id."""

    side: Side
    kind: str
    id: str


class BadRecord(Exception):
    """A file that is not a record we accept; `str()` is the reason."""


def record_path(record: Record) -> str:
    return f"{record.by}/{FOLDERS[record.kind]}/{record.id}.md"


def printable_path(path: str) -> str:
    """A path as it can be shown on one line: control characters escaped."""
    return path.encode("unicode_escape", "backslashreplace").decode("ascii", "replace")[:300]


def check_entry(path: str, mode: str, size: int) -> Place | Problem | None:
    """Where a tree entry of the space belongs, from its path, mode and size alone (before
    anything is read): a record's `Place`, None for the marker, or the `Problem` that gets
    the entry ignored."""
    shown = printable_path(path)
    if mode == "120000":
        return Problem(shown, "a symbolic link, ignored")
    if mode == "160000":
        return Problem(shown, "a submodule, ignored")
    if mode not in REGULAR_MODES:
        return Problem(shown, f"not a regular file (mode {mode}), ignored")
    parts = path.split("/")
    if path.startswith("/") or "\\" in path or any(part in ("", ".", "..") for part in parts):
        return Problem(shown, "an unsafe path (absolute, '..' or empty parts), ignored")
    if path == MARKER_PATH:
        return None
    match = RECORD_PATH.fullmatch(path)
    if match is None:
        return Problem(shown, "not a file Companion writes, ignored")
    side, folder = match["side"], match["folder"]
    if side not in SIDES:
        return Problem(shown, f"'{side}' is neither side of a space, ignored")
    kind = KIND_OF_FOLDER.get(folder)
    if kind is None:
        return Problem(shown, f"unknown kind of file '{folder}', ignored")
    if kind not in CREATES[side]:  # type: ignore[index]
        return Problem(shown, f"the {side} side does not write {folder}, ignored")
    if size > MAX_FILE_BYTES:
        return Problem(shown, f"larger than {MAX_FILE_BYTES // 1024} KB, ignored")
    return Place(side, kind, match["id"])  # type: ignore[arg-type]


# -- writing ---------------------------------------------------------------------------------


def _dump(fields: dict[str, Any], readable: bool) -> str:
    """YAML of the fields; `readable` keeps non-ASCII text as it is, else it is escaped."""
    return yaml.safe_dump(fields, sort_keys=False, allow_unicode=readable, width=1_000_000)


def _reads_back(frontmatter: str, fields: dict[str, Any]) -> bool:
    loaded = yaml.load(frontmatter, Loader=SafeLoader)
    return all(loaded.get(key) == value for key, value in fields.items() if isinstance(value, str))


def render_record(record: Record) -> bytes:
    """The file of a record: frontmatter of its fields, then its text as the body."""
    fields = record.model_dump(exclude_none=True)
    text = fields.pop("text", None)
    ordered = {key: fields.pop(key) for key in HEAD_KEYS}
    ordered.update(fields)
    frontmatter = _dump(ordered, readable=True)
    if not _reads_back(frontmatter, ordered):  # e.g. U+0085 or U+2028, which YAML folds
        frontmatter = _dump(ordered, readable=False)
    body = "" if text is None else text + "\n"
    data = f"{FENCE}{frontmatter}{FENCE}{body}".encode()
    if len(data) > MAX_FILE_BYTES:
        raise BadRecord(f"longer than the {MAX_FILE_BYTES // 1024} KB a shared item may be")
    return data


# -- reading ---------------------------------------------------------------------------------


def split_file(data: bytes) -> tuple[dict[str, Any], str]:
    """Frontmatter (a mapping of plain values) and body of a space file."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRecord(f"not UTF-8 text (byte {error.start})") from None
    if CONFLICT_START.search(text) and CONFLICT_END.search(text):
        raise BadRecord("holds merge conflict markers: it was merged by hand")
    if not text.startswith(FENCE):
        raise BadRecord("no frontmatter: the file does not start with '---'")
    end = text.find("\n" + FENCE, len(FENCE) - 1)
    if end < 0:
        raise BadRecord("the frontmatter is not closed by a '---' line")
    try:
        fields = yaml.load(text[len(FENCE) : end + 1], Loader=SafeLoader)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise BadRecord(f"frontmatter: {first}") from None
    if not isinstance(fields, dict) or not all(isinstance(key, str) for key in fields):
        raise BadRecord("frontmatter must be 'key: value' lines")
    if any(isinstance(value, list | dict) for value in fields.values()):
        raise BadRecord("frontmatter values must be plain: no lists or mappings")
    return fields, text[end + 1 + len(FENCE) :]


def first_error(error: Exception) -> str:
    errors = getattr(error, "errors", None)
    if not callable(errors):
        return str(error)
    first = errors()[0]
    where = ".".join(str(part) for part in first["loc"][1:] or first["loc"])
    return f"{where}: {first['msg']}" if where else first["msg"]


def parse_record(place: Place, data: bytes) -> Record:
    """The record in a file at `place`, or BadRecord saying why it is not one we accept."""
    from pydantic import ValidationError

    fields, body = split_file(data)
    if "text" in fields:
        raise BadRecord("'text' belongs in the body, not the frontmatter")
    for key, expected in (("kind", place.kind), ("id", place.id), ("by", place.side)):
        if fields.get(key) != expected:
            raise BadRecord(f"{key} is {fields.get(key)!r}, but its place says {expected!r}")
    if place.kind != "event":
        fields["text"] = body[:-1] if body.endswith("\n") else body
    try:
        return record_adapter.validate_python(fields)
    except ValidationError as error:
        raise BadRecord(first_error(error)) from None


def parse_marker(data: bytes) -> int:
    """The format version the marker declares, or BadRecord if it is not a marker."""
    fields, _body = split_file(data)
    version = fields.get("format")
    if fields.get("kind") != MARKER_KIND or not isinstance(version, int) or version < 1:
        raise BadRecord(f"not the marker of a Companion space (kind: {MARKER_KIND})")
    return version
