"""The `companion` command as a user runs it: exit codes, one-line errors, round trips."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

import companion
from companion.cli import command_in
from companion.files.lock import JournalLock
from companion.storage.journal import Journal
from tests.cli_helpers import one_line, run
from tests.journal_files import month_file

SUBCOMMANDS = ["reflect", "log", "journal", "export", "import"]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def journal_json(capsys: pytest.CaptureFixture[str], home: Path, *filters: str) -> list[dict]:
    code, out, err = run(capsys, "--home", str(home), "journal", "--json", *filters)
    assert (code, err) == (0, "")
    records = json.loads(out)
    assert isinstance(records, list)
    return records


# -- log and journal ------------------------------------------------------------------------


def test_log_then_journal_by_tag(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, out, err = run(capsys, "--home", str(home), "log", "Closed the Acme deal #win")
    assert (code, err) == (0, "")
    assert str(home / "journal") in out
    assert "#win" in out
    run(capsys, "--home", str(home), "log", "Lost", "the", "Globex", "pitch", "#loss")

    [record] = journal_json(capsys, home, "--tag", "win")

    assert record["kind"] == "note"
    assert record["text"] == "Closed the Acme deal #win"
    assert record["tags"] == ["win"]
    assert len(journal_json(capsys, home)) == 2
    assert journal_json(capsys, home, "--tag", "#WIN") == [record]
    assert journal_json(capsys, home, "--tag", "win", "--tag", "loss") == []
    assert journal_json(capsys, home, "--since", "today", "--until", "today") != []
    assert journal_json(capsys, home, "--until", "yesterday") == []


def test_journal_plain_listing(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, out, _ = run(capsys, "--home", str(home), "journal")
    assert (code, out) == (0, "No entries.\n")

    run(capsys, "--home", str(home), "log", "Closed the Acme deal #win")
    code, out, _ = run(capsys, "--home", str(home), "journal")
    assert code == 0
    [line] = out.splitlines()
    assert "note" in line and "Closed the Acme deal #win" in line and line.endswith("#win")

    code, out, _ = run(capsys, "--home", str(home), "journal", "--tag", "loss")
    assert (code, out) == (0, "No entries match.\n")


@pytest.mark.parametrize(
    "argv",
    [
        ["--home", "{home}", "log", "hello"],
        ["log", "--home", "{home}", "hello"],
        ["log", "hello", "--home", "{home}"],
        ["log", "--home={home}", "hello"],
    ],
    ids=["before", "after-command", "at-the-end", "equals"],
)
def test_home_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str], home: Path, env_home: Path, argv: list[str]
) -> None:
    code, _, err = run(capsys, *(arg.format(home=home) for arg in argv))

    assert (code, err) == (0, "")
    [record] = journal_json(capsys, home)
    assert record["text"] == "hello"
    assert not env_home.exists()


def test_companion_home_variable_is_used_without_home(
    capsys: pytest.CaptureFixture[str], env_home: Path
) -> None:
    code, _, _ = run(capsys, "log", "from the environment")

    assert code == 0
    assert (env_home / "journal").exists()


def test_bad_date_is_one_line_naming_it(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, out, err = run(capsys, "--home", str(home), "journal", "--since", "2026-13-01")

    assert code == 1
    assert out == ""
    line = one_line(err)
    assert line.startswith("companion: error: ")
    assert "2026-13-01" in line


def test_the_cli_reads_a_date_as_the_journal_filter_and_the_action_dialog_do(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    from companion.flows.dates import accepted_forms

    code, _, err = run(capsys, "--home", str(home), "journal", "--since", "2026-13-45")
    assert code == 1
    assert one_line(err) == f"companion: error: '2026-13-45' is not a date; use {accepted_forms()}"
    for word in ("monday", "fri", "7d", "yesterday", "+3"):
        code, _, err = run(capsys, "--home", str(home), "journal", "--since", word)
        assert (code, err) == (0, ""), word


def test_empty_range_is_one_line(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, _, err = run(capsys, "--home", str(home), "journal", "--since", "today", "--until", "7d")

    assert code == 1
    assert "range is empty" in one_line(err)


@pytest.mark.parametrize(
    "argv",
    [["--bogus"], ["journal", "--bogus"], ["export", "--format", "pdf"], ["frobnicate"]],
    ids=["top-level", "subcommand", "bad-choice", "unknown-command"],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], home: Path, argv: list[str]
) -> None:
    code, out, err = run(capsys, "--home", str(home), *argv)

    assert code == 2
    assert out == ""
    assert one_line(err).startswith("companion")
    assert "--help" in err
    assert not home.exists()  # nothing was touched


def test_an_unknown_command_is_told_every_command(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    """Only the parser of the command given is built; a typo still hears of every one."""
    code, _, err = run(capsys, "--home", str(home), "lgo", "Called Acme")

    assert code == 2
    assert "invalid choice: 'lgo'" in err
    assert all(f"'{name}'" in err for name in SUBCOMMANDS)


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        ([], ""),
        (["--home", "log"], ""),  # a home folder called log
        (["--home", "h", "log", "--help"], "log"),
        (["--home=h", "journal", "--tag", "win"], "journal"),
        (["--help", "log"], None),
        (["--version"], None),
    ],
)
def test_the_command_is_found_before_parsing(argv: list[str], command: str | None) -> None:
    assert command_in(argv) == command


def test_a_lock_file_that_cannot_be_opened_is_one_line(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    assert run(capsys, "--home", str(home), "log", "first")[0] == 0
    journal = month_file(home / "journal", f"{datetime.now():%Y-%m}")
    before = journal.read_bytes()
    lock = home / "journal.lock"
    lock.unlink()
    lock.mkdir()  # left by some other tool

    code, _, err = run(capsys, "--home", str(home), "log", "second")

    assert code == 1
    assert "cannot lock the journal" in one_line(err)
    assert "journal.lock is a file" in err
    assert journal.read_bytes() == before


@pytest.mark.parametrize("text", [[], [""], ["   "]], ids=["none", "empty", "blank"])
def test_log_without_text_exits_1(
    capsys: pytest.CaptureFixture[str], home: Path, text: list[str]
) -> None:
    code, _, err = run(capsys, "--home", str(home), "log", *text)

    assert code == 1
    assert "nothing to log" in one_line(err)


def test_corrupt_journal_is_one_line_and_left_alone(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    run(capsys, "--home", str(home), "log", "first")
    journal = month_file(home / "journal", f"{datetime.now():%Y-%m}")
    damaged = journal.read_bytes()[:-10]
    journal.write_bytes(damaged)

    for argv in (["journal"], ["log", "second"], ["export", "--format", "json"]):
        code, out, err = run(capsys, "--home", str(home), *argv)
        assert (code, out) == (1, "")
        assert str(journal) in one_line(err)
    assert journal.read_bytes() == damaged


# -- export and import ----------------------------------------------------------------------


def fill(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    for text in ("Closed the Acme deal #win", "Call Globex, about pricing #followup", "Ünïcødé ✓"):
        assert run(capsys, "--home", str(home), "log", text)[0] == 0


def test_json_export_import_round_trip(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    fill(capsys, home)
    exported = tmp_path / "out" / "journal-export.json"
    exported.parent.mkdir()

    code, out, err = run(
        capsys, "--home", str(home), "export", "--format", "json", "-o", str(exported)
    )
    assert (code, err) == (0, "")
    assert "Exported 3 entries" in out
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    document = json.loads(exported.read_bytes())
    assert document["format"] == "companion-journal"
    assert document["app_version"] == companion.__version__

    fresh = tmp_path / "fresh"
    code, out, err = run(capsys, "--home", str(fresh), "import", str(exported))
    assert (code, err) == (0, "")
    assert "Imported 3 entries" in out
    assert journal_json(capsys, fresh) == journal_json(capsys, home)

    code, out, _ = run(capsys, "--home", str(fresh), "import", str(exported))
    assert code == 0
    assert "Imported 0 entries" in out and "3 were already" in out
    assert len(journal_json(capsys, fresh)) == 3


def test_export_respects_filters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    fill(capsys, home)
    target = tmp_path / "wins.json"

    run(
        capsys, "--home", str(home), "export", "--format", "json", "--tag", "win", "-o", str(target)
    )

    [entry] = json.loads(target.read_bytes())["entries"]
    assert entry["text"] == "Closed the Acme deal #win"


def test_csv_export_contains_the_note(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    fill(capsys, home)

    code, out, _ = run(capsys, "--home", str(home), "export", "--format", "csv")

    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["text"] for row in rows] == [
        "Closed the Acme deal #win",
        "Call Globex, about pricing #followup",
        "Ünïcødé ✓",
    ]
    assert rows[0]["kind"] == "note"
    assert rows[0]["tags"] == "win"


def test_markdown_export_contains_the_note(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    fill(capsys, home)
    target = tmp_path / "journal.md"

    code, _, _ = run(capsys, "--home", str(home), "export", "-o", str(target))
    code_stdout, out, _ = run(capsys, "--home", str(home), "export", "--format", "md")

    assert code == code_stdout == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Companion journal")
    assert "Closed the Acme deal #win" in text
    assert "Tags: #win" in text
    assert "Ünïcødé ✓" in text
    assert out == text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_to_a_missing_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    code, _, err = run(capsys, "--home", str(home), "export", "-o", str(tmp_path / "no" / "x.md"))

    assert code == 1
    assert "cannot write the export" in one_line(err)


@pytest.mark.parametrize("format_", ["md", "json", "csv"])
def test_export_over_an_existing_file_needs_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path, format_: str
) -> None:
    run(capsys, "--home", str(home), "log", "Closed the Acme deal")
    target = tmp_path / f"journal.{format_}"
    target.write_bytes(b"the coach's own notes")
    export = ["--home", str(home), "export", "--format", format_, "-o", str(target)]

    code, out, err = run(capsys, *export)

    assert (code, out) == (1, "")
    assert one_line(err) == (
        f"companion: error: {target} exists; add --force to replace it, or choose another file"
    )
    assert target.read_bytes() == b"the coach's own notes"

    code, out, err = run(capsys, *export, "--force")

    assert (code, err) == (0, "")
    assert b"Closed the Acme deal" in target.read_bytes()


@pytest.mark.parametrize(
    "content",
    [
        b'{"entries": []}',
        b"[1, 2, 3]",
        b"not json at all",
        b'{"format": "companion-journal", "schema_version": 99, "entries": []}',
        b'{"format": "companion-journal", "schema_version": 1, "entries": [{"kind": "note"}]}',
    ],
    ids=["not-an-export", "a-list", "not-json", "newer", "bad-entry"],
)
def test_import_of_a_wrong_file_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path, content: bytes
) -> None:
    source = tmp_path / "other.json"
    source.write_bytes(content)

    code, out, err = run(capsys, "--home", str(home), "import", str(source))

    assert code == 1
    assert out == ""
    assert str(source) in one_line(err)
    assert journal_json(capsys, home) == []


def test_import_of_a_missing_file_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    missing = tmp_path / "missing.json"

    code, _, err = run(capsys, "--home", str(home), "import", str(missing))

    assert code == 1
    assert str(missing) in one_line(err)


# -- version and help -----------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")

    assert code == 0
    assert out.strip() == f"companion {companion.__version__}"


@pytest.mark.parametrize("command", [None, *SUBCOMMANDS])
def test_help_exits_0(capsys: pytest.CaptureFixture[str], command: str | None) -> None:
    argv = ["--help"] if command is None else [command, "--help"]

    code, out, err = run(capsys, *argv)

    assert (code, err) == (0, "")
    assert out.startswith(f"usage: companion {command or ''}".rstrip())


# -- permissions and failures ---------------------------------------------------------------


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_home_exits_1(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    run(capsys, "--home", str(home), "log", "first")
    journal = month_file(home / "journal", f"{datetime.now():%Y-%m}")
    before = journal.read_bytes()
    home.chmod(0o500)
    try:
        code, _, err = run(capsys, "--home", str(home), "log", "second")
    finally:
        home.chmod(0o700)

    assert code == 1
    assert str(home) in one_line(err)
    assert (home / "journal").read_bytes() == before


def test_existing_home_permissions_are_never_widened(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    run(capsys, "--home", str(home), "log", "first")
    home.chmod(0o500)
    try:
        run(capsys, "--home", str(home), "journal")
        mode = stat.S_IMODE(home.stat().st_mode)
    finally:
        home.chmod(0o700)

    assert mode & 0o200 == 0


def test_new_home_is_private(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    run(capsys, "--home", str(home), "log", "first")

    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "journal").stat().st_mode) == 0o700
    for path in (home / "journal").rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path


def test_failed_journal_write_is_one_line(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "--home", str(home), "log", "first")
    journal = month_file(home / "journal", f"{datetime.now():%Y-%m}")
    before = journal.read_bytes()

    def disk_full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    code, _, err = run(capsys, "--home", str(home), "log", "second")
    monkeypatch.undo()

    assert code == 1
    assert "No space left on device" in one_line(err)
    assert journal.read_bytes() == before


def test_busy_journal_is_one_line(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "--home", str(home), "log", "first")
    journal = Journal(home / "journal")
    original_init = Journal.__init__

    def impatient(self: Journal, path: Path, **options: object) -> None:
        original_init(self, path, **{**options, "lock_timeout": 0.05})  # type: ignore[arg-type]

    monkeypatch.setattr(Journal, "__init__", impatient)
    with JournalLock(journal.layout.lock, timeout=1):
        code, _, err = run(capsys, "--home", str(home), "log", "second")

    assert code == 1
    assert "another Companion" in one_line(err)


# -- the module entry point -----------------------------------------------------------------


def test_python_dash_m_companion(tmp_path: Path, home: Path) -> None:
    env = dict(os.environ)  # $COMPANION_HOME points at a private folder (see conftest.env_home)

    def companion_cmd(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "companion", *argv],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=60,
        )

    logged = companion_cmd("--home", str(home), "log", "Closed the Acme deal #win")
    listed = companion_cmd("journal", "--tag", "win", "--json", "--home", str(home))
    bad = companion_cmd("--home", str(home), "journal", "--since", "2026-13-01")

    assert (logged.returncode, logged.stderr) == (0, "")
    assert listed.returncode == 0
    assert [record["text"] for record in json.loads(listed.stdout)] == ["Closed the Acme deal #win"]
    assert bad.returncode == 1
    assert "2026-13-01" in one_line(bad.stderr)
