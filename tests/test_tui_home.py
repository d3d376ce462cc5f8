"""Home: the ways in answer to their key and to a click on their name."""

from __future__ import annotations

import json

import pytest

from companion.cli import main
from companion.context import Context
from companion.models.content import Card
from companion.models.journal import Reflection
from companion.paths import Home
from companion.tui.app import CompanionApp
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.journal import JournalScreen
from companion.tui.screens.library import LibraryScreen
from companion.tui.screens.reflection import ReflectionScreen
from companion.tui.screens.role_dialog import RoleDialog
from tests.conftest import NOW, Clock, role_asked, visible_text

SIZE = (80, 24)


def column_of(app: CompanionApp, label: str) -> int:
    """Where a label starts in the menu line."""
    return app.screen.query_one("#menu").render().plain.index(label)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("label", "screen"),
    [("Reflect", ReflectionScreen), ("Journal", JournalScreen), ("Library", LibraryScreen)],
)
async def test_a_click_on_a_way_in_opens_it(make_app, label: str, screen: type) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#menu", offset=(column_of(app, label) + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, screen)


async def test_the_menu_says_reflect_again_once_done(make_app, context: Context) -> None:
    context.journal.add(Reflection(created=NOW, answers=[]))
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE):
        assert "Reflect again" in visible_text(app)


async def test_counts_of_one_are_singular(make_app, context: Context) -> None:
    context.journal.add(Reflection(created=NOW, answers=[]))
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE):
        text = visible_text(app)
        assert "Streak: 1 day" in text and "1 reflection, 0 notes" in text


# -- who is looking: asked once, honoured by the card of the day ------------------------------


def first_start(home: Home, clock: Clock, **options: str | None) -> CompanionApp:
    """The app on a home that has never been asked who its user is."""
    return CompanionApp(Context(home, clock=clock, monotonic=clock.monotonic), **options)


def saved_role(home: Home) -> tuple[str, bool]:
    """The role in the settings file, and whether home has asked for it."""
    settings = json.loads(home.settings.read_text())
    return settings["role"], settings["role_asked"]


async def test_the_first_start_asks_who_is_using_it_and_keeps_the_answer(
    home: Home, clock: Clock
) -> None:
    app = first_start(home, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RoleDialog)
        assert "Who is using Companion?" in visible_text(app)
        await pilot.press("down", "enter")  # arrows and Enter: the second choice
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert saved_role(home) == ("manager", True)

    again = first_start(home, clock)  # asked once: not again
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)


@pytest.mark.parametrize(("key", "role"), [("r", "rep"), ("c", "coach"), ("escape", "")])
async def test_the_role_has_a_key_each_and_escape_skips(
    home: Home, clock: Clock, key: str, role: str
) -> None:
    app = first_start(home, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert saved_role(home) == (role, True)


async def test_the_role_is_asked_on_home_not_over_a_reflection(home: Home, clock: Clock) -> None:
    app = first_start(home, clock, start="reflect")  # `companion reflect` on a first start
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        await pilot.press("escape")  # nothing typed: straight back home
        await pilot.pause()
        assert isinstance(app.screen, RoleDialog)


def test_config_role_sets_it_without_asking(home: Home, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", str(home.root), "config", "role", "rep"]) == 0
    assert capsys.readouterr().out == "role = 'rep'\n"
    assert saved_role(home) == ("rep", True)


@pytest.mark.parametrize("role", ["rep", "manager"])
async def test_the_card_of_the_day_is_written_for_the_role(
    make_app, context: Context, clock: Clock, role: str
) -> None:
    role_asked(context, role)
    by_title = {card.title: card for card in context.library.of_kind(Card) if card.language == "en"}
    app: CompanionApp = make_app()
    shown = []
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):  # five days, five cards
            await pilot.pause()
            shown.append(by_title[str(app.screen.query_one("#card-title").render())])
            clock.advance(days=1)
            await pilot.press("j", "escape")

    assert len({card.id for card in shown}) == 5
    assert {card.audience for card in shown} <= {role, "anyone"}
    assert role in {card.audience for card in shown}
