"""The history of a person opens with the coaching figures: last 1:1, count, actions."""

from __future__ import annotations

from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.screens.history import HistoryScreen
from tests.conftest import Clock, visible_text
from tests.test_snapshots import _sam_with_an_open_action


async def test_history_says_how_long_since_the_last_1_1_and_how_actions_went(
    make_app, context: Context, clock: Clock
) -> None:
    _sam_with_an_open_action(context)
    clock.advance(days=6)
    app: CompanionApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o", "down", "h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = visible_text(app)
        assert "Last 1:1 6 days ago (Mon 23 Nov) · 1 1:1 in the last 12 weeks" in text
        assert "1 action: done 0%, dropped 0%, still open 100%" in text
