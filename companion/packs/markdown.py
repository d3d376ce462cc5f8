"""Writing markdown that shows pack text as it was written, for the pages of every kind."""

from __future__ import annotations

import re
from collections.abc import Iterable

from companion.models.content import ContentItem

INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>~|])")
LINE_START = re.compile(r"^(?:([#+\->=])|(\d+)([.)]))")


def escape(text: str, line_start: bool = False) -> str:
    """Plain text on one line that markdown shows as written: no emphasis, code, links or
    HTML; with `line_start` (the text begins a line) no heading, list or quote either."""
    text = INLINE_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    if not line_start:
        return text
    return LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def code(text: str) -> str:
    """Inline code that survives backticks in the text."""
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def bullets(label: str, texts: Iterable[str]) -> list[str]:
    """A bold label over a list of the texts ([] if there are none)."""
    items = [f"- {text.strip()}" for text in texts if text.strip()]
    return [f"**{label}**", "", *items, ""] if items else []


def description(item: ContentItem) -> list[str]:
    """The item's description as a paragraph, if it has one."""
    return [item.description.strip(), ""] if item.description else []
