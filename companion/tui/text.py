"""Showing user and pack text safely: never as markup, never with terminal escapes."""

from __future__ import annotations

from rich.markdown import Markdown
from rich.text import Text

from companion.packs.text import strip_controls


def plain(text: str, style: str = "") -> Text:
    """Text shown exactly as written: `[b]` stays `[b]`, escapes are dropped."""
    return Text(strip_controls(text), style=style)


def markdown(text: str) -> Markdown:
    """Markdown through one Rich renderable (fast), links shown but never opened."""
    return Markdown(strip_controls(text), hyperlinks=False)
