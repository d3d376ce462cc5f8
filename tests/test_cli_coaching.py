"""`companion people`, `actions`, `export --one-on-one` and `coach --help`, run in process."""

from __future__ import annotations

import functools
import json
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from companion.cli import main
from companion.context import Context
from companion.flows.one_on_one import OneOnOneFlow
from companion.models.coaching import OneOnOne
from companion.models.content import Script
from companion.packs.library import Library
from companion.storage.journal import Journal

STARTED = datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=1)))
SHARED = "Two demos booked this week"
PRIVATE = "Worried about the quota, maybe job hunting"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command runs on the day after the 1:1, whatever the machine's clock says."""
    day_after = STARTED + timedelta(days=1)
    monkeypatch.setattr(
        "companion.context.Context", functools.partial(Context, clock=lambda: day_after)
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def run(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> tuple[int, str, str]:
    """`companion --home HOME ARGV...` -> (exit code, stdout, stderr)."""
    try:
        code = main(["--home", str(home), *argv])
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("companion: error: ")
    return lines[0]


def add_sam(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, _, err = run(capsys, home, "people", "add", "Sam Rivera", "--role", "Account executive")
    assert (code, err) == (0, "")


def save_1on1_with_sam(home: Path) -> OneOnOne:
    """A 1:1 with Sam on the real weekly script: shared and private notes, two actions."""
    script = Library.discover().get("essentials/weekly-1on1")
    assert isinstance(script, Script)
    journal = Journal.open(home / "journal")
    sam = journal.find_person("Sam")
    flow = OneOnOneFlow(sam, script, journal.actions(sam.uid, open_only=True), STARTED)
    flow.set_notes(SHARED)
    flow.set_notes(PRIVATE, private=True)
    flow.toggle_asked(script.steps[0].questions[0])
    flow.add_action("Call Acme back", "rep", date(2026, 11, 27), STARTED)
    flow.add_action("Join the Globex demo", "manager", None, STARTED)
    finished = flow.finish(STARTED + timedelta(minutes=30))
    journal.save_one_on_one(finished.record, finished.new_actions, finished.status_changes)
    return finished.record


# -- people ---------------------------------------------------------------------------------


def test_people_when_there_is_nobody(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, out, err = run(capsys, home, "people")

    assert (code, err) == (0, "")
    assert out.startswith("Nobody yet.")
    assert 'companion people add "Sam Rivera"' in out

    code, out, _ = run(capsys, home, "people", "--json")
    assert (code, json.loads(out)) == (0, [])


def test_add_a_person_then_list_them(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, out, err = run(capsys, home, "people", "add", "Sam Rivera", "--role", "Account executive")
    assert (code, err) == (0, "")
    assert out == "Added Sam Rivera. Start a 1:1 with `companion coach --with 'Sam Rivera'`.\n"

    code, out, err = run(capsys, home, "people", "--json")

    assert (code, err) == (0, "")
    [sam] = json.loads(out)
    assert (sam["name"], sam["role"]) == ("Sam Rivera", "Account executive")
    code, out, _ = run(capsys, home, "people")
    assert out == "Sam Rivera · Account executive  (0 open actions)\n"


def test_people_shows_open_action_counts(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    add_sam(capsys, home)
    run(capsys, home, "people", "add", "Alex Kim")
    save_1on1_with_sam(home)

    code, out, _ = run(capsys, home, "people")

    assert code == 0
    assert out.splitlines() == [
        "Alex Kim  (0 open actions)",
        "Sam Rivera · Account executive  (2 open actions)",
    ]


@pytest.mark.parametrize("again", ["Sam Rivera", "sam rivera"])
def test_adding_the_same_person_again_is_one_line(
    capsys: pytest.CaptureFixture[str], home: Path, again: str
) -> None:
    add_sam(capsys, home)

    code, out, err = run(capsys, home, "people", "add", again)

    assert (code, out) == (1, "")
    assert "already in your people list" in one_line(err)
    _, out, _ = run(capsys, home, "people", "--json")
    assert len(json.loads(out)) == 1


@pytest.mark.parametrize("name", ["", "x" * 81])
def test_adding_a_bad_name_is_one_line(
    capsys: pytest.CaptureFixture[str], home: Path, name: str
) -> None:
    code, out, err = run(capsys, home, "people", "add", name)

    assert (code, out) == (1, "")
    assert "cannot add" in one_line(err)
    _, out, _ = run(capsys, home, "people", "--json")
    assert json.loads(out) == []


def test_adding_a_blank_name_is_refused(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, _, err = run(capsys, home, "people", "add", "   ")

    assert code == 1
    assert "cannot add" in one_line(err)


# -- actions --------------------------------------------------------------------------------


def test_actions_before_any_1on1(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    assert run(capsys, home, "actions") == (0, "No actions yet.\n", "")
    assert run(capsys, home, "actions", "--open") == (0, "No open actions.\n", "")


def test_open_actions_after_a_1on1(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    add_sam(capsys, home)
    record = save_1on1_with_sam(home)

    code, out, err = run(capsys, home, "actions", "--open", "--json")

    assert (code, err) == (0, "")
    actions = json.loads(out)
    assert [(a["text"], a["owner"], a["due"], a["status"]) for a in actions] == [
        ("Call Acme back", "rep", "2026-11-27", "open"),
        ("Join the Globex demo", "manager", None, "open"),
    ]
    assert {a["origin"] for a in actions} == {record.uid}
    code, out, _ = run(capsys, home, "actions", "--open", "--with", "sam")
    first, second = (a["uid"][:8] for a in actions)
    assert out.splitlines() == [
        f"○ {first}  Call Acme back  (Sam Rivera; rep owns it, due 27 Nov)",
        f"○ {second}  Join the Globex demo  (Sam Rivera; manager owns it)",
    ]


def test_actions_with_an_unknown_person_is_one_line(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    add_sam(capsys, home)
    run(capsys, home, "people", "add", "Alex Kim")

    code, out, err = run(capsys, home, "actions", "--with", "Nobody")

    assert (code, out) == (1, "")
    line = one_line(err)
    assert "no person called 'Nobody'" in line
    assert "Sam Rivera" in line and "Alex Kim" in line


# -- exporting a 1:1 ------------------------------------------------------------------------


def test_list_1on1s_shows_the_id_prefix(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    add_sam(capsys, home)
    record = save_1on1_with_sam(home)

    code, out, err = run(capsys, home, "export", "--one-on-one", "list")

    assert (code, err) == (0, "")
    assert out == f"{record.uid[:8]}  2026-11-23  Sam Rivera  Weekly 1:1\n"


def test_export_a_1on1_leaves_private_notes_out(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    add_sam(capsys, home)
    record = save_1on1_with_sam(home)

    code, out, err = run(capsys, home, "export", "--one-on-one", record.uid[:8])

    assert (code, err) == (0, "")
    assert out.startswith("# 1:1 with Sam Rivera\n")
    assert SHARED in out
    assert "- [ ] Call Acme back (rep, due 27 Nov)" in out
    assert PRIVATE not in out
    assert "quota" not in out and "Private" not in out


def test_export_a_1on1_to_a_private_file(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    add_sam(capsys, home)
    record = save_1on1_with_sam(home)
    target = tmp_path / "sam.md"

    code, out, err = run(capsys, home, "export", "--one-on-one", record.uid[:8], "-o", str(target))

    assert (code, err) == (0, "")
    assert out == f"Exported the 1:1 with Sam Rivera to {target}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    assert SHARED in text
    assert PRIVATE not in text


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_a_1on1_in_another_format_is_one_line(
    capsys: pytest.CaptureFixture[str], home: Path, fmt: str
) -> None:
    add_sam(capsys, home)
    record = save_1on1_with_sam(home)

    code, out, err = run(capsys, home, "export", "--one-on-one", record.uid[:8], "--format", fmt)

    assert (code, out) == (1, "")
    assert "--format md" in one_line(err)


@pytest.mark.parametrize("reference", ["00000000", "zz"])
def test_export_an_unknown_1on1_is_one_line(
    capsys: pytest.CaptureFixture[str], home: Path, reference: str
) -> None:
    add_sam(capsys, home)
    save_1on1_with_sam(home)

    code, out, err = run(capsys, home, "export", "--one-on-one", reference)

    assert (code, out) == (1, "")
    line = one_line(err)
    assert f"no 1:1 with id {reference!r}" in line
    assert "companion export --one-on-one list" in line


# -- coach ----------------------------------------------------------------------------------


def test_coach_help(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, out, err = run(capsys, home, "coach", "--help")

    assert (code, err) == (0, "")
    assert "--with NAME" in out
    assert "--script ID" in out


def test_a_1on1_summary_says_the_year_of_a_due_date_in_another_year(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    add_sam(capsys, home)
    script = Library.discover().get("essentials/weekly-1on1")
    assert isinstance(script, Script)
    journal = Journal.open(home / "journal")
    sam = journal.find_person("Sam")
    flow = OneOnOneFlow(sam, script, [], STARTED)
    flow.add_action("Renew the Globex contract", "manager", date(2027, 1, 8), STARTED)
    finished = flow.finish(STARTED + timedelta(minutes=30))
    journal.save_one_on_one(finished.record, finished.new_actions, finished.status_changes)

    code, out, _ = run(capsys, home, "export", "--one-on-one", finished.record.uid[:8])

    assert code == 0
    assert "- [ ] Renew the Globex contract (manager, due 8 Jan 2027)" in out
