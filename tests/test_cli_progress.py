"""`companion progress`: the text summary with its chart, and the same figures as JSON."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from companion.models.journal import Answer, CommitmentReview, Note, Reflection
from companion.paths import Home
from companion.storage.journal import Journal
from tests.cli_helpers import one_line, run


def four_weeks(home: Home, today: date) -> None:
    """A rep's four weeks: a reflection every weekday, energy rising, a win note a week."""
    journal = Journal.open(home.journal, cache=home.cache)
    entries: list[Reflection | Note] = []
    for back in range(27, -1, -1):
        day = today - timedelta(days=back)
        created = datetime(day.year, day.month, day.day, 8, 30).astimezone()
        if day.weekday() == 2:
            entries.append(Note(created=created, text="Closed Acme #win", tags=["win"]))
        if day.weekday() >= 5:
            continue
        energy = 2 + (27 - back) * 3 // 27
        answers = [
            Answer(prompt_id="energy", prompt="Energy", kind="scale", value=energy, scale_max=5),
            Answer(prompt_id="wat", prompt="In the way", kind="tags", value=["time"]),
            Answer(prompt_id="c", prompt="Commitment", kind="commitment", value=f"Call {back}"),
        ]
        review = CommitmentReview(text="x", kept="yes" if back % 3 else "no")
        entries.append(Reflection(created=created, answers=answers, review=review))
    journal.import_entries(entries)


def test_progress_gives_the_figures_as_json(capsys: pytest.CaptureFixture[str], home: Home) -> None:
    today = date.today()
    four_weeks(home, today)

    code, out, _ = run(capsys, "--home", str(home.root), "progress", "--since", "27d", "--json")
    figures = json.loads(out)

    assert code == 0
    assert figures["period"]["start"] == (today - timedelta(days=27)).isoformat()
    assert figures["period"]["end"] == today.isoformat()
    assert figures["reflections"] == 20 and figures["notes"] == 4
    [energy] = figures["series"]
    assert energy["prompt_id"] == "energy" and len(energy["values"]) == 20
    days = [value["date"] for value in energy["values"]]
    assert days == sorted(days) and energy["values"][-1]["value"] >= energy["values"][0]["value"]
    assert figures["average"] == energy["average"]
    kept = figures["commitments"]
    assert kept["yes"] + kept["no"] == 20 and kept["partly"] == 0
    assert kept["open"] == "Call 0"
    assert (
        figures["wins"]
        == [{"date": w["date"], "text": "Closed Acme #win"} for w in figures["wins"]]
        and len(figures["wins"]) == 4
    )
    assert figures["attention"] == [{"tag": "time", "count": 20}]
    assert isinstance(figures["streak"], int)


def test_progress_prints_a_summary_with_a_chart(
    capsys: pytest.CaptureFixture[str], home: Home
) -> None:
    four_weeks(home, date.today())

    code, out, _ = run(capsys, "--home", str(home.root), "progress", "--since", "27d")
    lines = out.splitlines()

    assert code == 0
    assert lines[1].startswith("20 reflections, 4 notes; streak")
    energy = next(i for i, line in enumerate(lines) if line.startswith("Energy "))
    assert "nothing to compare with in the 28 days before" in lines[energy]
    assert len(lines[energy + 1].strip()) == 20 and set(lines[energy + 1].strip()) <= set(
        "▁▂▃▄▅▆▇█"
    )
    assert any(line.startswith("Commitments: Kept ") for line in lines)
    assert "Attention: #time ×20" in lines and "Wins (4):" in lines


def test_the_default_period_is_twelve_weeks(capsys: pytest.CaptureFixture[str], home: Home) -> None:
    code, out, _ = run(capsys, "--home", str(home.root), "progress")

    assert code == 0 and out.startswith("Progress, 12 weeks (")
    assert "0 reflections, 0 notes; streak 0 days" in out


def test_until_and_since_take_the_journal_command_s_dates(
    capsys: pytest.CaptureFixture[str], home: Home
) -> None:
    four_weeks(home, date.today())

    code, out, _ = run(
        capsys,
        "--home",
        str(home.root),
        "progress",
        "--since",
        "13d",
        "--until",
        "yesterday",
        "--json",
    )
    figures = json.loads(out)

    assert code == 0 and figures["period"]["days"] == 13 and figures["period"]["name"] is None
    assert figures["period"]["end"] == (date.today() - timedelta(days=1)).isoformat()


def test_a_bad_date_is_one_line(capsys: pytest.CaptureFixture[str], home: Home) -> None:
    code, _, err = run(capsys, "--home", str(home.root), "progress", "--since", "last week")

    assert code == 1 and "'last week' is not a date" in one_line(err)


def test_an_odd_answer_is_left_out_with_a_note(
    capsys: pytest.CaptureFixture[str], home: Home
) -> None:
    journal = Journal.open(home.journal, cache=home.cache)
    odd = Answer(prompt_id="energy", prompt="Energy", kind="scale", value=11, scale_max=5)
    journal.add(Reflection(created=datetime.now().astimezone(), answers=[odd]))

    code, out, err = run(capsys, "--home", str(home.root), "progress")

    assert code == 0 and err == ""
    assert "Left out:" in out and "answered 11, outside its scale up to 5; left out" in out


def test_progress_speaks_dutch(
    capsys: pytest.CaptureFixture[str], home: Home, tmp_path: Path
) -> None:
    four_weeks(home, date.today())
    run(capsys, "--home", str(home.root), "config", "language", "nl")

    code, out, _ = run(capsys, "--home", str(home.root), "progress", "--since", "27d")

    assert code == 0
    assert "20 reflecties, 4 notities; reeks van" in out
    assert "Aandacht: #time ×20" in out


def test_the_look_back_day_is_a_setting_checked_when_set(
    capsys: pytest.CaptureFixture[str], home: Home
) -> None:
    assert run(capsys, "--home", str(home.root), "config", "look_back_day")[1] == "friday\n"

    code, out, _ = run(capsys, "--home", str(home.root), "config", "look_back_day", "Thursday")
    assert (code, out) == (0, "look_back_day = 'thursday'\n")

    code, _, err = run(capsys, "--home", str(home.root), "config", "look_back_day", "someday")
    assert code == 1 and "'someday' is not a valid look_back_day" in one_line(err)
    assert run(capsys, "--home", str(home.root), "config", "look_back_day")[1] == "thursday\n"


def test_a_record_that_cannot_be_read_is_left_out_and_named(
    capsys: pytest.CaptureFixture[str], home: Home
) -> None:
    from tests.journal_files import write_journal
    from tests.test_damaged_records import GOOD, META, MONTH

    bad = {**GOOD, "uid": "b" * 32, "kind": "reflection", "review": {"text": "x", "kept": "maybe"}}
    write_journal(home.journal, META, {MONTH: {"1": GOOD, "2": bad}})

    code, out, err = run(capsys, "--home", str(home.root), "progress", "--json")

    assert code == 0 and err == ""
    [line] = json.loads(out)["left_out"]
    assert "record 2" in line and line.endswith("; left out")
