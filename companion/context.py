"""Everything a command or the app needs, built once and passed in (never reached for)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from companion.models.settings import Settings
from companion.packs.library import Library
from companion.paths import Home
from companion.storage.backups import take_backups
from companion.storage.drafts import DraftStore
from companion.storage.journal import Journal
from companion.storage.settings import load_settings, save_settings


def now_local() -> datetime:
    """The current time with the user's UTC offset."""
    return datetime.now().astimezone()


@dataclass
class Context:
    home: Home
    clock: Callable[[], datetime] = field(default=now_local)
    monotonic: Callable[[], float] = field(default=time.monotonic)  # for 1:1 timers
    language_override: str | None = None  # e.g. tests; otherwise the settings decide

    @cached_property
    def journal(self) -> Journal:
        self.home.ensure()
        journal = Journal.open(self.home.journal)
        self.backup(start=False)
        return journal

    def backup(self, start: bool) -> None:
        """Today's backup if missing (and one for this start); a failure only warns."""
        try:
            take_backups(self.home.journal, self.home.backups, self.now(), start=start)
        except OSError as error:
            self.backup_warning = f"could not back up the journal ({error.strerror or error})"

    backup_warning: str | None = None

    @cached_property
    def library(self) -> Library:
        return Library.discover(installed=self.home.packs, language=self.language)

    @cached_property
    def _settings(self) -> tuple[Settings, str | None]:
        return load_settings(self.home.settings)

    @property
    def settings(self) -> Settings:
        return self._settings[0]

    @property
    def settings_warning(self) -> str | None:
        return self._settings[1]

    def save_settings(self) -> None:
        self.home.ensure()
        save_settings(self.home.settings, self.settings)

    @property
    def language(self) -> str:
        return self.language_override or self.settings.language

    @cached_property
    def drafts(self) -> DraftStore:
        return DraftStore(self.home.drafts)

    def now(self) -> datetime:
        return self.clock()
