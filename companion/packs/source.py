"""One content file as the loader read it: what the parser of its kind builds the item from."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from companion.models.content import Frontmatter
from companion.packs.outline import Section, outline
from companion.packs.problems import Problem


@dataclass
class Source:
    path: Path
    body: str  # the markdown after the frontmatter
    body_line: int  # the line of the file the body starts on
    front: Frontmatter | None = None  # None for a plain list of questions
    base: dict[str, object] = field(default_factory=dict)  # what every item has, for its model
    problems: list[Problem] = field(default_factory=list)  # the parser adds its own

    @cached_property
    def sections(self) -> list[Section]:
        """The body's outline, read when first asked for: a card whose frontmatter has a
        title never needs it, a third of loading a pack of cards from scratch."""
        return outline(self.body, self.body_line)
