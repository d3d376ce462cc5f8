"""Pictures of the 1:1 at 60x20, 80x24 and 120x40: the review of last time's actions and a
step of the conversation. Nothing is cut: the step list grows with the terminal, the header
and the hints wrap. Regenerate on purpose only: pytest --snapshot-update."""

from __future__ import annotations

from datetime import timedelta

import pytest

from companion.context import Context
from tests.test_snapshots import no_blink
from tests.test_tui_one_on_one import add_sam

SIZES = [pytest.param((60, 20), id="60x20"), pytest.param((80, 24), id="80x24")]
SIZES.append(pytest.param((120, 40), id="120x40"))


def with_two_open_actions(context: Context) -> None:
    """Sam, with last week's 1:1 that agreed two actions: one due next week, one overdue."""
    from companion.flows.one_on_one import OneOnOneFlow
    from companion.models.content import Script
    from tests.conftest import NOW

    sam = add_sam(context)
    week_ago = NOW - timedelta(days=7)
    flow = OneOnOneFlow(sam, context.library.find("weekly-1on1", Script), [], week_ago)
    flow.add_action("Send Acme the revised proposal", "rep", NOW.date() + timedelta(7), week_ago)
    flow.add_action("Book two demos", "manager", NOW.date() - timedelta(3), week_ago)
    done = flow.finish(week_ago)
    context.journal.save_one_on_one(done.record, done.new_actions, done.status_changes)


@pytest.mark.parametrize("size", SIZES)
def test_one_on_one_review(snap_compare, make_app, context: Context, size) -> None:
    with_two_open_actions(context)
    app = make_app("coach", person="Sam", script="weekly-1on1")
    assert snap_compare(app, terminal_size=size, press=["d"], run_before=no_blink)


@pytest.mark.parametrize("size", SIZES)
def test_one_on_one_question_step(snap_compare, make_app, context: Context, size) -> None:
    with_two_open_actions(context)
    app = make_app("coach", person="Sam", script="weekly-1on1")
    press = ["pagedown", "pagedown", "pagedown", *"Handled the pricing objection well"]
    assert snap_compare(app, terminal_size=size, press=press, run_before=no_blink)
