"""The kinds of content a pack holds, one entry each, with everything that differs by kind.

The loader parses a file with its kind's `parse`, the item cache reads it back as its
`model`, the library shows it under `many` with its `page`, a search looks through what is
`searchable` in it, `pack validate` lists what it `holds`, and the palette labels it with
`one`. The frontmatter's schema lists the kinds from `ItemKind`.

Adding a kind: its model (models/content.py: a class, and its value in `ItemKind`), a module
in packs/ that parses its markdown and shows it back (see packs/card.py), and one entry in
KINDS below, whose order is the library's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from companion.models.content import (
    Card,
    ContentItem,
    ItemKind,
    QuestionBank,
    ReflectionTemplate,
    Script,
)
from companion.packs import card, questions, reflection, script
from companion.packs.source import Source

Item = TypeVar("Item", bound=ContentItem)
Holds = tuple[dict[str, int | None], str]  # counts for --json, and the same in words


def holds_nothing(item: ContentItem) -> Holds:
    return {}, ""


@dataclass(frozen=True)
class ContentKind(Generic[Item]):
    kind: ItemKind
    model: type[Item]
    one: str  # what people call one item of the kind ("question bank"), and several
    many: str
    parse: Callable[[Source], Item | None]  # the file's body -> the item, or None + problems
    page: Callable[[Item], list[str]]  # markdown lines under the title on its library page
    searchable: Callable[[Item], list[str]]  # what a search reads besides title, tags...
    holds: Callable[[Item], Holds] = holds_nothing  # what `pack validate` says it holds


KINDS: tuple[ContentKind[Any], ...] = (
    ContentKind(
        ItemKind.REFLECTION,
        ReflectionTemplate,
        "reflection",
        "reflections",
        parse=reflection.parse,
        page=reflection.page,
        searchable=reflection.searchable,
        holds=reflection.holds,
    ),
    ContentKind(
        ItemKind.SCRIPT,
        Script,
        "script",
        "scripts",
        parse=script.parse,
        page=script.page,
        searchable=script.searchable,
        holds=script.holds,
    ),
    ContentKind(
        ItemKind.CARD,
        Card,
        "card",
        "cards",
        parse=card.parse,
        page=card.page,
        searchable=card.searchable,
    ),
    ContentKind(
        ItemKind.QUESTIONS,
        QuestionBank,
        "question bank",
        "question banks",
        parse=questions.parse,
        page=questions.page,
        searchable=questions.searchable,
        holds=questions.holds,
    ),
)

BY_KIND: dict[ItemKind, ContentKind[Any]] = {kind.kind: kind for kind in KINDS}


def kind_of(item: ContentItem) -> ContentKind[Any]:
    return BY_KIND[item.kind]
