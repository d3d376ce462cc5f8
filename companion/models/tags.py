"""Tags: how `#tags` are found in text and written the same way everywhere.

No pydantic here: the journal view and its filter use these without loading the models.
"""

from __future__ import annotations

import re

TAG_PATTERN = re.compile(r"(?<![\w&#])#([^\W_][\w-]{0,39})")


def normalise_tag(tag: str) -> str:
    """'#Win' and 'win' are the same tag; 'Customer meetings' becomes 'customer-meetings'."""
    return re.sub(r"\s+", "-", tag.strip().lstrip("#").strip().lower())


def extract_tags(text: str) -> list[str]:
    """The `#tags` in a note, in order, without duplicates."""
    seen: dict[str, None] = {}
    for match in TAG_PATTERN.finditer(text):
        seen[normalise_tag(match.group(1))] = None
    return list(seen)
