"""The journal index kept on disk, so that the journal view need not read the journal whole.

Reading a journal of 10,000 entries means holding its 12 MB and decoding every record; the
index holds one row per entry and the words of each. Both are kept in <home>/cache/index/:
`rows.jsonl` (a row per line, with where its record lies in the journal file), `words.txt`
(each entry's words on one line, in the same order) and `meta.json`, which says which
journal they describe (its stamp) and how long each file is. `Journal.add` appends to both
files and then updates `meta.json`; any other change to the journal makes the stamp stale
and the index is built again. A crash between the steps leaves lengths that do not match,
which also means "build again". Like every cache, losing it costs time, never data.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import orjson

from companion.storage.atomic import atomic_write_bytes
from companion.storage.cache import StampedCache
from companion.storage.rows import (
    Indexed,
    Row,
    Span,
    Spans,
    row_from_json,
    row_to_json,
    sort_rows,
)
from companion.storage.search import Search, SearchFile, WordsInMemory, search_line

VERSION = 2  # 2: rows without commitments


@dataclass
class JournalIndex:
    """Every readable entry as a row (oldest first), what is wrong with each record that
    cannot be read, and a search over their words."""

    rows: list[Row]
    problems: list[str]
    search: Search
    stamp: Sequence[int] | None = None  # of the journal file the spans are in
    spans: Spans = field(default_factory=Spans)  # where each record lies, if known


def _rows_bytes(rows: Sequence[Row], spans: Spans) -> bytes:
    return b"".join(
        orjson.dumps([*row_to_json(row), _span_json(spans, row)]) + b"\n" for row in rows
    )


def _span_json(spans: Spans, row: Row) -> list[int] | None:
    span = spans.get(row.doc_id)
    return None if span is None else [span.start, span.length]


def _row_and_span(line: bytes, spans: Spans) -> Row:
    *fields, span = orjson.loads(line)
    row = row_from_json(fields)
    if span is not None:
        spans[row.doc_id] = Span(int(span[0]), int(span[1]))
    return row


@dataclass(frozen=True)
class _Meta:
    """What meta.json says of the two files, besides the journal's stamp."""

    rows_bytes: int
    words_bytes: int
    count: int
    problems: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "rows_bytes": self.rows_bytes,
            "words_bytes": self.words_bytes,
            "count": self.count,
            "problems": list(self.problems),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> _Meta:
        if data["version"] != VERSION:
            raise ValueError("an index from another version")
        return cls(
            int(data["rows_bytes"]),
            int(data["words_bytes"]),
            int(data["count"]),
            tuple(str(problem) for problem in data["problems"]),
        )


def _words_bytes(rows: Sequence[Row], words: Mapping[str, str]) -> bytes:
    return b"".join(search_line(words[row.doc_id]) for row in rows)


class IndexCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.rows_path = folder / "rows.jsonl"
        self.words_path = folder / "words.txt"
        self._meta = StampedCache(folder / "meta.json", _Meta.to_json, _Meta.from_json)

    def load(self, stamp: Sequence[int] | None) -> JournalIndex | None:
        """The index of the journal `stamp` describes, if it is cached whole (else None)."""
        meta = self._meta.load(stamp)
        if meta is None:
            return None
        try:
            with self.rows_path.open("rb") as handle:
                if os.fstat(handle.fileno()).st_size != meta.rows_bytes:
                    return None
                spans = Spans()
                rows = [_row_and_span(line, spans) for line in handle]
            words = self.words_path.stat()
        except (OSError, ValueError, TypeError):
            return None
        if words.st_size != meta.words_bytes or len(rows) != meta.count:
            return None
        doc_ids = [row.doc_id for row in rows]
        search = SearchFile(self.words_path, doc_ids, words.st_size, words.st_ino)
        return JournalIndex(sort_rows(rows), list(meta.problems), search, stamp, spans)

    def save(self, stamp: Sequence[int] | None, indexed: Indexed, spans: Spans) -> JournalIndex:
        """Cache the index of the journal `stamp` describes; the index, searching on disk if
        the cache could be written (so the words need not stay in memory)."""
        in_memory = JournalIndex(
            indexed.rows, indexed.problems, WordsInMemory(indexed.words), stamp, spans
        )
        if stamp is None:
            return in_memory
        rows_bytes = _rows_bytes(indexed.rows, spans)
        words_bytes = _words_bytes(indexed.rows, indexed.words)
        self._meta.drop()  # the old files stop counting from here
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            atomic_write_bytes(self.rows_path, rows_bytes, durable=False)
            atomic_write_bytes(self.words_path, words_bytes, durable=False)
            inode = self.words_path.stat().st_ino
        except OSError:
            return in_memory
        meta = _Meta(len(rows_bytes), len(words_bytes), len(indexed.rows), tuple(indexed.problems))
        self._meta.save(stamp, meta)
        doc_ids = [row.doc_id for row in indexed.rows]
        search = SearchFile(self.words_path, doc_ids, len(words_bytes), inode)
        return JournalIndex(indexed.rows, indexed.problems, search, stamp, spans)

    def append(
        self,
        before: Sequence[int] | None,
        after: Sequence[int] | None,
        rows: Sequence[Row],
        words: Mapping[str, str],
        spans: Spans,
    ) -> None:
        """Add the rows of entries just added, if the cache held the journal as it was
        `before`; otherwise it is stale and is dropped, to be built again when needed."""
        meta = self._meta.load(before)
        if meta is None or after is None:
            self._meta.drop()
            return
        rows_bytes, words_bytes = _rows_bytes(rows, spans), _words_bytes(rows, words)
        try:
            lengths = (self.rows_path.stat().st_size, self.words_path.stat().st_size)
            if lengths != (meta.rows_bytes, meta.words_bytes):
                raise OSError("the index files do not match their lengths")
            with self.rows_path.open("ab") as rows_file, self.words_path.open("ab") as words_file:
                rows_file.write(rows_bytes)
                words_file.write(words_bytes)
        except OSError:
            self._meta.drop()
            return
        grown = replace(
            meta,
            rows_bytes=meta.rows_bytes + len(rows_bytes),
            words_bytes=meta.words_bytes + len(words_bytes),
            count=meta.count + len(rows),
        )
        self._meta.save(after, grown)
