"""The key bar: the keys that work on the screen, one line at any width, each a click."""

from __future__ import annotations

from rich.text import Text

from companion.tui.app import CompanionApp
from companion.tui.screens.help import HelpScreen
from companion.tui.screens.journal import JournalScreen
from companion.tui.widgets.key_bar import KeyBar
from tests.test_tui_library import move_to, open_library

SIZE = (80, 24)


def bar(app: CompanionApp) -> Text:
    return app.screen.query_one(KeyBar).render()


def is_dimmed(line: Text, label: str) -> bool:
    start = line.plain.index(label)
    styles = [span.style for span in line.spans if span.start <= start < span.end]
    return any(getattr(style, "dim", False) for style in styles)


async def test_home_lists_its_keys_then_the_palette_on_the_right(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE):
        line = bar(app).plain
        assert len(line) == 80
        for label in ("r Reflect", "j Journal", "o 1:1", "l Library", "^q Quit", "f1 Help"):
            assert label in line
        # home has more keys than fit beside the palette at 80 columns: the help key, which
        # lists every key and the palette, takes the palette's place on the right
        assert line.rstrip().endswith("f1 Help")
        assert "Repair" not in line  # only when some entries cannot be read
    wide: CompanionApp = make_app()
    async with wide.run_test(size=(120, 40)):
        assert bar(wide).plain.rstrip().endswith("^p palette")


async def test_a_click_on_a_key_runs_it(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click(KeyBar, offset=(bar(app).plain.index("Journal") + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        await pilot.click(KeyBar, offset=(bar(app).plain.index("f1") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_narrow_terminal_keeps_one_line_the_palette_key_goes_then_keys_but_help(
    make_app,
) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=(56, 24)) as pilot:
        line = bar(app).plain
        assert len(line) == 56
        assert "f1 Help" in line and "palette" not in line  # Ctrl+P still opens it
        await pilot.resize_terminal(40, 24)
        await pilot.pause()
        line = bar(app).plain
        assert len(line) == 40 and line.startswith("r Reflect")
        assert "… " in line and line.rstrip().endswith("f1 Help")  # help lists every key


async def test_an_action_unavailable_here_is_dimmed_and_its_click_does_nothing(
    make_app, context
) -> None:
    app: CompanionApp = make_app()
    settings = context.home.settings.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot, app)
        await move_to(pilot, screen, "item:essentials/daily")
        assert not is_dimmed(bar(app), "Use reflection")

        await move_to(pilot, screen, "item:essentials/weekly-1on1")  # the bar follows along
        assert is_dimmed(bar(app), "Use reflection")
        await pilot.click(KeyBar, offset=(bar(app).plain.index("Use reflection") + 1, 0))
        await pilot.pause()
        assert context.home.settings.read_bytes() == settings  # the reflection was not chosen


async def test_the_pointer_on_a_key_shows_its_tooltip(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        key_bar = app.screen.query_one(KeyBar)
        await pilot.hover(KeyBar, offset=(bar(app).plain.index("Journal") + 1, 0))
        await pilot.pause()
        assert key_bar.tooltip == "Read and search your entries"
        await pilot.hover("#today")
        await pilot.pause()
        assert key_bar.tooltip is None
