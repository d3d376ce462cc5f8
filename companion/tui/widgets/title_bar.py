"""The title line at the top of every screen: the app's icon, and the screen's title.

It draws what Textual's Header draws, cell for cell (every snapshot shows the same cells): the icon
on the left, which a click turns into the command palette, and "Companion — Home" centred
between the icon's cell and the clock's empty space on the right. The Header composes four
widgets for that line, each mounted and styled apart; one widget that draws the same cells
is measurably quicker to home's first frame.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

from companion.i18n import N_, _

ICON = "⭘"
ICON_CELLS = 8  # the icon's cell, as wide as the Header's
RIGHT_CELLS = 10  # the Header's room for a clock: the title is centred between the two
PALETTE_TIP = N_("Open the command palette")


class TitleBar(Widget, can_focus=False):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    TitleBar > .title-bar--icon-hover { background: $foreground 10%; }
    """
    COMPONENT_CLASSES = {"title-bar--icon-hover"}

    def __init__(self) -> None:
        super().__init__()
        self._over_icon = False

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self._title_changed, init=False)
            self.watch(owner, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    def render(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        sub_title = _(sub_title) if sub_title else sub_title  # a screen's N_() title
        width = self.size.width
        middle = max(width - ICON_CELLS - RIGHT_CELLS, 0)
        text = app.format_title(title, sub_title).truncate(middle, ellipsis=True)
        left = (middle - text.cell_length) // 2
        icon_style = self.get_visual_style("title-bar--icon-hover") if self._over_icon else ""
        line = Content.assemble(
            Content.styled(f" {ICON}".ljust(ICON_CELLS), icon_style),
            " " * left,
            text,
            " " * (middle - left - text.cell_length + RIGHT_CELLS),
        )
        return line.truncate(width)

    def on_click(self, event: events.Click) -> None:
        if event.x < ICON_CELLS and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            self.app.action_command_palette()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_over_icon(event.x < ICON_CELLS and self.app.ENABLE_COMMAND_PALETTE)

    def on_leave(self, event: events.Leave) -> None:
        self._set_over_icon(False)

    def _set_over_icon(self, over: bool) -> None:
        if over != self._over_icon:
            self._over_icon = over
            self.tooltip = _(PALETTE_TIP) if over else None
            self.refresh()
