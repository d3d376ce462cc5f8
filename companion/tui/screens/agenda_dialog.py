"""The rep's agenda, where a 1:1 starts: what they shared and is not discussed yet. Each item
can be marked discussed (the rep sees it after the next sync) and pulled into the notes of
the step the 1:1 is on. Their texts are shown literally (`foreign`)."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from companion.i18n import N_, _, format_date
from companion.spaces.replay import ItemState
from companion.tui.screens.base import CompanionDialog
from companion.tui.text import foreign, plain


class AgendaDialog(CompanionDialog[None]):
    CSS_PATH = "agenda_dialog.tcss"
    HELP = N_(
        "What the rep shared for this 1:1 and is not discussed yet, oldest first. d marks the "
        "highlighted item discussed, p pulls its text into the notes of the current step, "
        "Esc goes on with the 1:1 (Ctrl+O opens this again)."
    )
    BINDINGS = [
        Binding(
            "d",
            "discussed",
            N_("Discussed"),
            tooltip=N_("Mark it discussed"),
            id="agenda.discussed",
        ),
        Binding(
            "p",
            "pull",
            N_("Into notes"),
            tooltip=N_("Pull it into this step's notes"),
            id="agenda.pull",
        ),
        Binding(
            "escape",
            "close",
            N_("On to the 1:1"),
            tooltip=N_("Close the agenda"),
            id="agenda.close",
        ),
    ]

    def __init__(
        self,
        partner: str,
        items: list[ItemState],
        discussed: Callable[[ItemState], bool],
        pull: Callable[[ItemState], None],
    ) -> None:
        """`discussed` marks an item discussed in the space (whether it could); `pull` adds
        its text to the current step's notes."""
        super().__init__()
        self.partner = partner
        self.items = list(items)
        self.done: set[str] = set()
        self.pulled: set[str] = set()
        self._discussed, self._pull = discussed, pull

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(plain(_("{name}'s agenda").format(name=self.partner)), id="title")
            yield OptionList(id="agenda")
            with VerticalScroll(id="agenda-reader"):
                yield Static(id="agenda-text")
            yield Label(plain(_("d: discussed · p: into the notes · Esc: on to the 1:1"), "dim"))

    def on_mount(self) -> None:
        self._refresh()
        self.query_one("#agenda", OptionList).focus()

    def _refresh(self) -> None:
        options = self.query_one("#agenda", OptionList)
        at = options.highlighted or 0
        options.set_options(Option(self._label(item)) for item in self.items)
        if self.items:
            options.highlighted = min(at, len(self.items) - 1)
        self._show(options.highlighted)

    def _label(self, item: ItemState) -> object:
        mark = "✓" if item.id in self.done else "○"
        line = " ".join(item.item.text.split())
        text = plain(f"{mark} ")
        text.append(foreign(line if len(line) <= 70 else line[:69] + "…"))
        if item.id in self.pulled:
            text.append(plain("  " + _("(in the notes)"), "dim"))
        return text

    @on(OptionList.OptionHighlighted, "#agenda")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    def _show(self, index: int | None) -> None:
        item = self._current(index)
        text = plain("")
        if item is not None:
            record = item.item
            prompt = getattr(record, "prompt", None)
            day = getattr(record, "reflection", None)
            if prompt:
                text.append(foreign(prompt + "\n", "italic"))
            text.append(foreign(record.text))
            if day is not None:
                origin = _("(from the reflection of {day})").format(day=format_date(day))
                text.append(plain("\n" + origin, "dim"))
        self.query_one("#agenda-text", Static).update(text)

    def _current(self, index: int | None = None) -> ItemState | None:
        if index is None:
            index = self.query_one("#agenda", OptionList).highlighted
        return self.items[index] if index is not None and 0 <= index < len(self.items) else None

    def action_discussed(self) -> None:
        item = self._current()
        if item is not None and item.id not in self.done and self._discussed(item):
            self.done.add(item.id)
            self._refresh()

    def action_pull(self) -> None:
        item = self._current()
        if item is not None and item.id not in self.pulled:
            self._pull(item)
            self.pulled.add(item.id)
            self._refresh()

    def action_close(self) -> None:
        self.dismiss(None)
