"""The app on a damaged journal: it says which file and what is wrong, offers the repairs
that lose nothing, and goes on to home once the journal is mended."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from companion.context import Context
from companion.errors import CorruptJournal
from companion.models.journal import Note
from companion.storage.backups import take_backups
from companion.storage.journal import Journal
from companion.tui.app import CompanionApp
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.recovery import RecoveryScreen
from tests.conftest import NOW, visible_text
from tests.journal_files import coaching_file, replace_bytes, rewrite
from tests.test_recovery import spoil, spoiled_file

SIZE = (80, 24)


def damaged_app(context: Context) -> CompanionApp:
    """The app as `companion` starts it when the journal does not open."""
    try:
        Journal.open(context.home.journal, cache=context.home.cache)
    except CorruptJournal as error:
        return CompanionApp(context, damaged=error)
    raise AssertionError("the journal opened")


async def settled(pilot: Pilot[int]) -> None:
    """Wait for the recovery screen's work (a thread) and for what it then draws."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def truncated(context: Context) -> bytes:
    """A journal with a note and a good backup of it, then cut in half."""
    context.journal.add(Note(created=NOW, text="kept safe"))
    take_backups(context.home.journal, context.home.backups, NOW, start=True)
    bad = coaching_file(context.home.journal).read_bytes()[:40]
    replace_bytes(coaching_file(context.home.journal), bad)
    return bad


async def test_a_journal_that_does_not_read_is_restored_from_the_newest_backup(
    truncated: bytes, context: Context
) -> None:
    app = damaged_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, RecoveryScreen)
        text = visible_text(app)
        assert "coaching.json" in text and "not valid JSON at line 1" in text
        assert "Nothing has been changed" in text and "Newest good backup: start-" in text
        assert coaching_file(context.home.journal).read_bytes() == truncated

        await pilot.press("r")
        await settled(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "0 reflections, 1 note " in visible_text(app)  # the note the backup held
        assert any("Restored start-" in n.message for n in app._notifications)
    [kept] = context.home.root.glob("journal.damaged-*")
    assert coaching_file(kept).read_bytes() == truncated


async def test_without_a_backup_a_new_journal_is_offered_and_the_old_kept(
    context: Context,
) -> None:
    coaching_file(context.home.journal).parent.mkdir(parents=True)
    coaching_file(context.home.journal).write_bytes(b"\0" * 64)
    app = damaged_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert "There is no good backup" in visible_text(app)
        assert app.screen.check_action("restore", ()) is False
        await pilot.press("n")
        await settled(pilot)
        assert isinstance(app.screen, HomeScreen)
    [kept] = context.home.root.glob("journal.damaged-*")
    assert coaching_file(kept).read_bytes() == b"\0" * 64
    assert len(Journal.open(context.home.journal).rows()) == 0


@pytest.fixture
def spoiled(context: Context) -> bytes:
    return spoil(context)


async def test_invalid_records_are_offered_to_be_set_aside_on_start(
    spoiled: bytes, make_app, context: Context
) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, RecoveryScreen)
        text = visible_text(app)
        assert "record 2 in 'entries' is invalid (uid" in text
        assert "Set aside leaves the 1 invalid record out" in text

        await pilot.press("s")
        await settled(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "2 notes" in visible_text(app) and "cannot be read" not in visible_text(app)
        assert any("Set 1 invalid record aside" in n.message for n in app._notifications)
    path = spoiled_file(context.home)
    [kept] = path.parent.glob(f"{path.name}.damaged-*")
    assert kept.read_bytes() == spoiled
    assert [row.summary for row in context.journal.rows()] == ["three", "one"]  # newest first


async def test_carrying_on_shows_the_rest_and_the_repair_stays_one_key_away(
    spoiled: bytes, make_app, context: Context
) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = visible_text(app)
        assert "2 notes" in text and "1 entry cannot be read: press d" in text
        assert "Repair" in text  # in the footer while it is needed
        assert spoiled_file(context.home).read_bytes() == spoiled

        await pilot.press("d")
        await settled(pilot)
        assert isinstance(app.screen, RecoveryScreen)


async def test_an_invalid_person_opens_recovery_instead_of_crashing(
    make_app, context: Context
) -> None:
    from companion.models.coaching import Person
    from companion.tui.screens.coach_setup import CoachSetupScreen

    context.journal.add_person(Person(name="Sam Rivera", created=NOW))
    context.journal.add_person(Person(name="Alex Kim", created=NOW))
    rewrite(coaching_file(context.home.journal), lambda t: t["people"]["1"].update(name=7))
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await settled(pilot)
        assert isinstance(app.screen, RecoveryScreen)
        assert "record 1 in 'people' is invalid (name" in visible_text(app)
        await pilot.press("s")
        await settled(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("o")
        await settled(pilot)
        assert isinstance(app.screen, CoachSetupScreen)
        assert [p.name for p in app.screen.people] == ["Alex Kim"]
