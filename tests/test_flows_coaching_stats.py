"""The history screen's figures of one person: time since the last 1:1, 1:1s, actions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from companion.flows.coaching_stats import coaching_stats, stats_lines
from companion.models.coaching import Action, OneOnOne
from tests.conftest import CET, NOW

TODAY = NOW.date()
SAM = "sam0000001"


def one_on_one(days_ago: int) -> OneOnOne:
    when = NOW - timedelta(days=days_ago)
    return OneOnOne(
        person_uid=SAM,
        person_name="Sam Rivera",
        script="essentials/weekly-1on1",
        script_title="Weekly 1:1",
        started=when,
        finished=when,
    )


def action(status: str) -> Action:
    return Action(person_uid=SAM, text="Call Acme", status=status, created=NOW)  # type: ignore[arg-type]


def test_nobody_coached_yet() -> None:
    stats = coaching_stats([], [], TODAY)

    assert (stats.last, stats.days_since, stats.in_period, stats.actions) == (None, None, 0, 0)
    assert stats_lines(stats, TODAY) == [
        "No 1:1 yet · 0 1:1s in the last 12 weeks",
        "No actions agreed yet.",
    ]


def test_time_since_the_last_one_the_count_in_twelve_weeks_and_the_shares() -> None:
    records = [one_on_one(days) for days in (100, 40, 13, 6)]
    actions = [action("done")] * 3 + [action("dropped")] + [action("open")] * 2
    stats = coaching_stats(records, actions, TODAY)

    assert (stats.last, stats.days_since, stats.in_period) == (date(2026, 11, 17), 6, 3)
    assert (stats.share(stats.done), stats.share(stats.dropped), stats.share(stats.open)) == (
        50,
        17,
        33,
    )
    assert stats_lines(stats, TODAY) == [
        "Last 1:1 6 days ago (Tue 17 Nov) · 3 1:1s in the last 12 weeks",
        "6 actions: done 50%, dropped 17%, still open 33%",
    ]


def test_a_1_1_today_and_one_dated_later_are_not_days_ago() -> None:
    later = one_on_one(0).model_copy(update={"finished": datetime(2026, 12, 1, 9, tzinfo=CET)})
    stats = coaching_stats([one_on_one(0), later], [action("open")], TODAY)

    assert stats.days_since == 0 and stats.in_period == 1
    assert stats_lines(stats, TODAY) == [
        "Last 1:1 today · 1 1:1 in the last 12 weeks",
        "1 action: done 0%, dropped 0%, still open 100%",
    ]
