"""Text as blocks of styled runs: what screens draw without parsing markdown.

A block is (kind, runs): kind is "p", "h", "li", "quote", "code" or "gap" (between two lists
that follow each other, which have no other block between them); a run is (text, style) with
style "", "bold", "italic", "bold italic", "code", "link" or "dim".
"""

from __future__ import annotations

Run = tuple[str, str]
Block = tuple[str, list[Run]]
