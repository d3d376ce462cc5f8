"""Content text is data: decode it strictly and drop terminal control characters."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 range (which includes the 8-bit CSI).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MAX_FILE_BYTES = 256 * 1024
BOM = "\ufeff"


def strip_controls(text: str) -> str:
    """Remove characters that could drive the terminal (escape sequences, bells, ...)."""
    return CONTROL_CHARS.sub("", text.replace("\r\n", "\n"))


def line_of_offset(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1
