"""Closing an action between 1:1s on a person's history: the open actions are a list, d marks
the highlighted one done and x drops it (each asks first), the figures and the list follow,
and an overdue action says so in words."""

from __future__ import annotations

from datetime import date

from textual.command import CommandList
from textual.widgets import OptionList

from companion import i18n
from companion.context import Context
from companion.flows.one_on_one import OneOnOneFlow
from companion.models.coaching import Person
from companion.models.content import Script
from companion.paths import Home
from companion.tui.app import CompanionApp
from companion.tui.screens.confirm import ConfirmScreen
from companion.tui.screens.help import HelpScreen
from companion.tui.screens.history import HistoryScreen
from tests.conftest import NOW, Clock, role_asked
from tests.conftest import visible_text as screen_text
from tests.spaces_helpers import git_env
from tests.test_cli_team import People

__all__ = ["git_env"]  # a fixture of the test with a shared space

SIZE = (80, 24)
PROPOSAL, DEMO = "Send Acme the revised proposal", "Book two demos"


def sam_with_two_open_actions(context: Context) -> None:
    """A 1:1 with Sam on 23 Nov that agreed two actions: the proposal due 30 Nov, the demos
    due in January next year."""
    sam = context.journal.add_person(
        Person(name="Sam Rivera", role="Account executive", created=NOW)
    )
    script = context.library.find("weekly-1on1", Script)
    flow = OneOnOneFlow(sam, script, [], NOW)
    flow.add_action(PROPOSAL, "rep", date(2026, 11, 30), NOW)
    flow.add_action(DEMO, "manager", date(2027, 1, 15), NOW)
    done = flow.finish(NOW)
    context.journal.save_one_on_one(done.record, done.new_actions, done.status_changes)


async def open_history(app: CompanionApp, pilot) -> HistoryScreen:  # type: ignore[no-untyped-def]
    await pilot.press("o", "h")  # setup, Sam highlighted, his history
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def visible_text(app: CompanionApp) -> str:
    """The screen's words, one space between them (styles split a line into pieces)."""
    return " ".join(screen_text(app).split())


def asked(app: CompanionApp) -> str:
    """What the dialog on top asks, and its buttons."""
    assert isinstance(app.screen, ConfirmScreen)
    words = (str(widget.render()) for widget in app.screen.query("Label, Static, Button"))
    return " ".join(" ".join(words).split())


def notified(app: CompanionApp) -> str:
    return " ".join(n.message for n in app._notifications)


def statuses(context: Context) -> dict[str, str]:
    return {action.text: action.status for action in context.journal.actions()}


async def test_an_overdue_action_says_so_and_a_due_date_next_year_has_its_year(
    make_app, context: Context, clock: Clock
) -> None:
    sam_with_two_open_actions(context)
    clock.advance(days=9)  # Wed 2 Dec: the proposal is two days late
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_history(app, pilot)
        text = visible_text(app)
        assert "Open actions: 2" in text
        assert f"⚠ {PROPOSAL} (rep, overdue since 30 Nov)" in text
        assert f"○ {DEMO} (manager, due 15 Jan 2027)" in text


async def test_d_marks_the_highlighted_action_done_after_asking(
    make_app, context: Context, clock: Clock
) -> None:
    sam_with_two_open_actions(context)
    clock.advance(days=9)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_history(app, pilot)
        assert "1 action" not in visible_text(app)
        await pilot.press("shift+tab")  # from the 1:1s up to the open actions
        assert app.focused is screen.query_one("#open-actions", OptionList)
        await pilot.press("d")
        await pilot.pause()
        question = asked(app)
        assert f"Mark this action done? {PROPOSAL} (rep, overdue since 30 Nov)" in question
        assert "companion actions reopen" in question
        assert "Mark done" in question and "Keep it open" in question
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is screen
        assert notified(app) == f"Marked done: {PROPOSAL}"
        text = visible_text(app)
        assert "Open actions: 1" in text
        listed = screen.query_one("#open-actions", OptionList)
        assert [str(listed.get_option_at_index(0).prompt)] == [
            f"○ {DEMO} (manager, due 15 Jan 2027)"
        ]
        assert "2 actions: done 50%, dropped 0%, still open 50%" in text
    assert statuses(context) == {PROPOSAL: "done", DEMO: "open"}


async def test_x_drops_the_highlighted_action_and_esc_keeps_it_open(
    make_app, context: Context
) -> None:
    sam_with_two_open_actions(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("shift+tab", "down", "x")  # the demos
        await pilot.pause()
        assert f"Drop this action? {DEMO} (manager, due 15 Jan 2027)" in asked(app)
        await pilot.press("escape")  # changed my mind
        await pilot.pause()
        assert app.screen is screen
        assert statuses(context) == {PROPOSAL: "open", DEMO: "open"}

        await pilot.press("x")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert notified(app) == f"Dropped: {DEMO}"
        text = visible_text(app)
        assert "Open actions: 1" in text
        assert "2 actions: done 0%, dropped 50%, still open 50%" in text
        listed = screen.query_one("#open-actions", OptionList)
        assert listed.option_count == 1 and listed.highlighted == 0
    assert statuses(context) == {PROPOSAL: "open", DEMO: "dropped"}


async def test_with_every_action_closed_the_keys_say_nothing_is_open(
    make_app, context: Context
) -> None:
    sam_with_two_open_actions(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_history(app, pilot)
        for _ in range(2):
            await pilot.press("d")
            await pilot.pause()
            await pilot.press("d")
            await pilot.pause()
        assert "Open actions: 0" in visible_text(app)
        assert not screen.query_one("#open-actions", OptionList).display
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is screen  # nothing to ask about
    assert set(statuses(context).values()) == {"done"}


async def test_the_keys_are_in_the_key_bar_the_palette_and_help(make_app, context: Context) -> None:
    sam_with_two_open_actions(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_history(app, pilot)
        bar = visible_text(app)
        assert "d Mark done" in bar and "x Drop" in bar

        await pilot.press("ctrl+p")
        await pilot.pause()
        commands = app.screen.query_one(CommandList)
        titles = [
            str(commands.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(commands.option_count)
        ]
        assert "Mark done" in titles and "Drop" in titles
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = visible_text(app)
        assert "d marks it done, x drops it" in text
        assert "Mark the highlighted open action done" in text


async def test_a_dutch_manager_closes_an_action_in_dutch(
    make_app, context: Context, clock: Clock
) -> None:
    context.settings.language = "nl"
    context.save_settings()
    i18n.set_language("nl")  # as the command line does before it starts the app
    sam_with_two_open_actions(context)
    clock.advance(days=9)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_history(app, pilot)
        text = visible_text(app)
        assert f"{PROPOSAL} (verkoper, te laat sinds 30 nov)" in text
        assert f"{DEMO} (manager, uiterlijk 15 jan 2027)" in text
        await pilot.press("d")
        await pilot.pause()
        assert f"Dit actiepunt afvinken? {PROPOSAL} (verkoper, te laat sinds 30 nov)" in asked(app)
        await pilot.press("d")
        await pilot.pause()
        assert notified(app) == f"Afgevinkt: {PROPOSAL}"


async def test_closing_an_action_shared_with_the_person_tells_their_space(
    tmp_path, capsys, git_env, clock: Clock
) -> None:  # type: ignore[no-untyped-def]
    """Bob links Anna, agrees an action in a 1:1 (sent to their space), then marks it done
    on her history: Anna reads it done after both have synced."""
    people = People(tmp_path, capsys).linked()
    people.one_on_one("We planned the Acme call", "", ["Call Acme back"])
    context = role_asked(Context(Home(people.manager), clock=clock), "manager")
    app = CompanionApp(context)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_history(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert notified(app) == (
            "Marked done: Call Acme back Anna de Vries sees it after the next sync."
        )
    people.bob("team", "sync")
    people.anna("team", "sync")
    assert people.anna("actions")[1].startswith("✓ ")
