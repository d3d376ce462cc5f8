"""Fixing a mistake from the CLI: backfilling a missed day, writing a note in the editor or
from stdin, editing and deleting an entry (with a backup to recover it from)."""

from __future__ import annotations

import io
import json
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from companion.storage.journal import Journal
from tests.cli_helpers import one_line, run


class Terminal(io.StringIO):
    """stdin as when a person runs the command at a prompt."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def entries(capsys: pytest.CaptureFixture[str], home: Path) -> list[dict]:
    code, out, err = run(capsys, "--home", str(home), "journal", "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writes: str) -> Path:
    """$EDITOR is a program that writes `writes` into the file (and records what it saw)."""
    script = tmp_path / "editor.py"
    seen = tmp_path / "seen.txt"
    script.write_text(
        "import pathlib, sys\n"
        "path = pathlib.Path(sys.argv[1])\n"
        f"pathlib.Path({str(seen)!r}).write_text(path.read_text())\n"
        f"path.write_text({writes!r})\n"
    )
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.setattr(sys, "stdin", Terminal())
    return seen


def yesterday() -> date:
    return datetime.now().astimezone().date() - timedelta(days=1)


# -- backfilling a missed day ---------------------------------------------------------------


def test_log_date_backfills_a_missed_day(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, out, err = run(capsys, "--home", str(home), "log", "--date", "yesterday", "Called Sam")
    assert (code, err) == (0, "")
    assert out.startswith("Logged for ")
    [record] = entries(capsys, home)
    assert record["created"].startswith(yesterday().isoformat())


def test_a_day_at_the_start_of_the_note_backfills_it_as_jrnl_users_write(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    run(capsys, "--home", str(home), "log", "yesterday: called Sam about the renewal #call")
    run(capsys, "--home", str(home), "log", "Acme: closed the deal")
    first, second = entries(capsys, home)
    assert first["created"].startswith(yesterday().isoformat())
    assert (first["text"], first["tags"]) == ("called Sam about the renewal #call", ["call"])
    assert second["text"] == "Acme: closed the deal"  # not a day: a note about Acme, today


def test_a_note_cannot_be_logged_for_a_day_to_come(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, _, err = run(capsys, "--home", str(home), "log", "--date", "tomorrow", "hi")
    assert code == 1
    assert "'tomorrow'" in one_line(err) and "has not come yet" in err
    assert not (home / "journal").exists() or entries(capsys, home) == []


# -- stdin and the editor ---------------------------------------------------------------------


def test_log_dash_reads_the_note_from_stdin(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Piped from a script #auto\n"))
    code, _, err = run(capsys, "--home", str(home), "log", "-")
    assert (code, err) == (0, "")
    [record] = entries(capsys, home)
    assert (record["text"], record["tags"]) == ("Piped from a script #auto", ["auto"])


def test_log_in_a_terminal_without_text_opens_the_editor(
    capsys: pytest.CaptureFixture[str],
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor(tmp_path, monkeypatch, "Long thoughts on the Globex deal\n\nTwo lines #deal\n")
    code, out, err = run(capsys, "--home", str(home), "log")
    assert (code, err) == (0, "")
    assert "Logged to" in out
    [record] = entries(capsys, home)
    assert record["text"] == "Long thoughts on the Globex deal\n\nTwo lines #deal"


def test_an_empty_editor_saves_nothing_and_says_so(
    capsys: pytest.CaptureFixture[str],
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor(tmp_path, monkeypatch, "  \n")
    code, out, _ = run(capsys, "--home", str(home), "log")
    assert (code, out) == (0, "Nothing saved: the note was empty.\n")
    assert not (home / "journal").exists() or entries(capsys, home) == []


def test_log_without_text_and_no_terminal_says_how(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = run(capsys, "--home", str(home), "log")
    assert code == 1
    assert "`companion log -`" in one_line(err)


# -- edit and delete ------------------------------------------------------------------------


def logged(capsys: pytest.CaptureFixture[str], home: Path, text: str) -> str:
    run(capsys, "--home", str(home), "log", text)
    _, out, _ = run(capsys, "--home", str(home), "journal", text.split()[0])
    return out.split()[0]  # the start of its id, as `companion journal` shows it


def test_journal_shows_ids_and_edit_changes_a_notes_text_and_tags(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    short_id = logged(capsys, home, "Closed the Acme dael #win")
    code, out, err = run(
        capsys, "--home", str(home), "edit", short_id, "Closed", "the", "Acme", "deal", "#won"
    )
    assert (code, err) == (0, "")
    assert "Saved the note of" in out and "backups" in out
    [record] = entries(capsys, home)
    assert (record["text"], record["tags"]) == ("Closed the Acme deal #won", ["won"])
    assert record["uid"].startswith(short_id)


def test_edit_in_the_editor_starts_from_the_note_as_it_is(
    capsys: pytest.CaptureFixture[str],
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run(capsys, "--home", str(home), "log", "Frist call with Initech")
    seen = editor(tmp_path, monkeypatch, "First call with Initech\n")
    code, _, err = run(capsys, "--home", str(home), "edit", "last")
    assert (code, err) == (0, "")
    assert seen.read_text() == "Frist call with Initech"
    assert entries(capsys, home)[0]["text"] == "First call with Initech"


def test_delete_asks_first_and_keeps_a_backup_the_entry_can_be_recovered_from(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    short_id = logged(capsys, home, "Lost Initech to price")
    logged(capsys, home, "Globex demo went well")
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    code, out, _ = run(capsys, "--home", str(home), "delete", short_id)
    assert (code, out) == (0, "Nothing deleted.\n")
    assert len(entries(capsys, home)) == 2

    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "y")
    code, out, err = run(capsys, "--home", str(home), "delete", short_id)
    assert (code, err) == (0, "")
    assert "Delete the note of" in asked[0] and "Lost Initech to price" in asked[0]
    assert "brings it back" in out
    assert [e["text"] for e in entries(capsys, home)] == ["Globex demo went well"]

    [backup] = (home / "backups").glob("edit-*")
    assert str(backup) in out
    kept = Journal.open(backup).entries()
    assert "Lost Initech to price" in [e.text for e in kept]  # type: ignore[union-attr]
    code, out, _ = run(capsys, "--home", str(home), "doctor")
    assert "edit " in out and backup.name in out

    code, out, err = run(capsys, "--home", str(home), "import", str(backup))  # as the message says
    assert (code, err) == (0, "")
    assert "Imported 1 entry" in out
    assert sorted(e["text"] for e in entries(capsys, home)) == [
        "Globex demo went well",
        "Lost Initech to price",
    ]
    assert sorted(p.name for p in backup.iterdir()) == ["coaching.json", "entries"]  # untouched


def test_delete_without_a_terminal_needs_yes(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logged(capsys, home, "A note")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = run(capsys, "--home", str(home), "delete", "last")
    assert code == 1 and "add --yes" in one_line(err)
    code, _, err = run(capsys, "--home", str(home), "delete", "last", "--yes")
    assert (code, err) == (0, "")
    assert entries(capsys, home) == []


@pytest.mark.parametrize(
    ("reference", "problem"),
    [("ab", "at least 4 characters"), ("zzzzzzzz", "no entry has an id starting with")],
)
def test_an_unknown_id_is_one_line(
    capsys: pytest.CaptureFixture[str], home: Path, reference: str, problem: str
) -> None:
    logged(capsys, home, "A note")
    code, _, err = run(capsys, "--home", str(home), "delete", reference, "--yes")
    assert code == 1 and problem in one_line(err)


# -- searching and limiting, as jrnl users expect ---------------------------------------------


def test_journal_words_search_and_n_limits(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    for text in ("Acme renewal call #call", "Globex demo", "Acme renewal signed #win", "Lunch"):
        run(capsys, "--home", str(home), "log", text)

    code, out, err = run(capsys, "--home", str(home), "journal", "acme", "RENEWAL")
    assert (code, err) == (0, "")
    assert [line.split("  ", 3)[-1].strip() for line in out.splitlines()] == [
        "Acme renewal call #call",  # its tag once: the text shows it
        "Acme renewal signed #win",
    ]
    code, out, _ = run(capsys, "--home", str(home), "journal", "acme", "#win")
    assert len(out.splitlines()) == 1 and "signed" in out
    code, out, _ = run(capsys, "--home", str(home), "journal", "-n", "2")
    assert ["Acme renewal signed" in out, "Lunch" in out, "Globex" in out] == [True, True, False]
    code, out, _ = run(capsys, "--home", str(home), "journal", "nothing-like-it")
    assert (code, out) == (0, "No entries match.\n")


@pytest.mark.parametrize("count", ["0", "-3", "many"])
def test_n_takes_a_count(capsys: pytest.CaptureFixture[str], home: Path, count: str) -> None:
    code, _, err = run(capsys, "--home", str(home), "journal", "-n", count)
    assert code == 2 and "is not a count of 1 or more" in one_line(err)


def test_echo_into_companion_log_dash_works_in_a_real_process(tmp_path: Path, home: Path) -> None:
    import os
    import subprocess

    env = {**os.environ, "COMPANION_HOME": str(tmp_path / "elsewhere")}
    logged = subprocess.run(
        [sys.executable, "-m", "companion", "--home", str(home), "log", "-"],
        input="From a pipe #piped\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert (logged.returncode, logged.stderr) == (0, "")
    [entry] = Journal.open(home / "journal").entries()
    assert entry.text == "From a pipe #piped"  # type: ignore[union-attr]


def test_edit_or_delete_in_an_empty_journal_says_so(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, _, err = run(capsys, "--home", str(home), "delete", "last", "--yes")
    assert code == 1 and "the journal has no entries yet" in one_line(err)


def test_edit_date_moves_an_entry_to_the_day_it_was_for(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    run(capsys, "--home", str(home), "log", "Called Sam")
    code, _, err = run(capsys, "--home", str(home), "edit", "last", "--date", "yesterday")
    assert (code, err) == (0, "")
    [record] = entries(capsys, home)
    assert record["created"].startswith(yesterday().isoformat())
    assert record["text"] == "Called Sam"
    code, _, err = run(capsys, "--home", str(home), "edit", "last", "--date", "tomorrow")
    assert code == 1 and "--date: 'tomorrow'" in one_line(err) and "has not come yet" in err
    code, _, err = run(capsys, "--home", str(home), "edit", "last", "")
    assert code == 1 and "A note needs some text" in one_line(err)


def test_the_last_ten_edit_backups_are_kept_beside_the_daily_ones(tmp_path: Path) -> None:
    from companion.models.journal import Note
    from companion.storage.backups import EDITS_KEPT, list_backups, take_backups, take_edit_backup

    folder, backups = tmp_path / "journal", tmp_path / "backups"
    start = datetime(2026, 11, 23, 9, 0).astimezone()
    journal = Journal.open(folder)
    journal.add(Note(created=start, text="first"))
    take_backups(folder, backups, start, start=False)
    for minute in range(EDITS_KEPT + 2):
        assert take_edit_backup(folder, backups, start + timedelta(minutes=minute)) is not None
    kinds = [backup.kind for backup in list_backups(backups)]
    assert kinds.count("edit") == EDITS_KEPT and kinds.count("daily") == 1
    assert all(backup.good for backup in list_backups(backups))
