"""Parsed items come back from the cache only while their file and pack are unchanged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from companion.context import Context
from companion.packs import item_cache
from companion.packs.item_cache import ItemCache
from companion.packs.library import builtin_content_dir
from companion.packs.loader import Pack, load_pack
from companion.paths import Home
from tests.conftest import Clock, role_asked

ESSENTIALS = builtin_content_dir() / "essentials"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    root.mkdir()
    (root / "pack.toml").write_text('id = "mine"\ntitle = "Mine"\nversion = "1"\n')
    (root / "idea.md").write_text("---\nkind: card\nid: idea\n---\n# An idea\n\nAsk first.\n")
    (root / "broken.md").write_text("---\nkind: card\nid: Bad Id\n---\n# Broken\n")
    return root


def load(root: Path, cache_file: Path) -> Pack:
    cache = ItemCache(cache_file)
    pack = load_pack(root, "installed", cache)
    cache.save()
    return pack


def test_the_cache_gives_back_the_same_items_and_problems(tmp_path: Path) -> None:
    fresh = load_pack(ESSENTIALS, "built-in")
    load(ESSENTIALS, tmp_path / "items.json")
    cached = load(ESSENTIALS, tmp_path / "items.json")
    assert cached.items == fresh.items and cached.problems == fresh.problems
    assert len(cached.items) > 10


def test_only_changed_files_are_parsed_again(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_file = tmp_path / "items.json"
    first = load(pack, cache_file)
    assert [str(p) for p in first.problems] and "idea" in first.items

    parsed: list[str] = []
    real = item_cache.ItemCache.put

    def counting(self: ItemCache, path: Path, manifest: str, result) -> None:  # type: ignore[no-untyped-def]
        parsed.append(path.name)
        real(self, path, manifest, result)

    monkeypatch.setattr(item_cache.ItemCache, "put", counting)
    assert load(pack, cache_file).problems == first.problems  # broken.md's problem too
    assert parsed == []

    idea = pack / "idea.md"
    idea.write_text(idea.read_text().replace("An idea", "A better idea"))
    again = load(pack, cache_file)
    assert parsed == ["idea.md"]
    assert again.items["idea"].title == "A better idea"

    (pack / "pack.toml").write_text('id = "mine"\ntitle = "Mine"\nversion = "2"\n')
    load(pack, cache_file)
    assert sorted(parsed[1:]) == ["broken.md", "idea.md"]  # the pack changed: all again


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"version": "0.0", "items": {}}'])
def test_a_damaged_or_foreign_cache_is_only_slower(
    pack: Path, tmp_path: Path, damage: bytes
) -> None:
    cache_file = tmp_path / "items.json"
    cache_file.write_bytes(damage)
    assert "idea" in load(pack, cache_file).items
    assert cache_file.read_bytes() != damage  # written afresh


def test_the_library_of_the_app_fills_the_cache(context: Context) -> None:
    assert context.library.get("essentials/daily") is not None
    cache_file = context.home.cache / "items.json"
    assert cache_file.exists()
    assert os.stat(cache_file).st_mode & 0o777 == 0o600


def test_home_cards_come_from_the_cache_until_a_pack_changes(
    context: Context, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = context.cards()
    again = Context(context.home, clock=context.clock)  # the next start
    with monkeypatch.context() as patch:
        patch.setattr(Context, "library", property(lambda self: pytest.fail("packs read")))
        assert again.cards() == first

    (context.home.packs / "mine").mkdir(parents=True)  # a pack installed since
    for name in ("pack.toml", "idea.md"):
        (context.home.packs / "mine" / name).write_bytes((pack / name).read_bytes())
    cards = Context(context.home, clock=context.clock).cards().cards
    assert "mine/idea" in [card.address for card in cards]
    assert len(cards) == len(first.cards) + 1


def test_an_edited_card_in_a_pack_folder_is_read_again(context: Context, pack: Path) -> None:
    installed = context.home.packs / "mine"
    (installed / "cards").mkdir(parents=True)  # a card one folder down, as packs keep them
    (installed / "pack.toml").write_bytes((pack / "pack.toml").read_bytes())
    card = installed / "cards" / "idea.md"
    card.write_text("---\nkind: card\nid: idea\n---\n# An idea\n\nAsk first.\n")
    assert ("mine/idea", "An idea") in [(c.address, c.title) for c in context.cards().cards]

    card.write_text("---\nkind: card\nid: idea\n---\n# A better idea\n\nAsk, then listen.\n")
    cards = Context(context.home, clock=context.clock).cards().cards
    assert ("mine/idea", "A better idea") in [(c.address, c.title) for c in cards]


def test_unchecked_cards_are_the_last_cached_without_stamping_the_packs(
    context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    from companion.packs import card_cache

    with monkeypatch.context() as patch:
        patch.setattr(card_cache, "content_stamp", lambda *_: pytest.fail("packs stamped"))
        patch.setattr(Context, "library", property(lambda self: pytest.fail("packs read")))
        with pytest.raises(pytest.fail.Exception):
            context.cards(checked=False)  # nothing cached yet: checked the usual way
    first = context.cards()

    again = Context(context.home, clock=context.clock)  # the next start
    with monkeypatch.context() as patch:
        patch.setattr(card_cache, "content_stamp", lambda *_: pytest.fail("packs stamped"))
        assert again.cards(checked=False) == first


async def test_home_shows_a_card_edited_since_the_last_start(
    home: Home, clock: Clock, pack: Path
) -> None:
    from companion.tui.app import CompanionApp

    installed = home.packs / "mine"
    (installed / "cards").mkdir(parents=True)
    (installed / "pack.toml").write_text(
        'id = "mine"\ntitle = "Mine"\nversion = "1"\nlanguage = "de"\n'
    )
    card = installed / "cards" / "idea.md"
    card.write_text("---\nkind: card\nid: idea\n---\n# Erste Idee\n\nZuerst fragen.\n")
    german = Context(home, clock=clock, language_override="de")  # only this pack's card is German
    assert [c.title for c in german.cards().cards if c.language == "de"] == ["Erste Idee"]

    card.write_text("---\nkind: card\nid: idea\n---\n# Bessere Idee\n\nFragen, dann zuhören.\n")
    app = CompanionApp(role_asked(Context(home, clock=clock, language_override="de")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Bessere Idee" in str(app.screen.query_one("#card-title").render())
        assert "zuhören" in str(app.screen.query_one("#card-body").render())
