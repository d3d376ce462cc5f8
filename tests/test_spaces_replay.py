"""The state of a space is its files replayed in one order: the same files give the same state,
whatever order they arrived in, and each side can only make the changes that are its own."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.models.space import Record, Side
from companion.spaces.replay import SpaceState, refusal, replay
from tests.spaces_helpers import action, event, recognition, shared, summary


def problems(state: SpaceState) -> list[str]:
    return [problem.problem for problem in state.problems]


def test_a_shared_item_is_on_the_agenda_until_the_manager_marks_it_discussed() -> None:
    item = shared()
    before = replay([item])
    after = replay([item, event(item, "discussed", "manager", clock=2)])

    assert [entry.id for entry in before.agenda()] == [item.id]
    assert after.agenda() == []
    assert after.items[item.id].status == "discussed"
    assert [change.event for change in after.items[item.id].events] == ["discussed"]


def test_a_rep_cannot_mark_an_item_discussed_and_a_manager_cannot_withdraw_a_share() -> None:
    item = shared()
    state = replay(
        [item, event(item, "discussed", "rep", clock=2), event(item, "withdrawn", "manager", 3)]
    )

    assert state.items[item.id].status == "open"
    assert sorted(problems(state)) == [
        "the manager side cannot mark a shared item withdrawn, ignored",
        "the rep side cannot mark a shared item discussed, ignored",
    ]


def test_a_share_can_be_withdrawn_until_it_is_discussed() -> None:
    first, second = shared("one"), shared("two")
    state = replay(
        [
            first,
            second,
            event(first, "withdrawn", "rep", clock=2),
            event(second, "discussed", "manager", clock=2),
            event(second, "withdrawn", "rep", clock=3),  # too late: changes nothing
        ]
    )

    assert state.items[first.id].status == "withdrawn"
    assert state.items[second.id].status == "discussed"
    assert state.problems == ()  # a late withdrawal is a race, not a broken file


def test_an_actions_done_can_come_from_either_side_and_only_the_manager_drops() -> None:
    mine, theirs, dropped = action(owner="rep"), action(owner="manager"), action()
    state = replay(
        [
            mine,
            theirs,
            dropped,
            event(mine, "done", "rep", clock=2),
            event(theirs, "done", "manager", clock=2),
            event(dropped, "dropped", "rep", clock=2),
        ]
    )

    assert state.items[mine.id].status == "done"
    assert state.items[theirs.id].status == "done"
    assert state.items[dropped.id].status == "open"
    assert problems(state) == ["the rep side cannot mark an action dropped, ignored"]


def test_a_done_action_can_be_reopened_by_either_side_a_dropped_one_by_the_manager() -> None:
    done, dropped = action(), action()
    changes = [
        event(done, "done", "rep", clock=2),
        event(done, "reopened", "rep", clock=3),
        event(dropped, "dropped", "manager", clock=2),
        event(dropped, "reopened", "rep", clock=3),  # the rep may not: it stays dropped
    ]
    state = replay([done, dropped, *changes])

    assert state.items[done.id].status == "open"
    assert state.items[dropped.id].status == "dropped"
    assert [item.id for item in state.open_actions()] == [done.id]


def test_events_on_unknown_or_newer_items_and_duplicate_ids_are_reported() -> None:
    item = shared(clock=5)
    ghost = shared()
    twin = action(clock=9).model_copy(update={"id": item.id})
    state = replay(
        [
            item,
            twin,
            event(ghost, "discussed", "manager", 6),
            event(item, "discussed", "manager", 5),
        ]
    )

    assert item.id in state.items and state.items[item.id].kind == "shared"
    assert sorted(problems(state)) == sorted(
        [
            f"has the same id as rep/shared/{item.id}.md, ignored",
            f"refers to an item this space does not hold ({ghost.id}), ignored",
            "is older than the item it changes (its clock is not higher), ignored",
        ]
    )


def test_concurrent_changes_are_decided_by_id_the_same_way_everywhere() -> None:
    item = action()
    done = event(item, "done", "rep", clock=2)
    dropped = event(item, "dropped", "manager", clock=2)
    first = min(done, dropped, key=lambda change: change.id)

    for order in ([item, done, dropped], [dropped, item, done]):
        assert replay(order).items[item.id].status == first.event


def test_lists_for_the_agenda_the_reps_home_and_typed_ids() -> None:
    old = summary(held=date(2026, 11, 2), clock=1)
    new = summary(held=date(2026, 11, 30), clock=2)
    thanks = recognition(clock=3)
    mine, theirs = action(owner="rep", clock=4), action(owner="manager", clock=5)
    state = replay([old, new, thanks, mine, theirs])

    assert [item.id for item in state.summaries()] == [new.id, old.id]
    assert [item.id for item in state.recognitions()] == [thanks.id]
    assert [item.id for item in state.open_actions("rep")] == [mine.id]
    assert [item.id for item in state.open_actions("manager")] == [theirs.id]
    assert state.find(mine.id.upper()) == [state.items[mine.id]]
    assert state.find("") == []
    assert state.clock == 5


def test_refusals_say_why_in_words_a_person_understands() -> None:
    item = shared()
    state = replay([item, event(item, "discussed", "manager", clock=2)])
    entry = state.items[item.id]

    assert refusal("rep", "withdrawn", entry) == (
        "a shared item that is discussed cannot be marked withdrawn"
    )
    assert refusal("rep", "discussed", entry) == "the rep side cannot mark a shared item discussed"
    assert refusal("manager", "reopened", entry) is None


# -- any order, any merge ------------------------------------------------------------------------

EVENTS = ["discussed", "done", "reopened", "withdrawn", "dropped"]
SIDES: list[Side] = ["rep", "manager"]


@st.composite
def histories(draw: st.DrawFn) -> list[Record]:
    """Items of every kind, and events on them (valid or not) with clocks that may collide."""
    makers = [shared, action, summary, recognition]
    items = [
        draw(st.sampled_from(makers))(clock=draw(st.integers(1, 5)))
        for _ in range(draw(st.integers(1, 6)))
    ]
    changes = [
        event(
            draw(st.sampled_from(items)),
            draw(st.sampled_from(EVENTS)),
            draw(st.sampled_from(SIDES)),
            clock=draw(st.integers(1, 12)),
        )
        for _ in range(draw(st.integers(0, 15)))
    ]
    return [*items, *changes]


@given(history=histories(), seed=st.randoms(use_true_random=False))
def test_the_same_files_in_any_order_give_the_same_state(
    history: list[Record], seed: random.Random
) -> None:
    shuffled = list(history)
    seed.shuffle(shuffled)

    assert replay(shuffled) == replay(history)


def write_one(replica: set[Record], side: Side, choice: random.Random) -> None:
    """What a side's Companion does: one change allowed by the state it sees, clocked after
    everything it has seen."""
    state = replay(replica)
    clock = state.clock + 1
    if side == "rep":
        options = [lambda: shared(clock=clock)]
    else:
        options = [lambda: action(clock=clock, owner=choice.choice(SIDES))]
    for entry in state.items.values():
        for kind in EVENTS:
            if refusal(side, kind, entry) is None:  # type: ignore[arg-type]
                options.append(lambda entry=entry, kind=kind: event(entry.item, kind, side, clock))
    replica.add(choice.choice(options)())


@settings(max_examples=60)
@given(steps=st.lists(st.sampled_from(["rep", "manager", "sync"]), max_size=40), seed=st.randoms())
def test_two_sides_writing_offline_and_syncing_in_any_order_agree(
    steps: list[str], seed: random.Random
) -> None:
    rep: set[Record] = set()
    manager: set[Record] = set()
    for step in steps:
        if step == "sync":
            rep |= manager
            manager |= rep
        else:
            write_one(rep if step == "rep" else manager, step, seed)  # type: ignore[arg-type]
    everything = rep | manager

    assert replay(rep | manager) == replay(manager | rep)
    assert replay(everything).problems == ()  # what the rules allowed is never a problem
