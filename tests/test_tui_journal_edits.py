"""Fixing a mistake in the journal view: e edits the entry shown, d deletes it after asking;
either way a backup is kept first and the message says where."""

from __future__ import annotations

from datetime import timedelta

from companion.context import Context
from companion.models.journal import Answer, Note, Reflection
from companion.models.kinds import AnswerKind
from companion.storage.journal import Journal
from companion.tui.app import CompanionApp
from companion.tui.screens.confirm import ConfirmScreen
from companion.tui.screens.entry_edit import EntryEditDialog
from companion.tui.screens.journal import JournalScreen
from tests.conftest import NOW, visible_text

SIZE = (80, 24)


def seed(context: Context) -> None:
    context.journal.add(Note(created=NOW - timedelta(days=1), text="Older note"))
    context.journal.add(Note(created=NOW, text="Closed the Acme dael #win", tags=["win"]))


def texts(context: Context) -> list[str]:
    return [e.text if isinstance(e, Note) else e.kind for e in context.journal.entries()]


def messages(app: CompanionApp) -> str:
    return " ".join(n.message for n in app._notifications)


async def test_e_edits_a_note_and_keeps_a_backup_first(make_app, context: Context) -> None:
    seed(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j", "e")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditDialog)
        assert "Closed the Acme dael" in visible_text(app)
        await pilot.press(*["backspace"] * 9, *"deal #won", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert texts(context) == ["Older note", "Closed the Acme deal #won"]
        assert context.journal.entries()[-1].tags == ["won"]
        assert "The journal as it was is kept in backups/edit-" in messages(app)
        [backup] = context.home.backups.glob("edit-*")
        assert "Closed the Acme dael #win" in [
            e.text for e in Journal.open(backup).entries() if isinstance(e, Note)
        ]
        assert "Closed the Acme deal #won" in visible_text(app)


async def test_leaving_an_edit_with_changes_asks_first(make_app, context: Context) -> None:
    seed(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e", *"!!", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        assert isinstance(app.screen, EntryEditDialog)
        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert texts(context) == ["Older note", "Closed the Acme dael #win"]
        assert not list(context.home.backups.glob("edit-*"))  # nothing changed, no backup


async def test_d_deletes_after_asking_and_says_where_it_can_be_recovered(
    make_app, context: Context
) -> None:
    seed(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete the note of" in visible_text(app)
        assert "Delete [d]" in visible_text(app) and "Keep it [esc]" in visible_text(app)
        await pilot.press("escape")
        assert texts(context) == ["Older note", "Closed the Acme dael #win"]

        await pilot.press("d", "d")
        await pilot.pause()
        assert texts(context) == ["Older note"]
        assert "brings it back" in messages(app) and "backups/edit-" in messages(app)
        assert "1 of 1 entry" in visible_text(app)
        [backup] = context.home.backups.glob("edit-*")
        assert len(Journal.open(backup).entries()) == 2


async def test_e_on_a_reflection_edits_its_words_and_tags_not_its_scales(
    make_app, context: Context
) -> None:
    context.journal.add(
        Reflection(
            created=NOW,
            answers=[
                Answer(prompt_id="energy", prompt="Energy", kind=AnswerKind.SCALE, value=4),
                Answer(prompt_id="win", prompt="A win", kind=AnswerKind.TEXT, value="Acme cal"),
                Answer(prompt_id="tags", prompt="Tags", kind=AnswerKind.TAGS, value=["acme"]),
            ],
            tags=["acme"],
        )
    )
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e")
        await pilot.pause()
        assert "A win" in visible_text(app)
        prompts = [str(label.render()) for label in app.screen.query(".prompt")]
        assert prompts[:2] == ["A win", "Tags"]  # the scale stays as it was
        assert prompts[2].startswith("Day")
        await pilot.press(*"l", "tab", "end", *" #call", "ctrl+s")
        await pilot.pause()
        [reflection] = context.journal.entries()
        assert isinstance(reflection, Reflection)
        assert [a.value for a in reflection.answers] == [4, "Acme call", ["acme", "call"]]
        assert reflection.tags == ["acme", "call"]


async def test_help_and_the_key_bar_name_edit_and_delete(make_app, context: Context) -> None:
    seed(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        shown = visible_text(app)
        assert "Edit" in shown and "Delete" in shown


async def test_the_day_field_moves_an_entry_and_refuses_a_day_to_come(
    make_app, context: Context
) -> None:
    seed(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e")
        await pilot.pause()
        day = app.screen.query_one("#day")
        day.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"tomorrow", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditDialog)
        assert "has not come yet" in visible_text(app)
        await pilot.press("ctrl+a", "ctrl+k", *"2026-11-02", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
    moved = [e for e in context.journal.entries() if "Acme" in getattr(e, "text", "")]
    assert [e.created for e in moved] == [NOW.replace(day=2)]
