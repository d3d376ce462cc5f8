"""A card: one idea in a few paragraphs; the body is kept as markdown."""

from __future__ import annotations

from pathlib import Path

from companion.models.content import Card
from companion.packs.outline import Section
from companion.packs.problems import Problem


def parse_card(
    sections: list[Section], base: dict[str, object], path: Path, problems: list[Problem], body: str
) -> Card | None:
    lines = body.strip("\n").split("\n")
    if lines and lines[0].startswith("# "):
        lines = lines[1:]  # the title is shown separately
    text = "\n".join(lines).strip()
    if not text:
        line = sections[0].line if sections else 1
        problems.append(Problem(path, line, "a card needs some text under its title"))
        return None
    return Card(**base, body=text)  # type: ignore[arg-type]
