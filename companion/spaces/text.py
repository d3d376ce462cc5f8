"""What the UI needs to show text that arrived from the other side, literally.

The stored text is never changed: what a person wrote is what the other side reads. These
helpers make it safe to draw. Rich or Textual markup (`[bold]`) needs nothing here: render
the text as a `Text`/`Content` object, never format it into a markup string. Terminal
control characters and the invisible characters that reorder a line ("Trojan source") are
shown as escapes such as `\\x1b` or `\\u202e` instead of acting on the terminal.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional controls
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """The text with every control or bidi character written out as an escape."""
    return INVISIBLE.sub(_escape, text)


def one_line(text: str, width: int = 80) -> str:
    """A preview of the text on one line of at most `width` characters, for lists."""
    words = " ".join(visible(text).split())
    return words if len(words) <= width else words[: max(width - 1, 0)].rstrip() + "…"
