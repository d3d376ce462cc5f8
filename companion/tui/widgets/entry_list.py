"""A list of journal rows that draws only the lines on screen (tens of thousands stay smooth).

Textual's OptionList builds a widget-sized model of every option, so years of entries make
setting it and every arrow press slow. This one keeps the rows as data and renders a row only
when its line is visible (Textual's line API).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from companion.i18n import format_date, format_time
from companion.models.rows import Row
from companion.text_safety import strip_controls

DATE_STYLE = Style(bold=True)
MARK_STYLE = Style(color="cyan")
ELLIPSIS = "…"


TIME_FROM_WIDTH = 50  # a narrower list leaves the time out, for room to tell days apart


def row_segments(row: Row, style: Style, with_time: bool = True) -> list[Segment]:
    """A row's line: the date in bold, a mark for its kind, the summary. Built as segments:
    through a `Text`, a screenful of rows took twice as long, and the date's bold spread to
    the whole line."""
    day = format_date(row.created, "row")
    when = f"{day} {format_time(row.created)}  " if with_time else f"{day}  "
    return [
        Segment(when, style + DATE_STYLE),
        Segment("◆ " if row.kind == "reflection" else "· ", style + MARK_STYLE),
        Segment(strip_controls(row.summary), style),
    ]


class EntryList(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"entry-list--highlight"}
    DEFAULT_CSS = """
    EntryList > .entry-list--highlight { background: $block-cursor-background; }
    EntryList:blur > .entry-list--highlight { background: $block-hover-background; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "move(-1_000_000_000)", show=False),
        Binding("end", "move(1_000_000_000)", show=False),
        Binding("enter", "select", show=False),
    ]

    highlighted: reactive[int] = reactive(-1, always_update=True)

    class Highlighted(Message):
        def __init__(self, entry_list: EntryList, index: int) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.index = index

        @property
        def control(self) -> EntryList:
            return self.entry_list

    class Selected(Highlighted):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[Row] = ()

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show `rows`, highlighting the first (or nothing if there are none)."""
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows))
        self.scroll_to(y=0, animate=False)
        self.highlighted = 0 if rows else -1
        self.refresh()

    def watch_highlighted(self, index: int) -> None:
        if index < 0:
            return
        if index < self.scroll_offset.y:
            self.scroll_to(y=index, animate=False)
        elif index >= self.scroll_offset.y + self.scrollable_content_region.height:
            self.scroll_to(y=index - self.scrollable_content_region.height + 1, animate=False)
        self.refresh()
        self.post_message(self.Highlighted(self, index))

    def action_move(self, step: int) -> None:
        if self.rows:
            self.highlighted = max(0, min(len(self.rows) - 1, self.highlighted + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 1))

    def action_select(self) -> None:
        if 0 <= self.highlighted < len(self.rows):
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.rows):
            self.highlighted = index

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, self.rich_style)
        style: Style = self.rich_style
        if index == self.highlighted:
            style = style + self.get_component_rich_style("entry-list--highlight")
        strip = Strip(row_segments(self.rows[index], style, width >= TIME_FROM_WIDTH))
        if strip.cell_length > width:  # cut, and say so
            strip = Strip([*strip.crop(0, width - 1), Segment(ELLIPSIS, style)])
        return strip.crop_extend(0, width, style)
