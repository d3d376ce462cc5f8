"""The title line: the screen's title, centred as Textual's Header centres it, and the icon
that opens the command palette."""

from __future__ import annotations

from textual.command import CommandPalette

from companion.tui.app import CompanionApp
from companion.tui.screens.journal import JournalScreen
from companion.tui.widgets.title_bar import PALETTE_TIP, TitleBar

SIZE = (80, 24)


def title_line(app: CompanionApp) -> str:
    return app.screen.query_one(TitleBar).render().plain


async def test_each_screen_names_itself_in_the_middle_of_the_line(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        line = title_line(app)
        assert len(line) == 80 and line.startswith(" ⭘ ")
        start = line.index("Companion — Home")
        assert abs(start - (8 + (62 - len("Companion — Home")) // 2)) <= 1
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert "Companion — Journal" in title_line(app)


async def test_a_narrow_terminal_cuts_the_title_with_an_ellipsis(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=(30, 24)):
        line = title_line(app)
        assert len(line) == 30 and "…" in line and "Home" not in line


async def test_the_icon_shows_a_tooltip_and_opens_the_command_palette(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        title_bar = app.screen.query_one(TitleBar)
        await pilot.hover(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert title_bar.tooltip == PALETTE_TIP
        await pilot.hover(TitleBar, offset=(40, 0))
        await pilot.pause()
        assert title_bar.tooltip is None
        await pilot.click(TitleBar, offset=(40, 0))  # the title itself does nothing
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
