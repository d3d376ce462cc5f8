"""The progress screen: `p` from home, periods by key, every part readable at 80x24."""

from __future__ import annotations

from datetime import timedelta
from statistics import fmean

import pytest
from textual.widgets import Sparkline

from companion.context import Context
from companion.models.journal import Answer, CommitmentReview, Note, Reflection
from companion.tui.app import CompanionApp
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.progress import ProgressScreen
from tests.conftest import NOW, visible_text

SIZE = (80, 24)
BIG = (120, 40)
OBSTACLES = (["time"], ["time", "leads"], ["tools"], [], ["time"])
WINS = ("Acme asked for a proposal", "", "Booked a demo with Globex", "", "")


def daily(day: int, energy: int, kept: str | None, win: str, tags: list[str]) -> Reflection:
    """The daily reflection of NOW minus `day` days, as the built-in one saves it."""
    created = NOW - timedelta(days=day)
    answers = [
        Answer(prompt_id="energy", prompt="Energy", kind="scale", value=energy, scale_max=5),
        Answer(prompt_id="confidence", prompt="Confidence", kind="scale", value=3, scale_max=5),
    ]
    if win:
        answers.append(
            Answer(prompt_id="a-win-worth-recognising", prompt="A win", kind="text", value=win)
        )
    if tags:
        answers.append(
            Answer(
                prompt_id="what-may-get-in-your-way-today",
                prompt="In the way",
                kind="tags",
                value=tags,
            )
        )
    answers.append(
        Answer(
            prompt_id="my-commitment-for-today",
            prompt="My commitment for today",
            kind="commitment",
            value=f"Follow up {day} leads",
        )
    )
    review = CommitmentReview(text=f"Follow up {day + 1} leads", kept=kept) if kept else None
    return Reflection(
        created=created,
        source="essentials/daily",
        title="Daily reflection",
        answers=answers,
        review=review,
        tags=tags,
    )


def four_weeks_of_reflections(context: Context) -> None:
    """A rep's four weeks: most weekdays reflected, energy rising, two win notes."""
    entries: list[Reflection | Note] = []
    for day in range(27, -1, -1):
        weekday = (NOW - timedelta(days=day)).weekday()
        if weekday >= 5 or day in (10, 17):
            continue  # weekends off, and two days missed
        energy = 2 + (27 - day) * 3 // 27
        kept = ("yes", "partly", "yes", "no", "yes")[day % 5] if day < 27 else None
        entries.append(daily(day, energy, kept, WINS[day % 5], OBSTACLES[day % 5]))
    for day, text in ((3, "Signed Initech #win"), (12, "Great call with Hooli #win")):
        when = NOW - timedelta(days=day) + timedelta(hours=6)
        entries.append(Note(created=when, text=text, tags=["win"]))
    context.journal.import_entries(entries)


async def test_p_on_home_opens_progress_and_escape_goes_back(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_four_weeks_show_energy_calendar_commitments_wins_and_attention(
    make_app, context: Context
) -> None:
    four_weeks_of_reflections(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgressScreen) and screen.report is not None
        report = screen.report
        assert report.reflections == 14 and report.notes == 2  # 2 to 23 Nov, 2 days missed
        energy = screen.query(Sparkline).first()
        assert list(energy.data or []) == [value for _day, value in report.series[0].values]
        assert energy.summary_function is fmean  # a column of many answers is their mean
        text = visible_text(app)
        assert "14 reflections, 2 notes; streak 1 day" in text
        assert "Energy 3.3, up 1.3 on the 4 weeks before" in text
        parts = {
            "calendar": "energy low to high",
            "commitments": "Kept 8, partly 3, not kept 3: 68% kept",
            "wins": "Signed Initech #win",
            "attention": "#time",
            "learned": "Nothing noted as learned in this period.",
        }
        for part, shown in parts.items():
            screen.query_one(f"#{part}").scroll_visible(animate=False)
            await pilot.pause()
            assert shown in visible_text(app)


async def test_period_keys_change_the_figures(make_app, context: Context) -> None:
    four_weeks_of_reflections(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=BIG) as pilot:
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgressScreen) and screen.report is not None
        assert screen.report.period.name == "12-weeks" and screen.report.reflections == 18
        await pilot.press("w")
        await pilot.pause()
        assert screen.report.period.name == "week" and screen.report.reflections == 1
        await pilot.press("y")
        await pilot.pause()
        assert screen.report.period.days == 358


async def test_an_empty_journal_says_so_in_every_part(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=BIG) as pilot:
        await pilot.press("p")
        await pilot.pause()
        text = visible_text(app)
        assert "0 reflections, 0 notes; streak 0 days" in text
        assert "No scale answers in this period yet" in text
        assert "No commitment looked back at in this period yet." in text


async def test_an_odd_answer_is_left_out_with_a_note(make_app, context: Context) -> None:
    odd = Answer(prompt_id="energy", prompt="Energy", kind="scale", value=7, scale_max=5)
    context.journal.add(Reflection(created=NOW, answers=[odd]))
    app: CompanionApp = make_app()
    async with app.run_test(size=BIG) as pilot:
        await pilot.press("p", "w")
        await pilot.pause()
        app.screen.query_one("#odd").scroll_visible(animate=False)
        await pilot.pause()
        assert "“Energy” was answered 7, outside its scale up to 5; left out" in visible_text(app)


@pytest.mark.parametrize("size", [SIZE, BIG])
def test_progress_snapshot(snap_compare, make_app, context: Context, size: tuple[int, int]) -> None:
    four_weeks_of_reflections(context)
    assert snap_compare(make_app(), terminal_size=size, press=["p"])


def test_progress_snapshot_calendar_at_80x24(snap_compare, make_app, context: Context) -> None:
    four_weeks_of_reflections(context)
    assert snap_compare(make_app(), terminal_size=SIZE, press=["p", "m", "pagedown"])


async def test_the_palette_opens_progress(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"progress")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)


async def test_a_wide_terminal_pairs_the_panels_and_keeps_a_year_s_calendar_whole(
    make_app, context: Context
) -> None:
    four_weeks_of_reflections(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=BIG) as pilot:
        await pilot.press("p", "y")
        await pilot.pause()
        screen = app.screen
        calendar, commitments = screen.query_one("#calendar"), screen.query_one("#commitments")
        assert calendar.region.y == commitments.region.y  # side by side
        assert calendar.region.right <= commitments.region.x
        width = max(len(line) for line in str(calendar.render()).splitlines())
        assert width >= 56 and calendar.content_size.width >= width  # no week cut off

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "y")
        await pilot.pause()
        calendar, commitments = (
            app.screen.query_one("#calendar"),
            app.screen.query_one("#commitments"),
        )
        assert calendar.region.bottom <= commitments.region.y  # one below the other
