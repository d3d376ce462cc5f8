"""Content text is data: decoded strictly, size-capped (terminal safety: companion.text_safety)."""

from __future__ import annotations

MAX_FILE_BYTES = 256 * 1024
BOM = "\ufeff"


def line_of_offset(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1
