"""Keys that arrive all at once (a paste without bracketed paste, a text expander, ssh lag)
each land where they would have landed typed one by one: none lost, none in the wrong field,
none read after the save or step change that followed them."""

from __future__ import annotations

import pytest

from companion.context import Context
from companion.models.journal import Reflection
from companion.tui.app import CompanionApp
from companion.tui.screens.action_dialog import ActionDialog
from companion.tui.screens.home import HomeScreen
from tests.keys import burst
from tests.test_tui_one_on_one import SIZE, in_a_1on1_with_sam
from tests.test_tui_reflection import on_the_last_step


async def test_a_burst_across_step_keys_and_save_keeps_every_answer(
    make_app, context: Context
) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = ["4", "pagedown", "3", "pagedown", *"Acme opened up", "pagedown", "pagedown"]
        await burst(pilot, *keys, *"Call Ana", "ctrl+s")
        assert isinstance(app.screen, HomeScreen)
    [entry] = context.journal.entries()
    assert isinstance(entry, Reflection)
    assert {a.prompt_id: a.value for a in entry.answers} == {
        "energy": 4,
        "confidence": 3,
        "a-win-worth-recognising": "Acme opened up",
        "my-commitment-for-today": "Call Ana",
    }


async def test_a_commitment_typed_and_saved_at_once_is_saved_whole(
    make_app, context: Context
) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await on_the_last_step(pilot)
        await burst(pilot, *"Call three lapsed customers", "ctrl+s")
        assert isinstance(app.screen, HomeScreen)
    [entry] = context.journal.entries()
    assert isinstance(entry, Reflection)
    assert entry.commitment == "Call three lapsed customers"


async def test_a_burst_of_answers_with_enter_and_tab_fills_each_prompt(
    make_app, context: Context
) -> None:
    """Enter moves on from the scale, Tab from the tag list to the tags box: the letters
    after them belong to the next field."""
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = ["3", "enter", "4", "enter", *"won", "pagedown"]
        await burst(pilot, *keys, "space", "tab", *"acme", "enter", *"Call Ana", "enter")
        assert isinstance(app.screen, HomeScreen)
    [entry] = context.journal.entries()
    assert isinstance(entry, Reflection)
    values = {a.prompt_id: a.value for a in entry.answers}
    assert (values["energy"], values["confidence"]) == (3, 4)
    assert values["a-win-worth-recognising"] == "won"
    assert entry.tags == ["time", "acme"]
    assert entry.commitment == "Call Ana"


async def test_1on1_notes_typed_across_step_changes_stay_with_their_step(
    make_app, context: Context
) -> None:
    async with in_a_1on1_with_sam(make_app, context) as (pilot, screen):
        await burst(
            pilot,
            *(*"Tired but upbeat", "pagedown"),
            *(*"Won the Acme deal", "pagedown"),
            *(*"Pricing sign-off is slow",),
        )
        notes = [page.notes for page in screen.flow.pages[:3]]
        assert notes == ["Tired but upbeat", "Won the Acme deal", "Pricing sign-off is slow"]
        assert screen.flow.index == 2


DIALOG_BURSTS = [
    pytest.param(  # once put '+7' into the text and left no due date
        ("ctrl+t", *"Call the lapsed accounts", "tab", "tab", *"+7", "enter"),
        ("Call the lapsed accounts", "2026-11-30"),
        id="text-tab-tab-due-enter",
    ),
    pytest.param(("ctrl+t", *"Book two demos", "ctrl+s"), ("Book two demos", None), id="ctrl-s"),
    pytest.param(  # focus selects the text: End goes past it
        (
            "ctrl+t",
            *"Call",
            "tab",
            "tab",
            *"+3",
            "shift+tab",
            "shift+tab",
            "end",
            *" Ana",
            "ctrl+s",
        ),
        ("Call Ana", "2026-11-26"),
        id="tab-and-shift-tab",
    ),
]


@pytest.mark.parametrize(("keys", "expected"), DIALOG_BURSTS)
async def test_action_dialog_fields_filled_in_a_burst_keep_their_own_text(
    make_app, context: Context, keys: tuple[str, ...], expected: tuple[str, str | None]
) -> None:
    async with in_a_1on1_with_sam(make_app, context) as (pilot, screen):
        await burst(pilot, *keys)
        assert not isinstance(pilot.app.screen, ActionDialog)
        [action] = screen.flow.agreed
        assert (action.text, action.due and action.due.isoformat()) == expected


async def test_a_key_right_after_the_one_opening_a_dialog_goes_to_the_dialog(
    make_app, context: Context
) -> None:
    """Esc asks whether to keep the draft; the 'k' typed with it answers the question, and
    is not typed into the answer."""
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(pilot, "2", "enter", "3", "enter", *"half a thought", "escape", "k")
        assert isinstance(app.screen, HomeScreen)
    draft = context.drafts.path("reflection").read_text()
    assert '"half a thought"' in draft


async def test_keys_after_a_dialog_closes_go_back_to_the_screen(make_app, context: Context) -> None:
    """A question searched and picked, then notes, in one burst: the search has every
    letter, and the notes are typed into the notes box once the picker has closed."""
    async with in_a_1on1_with_sam(make_app, context) as (pilot, screen):
        await burst(pilot, "ctrl+r", *"draining", "enter", *"Asked it")
        [pulled] = screen.flow.page.pulled
        assert "draining" in pulled
        assert screen.flow.page.notes == "Asked it"
