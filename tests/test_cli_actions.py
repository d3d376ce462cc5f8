"""Actions between 1:1s, from the command line: `companion actions` says when each is due
(the year when it is not this year's) and which are overdue, `people` counts the overdue
ones, and `actions done|drop|reopen ID` close or open one by its id or the start of it."""

from __future__ import annotations

import functools
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from companion import sharing
from companion.context import Context
from companion.flows.one_on_one import OneOnOneFlow
from companion.models.coaching import Action
from companion.models.content import Script
from companion.packs.library import Library
from companion.paths import Home
from companion.storage.journal import Journal
from tests.cli_helpers import one_line, run
from tests.conftest import CET
from tests.spaces_helpers import git_env
from tests.test_cli_team import SCRIPT, People

__all__ = ["git_env"]  # a fixture of the tests with a shared space


STARTED = datetime(2026, 11, 23, 9, 30, tzinfo=CET)
TODAY = datetime(2026, 12, 2, 10, 0, tzinfo=CET)  # a Wednesday, after the 27 Nov due date

LATE, NEXT_YEAR, WHENEVER = "Call Acme back", "Renew the Globex contract", "Join the Initech demo"
# The uids the actions get, so that the tests can type their ids and a shared start of them
UIDS = {
    LATE: "a1b2c3d4" + "0" * 24,
    NEXT_YEAR: "a1b2ffff" + "0" * 24,
    WHENEVER: "c0ffee00" + "0" * 24,
}


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command runs on TODAY, whatever the machine's clock says."""
    monkeypatch.setattr(
        "companion.context.Context", functools.partial(Context, clock=lambda: TODAY)
    )


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Sam, with three actions agreed in a 1:1 on 23 Nov: one due 27 Nov (overdue now), one
    due in January next year, one without a due date."""
    home = tmp_path / "home"
    assert cli(capsys, home, "people", "add", "Sam Rivera", "--role", "Account executive")[0] == 0
    script = Library.discover().get("essentials/weekly-1on1")
    assert isinstance(script, Script)
    journal = Journal.open(home / "journal")
    sam = journal.find_person("Sam")
    flow = OneOnOneFlow(sam, script, [], STARTED)
    flow.add_action(LATE, "rep", date(2026, 11, 27), STARTED)
    flow.add_action(NEXT_YEAR, "manager", date(2027, 1, 15), STARTED)
    flow.add_action(WHENEVER, "rep", None, STARTED)
    finished = flow.finish(STARTED + timedelta(minutes=30))
    actions = [a.model_copy(update={"uid": UIDS[a.text]}) for a in finished.new_actions]
    journal.save_one_on_one(finished.record, actions, finished.status_changes)
    return home


def cli(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "--home", str(home), *argv)


def stored(home: Path) -> dict[str, Action]:
    return {a.text: a for a in Journal.open(home / "journal").actions()}


# -- due dates and overdue ------------------------------------------------------------------


def test_actions_say_the_year_when_not_this_years_and_mark_the_overdue_one(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, out, err = cli(capsys, home, "actions")

    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "○ a1b2c3d4  Call Acme back  (Sam Rivera; rep owns it, overdue since 27 Nov)",
        "○ a1b2ffff  Renew the Globex contract  (Sam Rivera; manager owns it, due 15 Jan 2027)",
        "○ c0ffee00  Join the Initech demo  (Sam Rivera; rep owns it)",
    ]


def test_actions_json_keeps_its_fields_and_adds_overdue(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, out, _ = cli(capsys, home, "actions", "--open", "--json")

    assert code == 0
    rows = json.loads(out)
    assert [(r["uid"], r["text"], r["due"], r["status"], r["overdue"]) for r in rows] == [
        (UIDS[LATE], LATE, "2026-11-27", "open", True),
        (UIDS[NEXT_YEAR], NEXT_YEAR, "2027-01-15", "open", False),
        (UIDS[WHENEVER], WHENEVER, None, "open", False),
    ]
    assert set(rows[0]) == {*Action.model_fields, "overdue"}


def test_people_count_the_overdue_actions(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    cli(capsys, home, "people", "add", "Alex Kim")

    code, out, _ = cli(capsys, home, "people")

    assert code == 0
    assert out.splitlines() == [
        "Alex Kim  (0 open actions)",
        "Sam Rivera · Account executive  (3 open actions, 1 overdue)",
    ]
    cli(capsys, home, "actions", "done", "a1b2c3")
    assert cli(capsys, home, "people")[1].splitlines()[1] == (
        "Sam Rivera · Account executive  (2 open actions)"
    )


def test_an_action_done_is_no_longer_overdue(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    cli(capsys, home, "actions", "done", "a1b2c3")

    out = cli(capsys, home, "actions")[1]

    assert "✓ a1b2c3d4  Call Acme back  (Sam Rivera; rep owns it, due 27 Nov)" in out
    assert "overdue" not in out


# -- done, drop, reopen ---------------------------------------------------------------------


@pytest.mark.parametrize("typed", [UIDS[LATE], "a1b2c3", "A1B2C3D4"])
def test_done_by_the_id_or_its_start(
    capsys: pytest.CaptureFixture[str], home: Path, typed: str
) -> None:
    assert cli(capsys, home, "actions", "done", typed) == (0, "Marked done: Call Acme back\n", "")
    assert stored(home)[LATE].status == "done"
    assert stored(home)[LATE].closed == TODAY


def test_drop_by_the_start_of_its_id(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, out, err = cli(capsys, home, "actions", "drop", "c0ff")

    assert (code, out, err) == (0, "Dropped: Join the Initech demo\n", "")
    assert stored(home)[WHENEVER].status == "dropped"
    open_now = cli(capsys, home, "actions", "--open")[1]
    assert WHENEVER not in open_now and LATE in open_now


def test_reopen_an_action_closed_by_mistake(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    cli(capsys, home, "actions", "drop", "c0ff")

    assert cli(capsys, home, "actions", "reopen", "c0ff") == (
        0,
        "Open again: Join the Initech demo\n",
        "",
    )
    assert stored(home)[WHENEVER].status == "open"
    assert stored(home)[WHENEVER].closed is None


@pytest.mark.parametrize("command", ["done", "drop", "reopen"])
def test_an_unknown_id_is_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], home: Path, command: str
) -> None:
    code, out, err = cli(capsys, home, "actions", command, "ffff")

    assert (code, out) == (1, "")
    assert one_line(err) == (
        "companion: error: no action ffff: `companion actions` lists them with their ids"
    )
    assert {a.status for a in stored(home).values()} == {"open"}


@pytest.mark.parametrize("command", ["done", "drop"])
def test_a_start_shared_by_two_ids_is_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], home: Path, command: str
) -> None:
    code, out, err = cli(capsys, home, "actions", command, "a1b2")

    assert (code, out) == (1, "")
    assert one_line(err) == (
        "companion: error: a1b2 is the start of several actions' ids: type more of it"
    )
    assert {a.status for a in stored(home).values()} == {"open"}


def test_closing_a_closed_action_says_so(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    cli(capsys, home, "actions", "done", "a1b2c3")

    code, out, err = cli(capsys, home, "actions", "done", "a1b2c3")
    assert (code, out) == (1, "")
    assert one_line(err) == "companion: error: Call Acme back is done already"

    code, out, err = cli(capsys, home, "actions", "drop", "a1b2c3")
    assert (code, out) == (1, "")
    assert one_line(err) == (
        "companion: error: Call Acme back is closed (done): "
        "`companion actions reopen ID` opens it again"
    )
    assert stored(home)[LATE].status == "done"


def test_help_teaches_how_to_close_an_action(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    code, out, _ = cli(capsys, home, "actions", "--help")
    assert code == 0
    assert "done|drop|reopen" in out
    assert "`companion actions drop ID`" in out
    assert "overdue" in out

    code, out, _ = cli(capsys, home, "actions", "drop", "--help")
    assert code == 0
    assert "`companion actions drop 3f2a`" in " ".join(out.split())
    assert "first characters" in out

    code, out, _ = cli(capsys, home, "actions", "done", "--help")
    assert "`companion actions done 3f2a`" in " ".join(out.split())


# -- in Dutch -------------------------------------------------------------------------------


def test_a_dutch_manager_reads_due_dates_and_closes_an_action_in_dutch(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    assert cli(capsys, home, "config", "language", "nl")[0] == 0

    out = cli(capsys, home, "actions")[1].splitlines()
    assert out[0] == (
        "○ a1b2c3d4  Call Acme back  (Sam Rivera; ligt bij de verkoper, te laat sinds 27 nov)"
    )
    assert out[1].endswith("(Sam Rivera; ligt bij de manager, uiterlijk 15 jan 2027)")
    assert cli(capsys, home, "people")[1] == (
        "Sam Rivera · Account executive  (3 open actiepunten, 1 te laat)\n"
    )
    assert cli(capsys, home, "actions", "drop", "c0ff")[1] == "Geschrapt: Join the Initech demo\n"
    code, _, err = cli(capsys, home, "actions", "done", "a1b2")
    assert code == 1
    assert one_line(err).startswith("companion: fout: a1b2 is het begin van")


# -- with a shared space --------------------------------------------------------------------


@pytest.fixture
def linked(tmp_path: Path, capsys: pytest.CaptureFixture[str], git_env: None) -> People:
    """Bob (the manager) and Anna (the rep) share a space; Bob held a 1:1 with Anna that
    agreed one action due 27 Nov, and both have synced."""
    people = People(tmp_path, capsys).linked()
    context = Context(Home(people.manager))
    anna = context.journal.find_person("Anna")
    flow = OneOnOneFlow(anna, SCRIPT, [], STARTED)
    flow.add_action(LATE, "rep", date(2026, 11, 27), STARTED)
    finished = flow.finish(STARTED + timedelta(minutes=30))
    context.journal.save_one_on_one(finished.record, finished.new_actions, {})
    assert sharing.send_one_on_one(context.home, finished.record) is not None
    assert people.bob("team", "sync")[0] == 0
    assert people.anna("team", "sync")[0] == 0
    return people


def the_action(people: People) -> Action:
    (action,) = Journal.open(people.manager / "journal").actions()
    return action


def test_the_rep_reads_the_overdue_action_that_came_in(linked: People) -> None:
    code, out, _ = linked.anna("actions")

    assert code == 0
    assert out.endswith("Call Acme back  (agreed with Bob; you own it, overdue since 27 Nov)\n")
    (row,) = json.loads(linked.anna("actions", "--json")[1])
    assert (row["due"], row["overdue"], row["with"]) == ("2026-11-27", True, "Bob")


@pytest.mark.parametrize(
    ("command", "said", "mark"), [("drop", "Dropped", "✗"), ("done", "Marked done", "✓")]
)
def test_a_manager_closing_an_action_tells_the_space_as_a_review_would(
    linked: People, command: str, said: str, mark: str
) -> None:
    code, out, err = linked.bob("actions", command, the_action(linked).uid[:6])

    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{said}: Call Acme back",
        "Anna de Vries sees it after the next `companion team sync`.",
    ]
    linked.bob("team", "sync")
    linked.anna("team", "sync")
    assert linked.anna("actions")[1].startswith(f"{mark} ")
    assert linked.anna("actions", "--open")[1] == "No open actions.\n"


def test_a_manager_reopening_an_action_reopens_it_in_the_space(linked: People) -> None:
    prefix = the_action(linked).uid[:6]
    linked.bob("actions", "drop", prefix)

    code, out, _ = linked.bob("actions", "reopen", prefix)

    assert code == 0 and out.startswith("Open again: Call Acme back\n")
    linked.bob("team", "sync")
    linked.anna("team", "sync")
    assert linked.anna("actions", "--open")[1].startswith("○ ")


def test_a_rep_cannot_drop_an_action_agreed_in_a_1on1(linked: People) -> None:
    (row,) = json.loads(linked.anna("actions", "--json")[1])

    code, out, err = linked.anna("actions", "drop", row["id"][:6])

    assert (code, out) == (1, "")
    assert one_line(err) == (
        "companion: error: only your manager drops an action agreed in a 1:1: mark it done, "
        "or raise it at your next 1:1"
    )
    assert linked.anna("actions", "done", row["id"][:6])[0] == 0
