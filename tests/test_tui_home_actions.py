"""A manager's home names the oldest overdue action as `companion actions` does: since when
it is overdue, with the year when that is not this year's."""

from __future__ import annotations

from datetime import date, timedelta

from companion.context import Context
from companion.models.coaching import Action, OneOnOne, Person
from companion.tui.app import CompanionApp
from tests.conftest import NOW, role_asked, visible_text


def overdue_since_last_year(context: Context) -> None:
    """Sam's 1:1 in December last year agreed two actions, both long overdue now."""
    sam = context.journal.add_person(Person(name="Sam Rivera", created=NOW - timedelta(days=400)))
    when = NOW.replace(year=2025, month=12, day=1)
    record = OneOnOne(
        person_uid=sam.uid,
        person_name=sam.name,
        script="essentials/weekly-1on1",
        script_title="Weekly 1:1",
        started=when,
        finished=when,
    )
    actions = [
        Action(person_uid=sam.uid, text=text, due=due, created=when, origin=record.uid)
        for text, due in (("Renew Initech", date(2026, 1, 9)), ("Call Acme", date(2025, 12, 19)))
    ]
    context.journal.save_one_on_one(record, actions, {})


async def test_the_oldest_overdue_action_says_since_when_with_its_year(
    make_app, context: Context
) -> None:
    role_asked(context, "manager")
    overdue_since_last_year(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        text = " ".join(visible_text(app).split())
        assert (
            "2 open actions, 2 overdue, the oldest: Sam Rivera, Call Acme "
            "(overdue since 19 Dec 2025)"
        ) in text
