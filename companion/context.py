"""Everything a command or the app needs, built once and passed in (never reached for).

The content library, the settings model and drafts are imported when first used: they bring
pydantic and the pack parsers, the largest imports of a start, which home's first frame and
`companion log` do not need.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

import orjson

from companion.errors import CompanionError, os_reason
from companion.i18n import _, active_language, resolve_language
from companion.paths import Home
from companion.storage.backups import take_backups, take_edit_backup
from companion.storage.journal import Journal
from companion.storage.layout import Layout

if TYPE_CHECKING:
    from pathlib import Path

    from companion.files.cache import StampedCache
    from companion.models.settings import Settings
    from companion.packs.card_cache import Cards
    from companion.packs.library import Library
    from companion.storage.drafts import DraftStore


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
        """The journal, opened (nothing is created until the first write)."""
        if self.home.root.exists():
            self.home.ensure()
        journal = Journal.open(self.home.journal, cache=self.home.cache)
        self.backup(start=False)
        return journal

    def journal_version(self) -> object:
        """Changes whenever any process replaces a journal file (read without opening one,
        so that a damaged journal can be watched too)."""
        try:
            return Layout(self.home.journal).version()
        except OSError:
            return None

    def backup(self, start: bool) -> None:
        """Today's backup if missing (and one for this start); a failure only warns."""
        try:
            take_backups(self.home.journal, self.home.backups, self.now(), start=start)
        except OSError as error:
            warning = _("could not back up the journal ({reason})")
            self.backup_warning = warning.format(reason=os_reason(error))

    backup_warning: str | None = None

    def keep_before_change(self) -> Path:
        """A backup of the journal as it is (`backups/edit-...`), taken before an entry is
        edited or deleted so that a mistake can be undone from it. Nothing may be changed
        when none can be taken: a CompanionError says why."""
        from companion.i18n import _

        taken = take_edit_backup(self.home.journal, self.home.backups, self.now())
        if taken is None:
            raise CompanionError(
                _(
                    "a journal file does not read, so no copy could be kept first and nothing "
                    "was changed; `companion doctor` says which"
                )
            )
        return taken

    @cached_property
    def library(self) -> Library:
        from companion.packs.item_cache import ItemCache
        from companion.packs.library import Library

        cache = ItemCache(self.home.cache / "items.json")
        return Library.discover(installed=self.home.packs, language=self.language, cache=cache)

    def forget_content(self) -> None:
        """Read the packs again when next asked: the content language changed."""
        self.__dict__.pop("library", None)

    @cached_property
    def _cards_cache(self) -> StampedCache[Cards]:
        from companion.packs.card_cache import card_cache

        return card_cache(self.home.cache / "cards.json")

    def cards(self, checked: bool = True) -> Cards:
        """Every card, and the settings home picks by: from the cache while no pack and no
        setting changed. Unchecked, the cards as last cached, without stamping every pack
        file (what home's first frame shows, before it checks)."""
        from companion.packs.card_cache import (
            CachedCard,
            Cards,
            builtin_content_dir,
            content_stamp,
        )

        if not checked and (saved := self._cards_cache.last_saved()) is not None:
            return saved
        # the settings file's stamp covers the language settings; the interface's language
        # (which may come from LANG) covers a content language that follows it
        language = self.language_override or active_language()
        stamp = content_stamp(
            [builtin_content_dir(), self.home.packs], self.home.settings, language
        )
        cached = self._cards_cache.load(stamp)
        if cached is not None:
            return cached
        from companion.flows.card_blocks import card_blocks
        from companion.models.content import Card

        library = self.library
        cards = [
            CachedCard(
                card.address,
                card.pack,
                card.title,
                orjson.dumps(card_blocks(card.body)).decode(),
                card.language,
                card.audience,
            )
            for card in library.of_kind(Card)
        ]
        settings, unusable = self._settings  # a broken file is not asked about, nor replaced
        ask = not settings.role_asked and unusable is None
        found = Cards(library.language, settings.role, ask, cards)
        self._cards_cache.save(stamp, found)
        return found

    @cached_property
    def _settings(self) -> tuple[Settings, str | None]:
        from companion.storage.settings import load_settings

        return load_settings(self.home.settings)

    @property
    def settings(self) -> Settings:
        return self._settings[0]

    @property
    def settings_warning(self) -> str | None:
        return self._settings[1]

    def saved_theme(self) -> str:
        """The theme to apply at start ('' for the default), read without the settings model."""
        from companion.storage.settings import read_setting

        return read_setting(self.home.settings, "theme") or ""

    def save_settings(self) -> str | None:
        """Save the settings; if the file there could not be read, the line that says where
        it was kept (it is never written over)."""
        from companion.storage.settings import save_settings

        self.home.ensure()
        kept = save_settings(self.home.settings, self.settings, self.now())
        if kept is None:
            return None
        self._settings = (self.settings, None)
        return _(
            "{path} could not be read, so it is kept as {kept}; "
            "the other settings are back to their defaults"
        ).format(path=self.home.settings, kept=kept.name)

    @property
    def language(self) -> str:
        """The content language (see `content_language` in models/settings.py)."""
        from companion.models.settings import content_language

        if self.language_override:
            return self.language_override
        settings = self.settings
        return content_language(settings, resolve_language(settings.language or None))

    def reflection_draft(self) -> object:
        """The reflection draft's JSON as it is, if one is waiting (None if not): home says
        so without loading the models, which the reflection itself validates it with."""
        try:
            return orjson.loads((self.home.drafts / "reflection.json").read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return None

    @cached_property
    def drafts(self) -> DraftStore:
        from companion.storage.drafts import DraftStore

        return DraftStore(self.home.drafts)

    def now(self) -> datetime:
        return self.clock()
