"""The journal index kept on disk: the journal view reads it instead of the whole journal,
searches words on disk, reads one entry at a time, and anything stale or damaged is only
slower, never wrong."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest

from benchmarks.data import write_journal
from companion.flows.journal_query import parse_query
from companion.models.journal import Note
from companion.models.tags import extract_tags
from companion.storage import search
from companion.storage.durable import record_spans, split_tables
from companion.storage.index import readable_rows
from companion.storage.journal import ENTRIES, Journal
from companion.storage.rows import Spans
from companion.storage.search import SearchFile, StaleSearch, WordsInMemory
from tests.conftest import NOW

TODAY = date.today()  # the generated journal ends today
QUERIES = ("acme", "renewal acme", "#win", "since:90d until:30d", "coaching #win")


def never(*args: object) -> None:
    pytest.fail("read the whole journal")


def found(journal: Journal, text: str) -> list[str]:
    index = journal.index()
    return [row.doc_id for row in parse_query(text, TODAY).select(index.rows, index.search)]


def expected(path: Path, text: str) -> list[str]:
    """What filtering every entry's words in memory finds, straight from the file."""
    records = Journal.open(path, cache=path.parent / "elsewhere").index(cached=False)
    query = parse_query(text, TODAY)
    return [row.doc_id for row in query.select(records.rows, records.search)]


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    path = write_journal(tmp_path, 300)
    built = Journal.open(path, cache=tmp_path / "cache")
    built.index()  # reads the journal, writes the index
    return Journal.open(path, cache=tmp_path / "cache")


def test_the_cached_index_is_read_without_the_journal_and_finds_the_same(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = {text: expected(journal.path, text) for text in QUERIES}
    assert all(answers.values())  # every query finds something in the generated journal
    monkeypatch.setattr(Journal, "_tables", never)

    index = journal.index()

    assert isinstance(index.search, SearchFile)  # the words stay on disk
    assert len(index.rows) == 300
    assert {text: found(journal, text) for text in QUERIES} == answers


def test_an_entry_is_read_alone_from_where_the_index_found_it(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = journal.index().rows
    wanted = {row.doc_id: journal.entry(row.doc_id).uid for row in rows}
    monkeypatch.setattr(Journal, "_tables", never)
    assert {row.doc_id: journal.entry_view(row).uid for row in rows} == wanted


def test_adds_keep_the_index_current_without_reading_the_journal(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.index()
    for text in ("Zanzibar pipeline review #deal", "Second zanzibar call"):
        journal.add(Note(created=NOW, text=text, tags=extract_tags(text)))
    monkeypatch.setattr(Journal, "_tables", never)

    index = journal.index()
    new = [row for row in index.rows if row.doc_id in {"301", "302"}]

    assert len(index.rows) == 302
    assert found(journal, "zanzibar") == ["301", "302"]
    assert found(journal, "zanzibar #deal") == ["301"]
    assert [journal.entry_view(row).text for row in new] == [
        "Zanzibar pipeline review #deal",
        "Second zanzibar call",
    ]


def test_the_spans_a_write_notes_are_where_the_records_are(tmp_path: Path) -> None:
    """Both ways of adding: spliced after the raw table (the next id known), and with the
    records split apart (the first add of a journal whose facts are not cached)."""
    path = write_journal(tmp_path, 20)
    journal = Journal.open(path, cache=tmp_path / "cache")
    for number in range(3):
        journal.add(Note(created=NOW, text=f"note {number}"))
        source = path.read_bytes()
        tables = orjson.loads(source)
        noted = journal.newest().spans
        for doc_id in tables[ENTRIES]:
            span = noted.get(doc_id)
            if span is not None:
                record = orjson.loads(source[span.start : span.start + span.length])
                assert record == tables[ENTRIES][doc_id]
        assert noted.get(str(21 + number)) is not None


def test_records_are_placed_in_a_pretty_printed_journal(tmp_path: Path) -> None:
    path = write_journal(tmp_path, 5)
    path.write_bytes(orjson.dumps(orjson.loads(path.read_bytes()), option=orjson.OPT_INDENT_2))
    journal = Journal.open(path, cache=tmp_path / "cache")
    source = path.read_bytes()
    spans = record_spans(source, journal._tables().records(ENTRIES))
    assert len(spans) == 5
    rows = journal.index().rows
    assert [journal.entry_view(row).uid for row in rows] == [
        journal.entry(row.doc_id).uid for row in rows
    ]


def test_a_record_it_cannot_place_is_read_the_slow_way(tmp_path: Path) -> None:
    path = write_journal(tmp_path, 3)
    path.write_bytes(path.read_bytes().replace(b'"2":', b'"2" :'))  # valid JSON, unusual
    journal = Journal.open(path, cache=tmp_path / "cache")
    spans = record_spans(path.read_bytes(), journal._tables().records(ENTRIES))
    assert (spans.get("1") is not None, spans.get("2"), spans.get("3")) == (True, None, None)
    rows = journal.index().rows
    assert len({journal.entry_view(row).uid for row in rows}) == 3


def test_a_wrong_span_never_shows_another_entry(journal: Journal) -> None:
    rows = journal.index().rows
    stamp, spans = journal._spans
    wrong = Spans()
    for row, other in zip(rows, rows[1:] + rows[:1], strict=True):
        span = spans.get(other.doc_id)
        assert span is not None
        wrong[row.doc_id] = span  # every row pointing at another's record
    journal._spans = (stamp, wrong)
    assert [journal.entry_view(row).uid for row in rows[:5]] == [row.uid for row in rows[:5]]


def test_the_index_is_built_again_after_a_change_behind_its_back(
    journal: Journal, tmp_path: Path
) -> None:
    journal.index()
    other = tmp_path / "elsewhere.json"
    Journal.open(other, cache=tmp_path / "other-cache").add(Note(created=NOW, text="theirs"))
    other.replace(journal.path)

    index = journal.index()
    assert [row.summary for row in index.rows] == ["theirs"]
    assert journal.entry_view(index.rows[0]).text == "theirs"


@pytest.mark.parametrize(
    ("name", "damage"),
    [
        ("meta.json", b"\x00garbage"),
        ("meta.json", b'{"version": 1, "stamp": 5}'),
        ("rows.jsonl", b'["1", "uid"]\n'),
        ("rows.jsonl", b""),
        ("words.txt", b"short\n"),
    ],
    ids=["meta-not-json", "meta-odd", "row-too-short", "rows-empty", "words-cut"],
)
def test_a_damaged_index_is_only_slower(journal: Journal, name: str, damage: bytes) -> None:
    answers = {text: expected(journal.path, text) for text in QUERIES}
    (journal.cache_folder / "index" / name).write_bytes(damage)
    again = Journal.open(journal.path, cache=journal.cache_folder)
    assert len(again.index().rows) == 300
    assert {text: found(again, text) for text in QUERIES} == answers


def test_a_search_file_replaced_under_it_says_so(journal: Journal) -> None:
    index = journal.index()
    words = journal.cache_folder / "index" / "words.txt"
    copy = words.with_name("copy")
    copy.write_bytes(words.read_bytes())
    copy.replace(words)  # a new file: another Companion built the index again
    with pytest.raises(StaleSearch):
        index.search.doc_ids_with(["acme"])


@pytest.mark.parametrize("block", [7, 4096, search.BLOCK], ids=["tiny", "small", "default"])
def test_words_in_memory_and_on_disk_agree(
    journal: Journal, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    """Whatever the blocks it reads the file in, lines cut in two included."""
    monkeypatch.setattr(search, "BLOCK", block)
    records = journal._tables().records(ENTRIES)
    in_memory = WordsInMemory(readable_rows(records, records).words)
    on_disk = journal.index().search
    for words in ([], ["acme"], ["acme", "renewal"], ["é"], ["no-such-word"], ["#win"]):
        assert on_disk.doc_ids_with(words) == in_memory.doc_ids_with(words)


def test_records_appended_then_read_in_the_same_transaction(tmp_path: Path) -> None:
    """Tables hold appended records apart until written; reading the table before that
    gives them back with the others, and writing puts each where its span says."""
    path = write_journal(tmp_path, 2)
    tables = split_tables(path, path.read_bytes())
    for number in (3, 4):
        assert tables.append(ENTRIES, orjson.dumps({"n": number}), number - 1) == str(number)
    written = b"".join(tables.chunks())
    spans = tables.written_spans[ENTRIES]

    assert [doc["n"] for key, doc in tables[ENTRIES].items() if key in "34"] == [3, 4]
    for doc_id in ("3", "4"):
        span = spans.get(doc_id)
        assert span is not None
        assert orjson.loads(written[span.start : span.start + span.length]) == {"n": int(doc_id)}


def test_an_index_that_cannot_be_cached_is_searched_in_memory(tmp_path: Path) -> None:
    path = write_journal(tmp_path, 50)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "index").write_text("a file where the folder would go")
    journal = Journal.open(path, cache=tmp_path / "cache")

    index = journal.index()

    assert isinstance(index.search, WordsInMemory)
    assert found(journal, "acme") == expected(path, "acme") != []
    assert [journal.entry_view(row).uid for row in index.rows[:3]] == [
        row.uid for row in index.rows[:3]
    ]


def test_an_add_to_a_journal_changed_behind_the_index_drops_it(
    journal: Journal, tmp_path: Path
) -> None:
    journal.index()
    meta = journal.cache_folder / "index" / "meta.json"
    assert meta.exists()
    other = tmp_path / "elsewhere.json"
    Journal.open(other, cache=tmp_path / "other-cache").add(Note(created=NOW, text="theirs"))
    other.replace(journal.path)

    journal.add(Note(created=NOW, text="mine"))

    assert not meta.exists()
    assert [row.summary for row in journal.index().rows] == ["theirs", "mine"]
