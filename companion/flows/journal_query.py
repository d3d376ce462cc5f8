"""Filtering the journal by words, #tags and a date range, for the CLI and the journal view.

A query is typed as it reads: `acme #win since:2026-11-01 until:today`. Dates are typed as
everywhere else (companion/flows/dates.py): 2026-11-23, today, yesterday, 7d, a weekday...
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from companion.flows.dates import DateError, parse_date
from companion.i18n import _
from companion.models.entry_text import search_text_of
from companion.models.tags import normalise_tag

if TYPE_CHECKING:
    from companion.models.journal import Entry
    from companion.models.rows import Row

# The Dutch words too, as the Dutch interface's placeholder suggests them
SINCE = ("since", "from", "sinds", "vanaf")
UNTIL = ("until", "to", "tot")
DATE_OPERATORS = SINCE + UNTIL


class QueryError(ValueError):
    """A query that cannot be understood; the message says what to type instead."""


def parse_day(text: str, today: date) -> date:
    """A day of a filter, in the words of companion/flows/dates.py."""
    try:
        return parse_date(text, today)
    except DateError as error:
        raise QueryError(str(error)) from None


@dataclass(frozen=True)
class JournalQuery:
    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    kinds: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise QueryError(
                _("the range is empty: {since} is after {until}").format(
                    since=self.since.isoformat(), until=self.until.isoformat()
                )
            )

    def matches(self, entry: Entry | Row, text: str | None = None) -> bool:
        """Whether the query keeps an entry, or a row given its words as `text`."""
        if not self.keeps(entry):
            return False
        if self.words:
            haystack = (text if text is not None else search_text_of(entry)).casefold()
            return all(word in haystack for word in self.words)
        return True

    def keeps(self, entry: Entry | Row) -> bool:
        """Whether the query keeps an entry for its date, kind and tags (not its words)."""
        day = entry.day
        if self.since and day < self.since:
            return False
        if self.until and day > self.until:
            return False
        if self.kinds and entry.kind not in self.kinds:
            return False
        return not self.tags or set(self.tags) <= set(entry.tags)

    def filter(self, entries: Iterable[Entry]) -> list[Entry]:
        return [entry for entry in entries if self.matches(entry)]

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.tags or self.since or self.until or self.kinds)


def parse_query(text: str, today: date) -> JournalQuery:
    words: list[str] = []
    tags: list[str] = []
    since = until = None
    for token in text.split():
        key, sep, value = token.partition(":")
        operator = key.lower() if sep else ""
        if token.startswith("#") and len(token) > 1:
            tags.append(normalise_tag(token))
        elif operator in DATE_OPERATORS and not value:
            continue  # still being typed
        elif operator in SINCE:
            since = parse_day(value, today)
        elif operator in UNTIL:
            until = parse_day(value, today)
        else:
            words.append(token.casefold())
    return JournalQuery(tuple(words), tuple(tags), since, until)
