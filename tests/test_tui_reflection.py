"""The reflection, driven through the real app with the keyboard only."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input, TextArea

from companion.cli import main
from companion.context import Context
from companion.flows.reflection import ReflectionFlow
from companion.models.content import AnswerKind
from companion.models.drafts import ReflectionDraft
from companion.models.journal import Answer, Reflection
from companion.storage.drafts import DraftStore
from companion.tui.app import CompanionApp
from companion.tui.screens.confirm import ConfirmScreen
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.reflection import ReflectionScreen
from tests.conftest import NOW, Clock, visible_text

SIZE = (80, 24)


def previous_reflection(commitment: str) -> Reflection:
    return Reflection(
        created=NOW.replace(day=22, hour=8),
        source="essentials/daily",
        answers=[
            Answer(
                prompt_id="my-commitment-for-today",
                prompt="My commitment for today",
                kind=AnswerKind.COMMITMENT,
                value=commitment,
            )
        ],
    )


async def on_the_last_step(pilot) -> ReflectionScreen:  # type: ignore[no-untyped-def]
    """The reflection open on its last prompt, the commitment."""
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReflectionScreen)
    screen.flow.go(len(screen.flow.steps) - 1)
    await screen.show_step()
    await pilot.pause()
    return screen


async def answer_whole_reflection(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("4")  # energy
    await pilot.press("enter")
    await pilot.press("pagedown")  # confidence: skipped
    await pilot.press(*"Acme opened up about budget")  # a win
    await pilot.press("pagedown")
    await pilot.press("space", "down", "space")  # in the way: time, leads
    await pilot.press("tab", *"acme", "enter")
    await pilot.press(*"Call three lapsed customers")
    await pilot.press("enter")  # Enter on the last prompt saves
    await pilot.pause()


async def test_a_whole_reflection_by_keyboard_lands_in_the_journal(
    make_app, context: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        await answer_whole_reflection(pilot)
        assert isinstance(app.screen, HomeScreen)
        today = str(app.screen.query_one("#today").render())
        assert "Reflection done" in today
        assert "Call three lapsed customers" in today

    [entry] = context.journal.entries()
    assert isinstance(entry, Reflection)
    values = {a.prompt_id: a.value for a in entry.answers}
    assert values["energy"] == 4
    assert values["a-win-worth-recognising"] == "Acme opened up about budget"
    assert "confidence" not in values  # skipped stays out
    assert entry.tags == ["time", "leads", "acme"]
    assert entry.commitment == "Call three lapsed customers"
    assert not context.drafts.path("reflection").exists()

    assert main(["--home", str(context.home.root), "journal", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["uid"] == entry.uid
    assert listed["kind"] == "reflection"


async def test_going_back_keeps_answers(make_app) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "enter", "4", "enter", *"first win", "pagedown")
        await pilot.press("pageup")
        assert app.screen.query_one(TextArea).text == "first win"
        await pilot.press("pageup", "pageup")
        assert app.screen.flow.value("energy") == 3  # type: ignore[attr-defined]
        assert app.screen.flow.value("confidence") == 4  # type: ignore[attr-defined]
        assert "Step 1 of 5" in str(app.screen.query_one("#where").render())


async def test_ctrl_s_saves_from_any_step(make_app, context: Context) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("5", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    [entry] = context.journal.entries()
    assert entry.answers[0].value == 5  # type: ignore[union-attr]


async def test_saving_nothing_is_refused_and_nothing_written(make_app, context: Context) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        assert any("at least one" in n.message for n in app._notifications)
    assert context.journal.entries() == []


async def test_escape_asks_and_keep_draft_resumes_next_time(make_app, context: Context) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", "enter", "pagedown", *"half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert context.journal.entries() == []

    again: CompanionApp = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, ReflectionScreen)
        assert screen.flow.value("energy") == 2
        assert screen.flow.value("a-win-worth-recognising") == "half a thought"
        assert screen.query_one(TextArea).text == "half a thought"  # back where we were


async def test_escape_then_discard_drops_the_draft(make_app, context: Context) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", "pagedown")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert not context.drafts.path("reflection").exists()


async def test_escape_then_stay_keeps_you_in_the_reflection(make_app) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", "escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        assert app.screen.flow.value("energy") == 2


async def test_quitting_midway_keeps_every_word(make_app, context: Context) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4", "enter", "pagedown", *"typed just before quitting")
        await pilot.press("ctrl+q")
        await pilot.pause()
    draft = context.drafts.load("reflection", ReflectionDraft)
    assert draft is not None
    assert draft.answers["a-win-worth-recognising"] == "typed just before quitting"
    assert draft.answers["energy"] == 4


async def test_yesterdays_commitment_is_reviewed_first(make_app, context: Context) -> None:
    context.journal.add(previous_reflection("Phone the Initech champion"))
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "Phone the Initech champion" in str(screen.query_one("#guidance").render())
        await pilot.press("down", "enter")  # "Partly", then on to energy
        await pilot.press("3", "ctrl+s")
        await pilot.pause()
    latest = context.journal.entries()[-1]
    assert isinstance(latest, Reflection)
    assert latest.review is not None
    assert latest.review.text == "Phone the Initech champion"
    assert latest.review.kept == "partly"


async def test_scale_answers_with_arrows_too(make_app) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right")
        assert app.screen.flow.value("energy") == 3  # type: ignore[attr-defined]
        await pilot.press("right", "right", "right")
        assert app.screen.flow.value("energy") == 5  # type: ignore[attr-defined]


async def test_commitment_line_is_a_single_line_input(make_app, clock: Clock) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await on_the_last_step(pilot)
        assert isinstance(app.focused, Input)


async def test_a_commitment_with_markup_is_confirmed_literally(make_app) -> None:
    """The toast shows the words as typed: '[/]' once crashed it as a markup error."""
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await on_the_last_step(pilot)
        await pilot.press(*"Call [/] [@click=app.quit]Acme[/]", "enter")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, HomeScreen)
        [toast] = list(app._notifications)
        assert toast.message == "Today's commitment: Call [/] [@click=app.quit]Acme[/]"
        assert "Call [/] [@click=app.quit]Acme[/]" in visible_text(app)


async def test_a_draft_saved_again_after_a_kill_is_still_one_entry(
    make_app, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed between writing the entry and deleting the draft: the draft is still there
    next time, and saving it again must not add a second entry."""
    app: CompanionApp = make_app(start="reflect")
    with monkeypatch.context() as killed:
        killed.setattr(DraftStore, "delete", lambda store, name: None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("4", "enter", *"Acme opened up", "pagedown", "ctrl+s")
            await pilot.pause()
    [saved] = context.journal.entries()
    assert context.drafts.path("reflection").exists()

    draft = context.drafts.load("reflection", ReflectionDraft)
    assert draft is not None and draft.uid == saved.uid

    again: CompanionApp = make_app(start="reflect")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, ReflectionScreen)
        assert not screen.resumed  # the leftover is not offered as unfinished work
        assert not context.drafts.path("reflection").exists()
        # Saved from that draft all the same (a second terminal had it open): still one.
        template = context.library.reflection()
        assert template is not None
        resumed = ReflectionFlow.from_draft(draft, template, None)
        await again.push_screen(ReflectionScreen(resumed, resumed=True))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(again.screen, ReflectionScreen)  # the fresh one, below
    assert context.journal.entries() == [saved]


async def test_reflecting_again_the_same_day_does_not_ask_about_todays_commitment(
    make_app, context: Context
) -> None:
    made_today = previous_reflection("Call three lapsed customers")
    context.journal.add(made_today.model_copy(update={"created": NOW.replace(hour=8)}))
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Did you keep" not in visible_text(app)
        assert "Call three lapsed customers" not in str(app.screen.query_one("#guidance").render())
        assert app.screen.flow.steps[0].id == "energy"  # type: ignore[attr-defined]


async def test_ticked_tags_carry_a_mark_not_only_a_colour(make_app) -> None:
    from companion.tui.widgets.answers import MarkedSelectionList

    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "enter", "3", "enter", "pagedown", "space", "down", "down", "space")
        await pilot.pause()
        tags = app.screen.query_one(MarkedSelectionList)
        lines = ["".join(s.text for s in tags.render_line(y)) for y in range(3)]
        assert [line[:3] for line in lines] == ["▐✓▌", "▐ ▌", "▐✓▌"]
        assert list(tags.selected) == ["time", "a skill to learn"]
