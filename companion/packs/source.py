"""What the module of each kind of content works with: the `Source` of a file as the loader
read it, and the `ContentKind` the module declares (listed in packs/kinds.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

from companion.models.content import ContentItem, Frontmatter, ItemKind
from companion.packs.outline import Section, outline
from companion.packs.problems import Problem

Item = TypeVar("Item", bound=ContentItem)
Holds = tuple[dict[str, int | None], str]  # counts for --json, and the same in words


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


def holds_nothing(item: ContentItem) -> Holds:
    return {}, ""


@dataclass(frozen=True)
class ContentKind(Generic[Item]):
    """Everything that differs by kind of content."""

    kind: ItemKind
    model: type[Item]
    one: str  # what people call one item of the kind ("question bank"), and several
    many: str
    parse: Callable[[Source], Item | None]  # the file's body -> the item, or None + problems
    page: Callable[[Item], list[str]]  # markdown lines under the title on its library page
    searchable: Callable[[Item], list[str]]  # what a search reads besides title, tags...
    holds: Callable[[Item], Holds] = holds_nothing  # what `pack validate` says it holds
