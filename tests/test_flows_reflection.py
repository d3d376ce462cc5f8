"""The reflection as a state machine: steps, answers, the commitment review, drafts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from companion.flows.reflection import (
    REVIEW_ID,
    AnswerError,
    ReflectionFlow,
    Step,
    clean_answer,
)
from companion.models.content import AnswerKind, Prompt, ReflectionTemplate
from companion.models.drafts import ReflectionDraft
from companion.models.journal import AnswerValue, CommitmentReview
from companion.packs.library import Library

STARTED = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
NOW = STARTED + timedelta(minutes=4)


def mini_template(*, choice_options: tuple[str, ...] = ("good", "bad")) -> ReflectionTemplate:
    return ReflectionTemplate(
        id="mini",
        pack="test",
        title="Mini reflection",
        prompts=(
            Prompt(id="energy", title="Energy", answer=AnswerKind.SCALE, scale_min=1, scale_max=5),
            Prompt(id="mood", title="Mood", answer=AnswerKind.CHOICE, options=choice_options),
            Prompt(id="focus", title="Focus", answer=AnswerKind.TAGS),
            Prompt(id="win", title="A win", answer=AnswerKind.TEXT),
            Prompt(id="commit", title="My commitment", answer=AnswerKind.COMMITMENT),
        ),
    )


@pytest.fixture
def template() -> ReflectionTemplate:
    return mini_template()


@pytest.fixture
def flow(template: ReflectionTemplate) -> ReflectionFlow:
    return ReflectionFlow(template, STARTED)


@pytest.fixture(scope="module")
def daily() -> ReflectionTemplate:
    template = Library.discover().reflection()
    assert template is not None
    return template


def ids(flow: ReflectionFlow) -> list[str]:
    return [step.id for step in flow.steps]


# -- the built-in template ------------------------------------------------------------------


def test_daily_template_becomes_one_step_per_prompt(daily: ReflectionTemplate) -> None:
    flow = ReflectionFlow(daily, STARTED)

    assert daily.address == "essentials/daily"
    assert ids(flow) == [prompt.id for prompt in daily.prompts]
    assert flow.current.kind is AnswerKind.SCALE
    assert flow.steps[-1].kind is AnswerKind.COMMITMENT
    assert flow.is_first and not flow.is_last


def test_daily_template_walk_through(daily: ReflectionTemplate) -> None:
    flow = ReflectionFlow(daily, STARTED, previous_commitment="Call three prospects")
    flow.answer("yes")
    while flow.next():
        step = flow.current
        if step.kind is AnswerKind.SCALE:
            flow.answer(step.scale_max)
        elif step.kind is AnswerKind.TAGS:
            flow.answer(["#Closing", "admin"])
        else:
            flow.answer(f"  answer to {step.title}  ")

    reflection = flow.to_reflection(NOW)

    assert flow.is_last
    assert reflection.source == "essentials/daily"
    assert reflection.title == daily.title
    assert [answer.prompt_id for answer in reflection.answers] == [p.id for p in daily.prompts]
    assert reflection.review == CommitmentReview(text="Call three prospects", kept="yes")
    assert reflection.tags == ["closing", "admin"]
    assert reflection.commitment == f"answer to {daily.prompts[-1].title}"


# -- navigation -----------------------------------------------------------------------------


def test_next_and_back_stop_at_the_ends(flow: ReflectionFlow) -> None:
    assert flow.back() is False
    assert flow.index == 0

    moves = 0
    while flow.next():
        moves += 1
    assert moves == len(flow.steps) - 1
    assert flow.is_last
    assert flow.next() is False
    assert flow.index == len(flow.steps) - 1

    assert flow.back() is True
    assert flow.current.id == "win"


def test_go_jumps_within_bounds_only(flow: ReflectionFlow) -> None:
    flow.go(3)
    assert flow.current.id == "win"
    flow.go(0)
    assert flow.is_first

    for bad in (-1, len(flow.steps), 99):
        with pytest.raises(IndexError):
            flow.go(bad)
    assert flow.index == 0


def test_answers_are_kept_when_going_back_and_forth(flow: ReflectionFlow) -> None:
    flow.answer(3)
    flow.next()
    flow.answer("good")
    flow.next()
    flow.answer(["prospecting"])

    flow.back()
    flow.back()
    assert flow.value() == 3
    flow.next()
    assert flow.value() == "good"
    flow.go(4)
    flow.go(2)
    assert flow.value() == ["prospecting"]
    assert flow.answered_count == 3


def test_answer_by_step_id_does_not_move(flow: ReflectionFlow) -> None:
    flow.answer("Call Acme", step_id="commit")

    assert flow.index == 0
    assert flow.value("commit") == "Call Acme"
    with pytest.raises(KeyError):
        flow.answer("x", step_id="no-such-step")


# -- cleaning answers -----------------------------------------------------------------------

SCALE = Step(id="s", title="S", guidance="", kind=AnswerKind.SCALE, scale_min=1, scale_max=5)
CHOICE = Step(id="c", title="C", guidance="", kind=AnswerKind.CHOICE, options=("good", "bad"))
TAGS = Step(id="t", title="T", guidance="", kind=AnswerKind.TAGS)
TEXT = Step(id="x", title="X", guidance="", kind=AnswerKind.TEXT)
COMMITMENT = Step(id="m", title="M", guidance="", kind=AnswerKind.COMMITMENT)


@pytest.mark.parametrize(
    ("step", "given", "stored"),
    [
        (SCALE, 1, 1),
        (SCALE, 5, 5),
        (CHOICE, "bad", "bad"),
        (TAGS, ["#Win", "win", " WIN ", "Prospecting", "#", ""], ["win", "prospecting"]),
        (TAGS, ["#", "  "], None),
        (TEXT, "  a good call  \n", "a good call"),
        (COMMITMENT, "\tCall Acme\n", "Call Acme"),
        (TEXT, "   \n ", None),
        (TEXT, "", None),
        (SCALE, None, None),
        (CHOICE, "", None),
        (TAGS, [], None),
    ],
)
def test_clean_answer_accepts_and_normalises(
    step: Step, given: AnswerValue, stored: AnswerValue
) -> None:
    assert clean_answer(step, given) == stored


@pytest.mark.parametrize(
    ("step", "given", "message"),
    [
        (SCALE, 0, "from 1 to 5"),
        (SCALE, 6, "from 1 to 5"),
        (SCALE, "3", "from 1 to 5"),
        (SCALE, 3.0, "from 1 to 5"),
        (SCALE, True, "from 1 to 5"),
        (CHOICE, "maybe", "options"),
        (CHOICE, "Good", "options"),
        (CHOICE, ["good"], "options"),
        (TAGS, "win, loss", "list"),
        (TEXT, 42, "text"),
        (COMMITMENT, ["call"], "text"),
    ],
)
def test_clean_answer_refuses_what_does_not_fit(step: Step, given: object, message: str) -> None:
    with pytest.raises(AnswerError, match=message):
        clean_answer(step, given)  # type: ignore[arg-type]


def test_refused_answer_keeps_the_previous_one(flow: ReflectionFlow) -> None:
    flow.answer(4)
    with pytest.raises(AnswerError):
        flow.answer(9)
    assert flow.value() == 4


def test_custom_scale_range() -> None:
    step = Step(id="s", title="S", guidance="", kind=AnswerKind.SCALE, scale_min=0, scale_max=10)
    assert clean_answer(step, 0) == 0
    assert clean_answer(step, 10) == 10
    with pytest.raises(AnswerError, match="from 0 to 10"):
        clean_answer(step, 11)


# -- the commitment review ------------------------------------------------------------------


def test_review_step_only_with_a_previous_commitment(template: ReflectionTemplate) -> None:
    without = ReflectionFlow(template, STARTED)
    with_review = ReflectionFlow(template, STARTED, previous_commitment="Send the Acme proposal")

    assert REVIEW_ID not in ids(without)
    assert ids(with_review) == [REVIEW_ID, *ids(without)]
    review = with_review.current
    assert review.kind is AnswerKind.CHOICE
    assert review.options == ("yes", "partly", "no")
    assert review.guidance == "Send the Acme proposal"
    assert REVIEW_ID not in ids(ReflectionFlow(template, STARTED, previous_commitment=""))


@pytest.mark.parametrize("kept", ["yes", "partly", "no"])
def test_review_goes_into_review_not_answers(template: ReflectionTemplate, kept: str) -> None:
    flow = ReflectionFlow(template, STARTED, previous_commitment="Send the Acme proposal")
    flow.answer(kept)
    flow.next()
    flow.answer(2)

    reflection = flow.to_reflection(NOW)

    assert reflection.review == CommitmentReview(text="Send the Acme proposal", kept=kept)  # type: ignore[arg-type]
    assert [answer.prompt_id for answer in reflection.answers] == ["energy"]


def test_unanswered_review_still_records_the_commitment(template: ReflectionTemplate) -> None:
    flow = ReflectionFlow(template, STARTED, previous_commitment="Send the Acme proposal")
    flow.answer("Met Bob", step_id="win")

    reflection = flow.to_reflection(NOW)

    assert reflection.review == CommitmentReview(text="Send the Acme proposal", kept=None)


def test_review_refuses_other_answers(template: ReflectionTemplate) -> None:
    flow = ReflectionFlow(template, STARTED, previous_commitment="Send the Acme proposal")
    with pytest.raises(AnswerError):
        flow.answer("maybe")


# -- results --------------------------------------------------------------------------------


def test_to_reflection_refuses_when_nothing_is_answered(flow: ReflectionFlow) -> None:
    with pytest.raises(AnswerError, match="at least one"):
        flow.to_reflection(NOW)
    flow.answer("   ", step_id="win")
    flow.answer([], step_id="focus")
    with pytest.raises(AnswerError):
        flow.to_reflection(NOW)


def test_to_reflection_keeps_answers_in_step_order(flow: ReflectionFlow) -> None:
    flow.answer("Call Acme at 10", step_id="commit")
    flow.answer(["#Follow-ups", "admin"], step_id="focus")
    flow.answer(4, step_id="energy")

    reflection = flow.to_reflection(NOW)

    assert reflection.created == NOW
    assert reflection.source == "test/mini"
    assert reflection.title == "Mini reflection"
    assert [(a.prompt_id, a.prompt, a.kind, a.value) for a in reflection.answers] == [
        ("energy", "Energy", AnswerKind.SCALE, 4),
        ("focus", "Focus", AnswerKind.TAGS, ["follow-ups", "admin"]),
        ("commit", "My commitment", AnswerKind.COMMITMENT, "Call Acme at 10"),
    ]
    assert reflection.answers[0].scale_max == 5
    assert reflection.answers[1].scale_max is None
    assert reflection.tags == ["follow-ups", "admin"]
    assert reflection.review is None


def test_commitment(flow: ReflectionFlow) -> None:
    flow.answer(3)
    assert flow.to_reflection(NOW).commitment is None

    flow.answer("  Book the demo with Acme  ", step_id="commit")
    assert flow.to_reflection(NOW).commitment == "Book the demo with Acme"


# -- drafts ---------------------------------------------------------------------------------


def through_json(draft: ReflectionDraft) -> ReflectionDraft:
    """What DraftStore writes and reads back."""
    return ReflectionDraft.model_validate_json(draft.model_dump_json())


def test_draft_round_trip_keeps_step_and_every_answer(template: ReflectionTemplate) -> None:
    flow = ReflectionFlow(template, STARTED, previous_commitment="Send the proposal")
    answers: dict[str, AnswerValue] = {
        REVIEW_ID: "partly",
        "energy": 2,
        "mood": "bad",
        "focus": ["closing", "admin"],
        "win": "Acme signed",
        "commit": "Call Bob",
    }
    for step_id, value in answers.items():
        flow.answer(value, step_id=step_id)
    flow.go(3)

    draft = through_json(flow.to_draft(NOW))
    resumed = ReflectionFlow.from_draft(draft, template, "Send the proposal")

    assert draft.source == "test/mini"
    assert draft.started == STARTED
    assert draft.updated == NOW
    assert resumed.index == 3
    assert resumed.current.id == flow.current.id
    assert resumed.answers == answers
    assert resumed.orphans == {}
    assert resumed.started == STARTED
    assert resumed.to_reflection(NOW) == flow.to_reflection(NOW)  # the same entry, uid and all


def test_draft_step_out_of_range_is_clamped(template: ReflectionTemplate) -> None:
    draft = ReflectionDraft(
        source="test/mini", started=STARTED, updated=NOW, step=42, answers={"energy": 3}
    )

    resumed = ReflectionFlow.from_draft(draft, template, None)

    assert resumed.is_last


def test_draft_answers_to_vanished_prompts_become_orphans() -> None:
    old = mini_template(choice_options=("good", "bad", "meh"))
    flow = ReflectionFlow(old, STARTED, previous_commitment="Send the proposal")
    flow.answer("no")
    flow.answer(5, step_id="energy")
    flow.answer("meh", step_id="mood")
    draft = through_json(flow.to_draft(NOW))
    draft = draft.model_copy(update={"answers": {**draft.answers, "gone-prompt": "kept text"}})

    # The template changed ("meh" was dropped) and there is no commitment to review any more.
    resumed = ReflectionFlow.from_draft(draft, mini_template(), None)

    assert resumed.answers == {"energy": 5}
    assert resumed.orphans == {REVIEW_ID: "no", "mood": "meh", "gone-prompt": "kept text"}
    saved_again = through_json(resumed.to_draft(NOW)).answers
    assert saved_again == {"energy": 5, REVIEW_ID: "no", "mood": "meh", "gone-prompt": "kept text"}


# -- dirty ----------------------------------------------------------------------------------


def test_dirty_flag(flow: ReflectionFlow) -> None:
    assert not flow.dirty
    flow.answer("")
    flow.next()
    flow.back()
    assert not flow.dirty

    flow.answer(3)
    assert flow.dirty


def test_resumed_draft_is_dirty_only_with_answers(template: ReflectionTemplate) -> None:
    empty = ReflectionDraft(source="test/mini", started=STARTED, updated=NOW, step=1, answers={})
    answered = empty.model_copy(update={"answers": {"win": "Acme"}})

    assert not ReflectionFlow.from_draft(empty, template, None).dirty
    assert ReflectionFlow.from_draft(answered, template, None).dirty


def test_only_a_commitment_made_before_today_is_looked_back_at() -> None:
    from datetime import date, datetime, timedelta, timezone

    from companion.flows.reflection import commitment_to_review

    today = date(2026, 11, 23)
    at = datetime(2026, 11, 23, 8, tzinfo=timezone(timedelta(hours=1)))
    assert commitment_to_review("Call Sam", at, today) is None
    assert commitment_to_review("Call Sam", at - timedelta(days=1), today) == "Call Sam"
    assert commitment_to_review(None, None, today) is None
