"""Messages screens send to the app, so that no screen reaches into another."""

from __future__ import annotations

from textual.message import Message

from companion.errors import CorruptJournal
from companion.tui.destinations import Destination


class Navigate(Message):
    """Open another screen (see tui/destinations.py); `subject` names what to open it on
    (e.g. a person's uid)."""

    def __init__(self, to: Destination, subject: str | None = None) -> None:
        super().__init__()
        self.to = to
        self.subject = subject


class JournalChanged(Message):
    """Something was written to the journal; views should reload."""


class JournalDamaged(Message):
    """Reading the journal found something damaged: the app offers the recovery screen."""

    def __init__(self, error: CorruptJournal) -> None:
        super().__init__()
        self.error = error
