"""The themes the app offers: Textual's own (the app registers none of its own)."""

from __future__ import annotations

from textual.theme import BUILTIN_THEMES


def theme_names() -> list[str]:
    """Every theme `companion config theme NAME` accepts, as the palette lists them."""
    return list(BUILTIN_THEMES)
