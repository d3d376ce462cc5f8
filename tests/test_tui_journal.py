"""Home, journal, help and palette, driven through the real app."""

from __future__ import annotations

from companion.context import Context
from companion.models.journal import Note
from companion.tui.app import CompanionApp
from companion.tui.screens.help import HelpScreen
from companion.tui.screens.journal import JournalScreen
from companion.tui.widgets.entry_list import EntryList
from tests.conftest import NOW, visible_text

SIZE = (80, 24)


def note(text: str, days_ago: int = 0, tags: list[str] | None = None) -> Note:
    from datetime import timedelta

    return Note(created=NOW - timedelta(days=days_ago), text=text, tags=tags or [])


def seed(context: Context) -> None:
    context.journal.add(note("Closed the Acme deal", 3, ["win"]))
    context.journal.add(note("Globex demo prep", 1, ["demo"]))
    context.journal.add(note("Lost Initech to price", 0))


def shown_text(screen: JournalScreen) -> list[str]:
    return [row.summary for row in screen.shown]


async def test_journal_lists_newest_first_and_filters_as_you_type(
    make_app, context: Context
) -> None:
    seed(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        assert shown_text(screen) == [
            "Lost Initech to price",
            "Globex demo prep",
            "Closed the Acme deal",
        ]
        assert "Lost Initech to price" in visible_text(app)

        await pilot.press("slash", *"#win")
        assert shown_text(screen) == ["Closed the Acme deal"]
        await pilot.press("ctrl+a", "ctrl+k", *"since:2d")
        assert shown_text(screen) == ["Lost Initech to price", "Globex demo prep"]
        await pilot.press("ctrl+a", "ctrl+k", *"GLOBEX")
        assert shown_text(screen) == ["Globex demo prep"]
        assert "1 of 3 entries" in str(screen.query_one("#count").render())


async def test_bad_date_in_filter_says_so_and_keeps_the_list(make_app, context: Context) -> None:
    seed(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "slash", *"since:13/11")
        await pilot.pause()
        count = str(app.screen.query_one("#count").render())
        assert "not a date" in count
        assert len(app.screen.shown) == 3  # type: ignore[attr-defined]


async def test_moving_through_the_list_shows_each_entry(make_app, context: Context) -> None:
    seed(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.focused, EntryList)
        await pilot.press("down", "down")
        assert "Closed the Acme deal" in visible_text(app)


async def test_escape_clears_the_filter_then_goes_home(make_app, context: Context) -> None:
    seed(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "slash", *"acme", "escape")
        assert isinstance(app.screen, JournalScreen)
        assert len(app.screen.shown) == 3
        await pilot.press("escape")
        assert not isinstance(app.screen, JournalScreen)


async def test_markup_in_entries_is_shown_literally(make_app, context: Context) -> None:
    context.journal.add(note("[bold red]loud[/] [@click=app.quit]click me[/]"))
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        rendered = visible_text(app)
        assert "[bold red]loud[/]" in rendered
        await pilot.click("#entry")
        assert app.is_running


async def test_entries_written_by_another_process_appear(make_app, context: Context) -> None:
    from companion.storage.journal import Journal

    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert len(app.screen.shown) == 0  # type: ignore[attr-defined]
        await pilot.press("escape")
        Journal.open(context.home.journal).add(
            note("logged from a shell #win")
        )  # like `companion log`
        await pilot.press("j")
        await pilot.pause()
        assert shown_text(app.screen) == ["logged from a shell #win"]  # type: ignore[arg-type]


async def test_home_shows_streak_and_last_commitment(make_app, context: Context) -> None:
    from tests.test_tui_reflection import previous_reflection

    context.journal.add(previous_reflection("Book two demos"))
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        today = str(app.screen.query_one("#today").render())
        assert "Streak: 1 day" in today
        assert "not done yet" in today
        assert "Book two demos" in today


async def test_help_lists_the_screens_actions(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = visible_text(app)
        for action in ("Reflect", "Journal", "Quit", "Help"):
            assert action in shown
        await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_palette_offers_the_screens_actions(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        names = [command.title for command in app.get_system_commands(app.screen)]
        assert {"Reflect", "Journal", "Help"} <= set(names)
        await pilot.press("ctrl+p", *"Journal")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)


async def test_an_open_journal_shows_what_another_process_writes(
    make_app, context: Context
) -> None:
    from companion.storage.journal import Journal

    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        Journal.open(context.home.journal).add(note("from another terminal"))
        app.watch_journal()  # what the app's 2-second timer does
        await pilot.pause()
        await pilot.pause()
        assert shown_text(app.screen) == ["from another terminal"]  # type: ignore[arg-type]


async def test_home_updates_when_a_reflection_is_written_elsewhere(
    make_app, context: Context
) -> None:
    from companion.storage.journal import Journal
    from tests.test_tui_reflection import previous_reflection

    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        Journal.open(context.home.journal).add(previous_reflection("Written in the other window"))
        app.watch_journal()
        await pilot.pause()
        assert "Written in the other window" in visible_text(app)


async def test_a_row_shows_its_date_in_bold_and_a_long_summary_cut_to_the_width(
    make_app, context: Context
) -> None:
    context.journal.add(Note(created=NOW, text="Lost Initech to a cheaper offer " * 4))
    app: CompanionApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        entries = app.screen.query_one(EntryList)
        line = list(entries.render_line(0))
        text = "".join(segment.text for segment in line)
        assert text.startswith(f"{NOW:%a %d %b}  · Lost")  # the time, where there is room
        assert text.endswith("…")
        assert sum(segment.cell_length for segment in line) == entries.size.width
        assert [bool(s.style and s.style.bold) for s in line[:3]] == [True, False, False]


async def test_an_impossible_date_in_the_filter_says_so_instead_of_counting_all(
    make_app, context: Context
) -> None:
    seed(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "slash", *"since:2026-13-45", "enter", "down")
        await pilot.pause()
        count = str(app.screen.query_one("#count").render())
        assert "'2026-13-45' is not a date" in count
        assert "of 3 entries" not in count
        assert "YYYY-MM-DD" in count and "7d" in count
        assert "or +7 (7 days from today)" in visible_text(app)  # wrapped, not cut
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"since:monday")
        await pilot.pause()
        assert "of 3 entries" in str(app.screen.query_one("#count").render())


def a_month_of_reflections(context: Context, days: int = 12) -> None:
    """Reflections as a rep writes them: the same prompts every day, different answers."""
    from datetime import timedelta

    from companion.models.journal import Answer, Reflection
    from companion.models.kinds import AnswerKind

    wins = ["Acme opened up about budget", "Booked two demos", "Globex renewal signed"]
    obstacles = [["time"], ["leads", "tools"], []]
    for day in range(days):
        tags = obstacles[day % 3]
        context.journal.add(
            Reflection(
                created=NOW - timedelta(days=day, hours=1),
                source="essentials/daily",
                title="Daily reflection",
                answers=[
                    Answer(
                        prompt_id="energy",
                        prompt="Energy",
                        kind=AnswerKind.SCALE,
                        value=1 + day % 5,
                        scale_max=5,
                    ),
                    Answer(
                        prompt_id="win",
                        prompt="A win worth recognising",
                        kind=AnswerKind.TEXT,
                        value=wins[day % 3],
                    ),
                    Answer(prompt_id="way", prompt="In the way", kind=AnswerKind.TAGS, value=tags),
                    Answer(
                        prompt_id="commitment",
                        prompt="My commitment for today",
                        kind=AnswerKind.COMMITMENT,
                        value=f"Commitment of {(NOW - timedelta(days=day)).date()}: call three",
                    ),
                ],
                tags=tags,
            )
        )


async def test_the_list_grows_with_the_terminal_and_a_reflection_row_tells_days_apart(
    make_app, context: Context
) -> None:
    a_month_of_reflections(context)
    widths = {}
    for size in ((80, 24), (120, 40)):
        app: CompanionApp = make_app()
        async with app.run_test(size=size) as pilot:
            await pilot.press("j")
            await pilot.pause()
            entries = app.screen.query_one(EntryList)
            widths[size[0]] = entries.size.width
            rows = ["".join(s.text for s in entries.render_line(y)) for y in range(3)]
            assert "Commitment of" not in " ".join(rows)
            assert "◆ Energy 1/5 · Acme opened" in rows[0]
            assert "◆ Energy 2/5 · Booked two" in rows[1]
            if size[0] == 120:
                assert "Booked two demos · #leads" in rows[1]
    assert widths[80] >= 38 and widths[120] >= 58
