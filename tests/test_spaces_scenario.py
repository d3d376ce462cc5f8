"""The issue's "done when", as two people would do it on one machine: a rep (Anna) and her
manager (Bob), each with a home of their own, and one bare repository between them.

Anna shares an answer at the end of a reflection and a line with `companion share`, syncs;
Bob syncs, runs a weekly 1:1 that opens on those items, agrees an action, records a
recognition, writes private notes, finishes, syncs; Anna syncs and sees the summary, the
action and the recognition, marks the action done; Bob's next 1:1 starts with it done. After
every step the whole history of every copy of the space holds nothing private.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import SelectionList, TextArea

from companion.context import Context
from companion.paths import Home
from companion.tui.app import CompanionApp
from companion.tui.screens.agenda_dialog import AgendaDialog
from companion.tui.screens.one_on_one import OneOnOneScreen
from companion.tui.screens.share_dialog import ShareDialog
from tests.cli_helpers import run
from tests.conftest import Clock, role_asked, visible_text
from tests.spaces_helpers import full_history, git_env, init_bare
from tests.test_tui_reflection import answer_whole_reflection
from tests.test_tui_sharing import synced

__all__ = ["git_env"]  # fixtures used here
pytestmark = pytest.mark.usefixtures("git_env")
SIZE = (80, 24)

# What never leaves a home: the answers Anna did not pick, a note she kept to herself,
# Bob's private 1:1 notes and his notes about Anna in the people list.
PRIVATE = (
    "Call three lapsed customers",  # her commitment, not picked
    "Dentist on Friday, keep it quiet",  # a note she never shared
    "Anna seems close to burning out",  # Bob's private 1:1 note
    "Moving house next month",  # Bob's private note in the second 1:1
)


class Scenario:
    def __init__(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.tmp, self.capsys = tmp_path, capsys
        self.remote = init_bare(tmp_path / "anna-bob.git")
        self.anna_home, self.bob_home = tmp_path / "anna", tmp_path / "bob"
        self.clock = Clock()

    def cli(self, home: Path, *argv: str) -> str:
        code, out, err = run(self.capsys, "--home", str(home), *argv)
        assert code == 0, err
        return out

    def app(self, home: Path, role: str) -> CompanionApp:
        context = role_asked(
            Context(Home(home), clock=self.clock, monotonic=self.clock.monotonic), role
        )
        return CompanionApp(context)

    def repositories(self) -> list[Path]:
        return [
            self.remote,
            *sorted(self.anna_home.glob("spaces/*/repo.git")),
            *sorted(self.bob_home.glob("spaces/*/repo.git")),
        ]

    def assert_nothing_private(self) -> None:
        for repository in self.repositories():
            history = full_history(repository)
            for text in PRIVATE:
                assert text not in history, (text, repository)


async def test_share_sync_agenda_1on1_sync_actions_done_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = Scenario(tmp_path, capsys)
    # Bob links Anna, Anna joins
    s.cli(s.bob_home, "people", "add", "Anna")
    s.cli(s.bob_home, "team", "link", "Anna", str(s.remote))
    s.cli(s.anna_home, "team", "join", str(s.remote), "--manager", "Bob")
    s.cli(s.anna_home, "log", "Dentist on Friday, keep it quiet")

    # Anna: a reflection, one answer shared; one item with `companion share`; sync
    app = s.app(s.anna_home, "rep")
    async with app.run_test(size=SIZE) as pilot:
        await synced(pilot)
        await pilot.press("r")
        await pilot.pause()
        await answer_whole_reflection(pilot)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ShareDialog)
        assert dialog.query_one("#offers", SelectionList).selected == []  # none by default
        labels = [label for label, _item in dialog.offers]
        at = next(i for i, label in enumerate(labels) if "Acme opened up about budget" in label)
        await pilot.press(*["down"] * at, "space", "ctrl+s")
        await synced(pilot)
    s.cli(s.anna_home, "share", "Can we talk about my territory?")
    s.cli(s.anna_home, "team", "sync")
    s.assert_nothing_private()

    # Bob: sync, the agenda, a weekly 1:1 that opens on it
    s.cli(s.bob_home, "team", "sync")
    agenda = s.cli(s.bob_home, "agenda", "--with", "Anna")
    assert "Acme opened up about budget" in agenda and "Can we talk about my territory?" in agenda
    app = s.app(s.bob_home, "manager")
    async with app.run_test(size=SIZE) as pilot:
        await synced(pilot)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter", "enter")  # Anna, the weekly 1:1
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, AgendaDialog)
        text = visible_text(app)
        assert "Acme opened up about budget" in text and "my territory" in text
        await pilot.press("d", "p", "down", "d", "escape")  # both discussed, one into the notes
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OneOnOneScreen)
        assert "Acme opened up about budget" in screen.query_one("#notes", TextArea).text
        await pilot.press("tab", *" We agreed on a territory review.")
        await pilot.press("ctrl+l", *"Anna seems close to burning out", "ctrl+l")
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*"Send Acme the revised proposal", "enter", "tab", "enter")
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press(*"The Acme budget talk was brave and well prepared", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s", "f")
        await synced(pilot)  # the sync after the 1:1 sent it
    s.assert_nothing_private()

    # Anna: sync; the summary, the action and the recognition came back; the action done
    s.cli(s.anna_home, "team", "sync")
    status = s.cli(s.anna_home, "team", "status")
    assert (
        "1:1 summary" in status
        and "We agreed on a territory review." not in status.split("came in")[0]
    )
    actions = s.cli(s.anna_home, "actions")
    assert "○" in actions and "Send Acme the revised proposal" in actions
    app = s.app(s.anna_home, "rep")
    async with app.run_test(size=SIZE) as pilot:
        await synced(pilot)
        home = visible_text(app)
        assert "Agreed with Bob: 1 open action" in home
        assert "Summary of your 1:1 on" in home
        assert "1 recognition from Bob" in home
        await pilot.press("t")
        await pilot.pause()
        shared = visible_text(app)
        assert "The Acme budget talk was brave and well prepared" in shared
        assert "Send Acme the revised proposal" in shared
    action_id = actions.split()[1]
    s.cli(s.anna_home, "actions", "done", action_id)
    s.cli(s.anna_home, "team", "sync")
    s.assert_nothing_private()

    # Bob: sync; the next 1:1's review starts with the action done
    s.cli(s.bob_home, "team", "sync")
    app = s.app(s.bob_home, "manager")
    async with app.run_test(size=SIZE) as pilot:
        await synced(pilot)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OneOnOneScreen)  # nothing left on the agenda: no dialog
        (action,) = screen.flow.open_actions
        assert screen.flow.outcome(action.uid) == "done"
        assert "Send Acme the revised proposal" in visible_text(app)
        await pilot.press("pagedown", "tab", "ctrl+l", *"Moving house next month", "ctrl+l")
        await pilot.press("ctrl+s", "f")
        await synced(pilot)
    assert s.cli(s.bob_home, "actions", "--open") == "No open actions.\n"
    s.assert_nothing_private()
    history = full_history(s.remote)
    for shared_text in (
        "Acme opened up about budget",
        "Can we talk about my territory?",
        "We agreed on a territory review.",
        "Send Acme the revised proposal",
        "The Acme budget talk was brave and well prepared",
    ):
        assert shared_text in history  # what was chosen did go
