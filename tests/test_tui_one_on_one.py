"""A manager's 1:1, driven through the real app with the keyboard only."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

import pytest
from textual.widget import Widget
from textual.widgets import OptionList, TextArea

from companion.context import Context
from companion.flows.one_on_one import OneOnOneFlow
from companion.models.coaching import Person
from companion.models.content import Script, ScriptStep
from companion.packs.library import Library
from companion.storage.drafts import DraftStore
from companion.storage.export import one_on_one_markdown
from companion.tui.app import CompanionApp
from companion.tui.screens.action_dialog import ActionDialog
from companion.tui.screens.coach_setup import CoachSetupScreen
from companion.tui.screens.history import HistoryScreen
from companion.tui.screens.one_on_one import OneOnOneScreen
from tests.conftest import NOW, Clock, visible_text
from tests.keys import burst

SIZE = (80, 24)


def add_sam(context: Context) -> Person:
    return context.journal.add_person(
        Person(name="Sam Rivera", role="Account executive", created=NOW)
    )


async def start_weekly_with_sam(pilot) -> OneOnOneScreen:  # type: ignore[no-untyped-def]
    await pilot.press("o")
    await pilot.pause()
    await pilot.press("enter")  # Sam
    await pilot.press("enter")  # the default script: Weekly 1:1
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, OneOnOneScreen)
    return screen


@contextlib.asynccontextmanager
async def in_a_1on1_with_sam(make_app, context: Context):  # type: ignore[no-untyped-def]
    """The app, on the first step of a weekly 1:1 with Sam (added first)."""
    add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        yield pilot, await start_weekly_with_sam(pilot)


@contextlib.asynccontextmanager
async def coaching_sam_again(make_app):  # type: ignore[no-untyped-def]
    """The app started again straight into a weekly 1:1 with Sam (`companion coach`)."""
    app: CompanionApp = make_app("coach", person="Sam", script="weekly-1on1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OneOnOneScreen)
        yield pilot, screen


async def test_a_whole_1on1_by_keyboard(make_app, context: Context, clock: Clock) -> None:
    add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_weekly_with_sam(pilot)
        assert screen.flow.script.address == "essentials/weekly-1on1"
        await pilot.press("shift+tab", "space")  # up to the questions: the first one asked
        await pilot.press("tab", *"Tired but upbeat")  # back down to the notes
        await pilot.press("ctrl+l", *"Moving house next month")
        clock.advance(minutes=6)
        await pilot.press("pagedown")
        assert screen.flow.index == 1
        assert screen.flow.pages[0].seconds == 360
        await pilot.press("ctrl+l", *"Handled the pricing objection")  # shared again
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*"Send Acme the revised proposal", "enter", "tab", *"+7", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "Send Acme the revised proposal" in visible_text(app)

    [record] = context.journal.one_on_ones()
    check_in, win = record.steps[0], record.steps[1]
    assert check_in.asked == ["How are you doing this week, really?"]
    assert check_in.notes == "Tired but upbeat"
    assert check_in.private_notes == "Moving house next month"
    assert check_in.seconds == 360
    assert win.notes == "Handled the pricing objection"
    [action] = context.journal.actions(open_only=True)
    assert (action.text, action.owner, action.due.isoformat()) == (  # type: ignore[union-attr]
        "Send Acme the revised proposal",
        "rep",
        "2026-11-30",
    )
    summary = one_on_one_markdown(record)
    assert "Tired but upbeat" in summary
    assert "Moving house" not in summary
    assert not context.drafts.path(f"one-on-one-{record.person_uid}").exists()


async def test_the_next_1on1_opens_with_last_times_actions(make_app, context: Context) -> None:
    sam = add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_weekly_with_sam(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*"Book two demos", "enter", "tab", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s", "f")
        await pilot.pause()

    async with coaching_sam_again(make_app) as (pilot, screen):
        assert screen.flow.page.title == "Last time's actions"
        assert "Book two demos" in visible_text(pilot.app)
        await pilot.press("d")  # done
        await pilot.press("ctrl+s", "f")
        await pilot.pause()
    assert context.journal.actions(sam.uid, open_only=True) == []
    [done] = context.journal.actions(sam.uid)
    assert done.status == "done"


async def test_leaving_midway_and_coming_back_keeps_every_note(make_app, context: Context) -> None:
    add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_weekly_with_sam(pilot)
        await pilot.press(*"First thoughts", "ctrl+l", *"private thought")
        await pilot.press("pagedown", *"A concrete win")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("k")  # keep the draft
        await pilot.pause()
    assert context.journal.one_on_ones() == []

    again: CompanionApp = make_app()
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert "draft" in visible_text(again)  # Sam is marked as having one
        await pilot.press("enter", "enter")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, OneOnOneScreen)
        assert screen.flow.index == 1  # where we left it
        assert screen.query_one("#notes", TextArea).text == "A concrete win"
        first = screen.flow.pages[0]
        assert (first.notes, first.private_notes) == ("First thoughts", "private thought")


async def test_a_crash_midway_loses_nothing_written_before_the_last_move(
    make_app, context: Context
) -> None:
    """Every move writes the draft at once; the app then dies without quitting."""
    add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_weekly_with_sam(pilot)
        await pilot.press(*"Notes before the crash", "pagedown")
    # No quit, no leave: the test harness just stops the app, as a kill would.
    again: CompanionApp = make_app("coach", person="Sam Rivera", script="essentials/weekly-1on1")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, OneOnOneScreen)
        assert again.screen.flow.pages[0].notes == "Notes before the crash"


async def test_quitting_midway_keeps_a_draft(make_app, context: Context) -> None:
    sam = add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_weekly_with_sam(pilot)
        await pilot.press(*"typed just before quitting", "ctrl+q")
        await pilot.pause()
    assert context.drafts.path(f"one-on-one-{sam.uid}").exists()
    assert "typed just before quitting" in context.drafts.path(f"one-on-one-{sam.uid}").read_text()


async def test_jump_to_any_step_and_back(make_app, context: Context) -> None:
    add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_weekly_with_sam(pilot)
        await pilot.press("ctrl+g", "down", "down", "down", "enter")
        await pilot.pause()
        assert screen.flow.index == 3
        await pilot.press("pageup")
        await pilot.pause()
        assert screen.flow.index == 2


async def test_the_timer_warns_when_a_step_runs_over(
    make_app, context: Context, clock: Clock
) -> None:
    add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_weekly_with_sam(pilot)
        clock.advance(minutes=7, seconds=5)
        screen._tick()
        await pilot.pause()
        assert "7:05/4:00" in visible_text(app)
        assert screen.flow.over_time()


async def test_pull_a_question_from_a_bank(make_app, context: Context) -> None:
    add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_weekly_with_sam(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press(*"draining", "enter")
        await pilot.pause()
        pulled = screen.flow.page.pulled
        assert len(pulled) == 1 and "draining" in pulled[0]
        assert "draining or feeding it?" in visible_text(app)


async def test_add_a_person_from_the_setup_screen(make_app, context: Context) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, CoachSetupScreen)
        await pilot.press(*"Ana Lopez, SDR", "enter")
        await pilot.pause()
    [ana] = context.journal.people()
    assert (ana.name, ana.role) == ("Ana Lopez", "SDR")


async def test_history_exports_a_summary_without_private_notes(make_app, context: Context) -> None:
    add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_weekly_with_sam(pilot)
        await pilot.press(*"shared words", "ctrl+l", *"secret words", "ctrl+s", "f")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("e")
        await pilot.pause()
    [exported] = list(context.home.exports.glob("*.md"))
    text = exported.read_text()
    assert "shared words" in text
    assert "secret words" not in text
    assert exported.stat().st_mode & 0o777 == 0o600


async def test_an_action_with_markup_characters_is_shown_as_typed(
    make_app, context: Context
) -> None:
    add_sam(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_weekly_with_sam(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*"Fix [/] and [@click=app.quit]", "enter", "tab", "enter")
        await pilot.pause()
        assert app.is_running
        assert any("Fix [/] and [@click=app.quit]" in n.message for n in app._notifications)


async def test_a_dutch_script_labels_its_advice_in_dutch(make_app, context: Context) -> None:
    add_sam(context)
    app: CompanionApp = make_app("coach", person="sam", script="essentials-nl/weekly-1on1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        advice = str(app.screen.query_one("#advice").render())
        assert "Vermijd: " in advice
        assert "Avoid" not in advice


NEW_SCRIPTS = [
    "call-review",
    "career",
    "coach-alignment",
    "deal-review",
    "feedback",
    "leadership-mirror",
    "onboarding-check-in",
    "performance-concern",
    "recognition-and-stay",
    "ride-along",
    "team-practice",
    "team-retro",
]


@pytest.mark.parametrize("pack", ["essentials", "essentials-nl"])
@pytest.mark.parametrize("script_id", NEW_SCRIPTS)
async def test_each_new_script_runs_from_first_step_to_saved(
    make_app, context: Context, pack: str, script_id: str
) -> None:
    """Every step shows at 80x24 and keeps a note; Ctrl+S on the last one saves the 1:1."""
    add_sam(context)
    app: CompanionApp = make_app("coach", person="sam", script=f"{pack}/{script_id}")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OneOnOneScreen)
        steps = screen.flow.script.steps
        for number, step in enumerate(steps, start=1):
            assert screen.flow.page.title == step.title
            assert step.title in str(screen.query_one("#step-title").render())
            assert f"step {number} of {len(steps)}" in str(screen.query_one("#where").render())
            screen.query_one("#notes", TextArea).focus()
            await pilot.press(str(number), "pagedown")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)

    [record] = context.journal.one_on_ones()
    assert record.script == f"{pack}/{script_id}"
    assert [(s.title, s.notes) for s in record.steps] == [
        (step.title, str(number)) for number, step in enumerate(steps, start=1)
    ]


PRIVATE_ACROSS_A_STEP = (
    *(*"Tired but upbeat", "ctrl+l", *"Moving house next month"),
    *("pagedown", *"Worried about the divorce"),  # still private on the next step
)


async def check_private_stays_out_of_the_summary(context: Context) -> None:
    [record] = context.journal.one_on_ones()
    check_in, win = record.steps[0], record.steps[1]
    assert (check_in.notes, check_in.private_notes) == (
        "Tired but upbeat",
        "Moving house next month",
    )
    assert (win.notes, win.private_notes) == ("", "Worried about the divorce")
    summary = one_on_one_markdown(record)
    assert "Tired but upbeat" in summary
    assert "Moving house" not in summary and "divorce" not in summary


async def test_private_notes_stay_private_on_the_next_step(make_app, context: Context) -> None:
    async with in_a_1on1_with_sam(make_app, context) as (pilot, screen):
        await pilot.press(*PRIVATE_ACROSS_A_STEP)
        assert screen.flow.index == 1
        notes = screen.query_one("#notes", TextArea)
        assert "private" in str(notes.border_title)  # the box itself says so
        assert "Private notes, only for you" in str(screen.query_one("#notes-label").render())
        await pilot.press("ctrl+s", "f")
        await pilot.pause()
    await check_private_stays_out_of_the_summary(context)


async def test_private_notes_typed_in_a_burst_across_a_step_stay_private(
    make_app, context: Context
) -> None:
    async with in_a_1on1_with_sam(make_app, context) as (pilot, _screen):
        await burst(pilot, *PRIVATE_ACROSS_A_STEP, "ctrl+s", "f")
        assert isinstance(pilot.app.screen, HistoryScreen)
    await check_private_stays_out_of_the_summary(context)


async def test_a_resumed_1on1_goes_on_with_the_notes_last_chosen(
    make_app, context: Context
) -> None:
    async with in_a_1on1_with_sam(make_app, context) as (pilot, _screen):
        await pilot.press("ctrl+l", *"private thought", "ctrl+q")
        await pilot.pause()
    async with coaching_sam_again(make_app) as (_pilot, screen):
        assert screen.flow.private
        assert screen.query_one("#notes", TextArea).text == "private thought"


async def test_a_1on1_saved_before_a_kill_is_not_resumed(
    make_app, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed between writing the 1:1 and deleting its draft: the leftover draft is not
    resumed as if the 1:1 were unfinished."""
    with monkeypatch.context() as killed:
        killed.setattr(DraftStore, "delete", lambda store, name: None)
        async with in_a_1on1_with_sam(make_app, context) as (pilot, screen):
            await pilot.press("ctrl+t")
            await pilot.pause()
            await pilot.press(*"Book two demos", "ctrl+s")
            await pilot.pause()
            await pilot.press(*"Good week", "pagedown", "ctrl+s", "f")
            await pilot.pause()
            assert context.drafts.path(f"one-on-one-{screen.flow.person.uid}").exists()
    [saved] = context.journal.one_on_ones()

    async with coaching_sam_again(make_app) as (_pilot, screen):
        assert not screen.resumed  # a new 1:1, reviewing the action agreed in the saved one
        assert [a.text for a in screen.flow.open_actions] == ["Book two demos"]
        assert not context.drafts.path(f"one-on-one-{saved.person_uid}").exists()
    assert context.journal.one_on_ones() == [saved]


async def test_a_name_too_long_is_refused_in_words_not_pydantics(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, CoachSetupScreen)
        await pilot.press(*("x" * 81), "enter")
        await pilot.pause()
        said = [notification.message for notification in app._notifications]
        assert said == ["A name and a role have at most 80 characters each."]


# -- issue 17: notes in every step, the review, agreed actions, discarding ------------------


def on_screen(widget: Widget, size: tuple[int, int] = SIZE) -> bool:
    """The whole widget is inside the terminal (nothing below the fold)."""
    region = widget.region
    return region.height > 0 and region.y >= 0 and region.bottom <= size[1]


def sam_with_open_actions(context: Context, *texts: str, due: date | None = None) -> Person:
    """Sam, with a saved 1:1 that agreed these actions (open now)."""
    sam = add_sam(context)
    script = context.library.find("weekly-1on1", Script)
    flow = OneOnOneFlow(sam, script, [], NOW - timedelta(days=7))  # type: ignore[arg-type]
    for text in texts:
        flow.add_action(text, "rep", due, NOW - timedelta(days=7))
    done = flow.finish(NOW - timedelta(days=7))
    context.journal.save_one_on_one(done.record, done.new_actions, done.status_changes)
    return sam


def longest_step() -> tuple[str, int]:
    """The built-in script and step with the most to read above the notes."""
    library = Library.discover()

    def size(step: ScriptStep) -> int:
        texts = [step.intent, *step.questions, *step.tips, *step.avoid]
        return sum(len(text) // 50 + 1 for text in texts)

    return max(
        (
            (script.address, number)
            for script in library.of_kind(Script)
            for number, _ in enumerate(script.steps)
        ),
        key=lambda found: size(library.get(found[0]).steps[found[1]]),  # type: ignore[union-attr]
    )


async def test_after_every_step_change_typing_goes_into_the_notes_in_view(
    make_app, context: Context
) -> None:
    async with in_a_1on1_with_sam(make_app, context) as (pilot, screen):
        notes = screen.query_one("#notes", TextArea)
        moves = [("pagedown",), ("ctrl+n",), ("pageup",), ("ctrl+g", "down", "down", "enter")]
        for number, keys in enumerate(moves):
            await pilot.press(*keys)
            await pilot.pause()
            assert pilot.app.focused is notes
            assert on_screen(notes)
            await pilot.press(*f" note {number}")  # after what the step's notes hold
            assert screen.flow.page.notes.endswith(f" note {number}")
    written = [page.notes for page in screen.flow.pages[:4]]
    assert written == ["", " note 0 note 2", " note 1", " note 3"]


async def test_the_notes_are_in_view_on_the_longest_built_in_step(
    make_app, context: Context
) -> None:
    add_sam(context)
    address, number = longest_step()
    app: CompanionApp = make_app("coach", person="Sam", script=address)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OneOnOneScreen)
        for _step in range(number):
            await pilot.press("pagedown")
        await pilot.pause()
        assert screen.flow.index == number
        assert on_screen(screen.query_one("#notes", TextArea))
        await pilot.press(*"Longest step")
        assert screen.flow.page.notes == "Longest step"


async def test_letters_typed_on_the_step_list_or_the_questions_go_into_the_notes(
    make_app, context: Context
) -> None:
    async with in_a_1on1_with_sam(make_app, context) as (pilot, screen):
        notes = screen.query_one("#notes", TextArea)
        await pilot.press("ctrl+g", *"Hi")  # on the step list
        assert pilot.app.focused is notes
        await pilot.press("shift+tab", "space", *"!")  # a question asked, then words
        assert pilot.app.focused is notes
        assert screen.flow.page.notes == "Hi!"
        assert screen.flow.page.asked == {"How are you doing this week, really?"}


async def test_help_says_how_to_move_between_questions_and_notes(
    make_app, context: Context
) -> None:
    async with in_a_1on1_with_sam(make_app, context) as (pilot, _screen):
        await pilot.press("f1")
        await pilot.pause()
        shown = visible_text(pilot.app)
        assert "the cursor is" in shown and "in the notes box" in shown
        assert "Shift+Tab goes up to the" in shown and "step's questions" in shown
        assert "Tab back down to" in shown


async def test_review_d_down_x_decides_each_row_as_shown(make_app, context: Context) -> None:
    sam_with_open_actions(context, "Book two demos", "Call Ana back")
    async with coaching_sam_again(make_app) as (pilot, screen):
        first, second = (a.uid for a in screen.flow.open_actions)
        await pilot.press("d", "down", "x")
        assert screen.flow.reviews == {first: "done", second: "dropped"}
        await pilot.press("down", "k")  # the last row: Down does not wrap to the first
        assert screen.flow.reviews == {first: "done", second: "keep"}
        await pilot.press("up", "x")  # a decision changed before leaving the review
        assert screen.flow.reviews == {first: "dropped", second: "keep"}
        shown = visible_text(pilot.app)
        assert "✗ dropped  Book two demos" in shown
        assert "○ open     Call Ana back" in shown
        await pilot.press("tab", *"Both discussed")  # the notes, as the page says
        assert screen.flow.page.notes == "Both discussed"
        await pilot.press("pagedown", "ctrl+s", "f")
        await pilot.pause()
    statuses = {a.text: a.status for a in context.journal.actions()}
    assert statuses == {"Book two demos": "dropped", "Call Ana back": "open"}


async def test_an_overdue_action_says_so_in_words(make_app, context: Context) -> None:
    sam_with_open_actions(context, "Book two demos", due=NOW.date() - timedelta(days=2))
    async with coaching_sam_again(make_app) as (_pilot, screen):
        [row] = screen.query_one("#review", OptionList).options
        assert "overdue since 21 Nov" in str(row.prompt)  # in words, not only in red


async def test_a_due_date_in_the_past_is_refused_with_the_words_that_work(
    make_app, context: Context
) -> None:
    async with in_a_1on1_with_sam(make_app, context) as (pilot, screen):
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*"Book two demos", "enter", "tab", *"2026-11-01", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ActionDialog)
        hint = str(pilot.app.screen.query_one("#hint").render())
        assert "has passed" in hint
        assert all(word in hint for word in ("today", "tomorrow", "+7", "YYYY-MM-DD"))
        assert screen.flow.agreed == []


async def add_an_action(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+t")
    await pilot.pause()
    await pilot.press(*text, "ctrl+s")
    await pilot.pause()


async def test_an_agreed_action_is_edited_in_the_dialog_it_was_added_with(
    make_app, context: Context
) -> None:
    async with in_a_1on1_with_sam(make_app, context) as (pilot, screen):
        await add_an_action(pilot, "Book two demos")
        await pilot.press("ctrl+e", "enter")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ActionDialog)
        assert "Edit the agreed action" in visible_text(pilot.app)
        assert "saves it" in str(dialog.query_one("#hint").render())
        assert dialog.active_bindings["ctrl+s"].binding.description == "Save"  # not "Add"
        await pilot.press("end", *" with Acme", "tab", "down", "space", "tab", *"+3", "enter")
        await pilot.pause()
        [edited] = screen.flow.agreed
        assert (edited.text, edited.owner) == ("Book two demos with Acme", "manager")
        assert edited.due == NOW.date() + timedelta(days=3)
        assert "Book two demos with Acme" in visible_text(pilot.app)
        draft = context.drafts.path(f"one-on-one-{screen.flow.person.uid}").read_text()
        assert "Book two demos with Acme" in draft
        await pilot.press("escape")  # from the agreed actions back to the notes
        assert pilot.app.focused is screen.query_one("#notes", TextArea)
        await pilot.press("ctrl+s", "f")
        await pilot.pause()
    [saved] = context.journal.actions()
    assert (saved.text, saved.owner, saved.uid) == (
        "Book two demos with Acme",
        "manager",
        edited.uid,
    )


async def test_an_agreed_action_is_removed_after_asking(make_app, context: Context) -> None:
    async with in_a_1on1_with_sam(make_app, context) as (pilot, screen):
        await add_an_action(pilot, "Book two demos")
        await add_an_action(pilot, "Call Ana back")
        await pilot.press("ctrl+e", "delete")
        await pilot.pause()
        assert "Remove the action “Book two demos”?" in visible_text(pilot.app)
        await pilot.press("escape")  # kept
        await pilot.pause()
        assert len(screen.flow.agreed) == 2
        await pilot.press("ctrl+e", "down", "delete")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert [a.text for a in screen.flow.agreed] == ["Book two demos"]
        await pilot.press("ctrl+s", "f")
        await pilot.pause()
    assert [a.text for a in context.journal.actions()] == ["Book two demos"]


async def test_discarding_a_1on1_asks_again_first(make_app, context: Context) -> None:
    async with in_a_1on1_with_sam(make_app, context) as (pilot, screen):
        await pilot.press(*"Words worth keeping", "escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert "Discard the notes of this 1:1 with Sam Rivera?" in visible_text(pilot.app)
        assert "cannot be undone" in visible_text(pilot.app)
        await pilot.press("enter")  # the focus starts on Keep: a stray Enter destroys nothing
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.query_one("#notes", TextArea).text == "Words worth keeping"
        draft = context.drafts.path(f"one-on-one-{screen.flow.person.uid}")
        await pilot.press("escape", "d", "d")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, OneOnOneScreen)
        assert not draft.exists()


async def test_the_action_dialog_goes_field_to_field_with_enter_and_marks_the_owner_in_shape(
    make_app, context: Context
) -> None:
    from companion.tui.widgets.choices import Choice

    async with in_a_1on1_with_sam(make_app, context) as (pilot, screen):
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*"Book two demos", "enter", "down", "enter")  # the manager owns it
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ActionDialog)
        assert pilot.app.focused is dialog.query_one("#due")
        marks = {c.id: str(c.render()) for c in dialog.query(Choice)}
        assert "●" in marks["manager"] and "●" not in marks["rep"]  # not by colour alone
        await pilot.press(*"+3", "enter")
        await pilot.pause()
        [action] = screen.flow.agreed
        assert (action.text, action.owner) == ("Book two demos", "manager")
        assert action.due == NOW.date() + timedelta(days=3)
