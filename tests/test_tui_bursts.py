"""Keys that arrive all at once (a paste without bracketed paste, a text expander, ssh lag)
each land where they would have landed typed one by one: none lost, none in the wrong field,
none read after the save or step change that followed them."""

from __future__ import annotations

from companion.context import Context
from companion.models.journal import Reflection
from companion.tui.app import CompanionApp
from companion.tui.screens.action_dialog import ActionDialog
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.reflection import ReflectionScreen
from tests.keys import burst
from tests.test_tui_one_on_one import SIZE, add_sam, start_weekly_with_sam


async def test_a_burst_across_step_keys_and_save_keeps_every_answer(
    make_app, context: Context
) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = ["4", "pagedown", *"Acme opened up", "pagedown", *"Full pipeline", "ctrl+s"]
        await burst(pilot, *keys)
        assert isinstance(app.screen, HomeScreen)
    [entry] = context.journal.entries()
    assert isinstance(entry, Reflection)
    assert {a.prompt_id: a.value for a in entry.answers} == {
        "energy": 4,
        "a-win-worth-recognising": "Acme opened up",
        "what-pushes-you-what-pulls-you-back": "Full pipeline",
    }


async def test_a_commitment_typed_and_saved_at_once_is_saved_whole(
    make_app, context: Context
) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReflectionScreen)
        screen.flow.go(len(screen.flow.steps) - 1)
        await screen.show_step()
        await pilot.pause()
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
        keys = ["3", "enter", *"won", "pagedown", "pagedown", "pagedown", "pagedown"]
        await burst(pilot, *keys, "space", "tab", *"acme", "enter", *"Call Ana", "enter")
        assert isinstance(app.screen, HomeScreen)
    [entry] = context.journal.entries()
    assert isinstance(entry, Reflection)
    values = {a.prompt_id: a.value for a in entry.answers}
    assert values["energy"] == 3
    assert values["a-win-worth-recognising"] == "won"
    assert entry.tags == ["prospecting", "acme"]
    assert entry.commitment == "Call Ana"


async def test_1on1_notes_typed_across_step_changes_stay_with_their_step(
    make_app, context: Context
) -> None:
    add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_weekly_with_sam(pilot)
        await burst(
            pilot,
            *("tab", *"Tired but upbeat", "pagedown"),
            *("tab", *"Won the Acme deal", "pagedown"),
            *("tab", *"Pricing sign-off is slow"),
        )
        notes = [page.notes for page in screen.flow.pages[:3]]
        assert notes == ["Tired but upbeat", "Won the Acme deal", "Pricing sign-off is slow"]
        assert screen.flow.index == 2


async def test_action_dialog_fields_filled_in_a_burst_keep_their_own_text(
    make_app, context: Context
) -> None:
    """Text, Tab, Tab, +7, Enter once put '+7' into the text and left no due date."""
    add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_weekly_with_sam(pilot)
        await burst(pilot, "ctrl+t", *"Call the lapsed accounts", "tab", "tab", *"+7", "enter")
        assert not isinstance(app.screen, ActionDialog)
        [action] = screen.flow.agreed
        assert action.text == "Call the lapsed accounts"
        assert action.due is not None and action.due.isoformat() == "2026-11-30"


async def test_ctrl_s_in_the_action_dialog_reads_every_letter_typed_before_it(
    make_app, context: Context
) -> None:
    add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_weekly_with_sam(pilot)
        await burst(pilot, "ctrl+t", *"Book two demos", "ctrl+s")
        [action] = screen.flow.agreed
        assert action.text == "Book two demos"


async def test_tab_and_shift_tab_in_a_burst_move_before_the_next_letters(
    make_app, context: Context
) -> None:
    add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_weekly_with_sam(pilot)
        await burst(pilot, "ctrl+t", *"Call", "tab", "tab", *"+3", "shift+tab", "shift+tab")
        await burst(pilot, "end", *" Ana", "ctrl+s")  # focus selects the text: go past it
        [action] = screen.flow.agreed
        assert action.text == "Call Ana"
        assert action.due is not None and action.due.isoformat() == "2026-11-26"


async def test_a_key_right_after_the_one_opening_a_dialog_goes_to_the_dialog(
    make_app, context: Context
) -> None:
    """Esc asks whether to keep the draft; the 'k' typed with it answers the question, and
    is not typed into the answer."""
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(pilot, "2", "enter", *"half a thought", "escape", "k")
        assert isinstance(app.screen, HomeScreen)
    draft = context.drafts.path("reflection").read_text()
    assert '"half a thought"' in draft


async def test_keys_after_a_dialog_closes_go_back_to_the_screen(make_app, context: Context) -> None:
    """A question searched and picked, then notes, in one burst: the search has every
    letter, and the notes are typed into the notes box once the picker has closed."""
    add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_weekly_with_sam(pilot)
        await burst(pilot, "ctrl+r", *"draining", "enter", "tab", *"Asked it")
        [pulled] = screen.flow.page.pulled
        assert "draining" in pulled
        assert screen.flow.page.notes == "Asked it"
