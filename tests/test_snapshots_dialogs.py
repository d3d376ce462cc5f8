"""Pictures of the journal and of every dialog at 60x20, 80x24 and 120x40: each sentence
wrapped whole, every button seen, the dialog inside the terminal. Regenerate on purpose only:
pytest tests/test_snapshots_dialogs.py --snapshot-update (then read the pictures)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from companion import i18n
from companion.context import Context
from tests.conftest import NOW
from tests.test_snapshots import _sam_with_an_open_action, no_blink
from tests.test_tui_journal import a_month_of_reflections

SIZES = [
    pytest.param((60, 20), id="60x20"),
    pytest.param((80, 24), id="80x24"),
    pytest.param((120, 40), id="120x40"),
]
IN_A_1ON1 = {"start": "coach", "person": "Sam", "script": "weekly-1on1"}


def opening(make: Callable[[Pilot], Screen[object]]) -> Callable[[Pilot], Awaitable[None]]:
    """Before the picture: the dialog `make` builds is opened over the screen."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        pilot.app.push_screen(make(pilot))
        await no_blink(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_journal(snap_compare, make_app, context: Context, size: tuple[int, int]) -> None:
    a_month_of_reflections(context)
    assert snap_compare(make_app(), terminal_size=size, press=["j"], run_before=no_blink)


@pytest.mark.parametrize("size", SIZES)
def test_leave_a_reflection(snap_compare, make_app, size: tuple[int, int]) -> None:
    press = ["2", "enter", "pagedown", *"Acme", "escape", "right"]  # Discard has the focus
    assert snap_compare(make_app("reflect"), terminal_size=size, press=press, run_before=no_blink)


def test_leave_a_1on1_in_dutch_at_60x20(snap_compare, make_app, context: Context) -> None:
    """The longest question, in the longer language, at the smallest size: the buttons stack."""
    context.settings.language = "nl"
    context.save_settings()
    i18n.set_language("nl")
    i18n.warm_dates()
    _sam_with_an_open_action(context)
    app = make_app(**IN_A_1ON1)
    press = ["pagedown", "escape"]
    assert snap_compare(app, terminal_size=(60, 20), press=press, run_before=no_blink)


@pytest.mark.parametrize("size", SIZES)
def test_action_dialog(snap_compare, make_app, context: Context, size: tuple[int, int]) -> None:
    """With a due date it cannot read: the hint says what it can, wrapped."""
    _sam_with_an_open_action(context)
    press = ["pagedown", "ctrl+t", *"Book two demos", "enter", "tab", *"someday", "enter"]
    app = make_app(**IN_A_1ON1)
    assert snap_compare(app, terminal_size=size, press=press, run_before=no_blink)


@pytest.mark.parametrize("size", SIZES)
def test_agenda_dialog(snap_compare, make_app, context: Context, size: tuple[int, int]) -> None:
    from companion.models.space import SharedItem
    from companion.spaces.replay import ItemState
    from companion.tui.screens.agenda_dialog import AgendaDialog

    _sam_with_an_open_action(context)
    shared = [
        SharedItem(
            id="0123456789a0",
            by="rep",
            clock=1,
            at=NOW,
            text="Can we talk about my territory? The new split leaves me with half the "
            "accounts I had, and most of them are renewals.",
        ),
        SharedItem(
            id="0123456789a1",
            by="rep",
            clock=2,
            at=NOW,
            text="Acme opened up about their budget",
            prompt="A win worth recognising",
            reflection=date(2026, 11, 20),
        ),
    ]
    items = [ItemState(item) for item in shared]

    def agenda(pilot: Pilot) -> Screen[object]:
        return AgendaDialog("Sam Rivera", items, lambda item: True, lambda item: None)

    app = make_app(**IN_A_1ON1)
    assert snap_compare(app, terminal_size=size, run_before=opening(agenda))


@pytest.mark.parametrize("size", SIZES)
def test_share_dialog(snap_compare, make_app, context: Context, size: tuple[int, int]) -> None:
    from companion.flows.sharing import Offer
    from companion.tui.screens.share_dialog import ShareDialog

    day = date(2026, 11, 23)
    offers = [
        Offer("A win worth recognising", "Acme opened up about their budget", day),
        Offer("What got in the way?", "Two hours lost to the CRM migration again", day),
        Offer("My commitment for tomorrow", "Book two demos with new prospects", day),
    ]

    def share(pilot: Pilot) -> Screen[object]:
        return ShareDialog("Bob", [(o.prompt, o.as_item()) for o in offers], picked=True)

    assert snap_compare(make_app(), terminal_size=size, run_before=opening(share))


@pytest.mark.parametrize("size", SIZES)
def test_recognition_dialog(
    snap_compare, make_app, context: Context, size: tuple[int, int]
) -> None:
    """Enter with nothing written: the hint says what to do."""
    from companion.tui.screens.recognition_dialog import RecognitionDialog

    _sam_with_an_open_action(context)
    app = make_app(**IN_A_1ON1)

    def recognition(pilot: Pilot) -> Screen[object]:
        return RecognitionDialog("Sam Rivera")

    assert snap_compare(app, terminal_size=size, press=["enter"], run_before=opening(recognition))


@pytest.mark.parametrize("size", SIZES)
def test_role_dialog(snap_compare, home, clock, size: tuple[int, int]) -> None:
    """The first start's one question."""
    from companion.tui.app import CompanionApp

    app = CompanionApp(Context(home, clock=clock, monotonic=clock.monotonic))
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_question_picker(snap_compare, make_app, context: Context, size: tuple[int, int]) -> None:
    _sam_with_an_open_action(context)
    app = make_app(**IN_A_1ON1)
    press = ["pagedown", "ctrl+r", *"deal"]
    assert snap_compare(app, terminal_size=size, press=press, run_before=no_blink)


@pytest.mark.parametrize("size", SIZES)
def test_entry_edit(snap_compare, make_app, context: Context, size: tuple[int, int]) -> None:
    """A reflection's answers, its tags and its day: more than 60x20 shows at once."""
    a_month_of_reflections(context, days=2)
    assert snap_compare(make_app(), terminal_size=size, press=["j", "e"], run_before=no_blink)


@pytest.mark.parametrize("size", SIZES)
def test_help_of_the_journal(
    snap_compare, make_app, context: Context, size: tuple[int, int]
) -> None:
    a_month_of_reflections(context, days=2)
    assert snap_compare(make_app(), terminal_size=size, press=["j", "f1"])
