"""Messages screens send to the app, so that no screen reaches into another."""

from __future__ import annotations

from textual.message import Message


class Navigate(Message):
    """Open another part of the app: 'reflect', 'journal', 'one-on-one', 'library', 'home'."""

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where


class JournalChanged(Message):
    """Something was written to the journal; views should reload."""
