"""Word search over the journal: which entries hold every one of some words.

The words of 10,000 entries are megabytes of text, more than the rest of the journal view
together, so once the index is cached they stay on disk (`SearchFile`, one line per entry)
and each search reads them through in blocks. `WordsInMemory` serves the few rows a view
has before its index is read, and the command line, which reads the journal whole anyway.
Both take words casefolded, as `journal_query` parses them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from companion.errors import CompanionError

BLOCK = 1 << 19  # bytes read at a time: memory stays flat however big the journal grows


class StaleSearch(CompanionError):
    """The search file changed since its index was read (another Companion rebuilt it, or
    it was removed): read the index again."""


class Search(Protocol):
    def doc_ids_with(self, words: Sequence[str]) -> set[str]:
        """The doc ids of the entries that contain every one of `words`."""
        ...


class WordsInMemory:
    def __init__(self, words: Mapping[str, str]) -> None:
        self.words = words  # doc id -> its casefolded words

    def doc_ids_with(self, words: Sequence[str]) -> set[str]:
        return {
            doc_id for doc_id, text in self.words.items() if all(word in text for word in words)
        }


def search_line(words: str) -> bytes:
    """An entry's words as one line of the search file."""
    return words.replace("\n", " ").replace("\r", " ").encode() + b"\n"


class SearchFile:
    """The words of every entry, one line each, in the order of `doc_ids`. Only the first
    `size` bytes belong to it: entries added later are appended after them."""

    def __init__(self, path: Path, doc_ids: Sequence[str], size: int, inode: int) -> None:
        self.path = path
        self.doc_ids = doc_ids
        self.size = size
        self.inode = inode

    def doc_ids_with(self, words: Sequence[str]) -> set[str]:
        # A needle is valid UTF-8, so it can only match whole characters of a line. The
        # longest is tried first (the likeliest to rule a line out), the others only then.
        if not words:
            return set(self.doc_ids)
        needles = sorted((word.encode() for word in words), key=len, reverse=True)
        first, rest = needles[0], needles[1:]
        hits: list[int] = []
        for base, lines in self._blocks():
            hits += [
                base + number
                for number, text in enumerate(lines)
                if first in text and all(needle in text for needle in rest)
            ]
        try:
            return {self.doc_ids[number] for number in hits}
        except IndexError as error:  # more lines than rows
            raise StaleSearch("the journal's search index does not match its rows") from error

    def _blocks(self) -> Iterator[tuple[int, list[bytes]]]:
        """The file's lines, a block at a time, each block with the number of its first."""
        try:
            with self.path.open("rb") as handle:
                if os.fstat(handle.fileno()).st_ino != self.inode:
                    raise StaleSearch("the journal's search index was rebuilt")
                remaining, tail, base = self.size, b"", 0
                while remaining:
                    block = handle.read(min(BLOCK, remaining))
                    if not block:
                        raise StaleSearch("the journal's search index was cut short")
                    remaining -= len(block)
                    lines = block.split(b"\n")
                    lines[0] = tail + lines[0]  # the line the last block cut in two
                    tail = lines.pop()
                    yield base, lines
                    base += len(lines)
        except OSError as error:
            raise StaleSearch(f"cannot read the journal's search index ({error})") from error
