"""Showing user and pack text safely: never as markup, never with terminal escapes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from companion.i18n import N_, _
from companion.text_safety import strip_controls

if TYPE_CHECKING:
    from rich.markdown import Markdown

    from companion.models.blocks import Block

# The kinds of content, as the library's headings and the palette's hits name them
KIND_NAMES = {
    "reflection": (N_("Reflection"), N_("Reflections")),
    "script": (N_("Script"), N_("Scripts")),
    "card": (N_("Card"), N_("Cards")),
    "questions": (N_("Question bank"), N_("Question banks")),
}


def kind_name(kind: str, many: bool = False) -> str:
    """'Card' or 'Cards' for a content kind (its ItemKind value), in the interface's language."""
    names = KIND_NAMES.get(kind)
    if names is None:
        return kind.capitalize()
    return _(names[1] if many else names[0])


RUN_STYLES = {"code": "reverse", "link": "underline"}  # others are Rich styles as they are
BLOCK_GAPS = {
    ("li", "li"): "\n"
}  # items of a list follow each other; other blocks get a blank line


def plain(text: str, style: str = "") -> Text:
    """Text shown exactly as written: `[b]` stays `[b]`, escapes are dropped."""
    return Text(strip_controls(text), style=style)


def markdown(text: str) -> Markdown:
    """Markdown through one Rich renderable (fast), links shown but never opened."""
    from rich.markdown import Markdown  # a heavy import: not on the way to the first frame

    return Markdown(strip_controls(text), hyperlinks=False)


def blocks_text(blocks: list[Block]) -> Text:
    """Blocks (see models.blocks) as one Text: no markdown parser needed."""
    text = Text()
    previous = ""
    for kind, runs in blocks:
        if kind == "gap":
            previous = kind
            continue
        if previous:
            text.append(BLOCK_GAPS.get((previous, kind), "\n\n"))
        start = len(text)
        if kind == "quote":
            text.append("▌ ", style="dim")
        for run, style in runs:
            text.append(strip_controls(run), style=RUN_STYLES.get(style, style))
        if kind == "h":
            text.stylize("bold underline", start)
        elif kind == "quote":
            text.stylize("italic", start)
        previous = kind
    return text


def foreign(text: str, style: str = "") -> Text:
    """Text that came from the other side of a shared space, shown literally: markup stays
    markup and a control character is written out as its escape (`\\x1b`), never obeyed."""
    from companion.spaces.text import visible

    return Text(visible(text), style=style)
