"""Every screen a key, a click or the palette can open, by name.

A screen asks for another by posting `Navigate(Destination.JOURNAL)` (with a subject for a
screen that shows one thing: `Navigate(Destination.HISTORY, person.uid)`); the app then calls
the screen's `open`. Each value names the module under `companion/tui/screens/` and the class
in it, which is imported when first opened, so that start-up draws home without the others.

Adding a screen: its module (a `CompanionScreen`, see screens/base.py) and one line here.
"""

from __future__ import annotations

from enum import Enum
from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.app import App


class Opens(Protocol):
    """A screen class, as `CompanionScreen` makes it: it says how it opens."""

    def open(self, app: App[Any], subject: str | None = None) -> None: ...


class Destination(Enum):
    REFLECT = "reflection:ReflectionScreen"
    JOURNAL = "journal:JournalScreen"
    ONE_ON_ONE = "coach_setup:CoachSetupScreen"  # the 1:1 starts with its setup
    HISTORY = "history:HistoryScreen"
    LIBRARY = "library:LibraryScreen"
    RECOVERY = "recovery:RecoveryScreen"
    SETTINGS = "settings:SettingsScreen"
    TEAM = "team:TeamScreen"
    PROGRESS = "progress:ProgressScreen"
    LOOK_BACK = "look_back:LookBackScreen"

    @classmethod
    def named(cls, name: str) -> Destination:
        """The destination a binding or a click names: 'journal', 'one-on-one'."""
        return cls[name.upper().replace("-", "_")]

    @property
    def screen(self) -> Opens:
        """The screen's class (imported now, if it was not yet)."""
        module, _, name = self.value.partition(":")
        found: Opens = getattr(import_module(f"companion.tui.screens.{module}"), name)
        return found

    def open(self, app: App[Any], subject: str | None = None) -> None:
        self.screen.open(app, subject)
