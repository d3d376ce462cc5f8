"""Where the files of a shared space live, and which entries of its tree are records at all.

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
of the two sides only ever adds files: it cannot conflict. An entry is judged by its path,
mode and size alone, before anything is read; anything that is not a record becomes one
`Problem` line, never an exception and never a write. This module needs neither YAML nor
pydantic, so a sync with nothing new does not load them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from companion.i18n import _

if TYPE_CHECKING:
    from companion.models.space import Record, Side

FORMAT_VERSION = 1
MARKER_PATH = "README.md"
MARKER_KIND = "companion-space"
MAX_FILE_BYTES = 64 * 1024

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


def record_path(record: Record) -> str:
    return f"{record.by}/{FOLDERS[record.kind]}/{record.id}.md"


def printable_path(path: str) -> str:
    """A path as it can be shown on one line: control characters escaped."""
    return path.encode("unicode_escape", "backslashreplace").decode("ascii", "replace")[:300]


def check_entry(path: str, mode: str) -> Place | Problem | None:
    """Where a tree entry of the space belongs, from its path and mode alone (before
    anything is read): a record's `Place`, None for the marker, or the `Problem` that gets
    the entry ignored."""
    if mode not in REGULAR_MODES:
        if mode == "120000":
            problem = _("a symbolic link, ignored")
        elif mode == "160000":
            problem = _("a submodule, ignored")
        else:
            problem = _("not a regular file (mode {mode}), ignored").format(mode=mode)
        return Problem(printable_path(path), problem)
    match = RECORD_PATH.fullmatch(path)
    if match is None:
        if path == MARKER_PATH:
            return None
        parts = path.split("/")
        if path.startswith("/") or "\\" in path or any(part in ("", ".", "..") for part in parts):
            return Problem(
                printable_path(path), _("an unsafe path (absolute, '..' or empty parts), ignored")
            )
        return Problem(printable_path(path), _("not a file Companion writes, ignored"))
    side, folder = match["side"], match["folder"]
    creates = CREATES.get(side)  # type: ignore[call-overload]
    if creates is None:
        return Problem(path, _("'{side}' is neither side of a space, ignored").format(side=side))
    kind = KIND_OF_FOLDER.get(folder)
    if kind is None:
        return Problem(path, _("unknown kind of file '{folder}', ignored").format(folder=folder))
    if kind not in creates:
        problem = _("the {side} side does not write {folder}, ignored")
        return Problem(path, problem.format(side=side, folder=folder))
    return Place(side, kind, match["id"])  # type: ignore[arg-type]


def check_size(path: str, size: int) -> Problem | None:
    """A file too large to be one of ours is not read at all."""
    if size > MAX_FILE_BYTES:
        problem = _("larger than {size} KB, ignored").format(size=MAX_FILE_BYTES // 1024)
        return Problem(printable_path(path), problem)
    return None
