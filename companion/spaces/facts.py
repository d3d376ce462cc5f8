"""A space's two small local files, beside its repository:

- `space.json`, how it is linked: remote, which side I am, the partner's name, the commit I
  last looked at. Written rarely, atomically and durably: losing it would lose the link.
- `facts.json`, what the last look found: last sync, what waits to go out, what came in, the
  counts home shows. Rewritten by every sync, not fsynced: it is rebuilt by the next one.

Home reads these at start-up and never a space's repository, so this module imports neither
git, YAML nor pydantic.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

SPACE_FILE = "space.json"
FACTS_FILE = "facts.json"
FILE_VERSION = 1


@dataclass(frozen=True)
class SpaceFacts:
    last_sync: str | None = None  # ISO time of the last sync that completed
    last_error: str | None = None  # the line of the last sync that failed, until one works
    outgoing: int = 0  # records of mine the remote does not have yet
    incoming: int = 0  # records of the partner's that came in since I last looked
    agenda: int = 0  # shared items not yet discussed
    open_actions: int = 0
    latest_summary: str | None = None  # ISO date of the newest 1:1 summary
    recognitions: int = 0
    problems: int = 0  # files of the space that are ignored

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2).encode() + b"\n"

    @classmethod
    def from_json(cls, raw: bytes) -> SpaceFacts:
        data = json.loads(raw)
        known = {item.name for item in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})


@dataclass(frozen=True)
class SpaceInfo:
    id: str
    remote: str
    side: str  # "rep" or "manager": which side of the space I am
    partner: str  # the other person's name, as I gave it
    ident: str  # "Name <email>" my commits carry (from my git configuration)
    seen: str | None = None  # the commit I last looked at
    facts: SpaceFacts = field(default=SpaceFacts(), compare=False)

    def to_json(self) -> bytes:
        data = {"version": FILE_VERSION, **asdict(self)}
        del data["facts"]
        return json.dumps(data, indent=2, ensure_ascii=False).encode() + b"\n"

    @classmethod
    def from_json(cls, raw: bytes, facts: SpaceFacts) -> SpaceInfo:
        data: dict[str, Any] = json.loads(raw)
        if not isinstance(data, dict) or data.pop("version", None) != FILE_VERSION:
            raise ValueError(f"not a version {FILE_VERSION} space file")
        return cls(**data, facts=facts)


def read_facts(folder: Path) -> SpaceFacts:
    """The facts of the last look; none yet if the file is missing or damaged."""
    try:
        return SpaceFacts.from_json((folder / FACTS_FILE).read_bytes())
    except (OSError, ValueError, TypeError, AttributeError):
        return SpaceFacts()


def read_info(folder: Path) -> SpaceInfo:
    return SpaceInfo.from_json((folder / SPACE_FILE).read_bytes(), read_facts(folder))


def list_spaces(root: Path) -> list[SpaceInfo]:
    """Every space under `root` (`<home>/spaces`), by id; a folder whose file cannot be read
    is left out (`open_space` on it says why)."""
    try:
        folders = sorted(path for path in root.iterdir() if not path.name.startswith("."))
    except FileNotFoundError:
        return []
    found = []
    for folder in folders:
        try:
            found.append(read_info(folder))
        except (OSError, ValueError, TypeError):
            continue
    return found
