"""Home at a glance: a reflection begun and not saved is waiting (and r resumes it); for a
manager, the team's open and overdue actions and who is due a 1:1."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from companion.context import Context
from companion.models.coaching import Action, OneOnOne, Person
from companion.models.drafts import ReflectionDraft
from companion.tui.app import CompanionApp
from companion.tui.screens.reflection import ReflectionScreen
from tests.cli_helpers import run
from tests.conftest import NOW, role_asked, visible_text

SIZE = (80, 24)


async def test_home_says_a_reflection_draft_is_waiting_and_r_resumes_it(
    make_app, context: Context
) -> None:
    context.drafts.save(
        "reflection",
        ReflectionDraft(
            source="essentials/daily",
            started=NOW - timedelta(minutes=20),
            updated=NOW - timedelta(minutes=15),
            step=2,
            answers={"energy": 4, "confidence": 3},
        ),
    )
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = visible_text(app)
        assert "✎ The reflection you began at 09:15 is waiting (2 answers): r resumes it" in text
        assert "Resume reflection" in text and "not done yet" not in text
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReflectionScreen)
        assert screen.flow.value("energy") == 4


async def test_a_rep_sees_no_team_panel(make_app, context: Context) -> None:
    role_asked(context, "rep")
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Your team" not in visible_text(app)


def a_team(context: Context) -> None:
    """Sam: a 1:1 three weeks ago and an overdue action; Alex: a 1:1 last week; Kim: none."""
    journal = context.journal
    sam, alex, kim = (
        journal.add_person(Person(name=name, created=NOW - timedelta(days=60)))
        for name in ("Sam Rivera", "Alex Chen", "Kim Bos")
    )
    for person, days_ago, actions in (
        (sam, 21, [("Send the pricing deck", date(2026, 11, 13)), ("Book a ride-along", None)]),
        (alex, 7, [("Call Globex back", date(2026, 11, 30))]),
    ):
        when = NOW - timedelta(days=days_ago)
        record = OneOnOne(
            person_uid=person.uid,
            person_name=person.name,
            script="essentials/weekly-1on1",
            script_title="Weekly 1:1",
            started=when,
            finished=when,
        )
        new = [
            Action(person_uid=person.uid, text=text, due=due, created=when, origin=record.uid)
            for text, due in actions
        ]
        journal.save_one_on_one(record, new, {})
    del kim


async def test_a_managers_home_shows_open_and_overdue_actions_and_who_is_due_a_1on1(
    make_app, context: Context
) -> None:
    role_asked(context, "manager")
    a_team(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        text = visible_text(app)
        assert "Your team" in text
        assert "3 open actions, 1 overdue: Sam Rivera, Send the pricing deck (overdue" in text
        assert "since 13 Nov)" in text  # the wording of `companion actions`, wrapped at 80
        assert "No 1:1 for over 14 days: Sam Rivera (21 days); none yet: Kim Bos" in text


async def test_the_setting_says_how_long_is_too_long(
    make_app, context: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    role_asked(context, "manager")
    a_team(context)
    code, out, _ = run(
        capsys, "--home", str(context.home.root), "config", "one_on_one_every_days", "5"
    )
    assert (code, out) == (0, "one_on_one_every_days = 5\n")
    context.__dict__.pop("_settings", None)  # read again, as a new start would
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "No 1:1 for over 5 days: Sam Rivera (21 days), Alex Chen (7 days); none" in (
            visible_text(app)
        )


@pytest.mark.parametrize("value", ["0", "366", "often", ""])
def test_config_refuses_a_count_of_days_it_cannot_use(
    capsys: pytest.CaptureFixture[str], context: Context, value: str
) -> None:
    code, _, err = run(
        capsys, "--home", str(context.home.root), "config", "one_on_one_every_days", value
    )
    assert code == 1
    assert "is not a valid one_on_one_every_days" in err and "1 to 365" in err


async def test_someone_just_added_is_due_a_first_1on1(make_app, context: Context) -> None:
    role_asked(context, "manager")
    context.journal.add_person(Person(name="Sam Rivera", created=NOW))
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        text = visible_text(app)
        assert "No open actions" in text and "No 1:1 yet: Sam Rivera" in text
