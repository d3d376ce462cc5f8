"""Ctrl+P finds content: every item of every pack by its title, opened in the library."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.style import Style

from companion.i18n import N_, _
from companion.models.content import ContentItem
from companion.packs.kinds import kind_of
from companion.text_safety import strip_controls
from companion.tui.destinations import Destination
from companion.tui.messages import Navigate
from companion.tui.screens.base import context_of
from companion.tui.text import kind_name

HELP_WIDTH = 90
OTHER_LANGUAGE_DISCOUNT = 1000  # an item in another language is listed after all the others
LIBRARY = N_("Library")


def hit_text(item: ContentItem) -> str:
    """'Card: A leader, not a boss · essentials'."""
    title = " ".join(strip_controls(item.title).split())
    return f"{kind_name(kind_of(item).kind)}: {title} · {item.pack}"


def help_text(item: ContentItem) -> str:
    """The item's description on one line (its address if it has none)."""
    text = " ".join(strip_controls(item.description).split()) or item.address
    return text if len(text) <= HELP_WIDTH else text[: HELP_WIDTH - 1] + "…"


def hit_prompt(text: str, offsets: Sequence[int], style: Style | str, help: str) -> Content:
    """The hit as Content built from plain strings (pack text is never parsed as markup):
    the matched letters styled, the description dimmed on a second line."""
    shown = Content(text)
    for offset in offsets:
        if not text[offset].isspace():
            shown = shown.stylize(style, offset, offset + 1)
    return Content("\n").join([shown, Content(help).stylize("dim")])


class ContentProvider(Provider):
    """Items of all packs, matched on 'Kind: title · pack'; choosing one opens the library on it."""

    def _items(self) -> list[ContentItem]:
        return list(context_of(self.app).library.items())

    def _open(self, address: str | None) -> None:
        self.app.post_message(Navigate(Destination.LIBRARY, address))

    async def discover(self) -> Hits:
        """The library, unless the screen lists its own way there already (home's `l`)."""
        listed = {command.title for command in self.app.get_system_commands(self.screen)}
        if _(LIBRARY) not in listed:
            yield DiscoveryHit(
                _(LIBRARY),
                partial(self._open, None),
                help=_("Browse content packs: reflections, 1:1 scripts, cards, question banks"),
            )

    async def search(self, query: str) -> Hits:
        """Items in the content language first: the others' scores are put below theirs
        (a fuzzy score is at least 1 and grows with the query; 1/1000 of it stays below 1),
        and their help line says they are in another language."""
        matcher = self.matcher(query)
        language = context_of(self.app).library.language
        for item in self._items():
            text = hit_text(item)
            score, offsets = matcher.fuzzy_search.match(matcher.query, text)
            if score > 0:
                about = help_text(item)
                if item.language != language:
                    score /= OTHER_LANGUAGE_DISCOUNT
                    about = _("Other languages") + f" ({item.language}) · {about}"
                prompt = hit_prompt(text, offsets, matcher.match_style, about)
                yield Hit(score, prompt, partial(self._open, item.address), text=text)
