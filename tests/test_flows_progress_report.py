"""The figures of the progress screen and `companion progress`, from journal points."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from companion.flows.progress_report import (
    Period,
    build_report,
    chosen_period,
    look_back_due,
    period_of,
    series_line,
    spark,
    week_facts,
)
from companion.models.journal import Answer, CommitmentReview, Note, Reflection
from companion.models.progress import Point, point_of
from companion.storage.journal import Journal

CET = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 23)  # a Monday


def reflection(
    day: date,
    energy: int | str | None = 4,
    *,
    hour: int = 9,
    tz: timezone = CET,
    kept: str | None = None,
    commitment: str | None = "Call two prospects",
    win: str | None = None,
    tags: list[str] | None = None,
    more: list[Answer] | None = None,
    source: str = "essentials/daily",
) -> Reflection:
    answers = []
    if energy is not None:
        answers.append(
            Answer(prompt_id="energy", prompt="Energy", kind="scale", value=energy, scale_max=5)
        )
    if win:
        answers.append(
            Answer(prompt_id="a-win-worth-recognising", prompt="A win", kind="text", value=win)
        )
    if tags:
        answers.append(Answer(prompt_id="in-the-way", prompt="In the way", kind="tags", value=tags))
    if commitment:
        answers.append(
            Answer(prompt_id="commitment", prompt="C", kind="commitment", value=commitment)
        )
    answers += more or []
    review = CommitmentReview(text="Earlier", kept=kept) if kept is not None else None
    created = datetime(day.year, day.month, day.day, hour, tzinfo=tz)
    return Reflection(created=created, answers=answers, review=review, source=source)


def points(*entries: Reflection | Note) -> list[Point]:
    return [point_of(entry) for entry in entries]


TWELVE = period_of("12-weeks", TODAY)


def test_periods_end_today_and_start_on_a_monday() -> None:
    assert period_of("week", TODAY) == Period(TODAY, TODAY, "week")
    assert period_of("4-weeks", date(2026, 11, 25)).start == date(2026, 11, 2)
    assert TWELVE.start == date(2026, 9, 7) and TWELVE.days == 78
    assert TWELVE.previous() == Period(date(2026, 6, 21), date(2026, 9, 6), "12-weeks")
    assert period_of("year", TODAY).start == date(2025, 12, 1)  # 52 weeks of Mondays
    assert chosen_period(None, None, TODAY) == TWELVE
    assert chosen_period(date(2026, 11, 1), None, TODAY) == Period(date(2026, 11, 1), TODAY)
    assert chosen_period(date(2026, 11, 9), date(2026, 11, 1), TODAY).days == 9


def test_an_empty_journal_gives_an_empty_report() -> None:
    report = build_report([], TWELVE, TODAY)

    assert report.series == () and report.energy is None
    assert len(report.calendar) == 78 and not any(cell.reflected for cell in report.calendar)
    assert report.commitments.answered == 0 and report.commitments.rate is None
    assert report.commitments.open is None
    assert (report.wins, report.attention, report.learned, report.odd) == ((), (), (), ())
    assert week_facts(report)[0] == "0 reflections, 0 notes; streak 0 days"


def test_one_entry() -> None:
    report = build_report(points(reflection(TODAY, 4, win="Acme said yes")), TWELVE, TODAY)

    energy = report.energy
    assert energy is not None and energy.values == ((TODAY, 4),) and energy.average == 4
    assert (
        series_line(energy, TWELVE) == "Energy 4.0; nothing to compare with in the 12 weeks before"
    )
    assert report.calendar[-1].reflected and report.calendar[-1].level == 4
    assert report.wins == ((TODAY, "Acme said yes"),)
    assert report.commitments.open == "Call two prospects"
    assert report.reflections == 1 and report.notes == 0


def test_gaps_leave_days_empty_and_the_change_is_against_the_period_before() -> None:
    days = [TODAY - timedelta(days=n) for n in (0, 3, 10)]
    earlier = TWELVE.start - timedelta(days=5)
    report = build_report(
        points(reflection(earlier, 2), *(reflection(day, 4) for day in days)), TWELVE, TODAY
    )

    cells = {cell.day: cell for cell in report.calendar}
    assert [day for day, cell in cells.items() if cell.reflected] == sorted(days)
    assert cells[TODAY - timedelta(days=1)] == (TODAY - timedelta(days=1), False, None)
    assert report.energy is not None and report.energy.change == 2
    assert series_line(report.energy, TWELVE) == "Energy 4.0, up 2.0 on the 12 weeks before"


def test_every_scale_prompt_is_a_series_the_energy_first_in_any_language() -> None:
    confidence = Answer(
        prompt_id="confidence", prompt="Confidence", kind="scale", value=3, scale_max=5
    )
    calls = Answer(prompt_id="calls-made", prompt="Calls made", kind="scale", value=8, scale_max=10)
    dutch = Answer(prompt_id="energie", prompt="Energie", kind="scale", value=5, scale_max=5)
    entries = [
        reflection(TODAY, None, more=[confidence, calls]),
        reflection(TODAY - timedelta(days=1), None, more=[confidence, dutch]),
    ]
    report = build_report(points(*entries), TWELVE, TODAY)

    assert [s.key for s in report.series] == ["energie", "confidence", "calls-made"]
    assert report.series[2].top == 10 and report.series[2].values == ((TODAY, 8),)
    assert report.calendar[-2].level == 5  # the calendar shows the energy


def test_a_day_is_the_writers_own_local_day() -> None:
    tokyo, pacific = timezone(timedelta(hours=9)), timezone(timedelta(hours=-8))
    late = reflection(TODAY - timedelta(days=1), 3, hour=23, tz=pacific)  # 07:00 UTC today
    early = reflection(TODAY, 5, hour=1, tz=tokyo)  # 16:00 UTC yesterday
    report = build_report(points(late, early), TWELVE, TODAY)

    assert report.energy is not None
    assert report.energy.values == ((TODAY - timedelta(days=1), 3), (TODAY, 5))


def test_entries_after_today_are_left_out_and_counted() -> None:
    entries = [reflection(TODAY, 4), reflection(TODAY + timedelta(days=2), 1)]
    report = build_report(points(*entries), TWELVE, TODAY)

    assert report.future == 1 and report.reflections == 1
    assert report.energy is not None and report.energy.values == ((TODAY, 4),)


def test_odd_answers_are_left_out_with_a_line_each() -> None:
    entries = [reflection(TODAY, 9), reflection(TODAY - timedelta(days=1), "lots")]
    report = build_report(points(*entries), TWELVE, TODAY)

    assert report.series == ()
    assert report.odd == (
        "Sun 22 Nov 2026: “Energy” was answered lots, which is not a number on a scale; left out",
        "Mon 23 Nov 2026: “Energy” was answered 9, outside its scale up to 5; left out",
    )


def test_commitments_kept_per_week_and_the_open_one() -> None:
    monday = TODAY - timedelta(days=7)
    entries = [
        reflection(monday, kept="yes"),
        reflection(monday + timedelta(days=1), kept="partly"),
        reflection(monday + timedelta(days=2), kept="no"),
        reflection(monday + timedelta(days=3), commitment=None),  # not answered: below
        reflection(TODAY, kept="yes", commitment="Ask Dana for a referral"),
    ]
    entries[3] = entries[3].model_copy(update={"review": CommitmentReview(text="x")})
    report = build_report(points(*entries), period_of("4-weeks", TODAY), TODAY)
    commitments = report.commitments

    assert (commitments.yes, commitments.partly, commitments.no) == (2, 1, 1)
    assert commitments.unanswered == 1 and commitments.rate == 0.625
    assert commitments.weekly[-2:] == ((monday, 0.5), (TODAY, 1.0))
    assert (commitments.open, commitments.open_since) == ("Ask Dana for a referral", TODAY)
    looked_back = build_report(
        points(*entries, reflection(TODAY, kept="yes", commitment=None)), TWELVE, TODAY
    )
    assert looked_back.commitments.open is None


def test_wins_from_answers_and_win_notes_attention_and_learning() -> None:
    learned = Answer(
        prompt_id="wat-ik-ervan-leer", prompt="Wat ik ervan leer", kind="text", value="Luisteren"
    )
    note = Note(
        created=datetime(2026, 11, 20, 15, tzinfo=CET), text="Closed Acme #win", tags=["win"]
    )
    other = Note(created=datetime(2026, 11, 20, 16, tzinfo=CET), text="Just a note")
    entries = [
        reflection(TODAY, win="Good demo", tags=["time", "leads"]),
        reflection(TODAY - timedelta(days=1), tags=["time"], more=[learned]),
        note,
        other,
    ]
    report = build_report(points(*entries), TWELVE, TODAY)

    assert report.wins == ((date(2026, 11, 20), "Closed Acme #win"), (TODAY, "Good demo"))
    assert report.attention == (("time", 2), ("leads", 1))
    assert report.learned == ((TODAY - timedelta(days=1), "Luisteren"),)
    assert report.notes == 2


def test_ten_thousand_entries() -> None:
    start = TODAY - timedelta(days=3332)
    entries = [
        point_of(reflection(start + timedelta(days=i // 3), 1 + i % 5, hour=8 + i % 3, kept="yes"))
        for i in range(10_000)
    ]
    report = build_report(entries, period_of("year", TODAY), TODAY)

    assert len(report.calendar) == 358 and all(cell.reflected for cell in report.calendar)
    assert report.reflections == 358 * 3 and report.future == 1  # three a day, one tomorrow
    assert report.energy is not None and len(report.energy.values) == report.reflections
    assert report.commitments.yes == report.reflections


def test_the_week_facts_open_the_look_back() -> None:
    entries = [
        reflection(TODAY, 4, kept="yes", win="Good demo", tags=["time"]),
        reflection(TODAY - timedelta(days=2), 2, kept="no"),
    ]
    report = build_report(points(*entries), Period(TODAY - timedelta(days=6), TODAY), TODAY, 1)

    assert week_facts(report) == [
        "2 reflections, 0 notes; streak 1 day",
        "Energy 3.0; nothing to compare with in the 7 days before  ▃▆",
        "Kept 1, partly 0, not kept 1: 50% kept",
        "Wins: Good demo",
        "In your way: #time ×1",
    ]


def test_the_look_back_is_due_on_its_day_unless_done_that_week() -> None:
    friday = date(2026, 11, 27)
    done = point_of(reflection(friday - timedelta(days=2), source="essentials-nl/weekly-look-back"))
    old = point_of(reflection(friday - timedelta(days=7), source="essentials/weekly-look-back"))

    assert look_back_due(friday, "friday", [old])
    assert not look_back_due(friday, "friday", [done])
    assert not look_back_due(TODAY, "friday", [])
    assert look_back_due(TODAY, "Monday", [])


def test_spark_draws_one_mark_a_value() -> None:
    assert spark([1, 3, 5], 5) == "▁▅█"
    assert spark([], 5) == ""
    assert spark([1] * 100 + [5] * 100, 5) == "▁" * 30 + "█" * 30  # means of runs: 60 wide


def test_the_journal_gives_points_from_its_derived_files(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "journal")
    journal.add(reflection(TODAY, 4, win="Good demo"))
    journal.add(reflection(date(2026, 9, 30), 2))
    journal.add(Note(created=datetime(2026, 11, 1, tzinfo=CET), text="#win Acme", tags=["win"]))

    assert [p.day for p in journal.points(date(2026, 10, 1), TODAY)] == ["2026-11-01", "2026-11-23"]
    assert len(journal.points()) == 3
    cached = sorted(path.name for path in (tmp_path / "cache" / "journal").glob("*.points.json"))
    assert cached == ["2026-09.points.json", "2026-11.points.json"]
    assert Journal.open(tmp_path / "journal").points()[2].wins == ("Good demo",)


BROKEN = [b"not json", b'{"v": 1, "stamp": [0, 0, 0], "points": []}', b'{"v": 1}']


@pytest.mark.parametrize("broken", BROKEN)
def test_a_stale_or_broken_points_file_is_read_again(tmp_path: Path, broken: bytes) -> None:
    journal = Journal.open(tmp_path / "journal")
    journal.add(reflection(TODAY, 4))
    journal.points()
    (tmp_path / "cache" / "journal" / "2026-11.points.json").write_bytes(broken)

    assert [p.scales[0].value for p in Journal.open(tmp_path / "journal").points()] == [4]


def test_a_points_file_of_the_right_stamp_but_the_wrong_shape_is_read_again(
    tmp_path: Path,
) -> None:
    import orjson

    journal = Journal.open(tmp_path / "journal")
    journal.add(reflection(TODAY, 4))
    journal.points()
    path = tmp_path / "cache" / "journal" / "2026-11.points.json"
    document = orjson.loads(path.read_bytes())
    path.write_bytes(orjson.dumps({**document, "points": [["2026-11-23", "reflection"]]}))

    assert [p.scales[0].value for p in Journal.open(tmp_path / "journal").points()] == [4]
