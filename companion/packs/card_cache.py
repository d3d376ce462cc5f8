"""The cards the home screen picks its card of the day from, cached between starts.

Parsing every pack takes longer than drawing the whole home screen, and grows with each pack
installed. So the cards (title, body as styled blocks, pack, language) are kept in
<home>/cache/cards.json, stamped with the size and mtime of every file in every pack folder,
the folders Python looks for packages in (a pack shipped by a package appears or goes when
one is installed), the settings file and the language asked for. A changed stamp means the
packs are read again.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from companion.files.cache import StampedCache
from companion.models.blocks import Block
from companion.packs.walk import sorted_tree

PACKAGE_FOLDERS = ("site-packages", "dist-packages")  # where installing a package shows up


def builtin_content_dir() -> Path:
    """`content/` as shipped in the wheel (companion/_content), or beside the source tree."""
    package = Path(__file__).resolve().parents[1]
    shipped = package / "_content"
    return shipped if shipped.is_dir() else package.parent / "content"


class CachedCard(NamedTuple):
    address: str
    pack: str
    title: str
    body: str  # the body's blocks (see models.blocks) as JSON: only the shown card's are read
    language: str
    audience: str

    @property
    def blocks(self) -> list[Block]:
        return [
            (kind, [(text, style) for text, style in runs])
            for kind, runs in orjson.loads(self.body)
        ]


def _tree_stamp(root: Path) -> list[Any]:
    """(path, size, mtime) of every file under `root`, in a stable order (a linked file is
    stamped as what it points to; linked folders are not entered)."""
    stamp: list[Any] = []
    for entry in sorted_tree(root):
        if not entry.is_dir():
            with contextlib.suppress(OSError):
                info = entry.stat()
                stamp.append((entry.path, info.st_size, info.st_mtime_ns))
    return stamp


def _mtime(path: Path | str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


CARDS_FORMAT = 2  # cards gained an audience, and the settings that choose among them


def content_stamp(pack_roots: list[Path], settings: Path, language: str | None) -> list[Any]:
    """What the cached cards depend on; any change to it means reading the packs again."""
    return [
        CARDS_FORMAT,
        [_tree_stamp(root) for root in pack_roots],
        [(entry, _mtime(entry)) for entry in sys.path if entry.endswith(PACKAGE_FOLDERS)],
        _mtime(settings),
        language,
    ]


class Cards(NamedTuple):
    """Every card, and what home chooses the card of the day by (from the settings, which
    are part of the stamp: loading them is not on the way to home's first frame)."""

    language: str  # the content language
    role: str  # who the user is ('' when not said)
    ask_role: bool  # the role was never asked: home asks once
    cards: list[CachedCard]


def card_cache(path: Path) -> StampedCache[Cards]:
    """The cards, stamped with `content_stamp`."""
    return StampedCache(path, _cards_to_json, _cards_from_json)


def _cards_to_json(cards: Cards) -> dict[str, Any]:
    return {**cards._asdict(), "cards": [card._asdict() for card in cards.cards]}


def _cards_from_json(data: dict[str, Any]) -> Cards:
    return Cards(**{**data, "cards": [CachedCard(**card) for card in data["cards"]]})
