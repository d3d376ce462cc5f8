"""Typing as a burst: every key reaches the app at once, as from a paste without bracketed
paste, a text expander or a laggy ssh link. `pilot.press` waits for the app between keys,
so it never shows what a burst does."""

from __future__ import annotations

import asyncio
import unicodedata

from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot


def key_event(key: str) -> events.Key:
    """The event the terminal sends for `key` (a name such as 'pagedown', or a character),
    built as `pilot.press` builds it."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        character = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        character = key if len(key) == 1 else None
    return events.Key(key, character)


async def burst(pilot: Pilot[object], *keys: str) -> None:
    """Post every key to the app in one go, then wait until the app has handled them all."""
    app = pilot.app
    for key in keys:
        app.post_message(key_event(key))
    taken = asyncio.get_running_loop().create_future()
    app.call_later(taken.set_result, None)  # the app has taken every key from its queue
    await taken
    await app.workers.wait_for_complete()
    await pilot.pause()
