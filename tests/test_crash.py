"""An unexpected error never shows a traceback, whose locals quote the journal, on the
terminal: one line says what stopped and where the full report is, a private file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from companion.context import Context
from companion.paths import Home
from companion.tui.app import CompanionApp
from tests.terminal import Terminal

SECRET = "my manager must never read this"
BREAK_HELP = f"""
from companion.tui.app import CompanionApp
def broken_help(self):
    answer = {SECRET!r}
    raise ValueError(answer)
CompanionApp.action_help = broken_help
"""


def the_report(home: Home) -> str:
    [report] = home.logs.iterdir()
    assert report.stat().st_mode & 0o777 == 0o600
    assert home.logs.stat().st_mode & 0o777 == 0o700
    return report.read_text()


def test_a_crash_prints_one_line_and_keeps_the_traceback_private(
    home: Home, context: Context
) -> None:
    with Terminal(
        home.root, before=BREAK_HELP
    ) as terminal:  # `context`: past the first-start question
        terminal.wait_for("Reflect")
        terminal.type("?")

        assert terminal.wait() == 1

        shown = terminal.output.decode(errors="replace")
        assert SECRET not in shown
        assert "Traceback" not in shown
        [line] = [part for part in shown.splitlines() if "unexpected" in part]
        assert "companion: error: an unexpected ValueError stopped Companion" in line
        assert str(home.logs) in line
        report = the_report(home)
        assert "Traceback" in report
        assert "broken_help" in report
        assert SECRET in report  # the locals, for whoever fixes it


async def test_a_crash_in_the_app_keeps_drafts_and_writes_a_report(
    make_app, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_help(app: CompanionApp) -> None:
        raise ValueError(SECRET)

    monkeypatch.setattr(CompanionApp, "action_help", broken_help)
    app: CompanionApp = make_app(start="reflect")
    with pytest.raises(ValueError):
        async with app.run_test() as pilot:
            await pilot.pause()
            await pilot.press("4", "enter", "3", "enter", *"words before the crash", "f1")
            await pilot.pause()
    assert app.return_code == 1
    assert "words before the crash" in context.drafts.path("reflection").read_text()
    assert SECRET in the_report(context.home)


BREAK_THE_JOURNAL = f"""
from companion.storage.journal import Journal
def broken_open(cls, folder, **options):
    entry = {SECRET!r}
    raise RuntimeError(entry)
Journal.open = classmethod(broken_open)
"""


@pytest.mark.parametrize(
    "command",
    [["log", "a note"], ["journal"], ["people"], ["actions"], ["export", "--format", "csv"]],
    ids=lambda words: words[0],
)
def test_a_command_that_breaks_prints_one_line_and_keeps_the_traceback_private(
    home: Home, command: list[str]
) -> None:
    program = f"{BREAK_THE_JOURNAL}\nfrom companion.__main__ import *"
    result = subprocess.run(
        [sys.executable, "-c", program, "--home", str(home.root), *command],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("companion: error: an unexpected RuntimeError stopped Companion; ")
    assert str(home.logs) in line
    report = the_report(home)
    assert "broken_open" in report
    assert SECRET in report  # the locals, for whoever fixes it; never on the terminal
