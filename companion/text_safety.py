"""Text that reaches a terminal, from the app or the command line: shown, never obeyed.

A journal note, a person's name, an imported export or a content pack may hold characters
that drive the terminal (escape sequences that set the clipboard or the window title, clear
the screen or colour what follows) or that hide or reorder text (bidi overrides and isolates,
zero-width characters, which also make the terminal and Rich disagree about a line's width).
Everything shown goes through `strip_controls`; the stored text is never changed. JSON keeps
every character, written as a `\\uXXXX` escape instead (`escape_controls`).
"""

from __future__ import annotations

import re

# Whole escape sequences first, so that no printable tail like "[2J" is left behind: CSI
# (ESC [ or 8-bit CSI), the string sequences OSC, DCS, SOS, PM and APC up to their terminator
# (BEL or ST) or the end of the line, then any other two-character escape.
ESCAPE_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
)
# What is left of those, and what hides text: C0 controls except tab and newline, DEL, C1,
# soft hyphen, the Arabic letter mark, the Mongolian vowel separator, zero-width spaces and
# joiners, LRM/RLM, line and paragraph separators, bidi embeddings, overrides and isolates,
# invisible operators, the byte-order mark, interlinear annotations and tag characters.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
C0_AND_DEL = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])
# The first bytes of every character UNSAFE matches above U+007F, as UTF-8 writes them.
UNSAFE_UTF8_LEADS = (
    b"\xc2",
    b"\xd8\x9c",
    b"\xe1\xa0\x8e",
    b"\xe2\x80",
    b"\xe2\x81",
    b"\xef\xbb\xbf",
    b"\xef\xbf",
    b"\xf3\xa0\x80",
    b"\xf3\xa0\x81",
)
SHORT = 40  # how much of what someone typed an error message repeats


def strip_controls(text: str) -> str:
    """The text without anything that could drive the terminal or hide itself."""
    if UNSAFE.search(text) is None:  # the usual case: a scan, and no copy
        return text
    text = ESCAPE_SEQUENCES.sub("", text.replace("\r\n", "\n"))
    return UNSAFE.sub("", text)


def may_hold_controls(raw: bytes) -> bool:
    """Whether UTF-8 bytes could hold a character strip_controls removes. Deleting the C0
    bytes and looking for a few lead bytes is much cheaper than searching the decoded text,
    so files that hold none of them (nearly all) are not searched at all."""
    if len(raw.translate(None, C0_AND_DEL)) != len(raw):
        return True
    return any(lead in raw for lead in UNSAFE_UTF8_LEADS)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # a JSON escape beyond the BMP is a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def escape_controls(json_text: str) -> str:
    """JSON text with every character strip_controls would remove written as an escape: the
    same data, safe to show (every such character can only be inside a JSON string)."""
    if UNSAFE.search(json_text) is None:
        return json_text
    return UNSAFE.sub(_escaped, json_text)


def short(text: str, limit: int = SHORT) -> str:
    """The text safe to show, on one line, and at most `limit` characters long."""
    clean = " ".join(strip_controls(text).split())
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def shown(text: str, limit: int = SHORT) -> str:
    """What someone typed, as an error message repeats it: quoted, safe and short."""
    return repr(short(text, limit))
