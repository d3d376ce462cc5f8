"""Filtering the journal: dates as people type them, words, #tags and ranges."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from benchmarks.data import write_journal
from companion.flows.journal_query import JournalQuery, QueryError, parse_day, parse_query
from companion.models.content import AnswerKind
from companion.models.journal import Answer, CommitmentReview, Note, Reflection
from companion.storage.journal import Journal

TODAY = date(2026, 11, 23)


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


NOTE = Note(created=at(20), text="Closed the ACME renewal #win", tags=["win"])
OTHER_NOTE = Note(created=at(22), text="Lost the Globex pitch", tags=["loss", "lesson"])
REFLECTION = Reflection(
    created=at(21),
    source="essentials/daily",
    title="Daily reflection",
    answers=[
        Answer(prompt_id="energy", prompt="Energy", kind=AnswerKind.SCALE, value=4, scale_max=5),
        Answer(
            prompt_id="obstacle",
            prompt="An obstacle",
            kind=AnswerKind.TEXT,
            value="Pricing objections from Initech",
        ),
        Answer(
            prompt_id="focus", prompt="Focus", kind=AnswerKind.TAGS, value=["prospecting", "admin"]
        ),
        Answer(
            prompt_id="commit",
            prompt="Commitment",
            kind=AnswerKind.COMMITMENT,
            value="Book the Hooli demo",
        ),
    ],
    review=CommitmentReview(text="Send the Umbrella proposal", kept="yes"),
    tags=["prospecting", "admin"],
)
ALL = [NOTE, REFLECTION, OTHER_NOTE]


# -- parse_day ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-01", date(2026, 11, 1)),
        ("2024-02-29", date(2024, 2, 29)),
        ("today", TODAY),
        (" Today ", TODAY),
        ("yesterday", date(2026, 11, 22)),
        ("YESTERDAY", date(2026, 11, 22)),
        ("7d", date(2026, 11, 16)),
        ("0d", TODAY),
        ("30D", date(2026, 10, 24)),
        ("365d", date(2025, 11, 23)),
    ],
)
def test_parse_day(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    ["2026-13-01", "2026-02-30", "2026-13-45", "7 days", "-3d", "last week", "11/23/2026", ""],
)
def test_parse_day_refuses_with_a_helpful_message(text: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_day(text, TODAY)

    message = str(caught.value)
    assert repr(text) in message
    for hint in ("YYYY-MM-DD", "today", "yesterday", "7d"):
        assert hint in message


# -- parse_query ----------------------------------------------------------------------------


def test_parse_query_reads_words_tags_and_dates() -> None:
    query = parse_query("Acme #Win renewal since:2026-11-01 until:today", TODAY)

    assert query == JournalQuery(
        words=("acme", "renewal"),
        tags=("win",),
        since=date(2026, 11, 1),
        until=TODAY,
    )


def test_parse_query_from_and_to_are_since_and_until() -> None:
    query = parse_query("FROM:7d to:yesterday", TODAY)

    assert query.since == date(2026, 11, 16)
    assert query.until == date(2026, 11, 22)
    assert query.words == ()
    assert query.tags == ()


def test_parse_query_takes_the_dutch_words_the_dutch_placeholder_shows() -> None:
    from companion import i18n

    i18n.set_language("nl")  # the date words are those of the interface (and English)
    query = parse_query("Acme sinds:gisteren tot:vandaag", TODAY)
    assert (query.since, query.until, query.words) == (date(2026, 11, 22), TODAY, ("acme",))
    assert parse_query("vanaf:7d", TODAY).since == date(2026, 11, 16)


def test_parse_query_empty() -> None:
    query = parse_query("   ", TODAY)

    assert query.is_empty
    assert query.filter(ALL) == ALL


def test_parse_query_ignores_a_date_operator_still_being_typed() -> None:
    query = parse_query("acme since: until:", TODAY)

    assert query == JournalQuery(words=("acme",))


def test_parse_query_bad_date_is_an_error() -> None:
    with pytest.raises(QueryError, match="'someday' is not a date"):
        parse_query("acme since:someday", TODAY)


@pytest.mark.parametrize(
    "text",
    ["since:2026-11-20 until:2026-11-19", "from:today to:yesterday", "since:today until:7d"],
)
def test_empty_range_is_an_error(text: str) -> None:
    with pytest.raises(QueryError, match="the range is empty"):
        parse_query(text, TODAY)


def test_empty_range_is_an_error_when_built_directly() -> None:
    with pytest.raises(QueryError, match="2026-11-20 is after 2026-11-19"):
        JournalQuery(since=date(2026, 11, 20), until=date(2026, 11, 19))


# -- matching -------------------------------------------------------------------------------


def search(text: str) -> list[Note | Reflection]:
    return parse_query(text, TODAY).filter(ALL)


def test_words_match_notes_case_insensitively() -> None:
    assert search("acme") == [NOTE]
    assert search("ACME Renewal") == [NOTE]
    assert search("acme globex") == []  # every word must be there


@pytest.mark.parametrize(
    "word",
    ["initech", "PRICING", "hooli", "umbrella", "prospecting", "daily"],
    ids=["text-answer", "case", "commitment", "review", "tag-answer", "title"],
)
def test_words_match_inside_reflections(word: str) -> None:
    assert search(word) == [REFLECTION]


def test_tags_must_all_be_present() -> None:
    assert search("#win") == [NOTE]
    assert search("#LOSS #lesson") == [OTHER_NOTE]
    assert search("#loss #win") == []
    assert search("#admin #prospecting") == [REFLECTION]


def test_date_range_is_inclusive() -> None:
    assert search("since:2026-11-21") == [REFLECTION, OTHER_NOTE]
    assert search("until:2026-11-21") == [NOTE, REFLECTION]
    assert search("since:2026-11-21 until:2026-11-21") == [REFLECTION]
    assert search("since:yesterday") == [OTHER_NOTE]
    assert search("since:today") == []


def test_everything_combined() -> None:
    assert search("pitch #loss since:3d until:today") == [OTHER_NOTE]
    assert search("pitch #loss since:1d") == [OTHER_NOTE]
    assert search("pitch #loss until:2d") == []


def test_kinds_filter() -> None:
    assert JournalQuery(kinds=("reflection",)).filter(ALL) == [REFLECTION]
    assert JournalQuery(kinds=("note",)).filter(ALL) == [NOTE, OTHER_NOTE]


def test_matches_can_search_given_text() -> None:
    query = parse_query("acme", TODAY)

    assert query.matches(OTHER_NOTE, text="rendered: Acme")
    assert not query.matches(NOTE, text="something else")


@pytest.mark.parametrize(
    "text",
    ["acme renewal", "#win", "since:{start} until:{end}", "#win pipeline since:{start}"],
)
def test_filtering_the_light_rows_finds_what_filtering_every_entry_finds(
    tmp_path: Path, text: str
) -> None:
    """`companion journal` and `export` filter rows first and validate only the matches."""
    write_journal(tmp_path, 400)  # a schema 1 journal.json, migrated as it opens
    journal = Journal.open(tmp_path / "journal")
    middle = journal.rows()[200].day  # the generated dates end today, whenever that is
    start, end = middle - timedelta(days=20), middle
    query = parse_query(text.format(start=start, end=end), TODAY)

    found = journal.entries(query)

    assert found == query.filter(journal.entries())
    assert found  # the queries are chosen to find something
