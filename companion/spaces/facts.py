"""A space's local file, `<home>/spaces/<id>/space.json`: how it is linked (remote, my side,
the partner's name) and the facts of its last look (last sync, what waits to go out, what
came in). Home reads these few small files at start-up and never a space's repository, so
this module imports neither git, YAML nor pydantic."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

SPACE_FILE = "space.json"
FILE_VERSION = 1


@dataclass(frozen=True)
class SpaceFacts:
    """What home and `team status` show without opening the repository."""

    last_sync: str | None = None  # ISO time of the last sync that completed
    last_error: str | None = None  # the line of the last sync that failed, until one works
    outgoing: int = 0  # records of mine that the remote does not have yet
    incoming: int = 0  # records of the partner's that came in since I last looked
    agenda: int = 0  # shared items not yet discussed
    open_actions: int = 0
    latest_summary: str | None = None  # ISO date of the newest 1:1 summary
    recognitions: int = 0
    problems: int = 0  # files of the space that are ignored


@dataclass(frozen=True)
class SpaceInfo:
    id: str
    remote: str
    side: str  # "rep" or "manager": which side of the space I am
    partner: str  # the other person's name, as I gave it
    ident: str  # "Name <email>" my commits carry (from my git configuration)
    seen: str | None = None  # the commit I last looked at
    facts: SpaceFacts = SpaceFacts()

    def to_json(self) -> bytes:
        data = {"version": FILE_VERSION, **asdict(self)}
        return json.dumps(data, indent=2, ensure_ascii=False).encode() + b"\n"

    @classmethod
    def from_json(cls, raw: bytes) -> SpaceInfo:
        data: dict[str, Any] = json.loads(raw)
        if not isinstance(data, dict) or data.pop("version", None) != FILE_VERSION:
            raise ValueError(f"not a version {FILE_VERSION} space file")
        known = {field.name for field in fields(SpaceFacts)}
        facts = SpaceFacts(**{k: v for k, v in data.pop("facts", {}).items() if k in known})
        return cls(**data, facts=facts)

    def with_facts(self, **changes: Any) -> SpaceInfo:
        return replace(self, facts=replace(self.facts, **changes))


def read_info(folder: Path) -> SpaceInfo:
    return SpaceInfo.from_json((folder / SPACE_FILE).read_bytes())


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
