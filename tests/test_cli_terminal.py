"""Nothing a note, a name, an import or a pack holds reaches the terminal raw from the CLI."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from companion.context import Context
from companion.flows.one_on_one import OneOnOneFlow
from companion.models.content import Script
from companion.packs.library import Library
from companion.paths import Home
from tests.cli_helpers import one_line, run

# OSC 52 (clipboard), OSC 0 (window title), CSI 2J (clear), red, RLO, ZWSP
HOSTILE = "\x1b]52;c;aGVsbG8=\x07 \x1b]0;owned\x07 \x1b[2J \x1b[31mred\x1b[0m \u202eevil \u200bzw"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u200b")
PAYLOADS = ("aGVsbG8=", "owned", "[2J", "[31m")  # what is left of a sequence cut in half
NOTE = f"Acme call {HOSTILE} done"
STARTED = datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def assert_safe(text: str, as_json: bool = False) -> None:
    """No raw character; outside JSON (which keeps them as escapes) no sequence's remains."""
    for raw in RAW if as_json else RAW + PAYLOADS:
        assert raw not in text, f"{raw!r} reached the terminal: {text!r}"


def companion(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> tuple[int, str]:
    code, out, err = run(capsys, "--home", str(home), *argv)
    assert_safe(out, as_json="--json" in argv or "json" in argv)
    assert_safe(err)
    return code, out + err


def test_a_hostile_note_is_shown_safely_everywhere(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    assert companion(capsys, home, "log", NOTE)[0] == 0

    code, out = companion(capsys, home, "journal")
    assert code == 0 and "Acme call" in out and "red" in out
    code, out = companion(capsys, home, "export", "--format", "md")
    assert code == 0 and "Acme call" in out and "evil" in out and "done" in out
    code, out = companion(capsys, home, "export", "--format", "csv")
    assert code == 0 and "Acme call" in out


def test_json_to_the_terminal_keeps_the_text_as_escapes(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    companion(capsys, home, "log", NOTE)

    _, out = companion(capsys, home, "journal", "--json")
    assert json.loads(out)[0]["text"] == NOTE
    _, out = companion(capsys, home, "export", "--format", "json")
    assert json.loads(out)["entries"][0]["text"] == NOTE


def test_a_file_written_with_o_keeps_the_text_as_written(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    companion(capsys, home, "log", NOTE)
    target = tmp_path / "journal.md"

    code, _ = companion(capsys, home, "export", "--format", "md", "-o", str(target))

    assert code == 0
    assert NOTE in target.read_text(encoding="utf-8")


def write_export(path: Path, *texts: str) -> Path:
    """A JSON export holding one note of each text, as another Companion would write it."""
    entries = [
        {"kind": "note", "created": STARTED.isoformat(), "text": text, "tags": []} for text in texts
    ]
    document = {"format": "companion-journal", "schema_version": 1, "entries": entries}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_an_imported_export_is_shown_safely(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    export = write_export(tmp_path / "export.json", NOTE)

    assert companion(capsys, home, "import", str(export))[0] == 0
    code, out = companion(capsys, home, "journal")
    assert code == 0 and "Acme call" in out


def test_a_hostile_name_is_shown_safely(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    name = "\x1b[31mSam\u202e \x1b]0;owned\x07Rivera"
    code, out = companion(capsys, home, "people", "add", name, "--role", "\x1b[2JAE")
    assert code == 0 and "Sam" in out
    context = Context(Home(home))
    sam = context.journal.find_person(name)
    script = Library.discover().get("essentials/weekly-1on1")
    assert isinstance(script, Script)
    flow = OneOnOneFlow(sam, script, [], STARTED)
    flow.add_action(f"Call back {HOSTILE}", "rep", date(2026, 11, 27), STARTED)
    finished = flow.finish(STARTED + timedelta(minutes=30))
    context.journal.save_one_on_one(finished.record, finished.new_actions, {})

    for argv in (
        ["people"],
        ["actions"],
        ["actions", "--with", name],
        ["export", "--one-on-one", "list"],
        ["export", "--one-on-one", finished.record.uid[:8]],
    ):
        code, out = companion(capsys, home, *argv)
        assert code == 0 and "Sam" in out, argv


@pytest.mark.parametrize(
    "argv",
    [
        ["people", "add", "{long}"],
        ["actions", "--with", "{long}"],
        ["export", "--one-on-one", "{long}"],
        ["config", "{long}"],
        ["config", "reflection", "{long}"],
        ["pack", "remove", "{long}"],
        ["coach", "--script", "x", "--bogus", "{long}"],
        ["journal", "--since", "{long}"],  # journal WORDS is a search; a date is checked
    ],
)
def test_an_error_echoes_a_short_safe_prefix_of_what_was_typed(
    capsys: pytest.CaptureFixture[str], home: Path, argv: list[str]
) -> None:
    long = "\x1b]0;owned\x07" + "x" * 5000
    code, out, err = run(capsys, "--home", str(home), *(a.format(long=long) for a in argv))
    assert code in (1, 2) and out == ""
    line = one_line(err)
    assert_safe(line)
    assert "x" * 39 in line and len(line) < 300


def test_a_path_the_system_refuses_is_one_line(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, _, err = run(capsys, "--home", str(home), "pack", "validate", "x" * 5000)
    assert code == 1
    assert len(one_line(err)) < 200


def test_pack_commands_show_hostile_paths_and_titles_safely(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    pack = tmp_path / "evil\x1b]0;owned\x07pack"
    (pack / "cards").mkdir(parents=True)
    (pack / "pack.toml").write_text(
        'id = "evil"\ntitle = "Evil \\u001b[2J \\u202e pack"\nversion = "1.0"\n', encoding="utf-8"
    )
    (pack / "cards" / "a.md").write_text("---\nkind: card\nid: a\n---\nno title\n")

    code, out = companion(capsys, home, "pack", "validate", str(pack))
    assert code == 1 and "no title" in out
    code, out = companion(capsys, home, "pack", "validate", str(pack), "--json")
    assert code == 1 and json.loads(out)["ok"] is False
    (pack / "cards" / "a.md").write_text("---\nkind: card\nid: a\ntitle: A\n---\nBody\n")
    assert companion(capsys, home, "pack", "install", str(pack))[0] == 0
    code, out = companion(capsys, home, "pack", "list")
    assert code == 0 and "evil" in out


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    formulas = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]
    export = write_export(tmp_path / "export.json", *formulas, "Plain - note")
    companion(capsys, home, "import", str(export))
    target = tmp_path / "journal.csv"

    assert companion(capsys, home, "export", "--format", "csv", "-o", str(target))[0] == 0

    rows = list(csv.DictReader(io.StringIO(target.read_bytes().decode(), newline="")))
    texts = [row["text"] for row in rows]
    assert texts == [*(f"'{formula}" for formula in formulas), "Plain - note"]
