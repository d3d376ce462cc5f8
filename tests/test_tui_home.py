"""Home: the ways in answer to their key and to a click on their name."""

from __future__ import annotations

import pytest

from companion.context import Context
from companion.models.journal import Reflection
from companion.tui.app import CompanionApp
from companion.tui.screens.journal import JournalScreen
from companion.tui.screens.library import LibraryScreen
from companion.tui.screens.reflection import ReflectionScreen
from tests.conftest import NOW, visible_text

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
