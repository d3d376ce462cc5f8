"""A question with a few answers, each with its own key (e.g. keep a draft / discard / stay).

The answers are buttons in a row: Left/Right (or Tab/Shift+Tab) move between them, Enter
presses the one with the focus, and that one is marked `▸ … ◂` (reversed and bold too), so
it is seen without colour. Where the row does not fit the dialog (a narrow terminal, longer
words in another language) the buttons stand one under the other, and Up/Down move too."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from companion.i18n import N_, _
from companion.tui.screens.base import CompanionDialog
from companion.tui.text import plain

Variant = Literal["default", "primary", "success", "warning", "error"]


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    value: str | None
    variant: Variant = "default"


class ChoiceButton(Button):
    """A dialog's button that says it has the focus by more than colour: `▸ Keep draft ◂`."""

    def __init__(self, text: str, **options: object) -> None:
        self.text = text
        super().__init__(self._label(focused=False), **options)  # type: ignore[arg-type]
        self.styles.line_pad = 0  # the marks' spaces pad it (CSS refuses a line-pad of 0)

    def _label(self, focused: bool) -> object:
        return plain(f"▸ {self.text} ◂" if focused else f"  {self.text}  ")

    def on_focus(self) -> None:
        self.label = self._label(focused=True)  # type: ignore[assignment]

    def on_blur(self) -> None:
        self.label = self._label(focused=False)  # type: ignore[assignment]

    @property
    def natural_width(self) -> int:
        """How wide it is in a row: its label, the marks, its border."""
        return max(cell_len(self.text) + 6, 10)


class ButtonRow(Horizontal):
    """The answers side by side, or one under the other (`-stacked`) when the row would be
    wider than the dialog."""

    GAP = 1  # between two buttons in a row

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size.width)

    def fit(self, width: int) -> None:
        buttons = list(self.query(ChoiceButton))
        wanted = sum(b.natural_width for b in buttons) + self.GAP * max(len(buttons) - 1, 0)
        self.set_class(wanted > width, "-stacked")


class ConfirmScreen(CompanionDialog[str | None]):
    """Dismisses with the chosen value; Esc always means the last choice (usually 'stay')."""

    CSS_PATH = "confirm.tcss"
    HELP = N_(
        "Left and Right (or Tab and Shift+Tab) move between the answers, and Enter picks "
        "the one marked ▸ ◂. The key in brackets on an answer picks it at once; Esc picks "
        "the last, which changes nothing."
    )
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="confirm.cancel")]

    def __init__(self, question: str, detail: str, choices: list[Choice]) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.choices = choices
        for choice in choices:
            if choice.key != "escape":
                self._bindings.bind(choice.key, f"choose({choice.key!r})", choice.label)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):  # scrolls when too low (its .tcss), and is no Tab stop
            yield Static(plain(self.question), id="question")  # a Static wraps; a Label cuts
            yield Static(plain(self.detail), id="detail")
            with ButtonRow(id="buttons"):
                for choice in self.choices:
                    key = "esc" if choice.key == "escape" else choice.key
                    yield ChoiceButton(
                        f"{choice.label} [{key}]",  # the key shown, never read as markup
                        variant=choice.variant,
                        id=f"choice-{choice.key}",
                    )

    def on_mount(self) -> None:
        """The focus starts on the first answer that destroys nothing, so a stray Enter
        (say, one pressed twice) never deletes or discards."""
        safe = [c for c in self.choices if c.variant != "error"] or self.choices
        self.query_one(f"#choice-{safe[0].key}", ChoiceButton).focus()

    def _value(self, key: str) -> str | None:
        return next((c.value for c in self.choices if c.key == key), None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(self._value((event.button.id or "").removeprefix("choice-")))

    def action_choose(self, key: str) -> None:
        self.dismiss(self._value(key))

    def action_cancel(self) -> None:
        self.dismiss(self.choices[-1].value if self.choices[-1].key == "escape" else None)


def leave_choices() -> list[Choice]:
    return [
        Choice("k", _("Keep draft"), "keep", "primary"),
        Choice("d", _("Discard"), "discard", "error"),
        Choice("escape", _("Stay"), None),
    ]
