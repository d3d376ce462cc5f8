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


def strip_controls(text: str) -> str:
    """Remove characters that could drive the terminal (escape sequences, bells, ...)."""
    if CONTROL_CHARS.search(text) is None:  # the usual case: a scan, and no copy
        return text
    text = ESCAPE_SEQUENCES.sub("", text.replace("\r\n", "\n"))
    return CONTROL_CHARS.sub("", text)


def line_of_offset(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1
