"""The shared space in the app, driven with the keyboard: share at the end of a reflection and
from the journal, the 1:1 opening on the rep's agenda and sending its summary, what came in
on the rep's home, and the sync that never holds up the screen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import SelectionList, Static, TextArea

from companion.context import Context
from companion.flows.sharing import space_id
from companion.models.coaching import Person
from companion.models.journal import Note
from companion.spaces.local import NewItem, Space, open_space, spaces_root
from companion.tui.app import CompanionApp
from companion.tui.screens.agenda_dialog import AgendaDialog
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.journal import JournalScreen
from companion.tui.screens.one_on_one import OneOnOneScreen
from companion.tui.screens.share_dialog import ShareDialog
from companion.tui.screens.team import TeamScreen
from companion.tui.space_sync import GROUP, is_syncing
from tests.conftest import NOW, visible_text
from tests.spaces_helpers import full_history, git_env, init_bare
from tests.test_tui_one_on_one import add_sam, start_weekly_with_sam
from tests.test_tui_reflection import answer_whole_reflection

__all__ = ["git_env"]  # fixtures used here
pytestmark = pytest.mark.usefixtures("git_env")
SIZE = (80, 24)


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    return init_bare(tmp_path / "space.git")


def link(tmp_path: Path, home: str, remote: Path, side: str, partner: str) -> Space:
    from companion.spaces.local import connect, suggest_id

    root = spaces_root(tmp_path / home)
    return connect(root, suggest_id(root, partner), str(remote), side, partner)  # type: ignore[arg-type]


@pytest.fixture
def as_rep(context: Context, remote: Path, tmp_path: Path) -> Space:
    """This home is Sam's, the rep, who joined the space their manager Bob linked."""
    link(tmp_path, "bob", remote, "manager", "Sam Rivera")
    return link(tmp_path, "home", remote, "rep", "Bob")


@pytest.fixture
def as_manager(context: Context, remote: Path, tmp_path: Path) -> Space:
    """This home is the manager's, linked to Sam, who joined it from a home of their own."""
    space = link(tmp_path, "home", remote, "manager", "Sam Rivera")
    link(tmp_path, "sam", remote, "rep", "Bob")
    return space


def sam(tmp_path: Path) -> Space:
    return open_space(spaces_root(tmp_path / "sam"), "bob")


def bob(tmp_path: Path) -> Space:
    return open_space(spaces_root(tmp_path / "bob"), "sam-rivera")


async def synced(pilot) -> None:  # type: ignore[no-untyped-def]
    """Once every sync started so far (the one at start too) has ended and been shown."""
    await pilot.pause()
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not is_syncing(pilot.app):
            break
    await pilot.pause()


# -- home ---------------------------------------------------------------------------------------


async def test_a_home_without_a_space_shows_none_and_starts_no_sync(
    make_app, context: Context
) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#spaces", Static).display
        assert not [worker for worker in app.workers if worker.group == GROUP]
        await pilot.press("s")  # sync: not offered without a space
        assert not [worker for worker in app.workers if worker.group == GROUP]
    assert not (context.home.root / "spaces").exists()


async def test_the_reps_home_shows_what_came_back_and_an_action_is_marked_done(
    make_app, context: Context, as_rep: Space, tmp_path: Path
) -> None:
    manager = bob(tmp_path)
    (summary, action, _thanks) = manager.record(
        [
            NewItem("summary", "We planned the Acme call", {"held": date(2026, 11, 20)}),
            NewItem("action", "Call Acme back [b]today[/b]", {"owner": "rep"}),
            NewItem("recognition", "Great renewal with Initech"),
        ]
    )
    manager.sync()
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await synced(pilot)  # the sync at start, in a worker
        shown = str(app.screen.query_one("#spaces", Static).render())
        assert "Agreed with Bob: 1 open action" in shown
        assert "Summary of your 1:1 on Fri 20 Nov" in shown
        assert "1 recognition from Bob" in shown

        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)
        text = visible_text(app)
        assert "Call Acme back [b]today[/b]" in text  # markup shown, not obeyed
        assert "Great renewal with Initech" in text
        first = app.screen.rows[app.screen.query_one("#items").highlighted]
        assert first.item is not None  # on an item, not a heading: the reader shows it
        assert "We planned the Acme call" in str(app.screen.query_one("#item-text").render())
        rows = app.screen.rows
        at = next(i for i, row in enumerate(rows) if row.item and row.item.id == action.id)
        app.screen.query_one("#items").highlighted = at
        await pilot.press("x")
        await synced(pilot)
        assert as_rep.state().items[action.id].status == "done"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "open action" not in str(app.screen.query_one("#spaces", Static).render())

    manager.sync()
    assert manager.state().items[action.id].status == "done"  # the manager sees it
    assert summary.id in manager.state().items


# -- the rep shares --------------------------------------------------------------------------------


async def test_the_end_of_a_reflection_offers_to_share_with_none_picked(
    make_app, context: Context, as_rep: Space, tmp_path: Path
) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await synced(pilot)
        await pilot.press("r")
        await pilot.pause()
        await answer_whole_reflection(pilot)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ShareDialog)
        assert "Share with Bob?" in visible_text(app)
        assert dialog.query_one("#offers", SelectionList).selected == []
        assert "Nothing is picked: nothing will be sent." in visible_text(app)
        labels = [label for label, _item in dialog.offers]
        win = next(i for i, label in enumerate(labels) if "Acme opened up about budget" in label)
        for _ in range(win):
            await pilot.press("down")
        await pilot.press("space")
        await pilot.pause()
        assert "Acme opened up about budget" in str(dialog.query_one("#preview").render())
        await pilot.press("ctrl+s")
        await synced(pilot)
        assert isinstance(app.screen, HomeScreen)

    (item,) = as_rep.state().agenda()
    assert item.item.text == "Acme opened up about budget"
    assert item.item.reflection == NOW.date()  # type: ignore[union-attr]
    history = full_history(tmp_path / "space.git")
    assert "Acme opened up about budget" in history
    assert "Call three lapsed customers" not in history  # not picked: never leaves


async def test_escape_at_the_end_of_a_reflection_shares_nothing(
    make_app, as_rep: Space, tmp_path: Path
) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await synced(pilot)
        await pilot.press("r")
        await pilot.pause()
        await answer_whole_reflection(pilot)
        await pilot.pause()
        await pilot.press("space")  # picked ...
        await pilot.press("escape")  # ... and left: nothing goes
        await synced(pilot)
    assert as_rep.state().items == {}
    assert "Acme" not in full_history(tmp_path / "space.git")


async def test_the_journal_shares_the_highlighted_entry_after_a_preview(
    make_app, context: Context, as_rep: Space, tmp_path: Path
) -> None:
    context.journal.add(Note(created=NOW, text="Private thought, not for Bob"))
    context.journal.add(Note(created=NOW.replace(hour=11), text="Need help pricing Initech"))
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await synced(pilot)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ShareDialog)
        assert "Need help pricing Initech" in str(app.screen.query_one("#preview").render())
        await pilot.press("ctrl+s")
        await synced(pilot)
    (item,) = as_rep.state().agenda()
    assert item.item.text == "Need help pricing Initech"
    assert "Private thought" not in full_history(tmp_path / "space.git")


# -- the manager's 1:1 -------------------------------------------------------------------------


async def test_the_1on1_opens_on_the_reps_agenda_and_sends_its_summary_back(
    make_app, context: Context, as_manager: Space, tmp_path: Path
) -> None:
    add_sam(context)
    rep = sam(tmp_path)
    rep.share("Can we talk about my territory?")
    rep.share("Help with the Acme negotiation")
    rep.sync()
    as_manager.sync()
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await synced(pilot)
        assert "Sam Rivera shared 2 items for your next 1:1" in visible_text(app)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, AgendaDialog)  # before anything else
        assert "Can we talk about my territory?" in visible_text(app)
        await pilot.press("down", "d", "p")  # the Acme item: discussed, into the notes
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OneOnOneScreen)
        assert "Help with the Acme negotiation" in screen.query_one("#notes", TextArea).text
        await pilot.press("ctrl+l", *"Sam looks worn out", "ctrl+l")  # private
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press(*"Handled the Acme objection brilliantly", "enter")
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*"Send Acme the revised proposal", "enter", "tab", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s", "f")
        await synced(pilot)

    rep.sync()
    state = rep.state()
    assert [item.item.text for item in state.agenda()] == ["Can we talk about my territory?"]
    (summary,) = state.summaries()
    assert "Help with the Acme negotiation" in summary.item.text
    (action,) = state.open_actions()
    assert action.item.text == "Send Acme the revised proposal"
    (local,) = context.journal.actions()
    assert action.id == space_id(local.uid)  # the same action on both sides
    (thanks,) = state.recognitions()
    assert thanks.item.text == "Handled the Acme objection brilliantly"
    for repository in (tmp_path / "space.git", as_manager.repository, rep.repository):
        assert "Sam looks worn out" not in full_history(repository)


async def test_an_action_the_rep_marked_done_starts_the_next_review_done(
    make_app, context: Context, as_manager: Space, tmp_path: Path
) -> None:
    from companion.flows.one_on_one import OneOnOneFlow
    from companion.sharing import send_one_on_one

    person: Person = add_sam(context)
    script = context.library.get("essentials/weekly-1on1")
    flow = OneOnOneFlow(person, script, [], NOW)  # type: ignore[arg-type]
    flow.add_action("Send the deck", "rep", None, NOW)
    finished = flow.finish(NOW)
    context.journal.save_one_on_one(finished.record, finished.new_actions, finished.status_changes)
    send_one_on_one(context.home, finished.record)
    as_manager.sync()
    rep = sam(tmp_path)
    rep.sync()
    rep.mark(space_id(finished.new_actions[0].uid), "done")
    rep.sync()

    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await synced(pilot)
        screen = await start_weekly_with_sam(pilot)
        await pilot.pause()
        assert screen.flow.outcome(finished.new_actions[0].uid) == "done"
        assert "Send the deck" in visible_text(app)
