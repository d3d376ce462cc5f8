"""`companion coach` keeps the command line's contract: a script that is not there, or a
name that matches several people, is one line on stderr and exit 1 before any screen opens.
The app is never started here: `run_app` is replaced by a stand-in that records the call."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import cli_helpers

Launches = list[dict[str, object]]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def launches(monkeypatch: pytest.MonkeyPatch) -> Launches:
    """The app's starts asked for (none happen)."""
    started: Launches = []

    def run_app(context: object, start: str = "home", **options: object) -> int:
        started.append({"start": start, **options})
        return 0

    monkeypatch.setattr("companion.tui.app.run_app", run_app)
    return started


def run(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> tuple[int, str, str]:
    return cli_helpers.run(capsys, "--home", str(home), *argv)


def one_line(err: str) -> str:
    line = cli_helpers.one_line(err)
    assert line.startswith("companion: error: ")
    return line


def add(capsys: pytest.CaptureFixture[str], home: Path, *names: str) -> None:
    for name in names:
        code, _out, err = run(capsys, home, "people", "add", name)
        assert (code, err) == (0, "")


def test_an_unknown_script_is_one_line_and_exit_1_before_the_app(
    capsys: pytest.CaptureFixture[str], home: Path, launches: Launches
) -> None:
    add(capsys, home, "Sam Rivera")
    code, out, err = run(capsys, home, "coach", "--with", "Sam", "--script", "weekly-1on")

    assert (code, out) == (1, "")
    line = one_line(err)
    assert "weekly-1on" in line and "essentials/weekly-1on1" in line  # what there is
    assert launches == []


def test_an_unknown_script_is_refused_without_a_person_too(
    capsys: pytest.CaptureFixture[str], home: Path, launches: Launches
) -> None:
    code, _out, err = run(capsys, home, "coach", "--script", "nope")

    assert code == 1
    one_line(err)
    assert launches == []


def test_a_name_matching_several_people_is_one_line_and_exit_1_before_the_app(
    capsys: pytest.CaptureFixture[str], home: Path, launches: Launches
) -> None:
    add(capsys, home, "Sam Rivera", "Samira Khan")
    code, out, err = run(capsys, home, "coach", "--with", "sam")

    assert (code, out) == (1, "")
    line = one_line(err)
    assert "matches several people (Sam Rivera, Samira Khan)" in line
    assert launches == []


def test_someone_new_opens_the_app_with_their_name(
    capsys: pytest.CaptureFixture[str], home: Path, launches: Launches
) -> None:
    add(capsys, home, "Sam Rivera")
    code, _out, err = run(capsys, home, "coach", "--with", "Ana Lopez", "--script", "grow")

    assert (code, err) == (0, "")
    assert launches == [{"start": "coach", "person": "Ana Lopez", "script": "grow"}]


def test_a_known_person_and_script_open_the_app(
    capsys: pytest.CaptureFixture[str], home: Path, launches: Launches
) -> None:
    add(capsys, home, "Sam Rivera", "Samira Khan")
    code, _out, err = run(capsys, home, "coach", "--with", "Sam Rivera")

    assert (code, err) == (0, "")
    assert launches == [{"start": "coach", "person": "Sam Rivera", "script": None}]


def test_a_damaged_journal_is_left_to_the_app_to_show(
    capsys: pytest.CaptureFixture[str], home: Path, launches: Launches
) -> None:
    add(capsys, home, "Sam Rivera")
    for month in (home / "journal").rglob("*"):
        if month.is_file() and month.suffix in {".json", ".jsonl", ".db"}:
            month.write_bytes(b"\x00 not a journal")
    code, _out, _err = run(capsys, home, "coach", "--with", "Sam")

    assert code == 0
    assert launches == [{"start": "coach", "person": "Sam", "script": None}]
