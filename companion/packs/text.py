"""Content text is data: decode it strictly and drop terminal control characters."""

from __future__ import annotations

import re

# Whole escape sequences first (CSI, OSC, two-byte escapes, 8-bit CSI), so no printable tail
# like "[2J" is left behind; then any C0 control except tab and newline, DEL, and C1.
ESCAPE_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MAX_FILE_BYTES = 256 * 1024
BOM = "\ufeff"
C0_AND_DEL = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])
C1_LEAD = b"\xc2"  # UTF-8 writes U+0080-U+009F (and the rest up to U+00BF) after this byte


def strip_controls(text: str) -> str:
    """Remove characters that could drive the terminal (escape sequences, bells, ...)."""
    if CONTROL_CHARS.search(text) is None:  # the usual case: a scan, and no copy
        return text
    text = ESCAPE_SEQUENCES.sub("", text.replace("\r\n", "\n"))
    return CONTROL_CHARS.sub("", text)


def may_hold_controls(raw: bytes) -> bool:
    """Whether UTF-8 bytes could hold a character strip_controls removes. Deleting the C0
    bytes is a quarter of the cost of searching the decoded text; only files with a C0 byte
    or a character in U+0080-U+00BF are searched at all."""
    return len(raw.translate(None, C0_AND_DEL)) != len(raw) or C1_LEAD in raw


def line_of_offset(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1
