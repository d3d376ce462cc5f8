"""Pictures of the 1:1 setup at 60x20, 80x24 and 120x40: its words wrap, its panes grow with
the terminal, and the highlighted script stays in view. Each label's painted words are also read
here, so that a sentence cut at the edge fails even before anyone looks at the SVG.
Regenerate on purpose only: --snapshot-update."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList

from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.screens.coach_setup import CoachSetupScreen
from tests.conftest import visible_text
from tests.test_snapshots import _sam_with_an_open_action, no_blink

SIZES = [(60, 20), (80, 24), (120, 40)]
IDS = [f"{w}x{h}" for w, h in SIZES]


def painted(widget: Widget) -> str:
    """The words a widget paints in the room it has, spaces squashed."""
    width, height = widget.outer_size
    lines = widget.render_lines(Region(0, 0, width, height))
    return " ".join(" ".join(line.text for line in lines).split())


def whole(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_setup_at_each_size(snap_compare, make_app, context: Context, size) -> None:  # type: ignore[no-untyped-def]
    _sam_with_an_open_action(context)
    assert snap_compare(make_app("coach"), terminal_size=size, press=["down"], run_before=no_blink)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_nothing_on_the_setup_is_cut(make_app, context: Context, size) -> None:  # type: ignore[no-untyped-def]
    _sam_with_an_open_action(context)
    app: CompanionApp = make_app("coach")
    async with app.run_test(size=size) as pilot:
        await no_blink(pilot)
        await pilot.press("down")  # Sam, whose last script is the weekly 1:1
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CoachSetupScreen)
        for label in screen.query(Label):
            assert painted(label) == whole(str(label.render())), label.id
        box = screen.query_one("#new-person", Input)
        assert whole(box.placeholder) in painted(box)
        assert "…" not in visible_text(app)  # no option ellipsised
        scripts = screen.query_one("#scripts", OptionList)
        assert scripts.highlighted is not None
        weekly = scripts.get_option_at_index(scripts.highlighted)
        assert weekly.id == "essentials/weekly-1on1"
        assert "Weekly 1:1" in painted(scripts)  # the highlighted script is in view
        people_pane, scripts_pane = (
            screen.query_one("#people-pane"),
            screen.query_one("#scripts-pane"),
        )
        assert people_pane.size.width + scripts_pane.size.width >= size[0] - 4  # grows
