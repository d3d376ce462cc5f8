"""The 1:1 setup, as a manager meets it: Enter on a person, Enter on a script, and the 1:1
runs; someone new is typed into the box under the list; scripts in the content language
first. Driven through the real app with the keyboard only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input, Label, OptionList

from companion.context import Context
from companion.flows.one_on_one import OneOnOneFlow
from companion.models.coaching import Person
from companion.models.content import Script
from companion.tui.app import CompanionApp
from companion.tui.screens.coach_setup import CoachSetupScreen
from companion.tui.screens.help import HelpScreen
from companion.tui.screens.one_on_one import OneOnOneScreen
from tests.conftest import NOW, visible_text

SIZE = (80, 24)


def add(context: Context, name: str, role: str = "") -> Person:
    return context.journal.add_person(Person(name=name, role=role, created=NOW))


def focused_id(app: CompanionApp) -> str | None:
    return app.focused.id if app.focused is not None else None


def script_rows(app: CompanionApp) -> list[str]:
    """The script list as read: each script's address, and the heading as '--'."""
    scripts = app.screen.query_one("#scripts", OptionList)
    rows = [scripts.get_option_at_index(i) for i in range(scripts.option_count)]
    return [row.id if row.id else "--" for row in rows]


async def open_setup(pilot) -> CoachSetupScreen:  # type: ignore[no-untyped-def]
    await pilot.press("o")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CoachSetupScreen)
    return screen


async def test_enter_on_a_person_moves_to_the_scripts_and_enter_there_starts(
    make_app, context: Context
) -> None:
    add(context, "Ana Lopez")
    add(context, "Sam Rivera")
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_setup(pilot)
        assert focused_id(app) == "people"
        await pilot.press("down", "enter")  # Sam
        await pilot.pause()
        assert focused_id(app) == "scripts"
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OneOnOneScreen)
        assert screen.flow.person.name == "Sam Rivera"
        assert screen.flow.script.address == "essentials/weekly-1on1"


async def test_the_add_box_says_what_enter_does_and_enter_adds_chooses_and_moves_on(
    make_app, context: Context
) -> None:
    add(context, "Sam Rivera")
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_setup(pilot)
        box = app.screen.query_one("#new-person", Input)
        assert box.placeholder == "name, Enter adds them"
        said = " ".join(visible_text(app).split())
        assert "name, Enter adds them" in said
        hint = str(app.screen.query_one("#new-hint", Label).render())
        assert (
            hint == "Someone new? Type a name (a role after a comma if you like); Enter adds them."
        )
        await pilot.press("ctrl+n", *"Ana Lopez, SDR", "enter")
        await pilot.pause()
        assert focused_id(app) == "scripts"
        screen = app.screen
        assert isinstance(screen, CoachSetupScreen)
        assert screen.person is not None and screen.person.name == "Ana Lopez"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OneOnOneScreen)
        assert app.screen.flow.person.name == "Ana Lopez"
    assert {p.name for p in context.journal.people()} == {"Ana Lopez", "Sam Rivera"}


async def test_arrows_move_between_the_people_and_the_add_box(make_app, context: Context) -> None:
    add(context, "Ana Lopez")
    add(context, "Sam Rivera")
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_setup(pilot)
        await pilot.press("down", "down")  # past the last person: the box under the list
        assert focused_id(app) == "new-person"
        await pilot.press("up")
        assert focused_id(app) == "people"
        assert screen.person is not None and screen.person.name == "Sam Rivera"
        await pilot.press("ctrl+n", "down")  # on to the scripts, as Tab goes
        assert focused_id(app) == "scripts"


async def test_enter_in_an_empty_add_box_says_to_type_a_name(make_app, context: Context) -> None:
    add(context, "Sam Rivera")
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_setup(pilot)
        await pilot.press("ctrl+n", "enter")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert said == ["Type a name first; Enter then adds them."]
    assert [p.name for p in context.journal.people()] == ["Sam Rivera"]


async def test_help_says_how_to_start(make_app, context: Context) -> None:
    add(context, "Sam Rivera")
    app: CompanionApp = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_setup(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(visible_text(app).split())
        assert "To start: pick the person with the arrow keys and press Enter" in text
        assert "press Enter; the 1:1 begins" in text


# -- scripts of every language: the content language's first -------------------------------


@pytest.mark.parametrize(("language", "other"), [("en", "nl"), ("nl", "en")])
async def test_the_content_languages_scripts_come_first_the_others_under_a_heading(
    make_app, context: Context, language: str, other: str
) -> None:
    context.settings.content_language = language
    context.save_settings()
    add(context, "Sam Rivera")
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_setup(pilot)
        rows = script_rows(app)
        assert rows.count("--") == 1
        heading = rows.index("--")
        languages = {s.address: s.language for s in context.library.of_kind(Script)}
        assert heading > 0
        assert {languages[a] for a in rows[:heading]} == {language}
        assert {languages[a] for a in rows[heading + 1 :]} == {other}
        scripts = app.screen.query_one("#scripts", OptionList)
        chosen = scripts.get_option_at_index(scripts.highlighted or 0).id
        weekly = "essentials/weekly-1on1" if language == "en" else "essentials-nl/weekly-1on1"
        assert chosen == weekly  # the default is the weekly 1:1 in the content language


# -- `companion coach --with NAME` ---------------------------------------------------------


async def test_coach_with_someone_new_puts_the_name_in_the_add_box(
    make_app, context: Context
) -> None:
    add(context, "Sam Rivera")
    app: CompanionApp = make_app("coach", person="Ana Lopez")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CoachSetupScreen)
        box = app.screen.query_one("#new-person", Input)
        assert (box.value, focused_id(app)) == ("Ana Lopez", "new-person")
        hint = str(app.screen.query_one("#new-hint", Label).render())
        assert hint == "Ana Lopez is not in your people yet: Enter adds them."
        await pilot.press("enter")
        await pilot.pause()
        assert focused_id(app) == "scripts"
    assert {p.name for p in context.journal.people()} == {"Ana Lopez", "Sam Rivera"}


async def test_coach_with_someone_new_and_a_script_chooses_that_script(
    make_app, context: Context
) -> None:
    app: CompanionApp = make_app("coach", person="Ana Lopez", script="essentials/grow")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CoachSetupScreen)
        await pilot.press("enter", "enter")  # add Ana, then start
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OneOnOneScreen)
        assert (screen.flow.person.name, screen.flow.script.address) == (
            "Ana Lopez",
            "essentials/grow",
        )


async def test_coach_with_a_name_alone_resumes_that_persons_draft(
    make_app, context: Context
) -> None:
    sam = add(context, "Sam Rivera")
    app: CompanionApp = make_app("coach", person="Sam", script="essentials/grow")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OneOnOneScreen)
        await pilot.press("ctrl+q")  # quit: the 1:1 is kept as a draft
        await pilot.pause()
    assert context.drafts.path(f"one-on-one-{sam.uid}").exists()

    again: CompanionApp = make_app("coach", person="sam")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, OneOnOneScreen)
        assert screen.resumed
        assert screen.flow.script.address == "essentials/grow"


async def test_coach_with_a_name_alone_chooses_them_and_their_last_script(
    make_app, context: Context
) -> None:
    add(context, "Ana Lopez")
    sam = add(context, "Sam Rivera")
    grow = context.library.get("essentials/grow")
    assert isinstance(grow, Script)
    flow = OneOnOneFlow(sam, grow, [], NOW)
    done = flow.finish(NOW + timedelta(minutes=20))
    context.journal.save_one_on_one(done.record, done.new_actions, done.status_changes)

    app: CompanionApp = make_app("coach", person="Sam")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CoachSetupScreen)
        assert screen.person is not None and screen.person.name == "Sam Rivera"
        scripts = screen.query_one("#scripts", OptionList)
        assert scripts.get_option_at_index(scripts.highlighted or 0).id == "essentials/grow"
        assert focused_id(app) == "scripts"  # the person is chosen: Enter starts
        await pilot.press("enter")
        await pilot.pause()
        started = app.screen
        assert isinstance(started, OneOnOneScreen)
        assert (started.flow.person.name, started.flow.script.address) == (
            "Sam Rivera",
            "essentials/grow",
        )
