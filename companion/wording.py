"""How a count reads: '1 note', '2 notes', '0 notes'."""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    """The count with its noun, singular for exactly one (`many` defaults to `one` + 's')."""
    return f"{count} {one}" if count == 1 else f"{count} {many or one + 's'}"
