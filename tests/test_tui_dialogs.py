"""Dialogs with the keyboard: the buttons of a question follow the arrow keys and Tab, Enter
presses the one marked as focused (a mark, not only a colour), and the keys written on the
buttons still answer at once. Each dialog fits a small terminal, its sentences wrapped."""

from __future__ import annotations

import html
import re

import pytest
from textual.widgets import Button

from companion import i18n
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.screens.confirm import ConfirmScreen
from companion.tui.screens.home import HomeScreen
from companion.tui.screens.reflection import ReflectionScreen
from tests.conftest import visible_text

SIZE = (80, 24)
SIZES = [(60, 20), (80, 24), (120, 40)]
HALF_A_THOUGHT = ["2", "enter", "pagedown", *"half a thought"]  # energy, then a text answer


async def leaving_with_text(pilot) -> ConfirmScreen:  # type: ignore[no-untyped-def]
    """A reflection with an answer typed in words, left with Esc: the leave dialog."""
    await pilot.pause()
    await pilot.press(*HALF_A_THOUGHT, "escape")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ConfirmScreen)
    return dialog


def focused_button(app: CompanionApp) -> str:
    focused = app.focused
    assert isinstance(focused, Button)
    return focused.id or ""


def marked(app: CompanionApp) -> list[str]:
    """The buttons a person sees marked as the one Enter presses."""
    text = visible_text(app)
    return [label for label in ("Keep draft", "Discard", "Stay") if f"▸ {label}" in text]


async def test_right_then_enter_presses_the_button_seen_focused(make_app, context: Context) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await leaving_with_text(pilot)
        assert marked(app) == ["Keep draft"]
        await pilot.press("right")
        assert marked(app) == ["Discard"]  # what the user sees ...
        await pilot.press("enter")  # ... is what Enter presses
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert not context.drafts.path("reflection").exists()  # discarded, not kept
    assert context.journal.entries() == []


async def test_esc_right_right_enter_stays_in_the_reflection(make_app, context: Context) -> None:
    """The repro of the issue: Esc → → Enter. The last button, Stay, is the one marked."""
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await leaving_with_text(pilot)
        await pilot.press("right", "right")
        assert marked(app) == ["Stay"]
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReflectionScreen)
        assert screen.flow.value("a-win-worth-recognising") == "half a thought"
    assert context.journal.entries() == []


async def test_arrows_stop_at_the_ends_and_left_goes_back(make_app) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await leaving_with_text(pilot)
        await pilot.press("left")  # already on the first: stays there
        assert focused_button(app) == "choice-k"
        await pilot.press("right", "right", "right")  # no wrapping round to the first
        assert focused_button(app) == "choice-escape"
        await pilot.press("left")
        assert focused_button(app) == "choice-d"
        assert marked(app) == ["Discard"]


async def test_tab_and_shift_tab_move_between_the_buttons(make_app) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await leaving_with_text(pilot)
        await pilot.press("tab")
        assert focused_button(app) == "choice-d"
        await pilot.press("tab")
        assert focused_button(app) == "choice-escape"
        await pilot.press("tab")  # round to the first: the dialog itself is no stop
        assert focused_button(app) == "choice-k"
        await pilot.press("shift+tab")
        assert focused_button(app) == "choice-escape"
        await pilot.press("shift+tab", "shift+tab")
        assert focused_button(app) == "choice-k"
        assert marked(app) == ["Keep draft"]


@pytest.mark.parametrize(
    ("key", "screen", "draft_kept"),
    [("k", HomeScreen, True), ("d", HomeScreen, False), ("escape", ReflectionScreen, None)],
)
async def test_the_keys_on_the_buttons_still_answer_wherever_the_focus_is(
    make_app, context: Context, key: str, screen: type, draft_kept: bool | None
) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await leaving_with_text(pilot)
        await pilot.press("right")  # the focus on Discard changes nothing for the keys
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, screen)
        if draft_kept is None:  # stayed: the answer is still there
            assert app.screen.flow.value("a-win-worth-recognising") == "half a thought"  # type: ignore[attr-defined]
            return
    assert context.drafts.path("reflection").exists() == draft_kept


async def test_at_60x20_in_dutch_the_buttons_stand_in_a_column_and_down_moves(
    make_app, context: Context
) -> None:
    """Dutch words are longer: the row would not fit 60 columns, so the buttons stack, each
    whole, and Down/Up move between them as Right/Left do."""
    context.settings.language = "nl"
    context.save_settings()
    i18n.set_language("nl")
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=(60, 20)) as pilot:
        dialog = await leaving_with_text(pilot)
        await pilot.pause()
        assert dialog.query_one("#buttons").has_class("-stacked")
        text = visible_text(app)
        for label in ("Concept bewaren [k]", "Weggooien [d]", "Blijven [esc]"):
            assert label in text
        for button in dialog.query(Button):
            assert button.region.right <= dialog.query_one("#dialog").region.right
        await pilot.press("down", "down")
        assert focused_button(app) == "choice-escape"
        assert "▸ Blijven [esc] ◂" in visible_text(app)
        await pilot.press("up")
        assert focused_button(app) == "choice-d"


async def test_at_80x24_the_buttons_stand_in_a_row(make_app) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        dialog = await leaving_with_text(pilot)
        assert not dialog.query_one("#buttons").has_class("-stacked")
        rows = {button.region.y for button in dialog.query(Button)}
        assert len(rows) == 1


async def test_f1_on_the_dialog_says_how_to_move_between_the_answers(make_app) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=SIZE) as pilot:
        await leaving_with_text(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = visible_text(app)
        assert "Left and Right (or Tab and Shift+Tab) move between the answers" in text
        assert "Esc closes this help" in text


async def test_f1_in_a_dialog_with_a_text_box_shows_its_help_and_f1_closes_it(make_app) -> None:
    """A dialog hides the app's keys; F1 is its own, typing in its box or not."""
    from companion.tui.screens.help import HelpScreen
    from companion.tui.screens.recognition_dialog import RecognitionDialog

    app: CompanionApp = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(RecognitionDialog("Sam Rivera"))
        await pilot.pause()
        await pilot.press(*"Great demo", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Say what the rep did well, specifically" in visible_text(app)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, RecognitionDialog)
        assert app.screen.query_one("#text").value == "Great demo"  # type: ignore[attr-defined]


def screen_lines(app: CompanionApp) -> list[str]:
    """The screen as a person reads it, line by line (from Textual's SVG screenshot)."""
    cells: dict[int, dict[int, str]] = {}
    svg = app.export_screenshot()
    found = re.finditer(r'<text [^>]*x="([\d.]+)"[^>]*line-(\d+)\)">(.*?)</text>', svg)
    for match in found:
        column, line = round(float(match.group(1)) / 12.2), int(match.group(2))
        text = html.unescape(match.group(3)).replace("\xa0", " ")
        for offset, character in enumerate(text):
            cells.setdefault(line, {})[column + offset] = character
    width, height = app.size
    return ["".join(cells.get(y, {}).get(x, " ") for x in range(width)) for y in range(height)]


def dialog_text(app: CompanionApp) -> str:
    """What the dialog on top says, its lines joined as one text: a sentence cut at the
    border would be missing its end, a wrapped one reads whole."""
    region = app.screen.query_one("#dialog").region
    lines = screen_lines(app)[region.y : region.bottom]
    inside = (line[region.x + 1 : region.right - 1] for line in lines)
    return " ".join(" ".join(inside).split())


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_leave_dialog_shows_its_whole_sentence_and_every_button(
    make_app, size: tuple[int, int]
) -> None:
    app: CompanionApp = make_app(start="reflect")
    async with app.run_test(size=size) as pilot:
        dialog = await leaving_with_text(pilot)
        text = dialog_text(app)
        assert "Leave this reflection?" in text
        assert "Keep them as a draft to finish later, or discard them." in text
        for label in ("Keep draft [k]", "Discard [d]", "Stay [esc]"):
            assert label in text
        assert dialog.query_one("#dialog").region.bottom <= size[1]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_action_dialog_says_which_due_dates_it_reads_whole(
    make_app, context: Context, size: tuple[int, int]
) -> None:
    from tests.test_snapshots import _sam_with_an_open_action

    _sam_with_an_open_action(context)
    app: CompanionApp = make_app("coach", person="Sam", script="weekly-1on1")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("pagedown", "ctrl+t", *"Book two demos", "enter", "tab")
        await pilot.press(*"someday", "enter")
        await pilot.pause()
        text = dialog_text(app)
        assert "Add an agreed action" in text
        hint = str(app.screen.query_one("#hint").render())
        assert hint.startswith("'someday' is not a date")
        assert " ".join(hint.split()) in text  # every word of it, to its end


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_leaving_a_1on1_says_where_it_opens_again_whole(
    make_app, context: Context, size: tuple[int, int]
) -> None:
    from tests.test_snapshots import _sam_with_an_open_action

    _sam_with_an_open_action(context)
    app: CompanionApp = make_app("coach", person="Sam", script="weekly-1on1")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("pagedown", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        text = dialog_text(app)
        assert "and the 1:1 opens where you left it next time you pick Sam Rivera" in text
        for label in ("Keep draft [k]", "Discard [d]", "Stay [esc]"):
            assert label in text


@pytest.mark.parametrize(
    ("size", "placeholder"),
    [
        ((60, 20), "words  #tag  since:7d  until:today"),
        ((80, 24), "words  #tag  since:2026-11-01  until:today  (or 7d, monday)"),
    ],
    ids=["60x20", "80x24"],
)
async def test_the_journal_filter_placeholder_is_whole_at_each_width(
    make_app, context: Context, size: tuple[int, int], placeholder: str
) -> None:
    """A placeholder cannot wrap: a narrow terminal gets the short one, whole."""
    from tests.test_tui_journal import seed

    seed(context)
    app: CompanionApp = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("j")
        await pilot.pause()
        line = next(line for line in screen_lines(app) if "#tag" in line)
        assert placeholder in line


async def test_the_journal_filter_placeholder_follows_a_resize(make_app) -> None:
    app: CompanionApp = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        line = next(line for line in screen_lines(app) if "#tag" in line)
        assert "since:7d  until:today" in line
        assert "(or 7d" not in line
