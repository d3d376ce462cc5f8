"""The weekly look back: offered by home on its day, the week's facts, then its prompts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from companion import i18n
from companion.context import Context
from companion.models.journal import Reflection
from companion.tui.app import CompanionApp
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.look_back import LookBackScreen
from companion.tui.screens.reflection import ReflectionScreen
from tests.conftest import NOW, Clock, visible_text
from tests.test_tui_progress import four_weeks_of_reflections

SIZE = (80, 24)
FRIDAY = NOW + timedelta(days=4)


@pytest.fixture
def dutch(context: Context) -> Iterator[None]:
    """A Dutch-speaking rep: the interface and the content in Dutch."""
    context.settings.language = "nl"
    context.save_settings()
    i18n.set_language("nl")
    yield
    i18n.set_language("en")


async def answer_the_look_back(pilot) -> None:  # type: ignore[no-untyped-def]
    """Skip the review of the last commitment, then answer every prompt, and save."""
    await pilot.press("pagedown")
    for text in ("A good demo pushed me", "Acme liked the proposal", "Ask more questions"):
        await pilot.press(*text, "pagedown")
    await pilot.press("4", "enter")
    await pilot.press(*"Leads from Dana", "pagedown", *"Follow-ups", "ctrl+s")
    await pilot.pause()


def saved_look_back(context: Context) -> Reflection:
    [entry] = [e for e in context.journal.entries() if e.created == FRIDAY]
    assert isinstance(entry, Reflection)
    return entry


async def test_the_look_back_runs_end_to_end_in_english(
    make_app, context: Context, clock: Clock
) -> None:
    four_weeks_of_reflections(context)
    clock.now = FRIDAY
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "It is your weekly look back day: press b" in visible_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, LookBackScreen)
        text = visible_text(app)
        assert "Weekly look back" in text and "Your week" in text
        assert app.screen.facts == [
            "1 reflection, 0 notes; streak 0 days",
            "Energy 5.0, up 1.0 on the 7 days before  █",
            "Kept 1, partly 0, not kept 0: 100% kept",
            "Wins: Acme asked for a proposal",
            "In your way: #time ×1",
        ]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        assert app.screen.flow.template.address == "essentials/weekly-look-back"
        await answer_the_look_back(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "weekly look back day" not in visible_text(app)  # done for this week

    entry = saved_look_back(context)
    assert entry.source == "essentials/weekly-look-back" and entry.title == "Weekly look back"
    values = {answer.prompt_id: answer.value for answer in entry.answers}
    assert values["what-went-well-this-week"] == "Acme liked the proposal"
    assert values["one-focus-for-next-week"] == "Follow-ups"


async def test_the_look_back_runs_end_to_end_in_dutch(
    make_app, context: Context, clock: Clock, dutch: None
) -> None:
    four_weeks_of_reflections(context)
    clock.now = FRIDAY
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Het is de dag van je weekterugblik" in visible_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, LookBackScreen)
        assert app.screen.facts == [
            "1 reflectie, 0 notities; reeks van 0 dagen",
            "Energy 5,0, 1,0 hoger dan de 7 dagen ervoor  █",
            "Nagekomen 1, deels 0, niet nagekomen 0: 100% nagekomen",
            "Successen: Acme asked for a proposal",
            "In je weg: #time ×1",
        ]
        assert "Weekterugblik" in visible_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        await answer_the_look_back(pilot)
        assert isinstance(app.screen, HomeScreen)

    entry = saved_look_back(context)
    assert entry.source == "essentials-nl/weekly-look-back" and entry.title == "Weekterugblik"
    values = {answer.prompt_id: answer.value for answer in entry.answers}
    assert values["wat-deze-week-goed-ging"] == "Acme liked the proposal"


async def test_home_offers_it_only_on_its_day(make_app, context: Context, clock: Clock) -> None:
    context.settings.look_back_day = "monday"
    context.save_settings()
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:  # NOW is a Monday
        await pilot.pause()
        assert "weekly look back day" in visible_text(app)
    clock.now = FRIDAY
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "weekly look back day" not in visible_text(app)
        await pilot.press("b")
        assert isinstance(app.screen, HomeScreen)  # the key is not there on other days


async def test_escape_on_the_facts_goes_home_and_saves_nothing(
    make_app, context: Context, clock: Clock
) -> None:
    clock.now = FRIDAY
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert "0 reflections, 0 notes; streak 0 days" in visible_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert context.journal.entries() == []


def test_the_look_back_snapshot(snap_compare, make_app, context: Context, clock: Clock) -> None:
    four_weeks_of_reflections(context)
    clock.now = FRIDAY
    assert snap_compare(make_app(), terminal_size=SIZE, press=["b"])


def test_without_a_look_back_in_the_content_language_the_english_one_is_used(
    context: Context,
) -> None:
    from companion.tui.screens.look_back import look_back_template

    context.language_override = "fr"
    template = look_back_template(context)

    assert template is not None and template.address == "essentials/weekly-look-back"
