"""The app shows hostile text as the CLI does: nothing in it drives or shifts the terminal."""

from __future__ import annotations

from companion.context import Context
from companion.models.journal import Note
from companion.text_safety import UNSAFE
from companion.tui.app import CompanionApp
from companion.tui.widgets.entry_list import EntryList
from tests.conftest import NOW, visible_text

HOSTILE = "Acme \u200bcall \u202eevil\u2066 \x1b]0;owned\x07 \x1b[31mred\xad done"


async def test_the_journal_list_shows_hostile_notes_safely_and_keeps_its_border(
    make_app, context: Context
) -> None:
    context.journal.add(Note(created=NOW, text=HOSTILE))
    context.journal.add(Note(created=NOW, text="Plain note"))
    app: CompanionApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        entries = app.screen.query_one(EntryList)
        lines = [entries.render_line(y) for y in range(2)]

        assert [UNSAFE.findall(line.text) for line in lines] == [[], []]
        assert "Acme call" in lines[1].text  # the later note comes first
        assert lines[0].cell_length == lines[1].cell_length == entries.size.width
        assert UNSAFE.search(visible_text(app)) is None
        assert "owned" not in visible_text(app)


async def test_a_notification_naming_a_hostile_name_is_shown_safely(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("Added \x1b]0;owned\x07Sam \x1b[31mRivera\u202e.")
        await pilot.pause()

        shown = visible_text(app)
        assert "Added Sam Rivera." in shown
        assert UNSAFE.search(shown) is None and "owned" not in shown
