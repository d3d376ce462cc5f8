"""The files of a shared space: written readably, read back exactly, and anything else in the
repository ignored with one line that says why."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.models.space import SharedItem
from companion.spaces.format import BadRecord, parse_marker, parse_record, render_record
from companion.spaces.layout import (
    MARKER_TEXT,
    MAX_FILE_BYTES,
    Place,
    Problem,
    check_entry,
    check_size,
    record_path,
)
from companion.spaces.text import one_line, visible
from tests.spaces_helpers import T0, action, event, recognition, shared, summary

texts = st.text(min_size=1).filter(lambda text: text.strip())
short = st.text(min_size=1, max_size=500)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))


def read_back(record: object) -> object:
    data = render_record(record)  # type: ignore[arg-type]
    place = check_entry(record_path(record), "100644")  # type: ignore[arg-type]
    assert isinstance(place, Place)
    return parse_record(place, data)


def test_a_shared_item_is_a_readable_markdown_file_named_by_its_id() -> None:
    item = SharedItem(
        id="3f2a9c1e5b7d",
        by="rep",
        clock=4,
        at=datetime(2026, 11, 23, 9, 30, tzinfo=UTC),
        text="I'd like help preparing the Acme renewal call.\n\n- pricing\n- timing",
        prompt="What help would you ask for?",
        reflection=date(2026, 11, 23),
    )

    assert record_path(item) == "rep/shared/3f2a9c1e5b7d.md"
    assert render_record(item).decode() == (
        "---\n"
        "kind: shared\n"
        "id: 3f2a9c1e5b7d\n"
        "by: rep\n"
        "clock: 4\n"
        "at: 2026-11-23 09:30:00+00:00\n"
        "prompt: What help would you ask for?\n"
        "reflection: 2026-11-23\n"
        "---\n"
        "I'd like help preparing the Acme renewal call.\n"
        "\n"
        "- pricing\n"
        "- timing\n"
    )


def test_an_event_is_a_file_of_its_own_under_its_writers_folder() -> None:
    item = shared()
    done = event(item, "discussed", "manager", clock=7)

    assert record_path(done) == f"manager/events/{done.id}.md"
    text = render_record(done).decode()
    assert text.startswith(f"---\nkind: event\nid: {done.id}\nby: manager\nclock: 7\n")
    assert text.endswith(f"event: discussed\nitem: {item.id}\n---\n")


@given(text=texts, prompt=st.none() | short, day=st.none() | days)
def test_any_shared_text_reads_back_exactly(text: str, prompt: str | None, day: date) -> None:
    item = shared(text, prompt=prompt, reflection=day)

    assert read_back(item) == item


@given(text=texts, title=st.none() | short, held=days, due=st.none() | days)
def test_summaries_and_actions_read_back_exactly(
    text: str, title: str | None, held: date, due: date | None
) -> None:
    for record in (summary(text, held=held, title=title), action(text, due=due, owner="manager")):
        assert read_back(record) == record


def test_markup_and_escapes_are_stored_as_written() -> None:
    text = "[bold red]urgent[/] \x1b[2J\x1b]0;pwned\x07 <script> \u202eevil"
    item = recognition(text)

    assert text.encode() in render_record(item)
    assert read_back(item).text == text  # type: ignore[attr-defined]


def test_the_ui_can_show_escapes_literally_without_changing_the_text() -> None:
    text = "[bold]hi[/]\x1b[2J\r\u202eevil\tok\nnext"

    assert visible(text) == "[bold]hi[/]\\x1b[2J\\x0d\\u202eevil\tok\nnext"
    assert one_line("first line\n  second line", width=20) == "first line second l…"
    assert one_line("bell\x07") == "bell\\x07"
    assert one_line("short") == "short"


@pytest.mark.parametrize(
    ("path", "mode", "size", "problem"),
    [
        ("rep/shared/0123456789ab.md", "120000", 10, "a symbolic link, ignored"),
        ("rep/shared/0123456789ab.md", "160000", 0, "a submodule, ignored"),
        ("rep/shared/0123456789ab.md", "040000", 0, "not a regular file (mode 040000), ignored"),
        ("../etc/passwd", "100644", 10, "an unsafe path"),
        ("rep/../manager/actions/0123456789ab.md", "100644", 10, "an unsafe path"),
        ("/etc/passwd", "100644", 10, "an unsafe path"),
        ("rep//shared/0123456789ab.md", "100644", 10, "an unsafe path"),
        ("rep\\shared\\0123456789ab.md", "100644", 10, "an unsafe path"),
        ("notes.txt", "100644", 10, "not a file Companion writes"),
        ("rep/shared/Not-An-Id.md", "100644", 10, "not a file Companion writes"),
        ("coach/shared/0123456789ab.md", "100644", 10, "'coach' is neither side"),
        ("rep/secrets/0123456789ab.md", "100644", 10, "unknown kind of file 'secrets'"),
        ("rep/actions/0123456789ab.md", "100644", 10, "the rep side does not write actions"),
        ("manager/shared/0123456789ab.md", "100644", 10, "the manager side does not write"),
        ("rep/shared/0123456789ab.md", "100644", MAX_FILE_BYTES + 1, "larger than 64 KB"),
        ("rep/shared/0123456789ab.md", "100644", 10**12, "larger than 64 KB"),
    ],
)
def test_entries_that_are_not_records_are_ignored_with_a_reason(
    path: str, mode: str, size: int, problem: str
) -> None:
    found = check_entry(path, mode)
    if isinstance(found, Place):
        found = check_size(path, size)

    assert isinstance(found, Problem)
    assert problem in found.problem
    assert "\n" not in str(found)


def test_a_path_with_control_characters_is_named_on_one_line() -> None:
    found = check_entry("rep/\x1b[2J\nx.md", "100644")

    assert str(found) == "rep/\\x1b[2J\\nx.md: not a file Companion writes, ignored"


def test_the_marker_and_records_have_their_place() -> None:
    assert check_entry("README.md", "100644") is None
    assert check_size("README.md", MAX_FILE_BYTES) is None
    assert check_entry("manager/events/0123456789ab.md", "100755") == Place(
        "manager", "event", "0123456789ab"
    )
    assert parse_marker(MARKER_TEXT.encode()) == 1


PLACE = Place("rep", "shared", "0123456789ab")
HEAD = "---\nkind: shared\nid: 0123456789ab\nby: rep\nclock: 1\nat: 2026-11-23 09:30:00+00:00\n"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\xff\xfe", "not UTF-8 text"),
        (b"just text\n", "no frontmatter"),
        (HEAD.encode() + b"no closing fence\n", "not closed"),
        (b"---\nkind: [shared\n---\nx\n", "frontmatter:"),
        (b"---\n- a list\n---\nx\n", "'key: value' lines"),
        ((HEAD + "prompt: [a, b]\n---\nx\n").encode(), "no lists or mappings"),
        ((HEAD + "prompt: &a x\nreflection: *a\n---\nx\n").encode(), "reflection"),
        ((HEAD + "text: hidden\n---\nx\n").encode(), "'text' belongs in the body"),
        ((HEAD + "---\n").encode(), "text"),
        ((HEAD + "---\n   \n").encode(), "the text is empty"),
        ((HEAD + "colour: red\n---\nx\n").encode(), "colour: Extra inputs"),
        ((HEAD.replace("clock: 1", "clock: 0") + "---\nx\n").encode(), "clock:"),
        ((HEAD.replace("clock: 1", f"clock: {2**60}") + "---\nx\n").encode(), "clock:"),
        ((HEAD.replace("+00:00", "") + "---\nx\n").encode(), "at:"),
        ((HEAD.replace("by: rep", "by: manager") + "---\nx\n").encode(), "by is 'manager'"),
        ((HEAD.replace("kind: shared", "kind: action") + "---\nx\n").encode(), "kind is"),
        ((HEAD.replace("0123456789ab", "ba9876543210") + "---\nx\n").encode(), "id is"),
        (
            (HEAD + "---\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> b\n").encode(),
            "merge conflict markers",
        ),
    ],
)
def test_a_file_that_is_not_a_valid_record_is_refused_with_one_line(
    data: bytes, problem: str
) -> None:
    with pytest.raises(BadRecord) as refused:
        parse_record(PLACE, data)

    assert problem in str(refused.value)
    assert "\n" not in str(refused.value)


def test_an_alias_bomb_is_refused_without_expanding_it() -> None:
    lines = ["a: &a x"] + [f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}]" for n in range(20)]
    data = ("---\n" + "\n".join(lines) + "\n---\nx\n").encode()

    with pytest.raises(BadRecord, match="no lists or mappings"):
        parse_record(PLACE, data)


def test_rendering_refuses_a_record_larger_than_a_space_file_may_be() -> None:
    with pytest.raises(BadRecord, match="64 KB"):
        render_record(shared("x" * MAX_FILE_BYTES))


def test_the_marker_is_recognised_only_as_a_marker() -> None:
    with pytest.raises(BadRecord, match="not the marker"):
        parse_marker(b"---\nkind: pack\nformat: 1\n---\n# My pack\n")
    with pytest.raises(BadRecord, match="not the marker"):
        parse_marker(b"---\nkind: companion-space\nformat: one\n---\n")


def test_record_times_are_kept_to_the_second_so_they_read_back_equal() -> None:
    item = SharedItem(
        id="0123456789ab", by="rep", clock=1, at=T0.replace(microsecond=123456), text="x"
    )

    assert item.at == T0
    assert read_back(item) == item
