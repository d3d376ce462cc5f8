"""A question with a few answers, each with its own key (e.g. keep a draft / discard / stay)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

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


class ConfirmScreen(CompanionDialog[str | None]):
    """Dismisses with the chosen value; Esc always means the last choice (usually 'stay')."""

    CSS_PATH = "confirm.tcss"
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
        with Vertical(id="dialog"):
            yield Label(plain(self.question), id="question")
            yield Static(plain(self.detail), id="detail")  # wraps: a Label cut it at the border
            with Horizontal(id="buttons"):
                for choice in self.choices:
                    key = "esc" if choice.key == "escape" else choice.key
                    yield Button(
                        plain(f"{choice.label} [{key}]"),  # the key shown, not read as markup
                        variant=choice.variant,
                        id=f"choice-{choice.key}",
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

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
