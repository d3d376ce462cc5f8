"""Pictures of each screen at 80x24. Regenerate on purpose only: pytest --snapshot-update."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from companion.context import Context
from tests.test_recovery import spoil
from tests.test_tui_journal import a_month_of_reflections, seed
from tests.test_tui_recovery import settled
from tests.test_tui_reflection import previous_reflection

SIZE = (80, 24)


async def no_blink(pilot: Pilot) -> None:
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
    await pilot.pause()


def test_home_first_day(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_home_with_a_streak(snap_compare, make_app, context: Context) -> None:
    context.journal.add(previous_reflection("Book two demos with new prospects"))
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_reflection_scale_step(snap_compare, make_app) -> None:
    assert snap_compare(make_app("reflect"), terminal_size=SIZE, press=["4"], run_before=no_blink)


def test_reflection_text_step(snap_compare, make_app) -> None:
    press = ["4", "enter", "3", "enter", *"Acme opened up about their budget"]
    assert snap_compare(make_app("reflect"), terminal_size=SIZE, press=press, run_before=no_blink)


def test_reflection_reviews_last_commitment(snap_compare, make_app, context: Context) -> None:
    context.journal.add(previous_reflection("Book two demos with new prospects"))
    assert snap_compare(make_app("reflect"), terminal_size=SIZE, run_before=no_blink)


def test_reflection_tags_step(snap_compare, make_app) -> None:
    press = ["4", "enter", "3", "enter", "pagedown", "space", "down", "down", "space"]
    assert snap_compare(make_app("reflect"), terminal_size=SIZE, press=press, run_before=no_blink)


def test_leaving_asks_first(snap_compare, make_app) -> None:
    press = ["4", "escape"]
    assert snap_compare(make_app("reflect"), terminal_size=SIZE, press=press, run_before=no_blink)


def test_journal_with_entries(snap_compare, make_app, context: Context) -> None:
    seed(context)
    context.journal.add(previous_reflection("Book two demos with new prospects"))
    assert snap_compare(make_app(), terminal_size=SIZE, press=["j"], run_before=no_blink)


def test_help_on_home(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["f1"])


def _sam_with_an_open_action(context: Context) -> None:
    from companion.flows.one_on_one import OneOnOneFlow
    from companion.models.coaching import Person
    from companion.models.content import Script
    from tests.conftest import NOW

    sam = context.journal.add_person(
        Person(name="Sam Rivera", role="Account executive", created=NOW)
    )
    context.journal.add_person(Person(name="Ana Lopez", role="SDR", created=NOW))
    script = context.library.find("weekly-1on1", Script)
    flow = OneOnOneFlow(sam, script, [], NOW)
    flow.set_notes("Tired after the Acme pitch, otherwise upbeat")
    flow.add_action("Send Acme the revised proposal", "rep", NOW.date().replace(day=30), NOW)
    done = flow.finish(NOW)
    context.journal.save_one_on_one(done.record, done.new_actions, done.status_changes)


def test_coach_setup(snap_compare, make_app, context: Context) -> None:
    _sam_with_an_open_action(context)
    assert snap_compare(make_app(), terminal_size=SIZE, press=["o", "down"], run_before=no_blink)


def test_one_on_one_step(snap_compare, make_app, context: Context) -> None:
    _sam_with_an_open_action(context)
    app = make_app("coach", person="Sam", script="weekly-1on1")
    press = ["pagedown", "shift+tab", "space"]
    assert snap_compare(app, terminal_size=SIZE, press=press, run_before=no_blink)


def test_one_on_one_reviews_last_actions(snap_compare, make_app, context: Context) -> None:
    _sam_with_an_open_action(context)
    app = make_app("coach", person="Sam", script="weekly-1on1")
    assert snap_compare(app, terminal_size=SIZE, press=["d"], run_before=no_blink)


def test_one_on_one_add_action(snap_compare, make_app, context: Context) -> None:
    _sam_with_an_open_action(context)
    app = make_app("coach", person="Sam", script="weekly-1on1")
    press = ["pagedown", "ctrl+t", *"Book two demos"]
    assert snap_compare(app, terminal_size=SIZE, press=press, run_before=no_blink)


def test_history(snap_compare, make_app, context: Context) -> None:
    _sam_with_an_open_action(context)
    assert snap_compare(
        make_app(), terminal_size=SIZE, press=["o", "down", "h"], run_before=no_blink
    )


def test_library_on_a_script(snap_compare, make_app) -> None:
    press = ["l", "down", "down", "down", "down", "down"]  # past the pack and the reflections
    assert snap_compare(make_app(), terminal_size=SIZE, press=press, run_before=no_blink)


def test_home_card_of_the_day(snap_compare, make_app, clock) -> None:
    clock.advance(days=3)  # another day, another card
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_recovery_offers_repairs(snap_compare, monkeypatch, tmp_path, clock) -> None:
    """A journal with one invalid record, at start. The home is given as a relative path so
    that the folder shown is the same in every run."""
    from companion.paths import Home
    from companion.tui.app import CompanionApp

    monkeypatch.chdir(tmp_path)
    context = Context(Home(Path("home")).ensure(), clock=clock, monotonic=clock.monotonic)
    spoil(context, clock.now)
    app = CompanionApp(context)
    assert snap_compare(app, terminal_size=SIZE, run_before=settled)


def test_home_asks_who_is_using_it(snap_compare, home, clock) -> None:
    """The first start: the one question home asks, over the home screen."""
    from companion.tui.app import CompanionApp

    app = CompanionApp(Context(home, clock=clock, monotonic=clock.monotonic))
    assert snap_compare(app, terminal_size=SIZE)


def test_journal_of_reflections_at_80x24(snap_compare, make_app, context: Context) -> None:
    a_month_of_reflections(context)
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["j"], run_before=no_blink)


def test_journal_of_reflections_at_120x40(snap_compare, make_app, context: Context) -> None:
    a_month_of_reflections(context)
    assert snap_compare(make_app(), terminal_size=(120, 40), press=["j"], run_before=no_blink)


def test_editing_a_note(snap_compare, make_app, context: Context) -> None:
    seed(context)
    assert snap_compare(make_app(), terminal_size=SIZE, press=["j", "e"], run_before=no_blink)
