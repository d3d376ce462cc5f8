"""A 1:1 as a state machine: pages, timers, notes, questions, actions, drafts; no screen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from companion.flows.one_on_one import (
    REVIEW_PAGE,
    CoachingError,
    OneOnOneFlow,
    format_clock,
    last_script,
    parse_due,
)
from companion.models.coaching import Action, OneOnOne, Owner, Person
from companion.models.content import Script, ScriptStep
from companion.packs.library import Library
from tests.conftest import NOW

TODAY = NOW.date()
SAM = Person(name="Sam Rivera", role="Account executive", created=NOW - timedelta(days=30))
ALEX = Person(name="Alex Kim", created=NOW - timedelta(days=30))


def make_script(minutes: int | None = None, *steps: ScriptStep) -> Script:
    return Script(
        id="weekly",
        pack="test",
        title="Weekly",
        minutes=minutes,
        steps=steps
        or (
            ScriptStep(
                id="check-in",
                title="Check in",
                questions=("How are you?", "What is on your mind?"),
                minutes=5,
            ),
            ScriptStep(id="wins", title="Wins", questions=("What went well?",), minutes=10),
            ScriptStep(id="next", title="Next", questions=("What will you do?",)),
        ),
    )


def open_action(text: str, person: Person = SAM, owner: Owner = "rep") -> Action:
    return Action(person_uid=person.uid, text=text, owner=owner, created=NOW - timedelta(days=7))


def flow_for(
    script: Script | None = None, actions: list[Action] | None = None, person: Person = SAM
) -> OneOnOneFlow:
    return OneOnOneFlow(person, script or make_script(), actions or [], NOW)


# -- pages ----------------------------------------------------------------------------------


def test_no_review_page_without_open_actions() -> None:
    flow = flow_for()

    assert [page.id for page in flow.pages] == ["check-in", "wins", "next"]
    assert flow.index == 0
    assert flow.page.title == "Check in"
    assert flow.page.questions == ["How are you?", "What is on your mind?"]


def test_review_page_comes_first_when_actions_are_open() -> None:
    flow = flow_for(actions=[open_action("Call Acme")])

    assert [page.id for page in flow.pages] == [REVIEW_PAGE, "check-in", "wins", "next"]
    assert flow.page.id == REVIEW_PAGE
    assert flow.page.questions == []
    assert flow.page.planned_seconds is None


def test_next_and_back_stop_at_the_ends() -> None:
    flow = flow_for()

    assert flow.back() is False
    assert flow.index == 0
    assert flow.next() is True
    assert flow.next() is True
    assert flow.is_last
    assert flow.next() is False
    assert flow.index == 2
    assert flow.back() is True
    assert flow.page.id == "wins"


def test_go_jumps_to_any_page() -> None:
    flow = flow_for(actions=[open_action("Call Acme")])

    flow.go(3)
    assert flow.page.id == "next"
    flow.go(0)
    assert flow.page.id == REVIEW_PAGE


@pytest.mark.parametrize("index", [-1, 3, 99])
def test_go_outside_the_1on1_is_refused(index: int) -> None:
    flow = flow_for()
    flow.go(1)

    with pytest.raises(CoachingError, match=r"there is no step .* this 1:1 has 3"):
        flow.go(index, now=2000.0)

    assert flow.index == 1


# -- time -----------------------------------------------------------------------------------


def test_tick_adds_the_time_since_the_last_tick_to_the_current_page() -> None:
    flow = flow_for()

    flow.tick(1000.0)
    assert flow.page.seconds == 0
    flow.tick(1030.0)
    flow.tick(1045.5)

    assert flow.pages[0].seconds == 45.5
    assert flow.pages[1].seconds == 0


def test_moving_with_now_charges_the_page_being_left() -> None:
    flow = flow_for()
    flow.tick(1000.0)

    flow.next(now=1060.0)  # a minute on check-in
    flow.tick(1090.0)  # half a minute on wins
    flow.back(now=1100.0)  # ten more seconds on wins
    flow.go(2, now=1130.0)  # thirty more on check-in

    assert [page.seconds for page in flow.pages] == [90.0, 40.0, 0.0]
    assert flow.total_seconds == 130.0


def test_moving_without_now_does_not_charge_anything() -> None:
    flow = flow_for()
    flow.tick(1000.0)

    flow.next()
    flow.tick(1020.0)

    assert [page.seconds for page in flow.pages] == [0.0, 20.0, 0.0]


def test_pause_stops_the_clock_while_the_1on1_is_closed() -> None:
    flow = flow_for()
    flow.tick(1000.0)
    flow.tick(1060.0)

    flow.pause()
    flow.tick(4660.0)  # an hour later, the app is open again: this only restarts the clock
    flow.tick(4670.0)

    assert flow.page.seconds == 70.0


def test_a_clock_going_backwards_adds_nothing() -> None:
    flow = flow_for()
    flow.tick(1000.0)

    flow.tick(900.0)
    assert flow.page.seconds == 0.0
    flow.tick(910.0)  # counting goes on from the new reading

    assert flow.page.seconds == 10.0


def test_over_time_once_a_step_runs_past_its_minutes() -> None:
    flow = flow_for()  # check-in is 5 minutes
    flow.tick(1000.0)

    flow.tick(1300.0)
    assert not flow.over_time()  # exactly on time
    flow.tick(1301.0)
    assert flow.over_time()
    flow.next(now=1301.0)
    assert not flow.over_time()
    assert flow.over_time(flow.pages[0])


def test_a_step_without_minutes_or_the_review_is_never_over_time() -> None:
    flow = flow_for(actions=[open_action("Call Acme")])
    flow.tick(0.0)
    flow.tick(10_000.0)  # hours on the review page
    flow.go(3, now=10_000.0)
    flow.tick(20_000.0)  # hours on "next", which has no minutes

    assert not flow.over_time(flow.pages[0])
    assert not flow.over_time(flow.pages[3])


def test_planned_total_is_the_scripts_minutes() -> None:
    assert flow_for(make_script(30)).planned_total_seconds == 30 * 60


def test_planned_total_is_the_sum_of_the_steps_without_script_minutes() -> None:
    assert flow_for(make_script()).planned_total_seconds == (5 + 10) * 60


def test_planned_total_is_none_without_any_minutes() -> None:
    script = make_script(None, ScriptStep(id="talk", title="Talk"))

    assert flow_for(script).planned_total_seconds is None


def test_real_weekly_script_plans_thirty_minutes() -> None:
    script = Library.discover().get("essentials/weekly-1on1")
    assert isinstance(script, Script)

    flow = flow_for(script)

    assert flow.planned_total_seconds == 30 * 60
    assert sum(page.planned_seconds or 0 for page in flow.pages) == 30 * 60


# -- notes and questions --------------------------------------------------------------------


def test_shared_and_private_notes_are_kept_apart() -> None:
    flow = flow_for()

    assert flow.set_notes("Busy week, two demos") is True
    assert flow.dirty
    assert flow.set_notes("Seems tired; ask about home", private=True) is True

    assert flow.page.notes == "Busy week, two demos"
    assert flow.page.private_notes == "Seems tired; ask about home"
    assert flow.pages[1].notes == flow.pages[1].private_notes == ""


def test_set_notes_says_whether_anything_changed() -> None:
    flow = flow_for()
    flow.set_notes("Busy week")
    flow.dirty = False

    assert flow.set_notes("Busy week") is False
    assert flow.set_notes("", private=True) is False
    assert not flow.dirty
    assert flow.set_notes("Busy week!") is True
    assert flow.dirty


def test_toggle_asked_on_and_off() -> None:
    flow = flow_for()

    assert flow.toggle_asked("How are you?") is True
    assert flow.page.asked == {"How are you?"}
    assert flow.toggle_asked("How are you?") is False
    assert flow.page.asked == set()


def test_pull_question_adds_it_once_with_tidy_whitespace() -> None:
    flow = flow_for()

    flow.pull_question("  What would make\n this   worthwhile?  ")
    flow.pull_question("What would make this worthwhile?")
    flow.pull_question("How are you?")  # already one of the step's questions
    flow.pull_question("   ")

    assert flow.page.pulled == ["What would make this worthwhile?"]
    assert flow.page.questions == [
        "How are you?",
        "What is on your mind?",
        "What would make this worthwhile?",
    ]
    assert flow.pages[1].pulled == []


# -- actions --------------------------------------------------------------------------------


def test_review_of_an_action_that_is_not_open_is_refused() -> None:
    flow = flow_for(actions=[open_action("Call Acme")])

    with pytest.raises(CoachingError, match="not open"):
        flow.review("0123456789abcdef", "done")
    assert flow.reviews == {}


def test_an_open_action_is_kept_unless_reviewed() -> None:
    call, send = open_action("Call Acme"), open_action("Send the proposal")
    flow = flow_for(actions=[call, send])

    assert flow.outcome(call.uid) == "keep"
    flow.review(call.uid, "done")
    flow.review(send.uid, "dropped")
    flow.review(send.uid, "keep")

    assert flow.outcome(call.uid) == "done"
    assert flow.outcome(send.uid) == "keep"


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "x" * 501])
def test_add_action_needs_a_short_text(text: str) -> None:
    flow = flow_for()

    with pytest.raises(CoachingError, match="short text"):
        flow.add_action(text, "rep", None, NOW)
    assert flow.agreed == []


def test_add_and_remove_actions() -> None:
    flow = flow_for()

    first = flow.add_action("  Call   Acme\n back ", "rep", date(2026, 11, 27), NOW)
    second = flow.add_action("Book a ride-along", "manager", None, NOW)
    assert first.text == "Call Acme back"
    assert (first.person_uid, first.owner, first.due, first.status) == (
        SAM.uid,
        "rep",
        date(2026, 11, 27),
        "open",
    )
    assert flow.agreed == [first, second]

    flow.remove_action(first.uid)

    assert flow.agreed == [second]


# -- finishing ------------------------------------------------------------------------------


def test_finish_records_every_step_review_and_action() -> None:
    call, send, book = (
        open_action("Call Acme"),
        open_action("Send the proposal"),
        open_action("Book training", owner="manager"),
    )
    flow = flow_for(actions=[call, send, book])
    flow.tick(1000.0)
    flow.review(call.uid, "done")
    flow.review(send.uid, "dropped")
    flow.set_notes("Acme signed")
    flow.next(now=1089.6)
    flow.toggle_asked("What is on your mind?")
    flow.toggle_asked("How are you?")
    flow.pull_question("What would make this worthwhile?")
    flow.toggle_asked("What would make this worthwhile?")
    flow.set_notes("  Busy but fine  ")
    flow.set_notes("Tired", private=True)
    flow.next(now=1400.4)
    agreed = flow.add_action("Call Globex", "rep", date(2026, 11, 30), NOW)
    flow.tick(1410.0)

    finished = flow.finish(NOW + timedelta(minutes=30))
    record = finished.record

    assert (record.person_uid, record.person_name) == (SAM.uid, "Sam Rivera")
    assert (record.script, record.script_title) == ("test/weekly", "Weekly")
    assert (record.started, record.finished) == (NOW, NOW + timedelta(minutes=30))
    assert [step.step_id for step in record.steps] == [REVIEW_PAGE, "check-in", "wins", "next"]
    review, check_in, wins, last = record.steps
    assert (review.notes, review.seconds, review.planned_minutes) == ("Acme signed", 90, None)
    assert check_in.notes == "Busy but fine"
    assert check_in.private_notes == "Tired"
    assert check_in.asked == [  # in the order they are listed, not the order ticked
        "How are you?",
        "What is on your mind?",
        "What would make this worthwhile?",
    ]
    assert check_in.pulled == ["What would make this worthwhile?"]
    assert (check_in.seconds, check_in.planned_minutes) == (311, 5)
    assert (wins.seconds, wins.notes, wins.asked) == (10, "", [])
    assert last.seconds == 0
    assert record.seconds == 411

    assert [(r.action_uid, r.text, r.owner, r.outcome) for r in record.reviewed] == [
        (call.uid, "Call Acme", "rep", "done"),
        (send.uid, "Send the proposal", "rep", "dropped"),
        (book.uid, "Book training", "manager", "keep"),
    ]
    [saved] = record.agreed
    assert (saved.uid, saved.text, saved.origin) == (agreed.uid, "Call Globex", record.uid)
    assert finished.new_actions == record.agreed
    assert finished.status_changes == {call.uid: "done", send.uid: "dropped"}


def test_finish_without_reviews_changes_no_status() -> None:
    flow = flow_for(actions=[open_action("Call Acme")])

    finished = flow.finish(NOW)

    assert finished.status_changes == {}
    assert [r.outcome for r in finished.record.reviewed] == ["keep"]
    assert finished.new_actions == []


def test_a_1on1_keeps_one_record_id_through_its_draft() -> None:
    """Saved again from its draft (the app killed before the draft was deleted), a 1:1 is
    the same record, which the journal keeps once."""
    flow = flow_for()
    flow.add_action("Call Acme", "rep", None, NOW)
    resumed = OneOnOneFlow.from_draft(flow.to_draft(NOW), SAM, make_script(), [])

    first, again = flow.finish(NOW), resumed.finish(NOW)

    assert first.record.uid == again.record.uid
    assert first.new_actions == again.new_actions
    assert first.new_actions[0].origin == first.record.uid
    assert flow_for().finish(NOW).record.uid != first.record.uid


def test_the_private_notes_switch_stays_across_steps_and_drafts() -> None:
    flow = flow_for()
    assert flow.toggle_private() is True
    flow.next()
    assert flow.private
    resumed = OneOnOneFlow.from_draft(flow.to_draft(NOW), SAM, make_script(), [])
    assert resumed.private


# -- drafts ---------------------------------------------------------------------------------


def test_draft_round_trip_keeps_everything() -> None:
    call, send = open_action("Call Acme"), open_action("Send the proposal")
    flow = flow_for(actions=[call, send])
    flow.tick(1000.0)
    flow.review(call.uid, "done")
    flow.next(now=1030.0)
    flow.set_notes("Busy week")
    flow.set_notes("Tired", private=True)
    flow.toggle_asked("How are you?")
    flow.pull_question("What would make this worthwhile?")
    flow.toggle_asked("What would make this worthwhile?")
    flow.next(now=1150.0)
    action = flow.add_action("Call Globex", "manager", date(2026, 12, 1), NOW)

    draft = flow.to_draft(NOW + timedelta(minutes=5))
    resumed = OneOnOneFlow.from_draft(
        draft.model_validate_json(draft.model_dump_json()), SAM, make_script(), [call, send]
    )

    assert draft.updated == NOW + timedelta(minutes=5)
    assert resumed.started == NOW
    assert resumed.index == 2
    assert resumed.page.id == "wins"
    check_in = resumed.pages[1]
    assert (check_in.notes, check_in.private_notes) == ("Busy week", "Tired")
    assert check_in.asked == {"How are you?", "What would make this worthwhile?"}
    assert check_in.pulled == ["What would make this worthwhile?"]
    assert [page.seconds for page in resumed.pages] == [30, 120, 0, 0]
    assert resumed.reviews == {call.uid: "done"}
    assert resumed.outcome(send.uid) == "keep"
    assert resumed.agreed == [action]
    assert not resumed.dirty
    assert resumed.finish(NOW).record.steps == flow.finish(NOW).record.steps


def test_resumed_draft_counts_time_on_top_of_the_saved_time() -> None:
    flow = flow_for()
    flow.tick(1000.0)
    flow.tick(1100.0)
    resumed = OneOnOneFlow.from_draft(flow.to_draft(NOW), SAM, make_script(), [])

    resumed.tick(9000.0)  # a new session: the first tick only starts the clock
    resumed.tick(9020.0)

    assert resumed.page.seconds == 120


def test_notes_of_a_step_the_script_no_longer_has_move_to_the_first_page() -> None:
    flow = flow_for()
    flow.set_notes("Opening notes")
    flow.go(1)
    flow.set_notes("Closed Acme, proud of the demo")
    flow.set_notes("Wants a raise", private=True)
    draft = flow.to_draft(NOW)
    without_wins = make_script(
        None,
        ScriptStep(id="check-in", title="Check in", questions=("How are you?",)),
        ScriptStep(id="next", title="Next"),
    )

    resumed = OneOnOneFlow.from_draft(draft, SAM, without_wins, [])

    first = resumed.pages[0]
    assert "Opening notes" in first.notes
    assert "Closed Acme, proud of the demo" in first.notes
    assert "Wins" in first.notes  # says where the moved notes came from
    assert "Wants a raise" in first.private_notes
    assert resumed.pages[1].notes == ""
    assert "Closed Acme" in resumed.finish(NOW).record.steps[0].notes


def test_reviews_of_actions_no_longer_open_are_dropped() -> None:
    call, send = open_action("Call Acme"), open_action("Send the proposal")
    flow = flow_for(actions=[call, send])
    flow.review(call.uid, "done")
    flow.review(send.uid, "dropped")
    draft = flow.to_draft(NOW)

    resumed = OneOnOneFlow.from_draft(draft, SAM, make_script(), [send])

    assert resumed.reviews == {send.uid: "dropped"}
    finished = resumed.finish(NOW)
    assert finished.status_changes == {send.uid: "dropped"}
    assert [r.action_uid for r in finished.record.reviewed] == [send.uid]


def test_draft_step_out_of_range_is_clamped() -> None:
    flow = flow_for()
    flow.go(2)
    draft = flow.to_draft(NOW)
    shorter = make_script(None, ScriptStep(id="check-in", title="Check in"))

    resumed = OneOnOneFlow.from_draft(draft, SAM, shorter, [])

    assert resumed.index == 0


def test_an_empty_step_the_script_no_longer_has_adds_no_label() -> None:
    flow = flow_for()  # nothing is typed anywhere
    draft = flow.to_draft(NOW)
    renamed = make_script(
        None,
        ScriptStep(id="check-in", title="Check in"),
        ScriptStep(id="successes", title="Successes"),
        ScriptStep(id="next", title="Next"),
    )

    resumed = OneOnOneFlow.from_draft(draft, SAM, renamed, [])

    assert resumed.pages[0].notes == ""


def test_questions_asked_in_a_removed_step_are_not_lost() -> None:
    flow = flow_for()
    flow.go(1)
    flow.toggle_asked("What went well?")
    draft = flow.to_draft(NOW)
    without_wins = make_script(
        None, ScriptStep(id="check-in", title="Check in"), ScriptStep(id="next", title="Next")
    )

    resumed = OneOnOneFlow.from_draft(draft, SAM, without_wins, [])

    asked = [q for step in resumed.finish(NOW).record.steps for q in step.asked]
    assert asked == ["What went well?"]


# -- due dates, last script, clock ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("", None),
        ("   ", None),
        ("today", TODAY),
        (" Tomorrow ", TODAY + timedelta(days=1)),
        ("+3", TODAY + timedelta(days=3)),
        ("+3d", TODAY + timedelta(days=3)),
        ("friday", TODAY + timedelta(days=(4 - TODAY.weekday()) % 7 or 7)),
        ("+0", TODAY),
        ("+14D", TODAY + timedelta(days=14)),
        ("2026-12-01", date(2026, 12, 1)),
    ],
)
def test_parse_due(text: str, due: date | None) -> None:
    assert parse_due(text, TODAY) == due


@pytest.mark.parametrize(
    "text", ["next week", "3", "-3", "+", "d", "2026-02-30", "1/12/2026", "3d", "yesterday"]
)
def test_parse_due_explains_what_it_takes(text: str) -> None:
    with pytest.raises(CoachingError) as raised:
        parse_due(text, TODAY)

    message = str(raised.value)
    assert repr(text) in message
    assert "YYYY-MM-DD" in message and "tomorrow" in message and "+7" in message


@pytest.mark.parametrize("text", ["+99999999", "+1000000000", "+3000000d"])
def test_parse_due_a_day_beyond_the_calendar_is_a_coaching_error(text: str) -> None:
    with pytest.raises(CoachingError):
        parse_due(text, TODAY)


def record_for(person: Person, script: str, day: int) -> OneOnOne:
    when = NOW - timedelta(days=day)
    return OneOnOne(
        person_uid=person.uid,
        person_name=person.name,
        script=script,
        script_title=script,
        started=when,
        finished=when + timedelta(minutes=30),
    )


def test_last_script_is_the_latest_one_with_that_person() -> None:
    records = [
        record_for(SAM, "essentials/grow", 3),
        record_for(SAM, "essentials/weekly-1on1", 10),
        record_for(ALEX, "essentials/struggling-rep", 1),  # newer, but with someone else
    ]

    assert last_script(records, SAM.uid) == "essentials/grow"
    assert last_script(records, ALEX.uid) == "essentials/struggling-rep"
    assert last_script(records, "f" * 32) is None
    assert last_script([], SAM.uid) is None


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (9.9, "0:09"), (61, "1:01"), (600, "10:00"), (3725, "62:05")],
)
def test_format_clock(seconds: float, shown: str) -> None:
    assert format_clock(seconds) == shown


def test_a_due_date_before_today_is_refused_naming_the_words_that_work() -> None:
    with pytest.raises(CoachingError) as raised:
        parse_due((TODAY - timedelta(days=1)).isoformat(), TODAY)

    message = str(raised.value)
    assert "has passed" in message
    assert all(word in message for word in ("today", "tomorrow", "+7", "YYYY-MM-DD"))


def test_edit_action_changes_it_in_place_and_the_finish_saves_the_edit() -> None:
    flow = flow_for()
    first = flow.add_action("Call Acme", "rep", None, NOW)
    second = flow.add_action("Book a ride-along", "manager", None, NOW)

    edited = flow.edit_action(first.uid, "  Call  Acme and Ana ", "manager", date(2026, 12, 4))

    assert (edited.uid, edited.text, edited.owner, edited.due) == (
        first.uid,
        "Call Acme and Ana",
        "manager",
        date(2026, 12, 4),
    )
    assert flow.agreed == [edited, second]
    assert flow.dirty
    assert OneOnOneFlow.from_draft(flow.to_draft(NOW), SAM, flow.script, []).agreed[0] == edited
    [saved, _ride] = flow.finish(NOW).new_actions
    assert (saved.uid, saved.text) == (first.uid, "Call Acme and Ana")


@pytest.mark.parametrize("text", ["", "   ", "x" * 501])
def test_edit_action_needs_a_short_text(text: str) -> None:
    flow = flow_for()
    action = flow.add_action("Call Acme", "rep", None, NOW)

    with pytest.raises(CoachingError, match="short text"):
        flow.edit_action(action.uid, text, "rep", None)
    assert flow.agreed == [action]


def test_an_action_not_agreed_here_cannot_be_edited_or_removed() -> None:
    flow = flow_for(actions=[open_action("Last week's")])
    earlier = flow.open_actions[0]

    with pytest.raises(CoachingError):
        flow.edit_action(earlier.uid, "changed", "rep", None)
    with pytest.raises(CoachingError):
        flow.remove_action(earlier.uid)


def test_remove_action_returns_what_it_removed() -> None:
    flow = flow_for()
    action = flow.add_action("Call Acme", "rep", None, NOW)

    assert flow.remove_action(action.uid) == action
    assert flow.agreed == []
