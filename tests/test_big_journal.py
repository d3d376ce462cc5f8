"""A journal that has grown for years: writes copy records untouched, home facts stay cached
and right, and the journal view shows the newest entries at once and all of them soon after."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import msgspec
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.data import write_journal
from companion.context import Context
from companion.flows.progress import streak
from companion.models.content import AnswerKind
from companion.models.journal import Answer, Note, Reflection
from companion.storage.durable import LAST_MEMBER_WINDOW, last_member_is
from companion.storage.facts import JournalFacts
from companion.storage.journal import ENTRIES, NEWEST_ROWS, Journal
from companion.storage.rows import Row
from companion.storage.search import WordsInMemory
from companion.tui.app import CompanionApp
from companion.tui.screens.journal import FIRST_PAGE, JournalScreen
from companion.tui.widgets.entry_list import EntryList
from tests.conftest import NOW
from tests.test_tui_recovery import settled

SIZE = (80, 24)


def reflection(commitment: str, days_ago: int) -> Reflection:
    answer = Answer(
        prompt_id="commit", prompt="Today I will", kind=AnswerKind.COMMITMENT, value=commitment
    )
    return Reflection(created=NOW - timedelta(days=days_ago), answers=[answer])


def test_adding_an_entry_keeps_every_other_record_byte_for_byte(tmp_path: Path) -> None:
    path = write_journal(tmp_path, 300)
    before = path.read_bytes()
    Journal.open(path).add(Note(created=NOW, text="One more #win"))
    after = orjson.loads(path.read_bytes())
    assert path.read_bytes().startswith(before[: before.index(b'"300":')])
    assert after[ENTRIES]["301"]["text"] == "One more #win"
    assert len(Journal.open(path).entries()) == 301


def test_adds_after_the_first_splice_onto_the_raw_entries(tmp_path: Path) -> None:
    """The first add reads the ids; later ones take the next id from the cached facts and
    splice the record on, without splitting the other records apart."""
    path = tmp_path / "journal"
    path.write_text('{"meta": {"1": {"schema_version": 1}},\n "entries": {\n }\n}\n')
    journal = Journal.open(path)
    for number in range(3):
        journal.add(Note(created=NOW, text=f"note {number}"))
    tables = orjson.loads(path.read_bytes())
    assert list(tables[ENTRIES]) == ["1", "2", "3"]
    assert journal.facts().last_doc_id == 3
    assert [row.summary for row in journal.rows()] == ["note 0", "note 1", "note 2"]


def test_a_facts_cache_without_the_last_id_learns_it_on_the_next_add(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "journal", cache=tmp_path / "cache")
    journal.add(Note(created=NOW, text="one"))
    cache = tmp_path / "cache" / "facts.json"
    document = orjson.loads(cache.read_bytes())
    del document["value"]["last_doc_id"]  # written by an older Companion
    cache.write_bytes(orjson.dumps(document))

    again = Journal.open(journal.path, cache=tmp_path / "cache")
    again.add(Note(created=NOW, text="two"))

    assert orjson.loads(cache.read_bytes())["value"]["last_doc_id"] == 2
    assert again.facts().notes == 2


def test_a_wrong_next_id_in_the_cache_never_overwrites_an_entry(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "journal", cache=tmp_path / "cache")
    for number in range(3):
        journal.add(Note(created=NOW, text=f"note {number}"))
    cache = tmp_path / "cache" / "facts.json"
    document = orjson.loads(cache.read_bytes())
    document["value"]["last_doc_id"] = 1  # the stamp still matches: only the id is wrong
    cache.write_bytes(orjson.dumps(document))

    Journal.open(journal.path, cache=tmp_path / "cache").add(Note(created=NOW, text="fourth"))

    entries = orjson.loads(journal.path.read_bytes())[ENTRIES]
    assert [record["text"] for record in entries.values()] == [
        "note 0",
        "note 1",
        "note 2",
        "fourth",
    ]
    assert journal.path.read_bytes().count(b'"2":') == 1


def test_home_facts_follow_every_write_and_a_change_behind_their_back(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "journal")
    empty = journal.facts()
    assert empty._replace(schema_version=None, last_doc_id=None) == JournalFacts()
    journal.add(reflection("Call Acme", 2))
    journal.add(reflection("Book two demos", 1))
    journal.add(Note(created=NOW, text="quick one"))
    facts = journal.facts()
    assert (facts.reflections, facts.notes, facts.last_commitment) == (2, 1, "Book two demos")

    other = tmp_path / "elsewhere.json"  # another tool replaces the journal wholesale
    Journal.open(other).add(reflection("Something else entirely", 0))
    other.replace(journal.path)
    facts = journal.facts()
    assert (facts.reflections, facts.notes, facts.last_commitment) == (
        1,
        0,
        "Something else entirely",
    )


def test_the_newest_rows_follow_every_add_without_reading_the_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal.open(write_journal(tmp_path, NEWEST_ROWS + 5))
    newest = journal.newest()  # read from the file once, then cached
    assert (len(newest.rows), newest.total) == (NEWEST_ROWS, NEWEST_ROWS + 5)

    journal.add(Note(created=NOW, text="The Newest one"))
    monkeypatch.setattr(Journal, "_tables", lambda self: pytest.fail("read it all"))
    newest = journal.newest()

    assert newest.total == NEWEST_ROWS + 6
    assert len(newest.rows) == NEWEST_ROWS
    assert "The Newest one" in [row.summary for row in newest.rows]
    found = WordsInMemory(newest.words).doc_ids_with(["newest"])
    assert [row.summary for row in newest.rows if row.doc_id in found] == ["The Newest one"]
    monkeypatch.undo()
    read_afresh = Journal.open(journal.path, cache=tmp_path / "no-cache-yet").newest()
    assert read_afresh == newest


def test_the_newest_rows_are_read_again_after_a_change_behind_their_back(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "journal", cache=tmp_path / "cache")
    journal.add(Note(created=NOW, text="mine"))
    assert [row.summary for row in journal.newest().rows] == ["mine"]
    other = tmp_path / "elsewhere.json"
    Journal.open(other, cache=tmp_path / "other-cache").add(Note(created=NOW, text="theirs"))
    other.replace(journal.path)

    assert [row.summary for row in journal.newest().rows] == ["theirs"]


def test_home_facts_are_read_again_after_entries_are_deleted(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "journal")
    notes = [Note(created=NOW, text=f"note {n}") for n in range(2)]
    for note in notes:
        journal.add(note)
    assert journal.facts().notes == 2
    journal.delete(note.uid for note in notes)  # through TinyDB: the table is rewritten
    assert journal.facts().notes == 0


@pytest.mark.parametrize(
    "garbage",
    [b"\x00garbage", b'{"stamp": [1, 2, 3], "value": {}}', b'{"stamp": 5}'],
    ids=["not-json", "stale", "odd-shape"],
)
def test_damaged_caches_are_only_slower(tmp_path: Path, garbage: bytes) -> None:
    journal = Journal.open(tmp_path / "journal", cache=tmp_path / "cache")
    journal.add(reflection("Call Acme", 0))
    journal.facts()
    newest = journal.newest()
    for name in ("facts.json", "newest.json"):
        (tmp_path / "cache" / name).write_bytes(garbage)

    again = Journal.open(journal.path, cache=tmp_path / "cache")  # nothing remembered
    assert again.facts().last_commitment == "Call Acme"
    assert again.newest() == newest


def test_a_damaged_row_in_the_newest_cache_is_only_slower(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "journal", cache=tmp_path / "cache")
    journal.add(Note(created=NOW, text="kept"))
    journal.newest()
    cache = tmp_path / "cache" / "newest.json"
    document = orjson.loads(cache.read_bytes())
    document["value"]["rows"][0] = ["1", "uid"]  # too short
    cache.write_bytes(orjson.dumps(document))

    again = Journal.open(journal.path, cache=tmp_path / "cache")
    assert [row.summary for row in again.newest().rows] == ["kept"]


async def test_the_journal_view_shows_the_newest_then_every_entry(
    make_app, context: Context
) -> None:
    write_journal(context.home.root, FIRST_PAGE * 3)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(screen.shown) == FIRST_PAGE * 3
        assert screen.shown == sorted(screen.shown, key=lambda row: row.created, reverse=True)
        entries = screen.query_one(EntryList)
        await pilot.press("end")
        assert entries.highlighted == FIRST_PAGE * 3 - 1
        await pilot.press("pageup", "up")
        assert entries.highlighted < FIRST_PAGE * 3 - 10
        await pilot.press("slash", *"#win")
        await pilot.pause()
        assert screen.shown and all("win" in row.tags for row in screen.shown)


async def test_one_unreadable_record_is_named_and_the_rest_still_listed(
    make_app, context: Context
) -> None:
    context.journal.add(Note(created=NOW, text="Called Acme"))
    tables = orjson.loads(context.home.journal.read_bytes())
    tables[ENTRIES]["2"] = {"uid": 5, "created": NOW.isoformat(), "kind": "note", "text": "x"}
    context.home.journal.write_bytes(orjson.dumps(tables))
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
        assert "record 2" in problem
        assert any("record 2" in n.message for n in app._notifications)


async def test_the_journal_view_filters_on_when_its_search_file_is_replaced(
    make_app, context: Context
) -> None:
    """Another Companion may build the index again while this view searches the old one: the
    filter then searches the journal itself, and finds the same."""
    write_journal(context.home.root, FIRST_PAGE * 2)
    Journal.open(context.home.journal, cache=context.home.cache).index()
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        await pilot.press("slash", *"acme")
        await pilot.pause()
        before = [row.doc_id for row in screen.shown]
        await pilot.press(*["backspace"] * 4)
        words = context.home.cache / "index" / "words.txt"
        words.with_name("copy").write_bytes(words.read_bytes())
        words.with_name("copy").replace(words)

        await pilot.press(*"acme")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert before
        assert [row.doc_id for row in screen.shown] == before


@pytest.mark.parametrize(
    ("table", "doc_id", "expected"),
    [
        (b'{"1": {"a": 1}, "2": {"b": 2}}', "2", True),
        (b'{"1": {"a": 1}, "2": {"b": 2}}', "1", False),  # not the last record
        (b'{\n  "1": {\n    "a": 1\n  }\n}', "1", True),  # written by hand, indented
        (b'{"1": {}, "2": {"3": [1]}}', "3", False),  # a key inside the last record
        (b'{"1": {"t": "say \\"3\\": 1"}}', "3", False),  # inside a string
        (b'{"1": {"k\\"3": 1}}', "3", False),  # the end of a key with a quote in it
        (b'{"12": {}}', "2", False),
        (b"{}", "0", False),
    ],
)
def test_the_last_record_is_found_from_the_end(table: bytes, doc_id: str, expected: bool) -> None:
    assert last_member_is(msgspec.Raw(table), doc_id) is expected


def test_a_last_record_longer_than_the_window_is_left_to_the_slow_way() -> None:
    long_text = "x" * LAST_MEMBER_WINDOW
    table = b'{"1": {"text": "' + long_text.encode() + b'"}}'
    assert last_member_is(msgspec.Raw(table), "1") is False


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["reflection", "note"]),
            st.integers(0, 30).map(lambda n: n // 3 * 8),  # hours after NOW: ties, gaps
            st.sampled_from([None, "", "Call Acme", "Book a demo"]),
        ),
        max_size=30,
    )
)
def test_the_facts_of_a_whole_journal_are_those_of_adding_its_rows_one_by_one(
    entries: list[tuple[str, int, str | None]],
) -> None:
    rows = [
        Row(str(n), f"u{n}", NOW + timedelta(hours=hours), kind, (), "")
        for n, (kind, hours, _commitment) in enumerate(entries, start=1)
    ]
    commitments = {
        str(n): commitment
        for n, (kind, _hours, commitment) in enumerate(entries, start=1)
        if kind == "reflection" and commitment
    }
    one_by_one = JournalFacts(unreadable=("x",), schema_version=2)
    for row in rows:
        one_by_one = one_by_one.plus(row, commitments.get(row.doc_id))
    assert JournalFacts.of(rows, commitments, ["x"], 2) == one_by_one


def facts_of_days(*days_ago: int) -> JournalFacts:
    facts = JournalFacts()
    for n, back in enumerate(days_ago, start=1):
        facts = facts.plus(Row(str(n), f"u{n}", NOW - timedelta(days=back), "reflection", (), ""))
    return facts


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [
        ((), 0),
        ((0,), 1),
        ((2, 1, 0), 3),
        ((2, 1), 2),  # today still open: the run ending yesterday counts
        ((3, 2), 0),  # broken yesterday
        ((0, 2, 3), 1),
        ((0, 2, 1), 3),  # yesterday written after today: the gap is filled
        ((-2, 0, 1), 2),  # one dated after today: counted back from today
        ((-2, 1), 1),
        ((-1, -2), 0),
    ],
)
def test_the_streak_counts_the_days_in_a_row_ending_today_or_yesterday(
    days_ago: tuple[int, ...], expected: int
) -> None:
    facts = facts_of_days(*days_ago)
    assert streak(facts, NOW.date()) == expected
    cached = JournalFacts.from_json(orjson.loads(orjson.dumps(facts.to_json())))
    assert streak(cached, NOW.date()) == expected


def test_facts_cached_by_an_older_companion_count_the_run_from_their_days() -> None:
    document = facts_of_days(3, 1, 0).to_json()
    del document["run_end"], document["run_length"]
    assert streak(JournalFacts.from_json(document), NOW.date()) == 2
