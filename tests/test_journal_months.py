"""A journal that has grown for years, a file per month: writes touch one month, what is
derived per month follows every change, and the journal view lists every entry."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from benchmarks.data import write_journal
from companion.context import Context
from companion.models.journal import Note
from companion.storage.journal import Journal
from companion.tui.app import CompanionApp
from companion.tui.screens.journal import JournalScreen
from companion.tui.widgets.entry_list import EntryList
from tests.conftest import NOW
from tests.journal_files import files_of, month_file, rewrite
from tests.test_tui_recovery import settled

SIZE = (80, 24)


@pytest.fixture
def grown(tmp_path: Path) -> Journal:
    """600 entries over about seven months (schema 1, migrated as it opens)."""
    write_journal(tmp_path, 600)
    return Journal.open(tmp_path / "journal", cache=tmp_path / "cache")


def test_an_add_rewrites_only_its_own_month(grown: Journal) -> None:
    before = files_of(grown.folder)
    grown.add(Note(created=NOW, text="today"))
    after = files_of(grown.folder)
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {month_file(grown.folder).relative_to(grown.folder).as_posix()}


def test_facts_and_rows_follow_every_write_and_a_change_behind_their_back(
    grown: Journal,
) -> None:
    facts = grown.facts()
    assert facts.reflections + facts.notes == len(grown.rows()) == 600
    grown.add(Note(created=NOW, text="one more"))
    assert grown.facts().notes == facts.notes + 1
    again = Journal.open(grown.folder, cache=grown.cache_folder)  # nothing remembered
    rewrite(month_file(grown.folder), lambda t: t["entries"].popitem())  # another tool
    assert again.facts().notes + again.facts().reflections == 600
    assert len(again.rows()) == 600


@pytest.mark.parametrize("garbage", [b"", b"{", b"[1]", b'{"v": 1}', b"\xff"])
def test_damaged_caches_are_only_slower(grown: Journal, garbage: bytes) -> None:
    facts, rows = grown.facts(), list(grown.rows())
    for cached in grown.cache_folder.rglob("*.*"):
        cached.write_bytes(garbage)
    again = Journal.open(grown.folder, cache=grown.cache_folder)
    assert again.facts() == facts
    assert list(again.rows()) == rows


def test_an_entry_added_twice_is_kept_once(grown: Journal) -> None:
    note = Note(created=NOW, text="saved twice, as a draft after a kill")
    grown.add(note)
    grown.add(note)
    assert [e.uid for e in grown.entries()].count(note.uid) == 1


def test_replace_and_delete_by_uid(grown: Journal) -> None:
    note = Note(created=NOW, text="first words")
    grown.add(note)
    edited = note.model_copy(update={"text": "better words"})
    grown.replace(edited)
    assert grown.entry(note.uid).text == "better words"  # type: ignore[union-attr]
    moved = edited.model_copy(update={"created": NOW - timedelta(days=62)})
    grown.replace(moved)
    assert grown.entry(note.uid).created == moved.created
    assert [e.uid for e in grown.entries()].count(note.uid) == 1
    assert grown.delete(note.uid) and not grown.delete(note.uid)
    assert len(grown.entries()) == 600


async def test_the_journal_view_lists_every_month(make_app, context: Context) -> None:
    write_journal(context.home.root, 400)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        shown = list(screen.shown)
        assert len(shown) == 400
        assert shown == sorted(shown, key=lambda row: row.created, reverse=True)
        entries = screen.query_one(EntryList)
        await pilot.press("end")
        assert entries.highlighted == 399
        await pilot.press("slash", *"#win")
        await pilot.pause()
        assert len(screen.shown) and all("win" in row.tags for row in screen.shown)


async def test_one_unreadable_record_is_named_and_the_rest_still_listed(
    make_app, context: Context
) -> None:
    context.journal.add(Note(created=NOW, text="Called Acme"))
    bad = {"uid": 5, "created": NOW.isoformat(), "kind": "note", "text": "x"}
    rewrite(month_file(context.home.journal), lambda t: t["entries"].update({"2": bad}))
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("escape")  # carry on, past the offer to repair it
        await pilot.press("j")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        assert [row.summary for row in screen.shown] == ["Called Acme"]
        (problem,) = screen.unreadable
        assert "record 2" in problem and "entries/2026/11.json" in problem
        assert any("record 2" in n.message for n in app._notifications)
