"""The kinds of content a pack holds, one entry each, with everything that differs by kind.

The loader parses a file with its kind's `parse`, the item cache reads it back as its
`model`, the library shows it under `many` with its `page`, a search looks through what is
`searchable` in it, `pack validate` lists what it `holds`, and the palette labels it with
`one`. The frontmatter's schema lists the kinds from `ItemKind`.

Adding a kind: its model (models/content.py: a class, and its value in `ItemKind`), a module
in packs/ that parses its markdown, shows it back and declares its `KIND` (see packs/card.py),
and that `KIND` in KINDS below, whose order is the library's.
"""

from __future__ import annotations

from typing import Any

from companion.models.content import ContentItem, ItemKind
from companion.packs import card, questions, reflection, script
from companion.packs.source import ContentKind

KINDS: tuple[ContentKind[Any], ...] = (reflection.KIND, script.KIND, card.KIND, questions.KIND)

BY_KIND: dict[ItemKind, ContentKind[Any]] = {kind.kind: kind for kind in KINDS}


def kind_of(item: ContentItem) -> ContentKind[Any]:
    return BY_KIND[item.kind]
