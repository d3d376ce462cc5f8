"""People, 1:1s and actions in the journal, and the 1:1 summary handed to the rep."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from companion.errors import CompanionError, JournalError
from companion.files import atomic
from companion.flows.one_on_one import REVIEW_PAGE, Finished, OneOnOneFlow
from companion.models.coaching import OneOnOne, Person, StepNotes
from companion.models.content import Script, ScriptStep
from companion.storage.durable import DurableStorage
from companion.storage.export import one_on_one_markdown
from companion.storage.journal import Journal
from tests.conftest import NOW
from tests.journal_files import coaching_file, files_of, tables

SCRIPT = Script(
    id="weekly",
    pack="test",
    title="Weekly 1:1",
    minutes=30,
    steps=(
        ScriptStep(id="check-in", title="Check in", questions=("How are you?",), minutes=5),
        ScriptStep(id="wins", title="Wins", questions=("What went well?",), minutes=10),
        ScriptStep(id="next", title="Next", questions=("What will you do?",), minutes=15),
    ),
)


def person(name: str, role: str = "", days_ago: int = 30) -> Person:
    return Person(name=name, role=role, created=NOW - timedelta(days=days_ago))


def finished_1on1(
    journal: Journal,
    who: Person,
    build: Callable[[OneOnOneFlow], object] | None = None,
    when: int = 0,
    flow: OneOnOneFlow | None = None,
) -> Finished:
    """Run a 1:1 with `who` (open actions from the journal), let `build` fill it in, save it."""
    started = NOW + timedelta(days=when)
    flow = flow or OneOnOneFlow(who, SCRIPT, journal.actions(who.uid, open_only=True), started)
    if build:
        build(flow)
    finished = flow.finish(started + timedelta(minutes=30))
    journal.save_one_on_one(finished.record, finished.new_actions, finished.status_changes)
    return finished


# -- people ---------------------------------------------------------------------------------


def test_people_are_listed_by_name_whatever_the_case(journal: Journal) -> None:
    for name in ["carol White", "Bob Stone", "alice Kim", "Dave  Lee "]:
        journal.add_person(person(name))

    names = [p.name for p in Journal.open(journal.path).people()]

    assert names == ["alice Kim", "Bob Stone", "carol White", "Dave Lee"]


def test_a_person_round_trips_with_role(journal: Journal) -> None:
    sam = journal.add_person(person("Sam Rivera", "Account executive"))

    assert Journal.open(journal.path).people() == [sam]


@pytest.mark.parametrize("again", ["Sam Rivera", "sam rivera", "SAM  RIVERA"])
def test_the_same_name_in_any_case_is_refused_and_nothing_is_written(
    journal: Journal, journal_path: Path, again: str
) -> None:
    journal.add_person(person("Sam Rivera"))
    before = files_of(journal_path)

    with pytest.raises(CompanionError, match="already in your people list"):
        journal.add_person(person(again))

    assert files_of(journal_path) == before
    assert [p.name for p in journal.people()] == ["Sam Rivera"]


@pytest.fixture
def team(journal: Journal) -> dict[str, Person]:
    names = ["Sam Rivera", "Samantha Lee", "Sara Cole", "Alex Kim"]
    return {name: journal.add_person(person(name)) for name in names}


@pytest.mark.parametrize(
    ("asked", "found"),
    [
        ("Alex Kim", "Alex Kim"),
        ("alex kim", "Alex Kim"),
        ("  ALEX   KIM ", "Alex Kim"),
        ("Sam Rivera", "Sam Rivera"),
        ("al", "Alex Kim"),
        ("saman", "Samantha Lee"),
        ("Sar", "Sara Cole"),
    ],
)
def test_find_person_by_name_or_unique_start(
    journal: Journal, team: dict[str, Person], asked: str, found: str
) -> None:
    assert journal.find_person(asked) == team[found]


def test_an_exact_name_wins_over_a_longer_one_it_starts(journal: Journal) -> None:
    journal.add_person(person("Sam"))
    journal.add_person(person("Samantha Lee"))

    assert journal.find_person("sam").name == "Sam"
    assert journal.find_person("sama").name == "Samantha Lee"


def test_an_ambiguous_start_names_the_matches(journal: Journal, team: dict[str, Person]) -> None:
    with pytest.raises(CompanionError) as raised:
        journal.find_person("Sa")

    message = str(raised.value)
    assert "several people" in message
    assert "Sam Rivera" in message and "Samantha Lee" in message and "Sara Cole" in message
    assert "Alex Kim" not in message


def test_an_unknown_name_lists_the_people(journal: Journal, team: dict[str, Person]) -> None:
    with pytest.raises(CompanionError) as raised:
        journal.find_person("Nobody")

    message = str(raised.value)
    assert "no person called 'Nobody'" in message
    assert all(name in message for name in team)


def test_an_unknown_name_in_an_empty_journal(journal: Journal) -> None:
    with pytest.raises(CompanionError, match="nobody yet"):
        journal.find_person("Sam")


# -- saving a 1:1 ---------------------------------------------------------------------------


def test_saving_a_1on1_writes_record_actions_and_status_changes_at_once(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    sam = journal.add_person(person("Sam Rivera"))
    first = finished_1on1(
        journal,
        sam,
        lambda f: (
            f.add_action("Call Acme", "rep", None, NOW),
            f.add_action("Send the deck", "rep", None, NOW),
        ),
    )
    call = first.new_actions[0]
    flow = OneOnOneFlow(sam, SCRIPT, journal.actions(sam.uid, open_only=True), NOW)
    flow.review(call.uid, "done")
    flow.add_action("Book a ride-along", "manager", None, NOW)
    finished = flow.finish(NOW + timedelta(days=7))
    writes: list[Path] = []
    real_write = DurableStorage.commit

    def counting_write(self: DurableStorage) -> None:
        if self.changed:
            writes.append(self.path)
        real_write(self)

    replaces: list[str] = []
    real_replace = os.replace

    def counting_replace(src: Any, dst: Any) -> None:
        replaces.append(str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(DurableStorage, "commit", counting_write)
    monkeypatch.setattr(atomic.os, "replace", counting_replace)

    journal.save_one_on_one(finished.record, finished.new_actions, finished.status_changes)

    assert writes == [coaching_file(journal.path)]
    assert [r for r in replaces if "cache" not in r] == [str(coaching_file(journal.path))]
    monkeypatch.undo()
    assert [r.uid for r in journal.one_on_ones()] == [first.record.uid, finished.record.uid]
    assert {a.text: a.status for a in journal.actions()} == {
        "Call Acme": "done",
        "Send the deck": "open",
        "Book a ride-along": "open",
    }


def test_a_failed_save_changes_nothing(
    journal: Journal, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sam = journal.add_person(person("Sam Rivera"))
    [call] = finished_1on1(
        journal, sam, lambda f: f.add_action("Call Acme", "rep", None, NOW)
    ).new_actions
    before = files_of(journal_path)
    flow = OneOnOneFlow(sam, SCRIPT, [call], NOW)
    flow.review(call.uid, "done")
    flow.add_action("Book a ride-along", "manager", None, NOW)
    finished = flow.finish(NOW)

    def full_disk(src: Any, dst: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(JournalError, match="No space left on device"):
        journal.save_one_on_one(finished.record, finished.new_actions, finished.status_changes)
    monkeypatch.undo()

    assert files_of(journal_path) == before
    assert list(journal_path.parent.glob(".*.tmp")) == []
    assert len(journal.one_on_ones()) == 1
    assert [(a.text, a.status) for a in journal.actions()] == [("Call Acme", "open")]


def test_saving_the_same_1on1_again_keeps_one_and_changes_nothing(
    journal: Journal, journal_path: Path
) -> None:
    """The same 1:1 saved again (from a draft left by a kill after the first save): one
    record, its actions once, and an action closed since is not reopened or re-dated."""
    sam = journal.add_person(person("Sam Rivera"))
    [call] = finished_1on1(
        journal, sam, lambda f: f.add_action("Call Acme", "rep", None, NOW)
    ).new_actions
    flow = OneOnOneFlow(sam, SCRIPT, [call], NOW)
    flow.review(call.uid, "dropped")
    flow.add_action("Book a ride-along", "manager", None, NOW)
    finished = flow.finish(NOW + timedelta(days=7))
    journal.save_one_on_one(finished.record, finished.new_actions, finished.status_changes)
    journal.set_action_status(call.uid, "open", NOW + timedelta(days=8))  # reopened since
    before = files_of(journal_path)

    again = OneOnOneFlow.from_draft(flow.to_draft(NOW), sam, SCRIPT, [call]).finish(NOW)
    journal.save_one_on_one(again.record, again.new_actions, again.status_changes)

    assert files_of(journal_path) == before
    assert len(journal.one_on_ones()) == 2
    assert [(a.text, a.status) for a in journal.actions()] == [
        ("Call Acme", "open"),
        ("Book a ride-along", "open"),
    ]


def test_a_saved_1on1_reads_back_equal(journal: Journal) -> None:
    sam = journal.add_person(person("Sam Rivera"))

    def fill(flow: OneOnOneFlow) -> None:
        flow.set_notes("Busy week")
        flow.set_notes("Tired", private=True)
        flow.toggle_asked("How are you?")
        flow.add_action("Call Acme", "rep", date(2026, 11, 27), NOW)

    finished = finished_1on1(journal, sam, fill)

    assert Journal.open(journal.path).one_on_ones(sam.uid) == [finished.record]
    assert Journal.open(journal.path).actions() == finished.new_actions


def test_actions_filtered_by_person_and_open_only(journal: Journal) -> None:
    sam = journal.add_person(person("Sam Rivera"))
    alex = journal.add_person(person("Alex Kim"))
    finished_1on1(
        journal,
        sam,
        lambda f: (
            f.add_action("Call Acme", "rep", None, NOW),
            f.add_action("Send the deck", "rep", None, NOW + timedelta(minutes=1)),
        ),
    )
    finished_1on1(journal, alex, lambda f: f.add_action("Book training", "manager", None, NOW))
    call = journal.actions(sam.uid)[0]
    journal.set_action_status(call.uid, "done", NOW)

    def texts(**filters: Any) -> list[str]:
        return [a.text for a in journal.actions(**filters)]

    assert texts() == ["Call Acme", "Book training", "Send the deck"]  # oldest first
    assert texts(person_uid=sam.uid) == ["Call Acme", "Send the deck"]
    assert texts(person_uid=sam.uid, open_only=True) == ["Send the deck"]
    assert texts(open_only=True) == ["Book training", "Send the deck"]
    assert texts(person_uid=alex.uid, open_only=True) == ["Book training"]
    assert texts(person_uid="f" * 32) == []


def test_actions_carry_over_to_the_next_1on1_until_closed(journal: Journal) -> None:
    sam = journal.add_person(person("Sam Rivera"))
    alex = journal.add_person(person("Alex Kim"))
    first = finished_1on1(
        journal,
        sam,
        lambda f: (
            f.add_action("Call Acme", "rep", date(2026, 11, 27), NOW),
            f.add_action("Book a ride-along", "manager", None, NOW),
        ),
    )
    call, ride = first.new_actions
    assert call.origin == ride.origin == first.record.uid

    second = OneOnOneFlow(sam, SCRIPT, journal.actions(sam.uid, open_only=True), NOW)
    assert [a.uid for a in second.open_actions] == [call.uid, ride.uid]
    assert second.pages[0].id == REVIEW_PAGE
    with_alex = OneOnOneFlow(alex, SCRIPT, journal.actions(alex.uid, open_only=True), NOW)
    assert with_alex.pages[0].id == "check-in"  # Sam's actions are not Alex's
    second.review(call.uid, "done")
    second.review(ride.uid, "dropped")
    saved = finished_1on1(journal, sam, when=7, flow=second)

    assert journal.actions(sam.uid, open_only=True) == []
    closed = {a.uid: a for a in journal.actions(sam.uid)}
    assert closed[call.uid].status == "done"
    assert closed[call.uid].closed == saved.record.finished
    assert closed[ride.uid].status == "dropped"
    assert closed[ride.uid].closed == saved.record.finished
    [record] = [r for r in journal.one_on_ones(sam.uid) if r.uid == saved.record.uid]
    assert [(r.text, r.outcome) for r in record.reviewed] == [
        ("Call Acme", "done"),
        ("Book a ride-along", "dropped"),
    ]
    third = OneOnOneFlow(sam, SCRIPT, journal.actions(sam.uid, open_only=True), NOW)
    assert third.pages[0].id == "check-in"  # nothing left to review


def test_a_kept_action_stays_open(journal: Journal) -> None:
    sam = journal.add_person(person("Sam Rivera"))
    finished_1on1(journal, sam, lambda f: f.add_action("Call Acme", "rep", None, NOW))

    finished_1on1(journal, sam, when=7)  # reviewed, left as "keep"

    [action] = journal.actions(sam.uid, open_only=True)
    assert (action.text, action.closed) == ("Call Acme", None)


def test_set_action_status_and_reopen(journal: Journal) -> None:
    sam = journal.add_person(person("Sam Rivera"))
    [call] = finished_1on1(
        journal, sam, lambda f: f.add_action("Call Acme", "rep", None, NOW)
    ).new_actions

    journal.set_action_status(call.uid, "done", NOW + timedelta(days=1))
    [done] = journal.actions()
    assert (done.status, done.closed) == ("done", NOW + timedelta(days=1))

    journal.set_action_status(call.uid, "open", NOW + timedelta(days=2))
    [reopened] = journal.actions()
    assert (reopened.status, reopened.closed) == ("open", None)


def test_set_status_of_an_unknown_action(journal: Journal, journal_path: Path) -> None:
    before = files_of(journal_path)

    with pytest.raises(CompanionError, match="no action with id 'nope0000'"):
        journal.set_action_status("nope0000", "done", NOW)

    assert files_of(journal_path) == before


# -- finding a 1:1 by id --------------------------------------------------------------------


def bare_record(uid: str, name: str = "Sam Rivera") -> OneOnOne:
    return OneOnOne(
        uid=uid,
        person_uid="a" * 32,
        person_name=name,
        script="test/weekly",
        script_title="Weekly 1:1",
        started=NOW,
        finished=NOW + timedelta(minutes=30),
    )


@pytest.fixture
def records(journal: Journal) -> list[OneOnOne]:
    uids = ["abcd1234" + "0" * 24, "abcd5678" + "0" * 24, "ef012345" + "0" * 24]
    made = [bare_record(uid) for uid in uids]
    for record in made:
        journal.save_one_on_one(record, [], {})
    return made


@pytest.mark.parametrize("prefix", ["abcd1", "ABCD1234", " ef ", "ef012345" + "0" * 24])
def test_a_1on1_by_a_unique_start_of_its_id(
    journal: Journal, records: list[OneOnOne], prefix: str
) -> None:
    found = journal.one_on_one(prefix)

    assert found.uid.startswith(prefix.strip().lower())
    assert found in records


def test_an_ambiguous_1on1_id(journal: Journal, records: list[OneOnOne]) -> None:
    with pytest.raises(CompanionError, match="'abcd' matches 2 1:1s; give more of the id"):
        journal.one_on_one("abcd")


@pytest.mark.parametrize("prefix", ["0000", "abcd9", "", "  "])
def test_an_unknown_1on1_id(journal: Journal, records: list[OneOnOne], prefix: str) -> None:
    with pytest.raises(CompanionError, match="no 1:1 with id"):
        journal.one_on_one(prefix)


# -- the summary for the rep ----------------------------------------------------------------

PRIVATE = ["Thinking about leaving", "Ask HR about the raise", "Seems tired"]


@pytest.fixture
def summary_record(journal: Journal) -> OneOnOne:
    """A second 1:1 with Sam: earlier actions reviewed, notes both shared and private."""
    sam = journal.add_person(person("Sam Rivera"))
    first = finished_1on1(
        journal,
        sam,
        lambda f: (
            f.add_action("Call Acme", "rep", None, NOW),
            f.add_action("Send the deck", "rep", None, NOW),
            f.add_action("Book training", "manager", None, NOW),
        ),
    )
    call, send, _ = first.new_actions
    next_week = NOW + timedelta(days=7)
    flow = OneOnOneFlow(sam, SCRIPT, journal.actions(sam.uid, open_only=True), next_week)
    flow.review(call.uid, "done")
    flow.review(send.uid, "dropped")
    flow.next()
    flow.set_notes("Busy week with two demos")
    flow.set_notes(f"{PRIVATE[0]}\n{PRIVATE[1]}", private=True)
    flow.toggle_asked("How are you?")
    flow.next()  # wins: only a private note
    flow.set_notes(PRIVATE[2], private=True)
    flow.next()  # next: nothing at all
    flow.add_action("Call Globex", "rep", date(2026, 11, 30), NOW)
    flow.add_action("Join the Initech call", "manager", None, NOW)
    return finished_1on1(journal, sam, when=7, flow=flow).record


def test_summary_for_the_rep(summary_record: OneOnOne) -> None:
    text = one_on_one_markdown(summary_record)

    assert text.startswith("# 1:1 with Sam Rivera\n")
    assert "Weekly 1:1 · Monday 30 November 2026, 09:30" in text
    assert "## Actions from last time" in text
    assert "- Call Acme (rep): done" in text
    assert "- Send the deck (rep): dropped" in text
    assert "- Book training (manager): still open" in text
    assert "## Check in" in text
    assert "- How are you?" in text
    assert "Busy week with two demos" in text
    assert "## Agreed actions" in text
    assert "- [ ] Call Globex (rep, due 30 Nov)" in text
    assert "- [ ] Join the Initech call (manager)" in text


def test_summary_for_the_rep_has_no_private_notes(summary_record: OneOnOne) -> None:
    text = one_on_one_markdown(summary_record)

    for secret in PRIVATE:
        assert secret not in text
    assert "Private" not in text
    assert "## Wins" not in text  # only a private note: the step is left out entirely


def test_summary_with_private_notes_for_the_manager(summary_record: OneOnOne) -> None:
    text = one_on_one_markdown(summary_record, include_private=True)

    assert f"> Private: {PRIVATE[0]}\n> {PRIVATE[1]}" in text
    assert f"## Wins\n\n> Private: {PRIVATE[2]}" in text
    assert "Busy week with two demos" in text


def test_summary_leaves_out_empty_steps(summary_record: OneOnOne) -> None:
    text = one_on_one_markdown(summary_record, include_private=True)

    assert "## Next" not in text
    assert "## Last time's actions" not in text  # the review page had no notes


def test_summary_with_nothing_agreed() -> None:
    record = bare_record("1234abcd" * 4).model_copy(
        update={"steps": [StepNotes(step_id="check-in", title="Check in", seconds=20)]}
    )

    text = one_on_one_markdown(record)

    assert "## Actions from last time" not in text
    assert "## Check in" not in text
    assert text.endswith("## Agreed actions\n\nNone this time.\n")
    assert "under a minute" in text


def test_summary_on_disk_is_valid_json_that_keeps_private_notes(
    journal_path: Path, summary_record: OneOnOne
) -> None:
    """The journal itself keeps the private notes: only the export leaves them out."""
    stored = tables(coaching_file(journal_path))["one_on_ones"]

    assert PRIVATE[2] in orjson.dumps(stored).decode()
