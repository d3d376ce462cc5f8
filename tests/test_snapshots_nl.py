"""Pictures of the main screens in Dutch at 80x24: the interface and the content both Dutch,
as `companion config language nl` makes them. Regenerate on purpose only: --snapshot-update."""

from __future__ import annotations

import pytest

from companion import i18n
from companion.context import Context
from tests.test_snapshots import SIZE, _sam_with_an_open_action, no_blink
from tests.test_tui_reflection import previous_reflection


@pytest.fixture
def dutch(context: Context) -> Context:
    """A user who set `language nl`, started as the command line starts the app."""
    context.settings.language = "nl"
    context.save_settings()
    i18n.set_language("nl")
    i18n.warm_dates()
    return context


def test_home_in_dutch(snap_compare, make_app, dutch: Context) -> None:
    dutch.journal.add(previous_reflection("Twee demo's plannen met nieuwe prospects"))
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_reflection_in_dutch(snap_compare, make_app, dutch: Context) -> None:
    dutch.journal.add(previous_reflection("Twee demo's plannen met nieuwe prospects"))
    assert snap_compare(make_app("reflect"), terminal_size=SIZE, run_before=no_blink)


def test_one_on_one_in_dutch(snap_compare, make_app, dutch: Context) -> None:
    _sam_with_an_open_action(dutch)
    app = make_app("coach", person="Sam", script="weekly-1on1")
    assert snap_compare(app, terminal_size=SIZE, press=["pagedown"], run_before=no_blink)


def test_help_in_dutch(snap_compare, make_app, dutch: Context) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["f1"])


def test_settings_in_dutch(snap_compare, make_app, dutch: Context) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["comma"], run_before=no_blink)
