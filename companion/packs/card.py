"""A card: one idea in a few paragraphs; the body is kept as markdown."""

from __future__ import annotations

from companion.i18n import _
from companion.models.content import Card, ItemKind
from companion.packs.problems import Problem
from companion.packs.source import ContentKind, Source


def parse(source: Source) -> Card | None:
    lines = source.body.strip("\n").split("\n")
    if lines and lines[0].startswith("# "):
        lines = lines[1:]  # the title is shown separately
    text = "\n".join(lines).strip()
    if not text:
        source.problems.append(
            Problem(source.path, source.body_line, _("a card needs some text under its title"))
        )
        return None
    return Card(**source.base, body=text)  # type: ignore[arg-type]


def page(card: Card) -> list[str]:
    return [card.body.strip(), ""]


def searchable(card: Card) -> list[str]:
    return [card.body]


KIND = ContentKind(ItemKind.CARD, Card, "card", "cards", parse, page, searchable)
