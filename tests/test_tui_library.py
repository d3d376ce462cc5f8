"""The library, the card of the day, the reflection choice and content in Ctrl+P, driven
through the real app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.text import Text
from textual.command import CommandList
from textual.widgets import Input, OptionList, Static

from companion.context import Context
from companion.flows.daily_card import card_of_the_day
from companion.models.content import Card
from companion.tui.app import CompanionApp
from companion.tui.destinations import Destination
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.library import LibraryScreen
from companion.tui.screens.reflection import ReflectionScreen
from tests.conftest import Clock, visible_text

SIZE = (80, 24)
EVIL_PACK = 'id = "evil"\ntitle = "[bold]Evil[/] pack"\nversion = "1.0"\n'
EVIL_CARD = """\
---
kind: card
id: evil-card
title: "[bold]x[/] marks the spot"
description: "[@click=app.quit]quit[/] from the palette"
---
# ignored

Click [@click=app.quit]here[/] for [bold]x[/] and [red]red[/red].
"""


def write_pack(root: Path, manifest: str, files: dict[str, str]) -> None:
    root.mkdir(parents=True)
    (root / "pack.toml").write_text(manifest, encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def seen(app: CompanionApp) -> str:
    """The screen's words, spaces squashed (styled runs are separate pieces of the picture)."""
    return " ".join(visible_text(app).split())


def library_screen(app: CompanionApp) -> LibraryScreen:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return screen


async def open_library(pilot, app: CompanionApp) -> LibraryScreen:  # type: ignore[no-untyped-def]
    """Press l on home, as a person would, and wait for the library."""
    await pilot.press("l")
    await pilot.pause()
    return library_screen(app)


def shown_ids(screen: LibraryScreen) -> list[str]:
    return [row.id for row in screen.rows if row]


async def move_to(pilot, screen: LibraryScreen, row_id: str) -> None:  # type: ignore[no-untyped-def]
    """Press down until `row_id` is highlighted, as a person would."""
    for _ in range(len(screen.rows)):
        current = screen.current()
        if current and current.id == row_id:
            return
        await pilot.press("down")
    raise AssertionError(f"{row_id} is not in the list")


async def test_l_opens_the_library_with_both_builtin_packs(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot, app)
        ids = shown_ids(screen)
        for wanted in (
            "pack:essentials",
            "pack:essentials-nl",
            "item:essentials/daily",
            "item:essentials/weekly-1on1",
            "item:essentials/leader-not-boss",
            "item:essentials/check-in",
            "item:essentials-nl/daily",
            "item:essentials-nl/weekly-1on1",
        ):
            assert wanted in ids
        assert ids.index("pack:essentials") < ids.index("pack:essentials-nl")  # content language
        shown = seen(app)
        assert "Essentials" in shown
        assert "en · built-in" in shown
        assert "Reflections (2)" in shown
        assert "138 items in 2 packs" in shown

        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_highlighting_a_script_shows_its_steps(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot, app)
        await move_to(pilot, screen, "item:essentials/weekly-1on1")
        assert "`essentials/weekly-1on1` · script · 30 min" in screen.page_source
        assert "## 1. Check-in and today's agenda · 4 min" in screen.page_source
        assert "- How are you doing this week, really?" in screen.page_source
        assert "essentials/weekly-1on1" in seen(app)
        assert "Weekly 1:1" in seen(app)

        await pilot.press("enter")  # into the page, to scroll it
        assert app.focused is screen.query_one("#reader")
        for _ in range(10):
            await pilot.press("down")
        shown = seen(app)
        assert "1. Check-in and today's agenda" in shown  # the page wraps at 80 columns
        assert "Ask" in shown
        await pilot.press("escape")  # back to the list first
        assert isinstance(app.focused, OptionList)
        assert isinstance(app.screen, LibraryScreen)


async def test_search_narrows_the_list_and_escape_clears_it(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot, app)
        everything = shown_ids(screen)

        await pilot.press("slash", *"Laptop CRM")  # both weekly 1:1s say so in a tip
        assert shown_ids(screen) == [
            "pack:essentials",
            "item:essentials/weekly-1on1",
            "pack:essentials-nl",
            "item:essentials-nl/weekly-1on1",
        ]
        assert screen.current().id == "item:essentials/weekly-1on1"  # type: ignore[union-attr]
        assert "2 of 138 items match" in seen(app)

        await pilot.press("ctrl+a", "ctrl+k", *"close the laptop")  # the English one only
        assert shown_ids(screen) == ["pack:essentials", "item:essentials/weekly-1on1"]
        assert "1 of 138 items match" in seen(app)

        await pilot.press(*" nothing-like-this")
        assert shown_ids(screen) == []
        assert "Nothing matches the search." in seen(app)

        await pilot.press("escape")
        await pilot.pause()
        assert shown_ids(screen) == everything
        assert screen.query_one("#search", Input).value == ""
        assert screen.current() is not None
        assert isinstance(app.focused, OptionList)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_search_keeps_the_item_after_escape(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "slash", *"leader boss", "enter")
        await pilot.pause()
        screen = library_screen(app)
        assert screen.current().id == "item:essentials/leader-not-boss"  # type: ignore[union-attr]
        await pilot.press("escape")
        await pilot.pause()
        assert screen.current().id == "item:essentials/leader-not-boss"  # type: ignore[union-attr]
        assert len(shown_ids(screen)) > 60


async def test_u_on_a_reflection_is_what_r_opens_next(make_app, context: Context) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("l", "slash", *"dagelijkse", "enter")
        await pilot.pause()
        screen = library_screen(app)
        assert screen.current().id == "item:essentials-nl/daily"  # type: ignore[union-attr]
        assert "Press **u** to make r open this reflection." in screen.page_source
        await pilot.press("u")
        await pilot.pause()
        assert context.settings.reflection == "essentials-nl/daily"
        saved = json.loads(context.home.settings.read_text())
        assert saved["reflection"] == "essentials-nl/daily"
        assert any("essentials-nl/daily" in n.message for n in app._notifications)
        assert "**In use:** r opens this reflection." in screen.page_source
        items = screen.query_one("#items", OptionList)
        marked = items.get_option("item:essentials-nl/daily").prompt
        assert str(marked).startswith(" ✓ Dagelijkse reflectie")  # marked in the list

        await pilot.press("escape", "escape", "r")  # clear the search, leave, reflect
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        assert app.screen.flow.template.address == "essentials-nl/daily"
        assert "essentials-nl/daily" in seen(app)
        await pilot.press("escape")  # nothing answered: leaves at once
        await pilot.pause()

        screen = await open_library(pilot, app)
        await move_to(pilot, screen, "item:essentials/daily")
        await pilot.press("u")  # the default: back to it
        await pilot.pause()
        assert context.settings.reflection == ""
        assert json.loads(context.home.settings.read_text())["reflection"] == ""
        await pilot.press("escape", "r")
        await pilot.pause()
        assert app.screen.flow.template.address == "essentials/daily"  # type: ignore[attr-defined]


async def test_u_does_nothing_on_other_items(make_app, context: Context) -> None:
    app: CompanionApp = make_app()
    settings = context.home.settings.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await move_to(pilot, await open_library(pilot, app), "item:essentials/weekly-1on1")
        await pilot.press("u")
        await pilot.pause()
        assert context.home.settings.read_bytes() == settings


async def test_a_draft_keeps_its_own_reflection(make_app, context: Context) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", "4", "escape")  # one answer, then leave
        await pilot.pause()
        await pilot.press("enter")  # "keep a draft" is the first choice
        await pilot.pause()
        assert context.drafts.path("reflection").exists()
        context.settings.reflection = "essentials-nl/daily"
        context.save_settings()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        assert app.screen.flow.template.address == "essentials/daily"


async def test_a_chosen_reflection_that_is_gone_falls_back_and_says_so(
    make_app, context: Context
) -> None:
    context.settings.reflection = "removed/pack"
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.flow.template.address == "essentials/daily"  # type: ignore[attr-defined]
        assert any("removed/pack" in n.message for n in app._notifications)


def todays_card(context: Context) -> Card:
    cards = [c for c in context.library.of_kind(Card) if c.language == "en"]
    card = card_of_the_day(cards, context.now().date())
    assert card is not None
    return card


async def test_card_of_the_day_on_home_is_stable_for_the_date(
    make_app, context: Context, clock: Clock
) -> None:
    expected = todays_card(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = seen(app)
        assert f"Card of the day · {expected.pack}" in shown
        assert expected.title in shown
        first = str(app.screen.query_one("#card-title").render())

        clock.advance(hours=10)  # later the same day
        await pilot.press("j", "escape")
        await pilot.pause()
        assert str(app.screen.query_one("#card-title").render()) == first

        clock.advance(days=1)
        await pilot.press("j", "escape")
        await pilot.pause()
        tomorrow = str(app.screen.query_one("#card-title").render())
        assert tomorrow != first
        assert tomorrow == todays_card(context).title

    again: CompanionApp = make_app()  # a new start on the same day: the same card
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert str(again.screen.query_one("#card-title").render()) == tomorrow


async def test_no_cards_no_panel(make_app, context: Context) -> None:
    for pack in context.library.packs.values():
        for item_id in [i for i, item in pack.items.items() if isinstance(item, Card)]:
            del pack.items[item_id]
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#card").display
        assert "Card of the day" not in seen(app)


async def test_pack_text_with_markup_is_shown_literally(make_app, context: Context) -> None:
    write_pack(context.home.packs / "evil", EVIL_PACK, {"cards/evil.md": EVIL_CARD})
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "slash", *"marks spot", "enter")
        await pilot.pause()
        screen = library_screen(app)
        assert screen.current().id == "item:evil/evil-card"  # type: ignore[union-attr]
        shown = seen(app)
        assert "[bold]x[/] marks the spot" in shown
        for literal in ("[@click=app.quit]here[/]", "[bold]x[/]", "[red]red[/red]"):
            assert literal in shown
        await pilot.click("#page", offset=(8, 6))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("slash", *"evil", "enter", "up")
        assert screen.current().id == "pack:evil"  # type: ignore[union-attr]
        assert "[bold]Evil[/] pack" in seen(app)
        assert app.is_running

        await pilot.press("ctrl+p", *"marks the spot")
        await pilot.pause(0.3)
        prompts = [option.prompt.plain for option in app.screen.query_one(CommandList).options]
        assert (
            "Card: [bold]x[/] marks the spot · evil\n[@click=app.quit]quit[/] from the palette"
            in prompts
        )
        await pilot.press("escape")
        assert app.is_running


async def test_a_pack_with_problems_is_marked_and_lists_them(make_app, context: Context) -> None:
    bad = "---\nkind: card\nid: bad\ncolour: red\n---\n# Bad\n\nText.\n"
    good = "---\nkind: card\nid: good\n---\n# Good card\n\nText.\n"
    manifest = 'id = "broken"\ntitle = "Broken pack"\nversion = "1.0"\n'
    write_pack(context.home.packs / "broken", manifest, {"bad.md": bad, "good.md": good})
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "slash", *"broken", "enter", "up")
        await pilot.pause()
        screen = library_screen(app)
        assert shown_ids(screen) == ["pack:broken", "item:broken/good"]
        assert screen.current().id == "pack:broken"  # type: ignore[union-attr]
        assert "en · installed · ⚠ 1" in seen(app)
        assert "bad.md:4: unknown key 'colour' in frontmatter" in screen.page_source
        assert "bad.md:4: unknown key" in seen(app)
        assert "1 card" in screen.page_source  # the good one still loaded


async def test_palette_finds_a_card_and_opens_it_in_the_library(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"leader not a boss")
        await pilot.pause(0.3)
        first = app.screen.query_one(CommandList).options[0].prompt.plain
        assert first.startswith("Card: A leader, not a boss · essentials\n")
        await pilot.press("enter")
        await pilot.pause()
        screen = library_screen(app)
        assert screen.current().id == "item:essentials/leader-not-boss"  # type: ignore[union-attr]
        assert "essentials/leader-not-boss" in seen(app)

        await pilot.press("ctrl+p", *"wekelijkse 1-op-1")  # from inside the library
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen  # the same library, not a second one on top
        assert screen.current().id == "item:essentials-nl/weekly-1on1"  # type: ignore[union-attr]


async def test_help_explains_the_library_keys(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "f1")
        await pilot.pause()
        shown = seen(app)
        for text in ("Library", "Search", "Use reflection", "Back"):
            assert text in shown


async def test_a_pack_that_clashes_is_listed_as_not_loaded(make_app, context: Context) -> None:
    clash = 'id = "essentials"\ntitle = "Impostor"\nversion = "1.0"\n'
    write_pack(context.home.packs / "impostor", clash, {})
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "end")
        await pilot.pause()
        screen = library_screen(app)
        assert screen.current().id == "not-loaded"  # type: ignore[union-attr]
        assert "⚠ Not loaded (1)" in seen(app)
        page = screen.query_one("#page", Static).content
        assert isinstance(page, Text)
        assert page.plain.startswith("These packs were not loaded:")
        assert "impostor/pack.toml:1: pack id 'essentials' clashes with the built-in" in page.plain


def _pack_with_links(context) -> None:  # type: ignore[no-untyped-def]
    root = context.home.packs / "linked"
    (root / "cards").mkdir(parents=True)
    (root / "pack.toml").write_text('id = "linked"\ntitle = "Linked"\nversion = "1.0"\n')
    (root / "cards" / "reading.md").write_text(
        "---\nkind: card\nid: reading\ntitle: Reading\n---\n# Reading\n\n"
        "Read [the book](https://example.com/book), not [this](http://plain.example/x) "
        "nor [that](javascript:alert(1)).\n"
    )


async def test_links_open_only_https_and_only_after_asking(make_app, context, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from companion.tui.screens.confirm import ConfirmScreen
    from companion.tui.screens.links import LinkPicker

    _pack_with_links(context)
    opened: list[str] = []
    app = make_app()
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(80, 24)) as pilot:
        Destination.LIBRARY.open(app, "linked/reading")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, LinkPicker)
        assert [link.url for link in picker.links] == [
            "https://example.com/book",
            "http://plain.example/x",
        ]
        await pilot.press("down")  # the http link is disabled: the cursor stays on https
        assert app.screen.query_one(OptionList).highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert opened == []  # shown first, not opened
        await pilot.press("o")
        await pilot.pause()
    assert opened == ["https://example.com/book"]


async def test_search_ranks_the_item_whose_title_matches_above_those_that_mention_it(
    make_app,
) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot, app)
        await pilot.press("slash", *"feedback")
        english = [i for i in shown_ids(screen) if i.startswith("item:essentials/")]
        assert english[0] == "item:essentials/feedback"
        assert "item:essentials/performance-concern" in english[1:]
        assert screen.current().id == "item:essentials/feedback"  # type: ignore[union-attr]

        await pilot.press("ctrl+a", "ctrl+k", *"customer meeting")
        english = [i for i in shown_ids(screen) if i.startswith("item:essentials/")]
        assert english[0] == "item:essentials/after-a-customer-meeting"


# -- packs of every language: the content language's first, the others under a heading -----


def listed(screen: LibraryScreen) -> list[str]:
    """The list's rows as read: ids, and 'Other languages' where that heading is."""
    items = screen.query_one("#items", OptionList)
    prompts = [str(items.get_option_at_index(i).prompt) for i in range(items.option_count)]
    return [
        row.id if row else prompt.strip()
        for row, prompt in zip(screen.rows, prompts, strict=True)
        if row or prompt.strip() == "Other languages"
    ]


@pytest.mark.parametrize(("language", "other"), [("en", "nl"), ("nl", "en")])
async def test_the_library_lists_the_content_language_first_and_the_others_under_a_heading(
    make_app, context: Context, language: str, other: str
) -> None:
    context.settings.content_language = language
    context.save_settings()
    mine, theirs = ("essentials", "essentials-nl")[:: 1 if language == "en" else -1]
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot, app)
        rows = listed(screen)
        heading = rows.index("Other languages")
        assert rows[0] == f"pack:{mine}"
        assert rows[heading + 1] == f"pack:{theirs}"
        assert all(not r.startswith(f"item:{theirs}/") for r in rows[:heading])

        await pilot.press("slash", *"feedback")  # a search keeps the order and the heading
        rows = listed(screen)
        heading = rows.index("Other languages")
        assert rows[0] == f"pack:{mine}" and rows[heading + 1] == f"pack:{theirs}"
        assert screen.current().id.startswith(f"item:{mine}/")  # type: ignore[union-attr]


@pytest.mark.parametrize(("language", "other"), [("en", "nl"), ("nl", "en")])
async def test_the_palette_lists_content_in_the_content_language_first(
    make_app, context: Context, language: str, other: str
) -> None:
    context.settings.content_language = language
    context.save_settings()
    app: CompanionApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"feedback")
        await app.workers.wait_for_complete()  # the palette's search is a worker
        await pilot.pause()
        commands = app.screen.query_one(CommandList)
        prompts = [commands.get_option_at_index(i).prompt for i in range(commands.option_count)]
        packs = [str(p).split("\n")[0].rpartition(" · ")[2] for p in prompts]
        helps = [str(p).split("\n")[1] for p in prompts]
        mine, theirs = ("essentials", "essentials-nl")[:: 1 if language == "en" else -1]
        assert mine in packs and theirs in packs
        first_other = packs.index(theirs)
        assert mine not in packs[first_other:]
        assert all(h.startswith(f"Other languages ({other}) · ") for h in helps[first_other:])
        assert not any(h.startswith("Other languages") for h in helps[:first_other])
