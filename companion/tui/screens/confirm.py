"""Asked before leaving a reflection with unsaved answers: keep a draft, discard, or stay."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

LeaveChoice = Literal["keep", "discard"]


class ConfirmLeaveScreen(ModalScreen[LeaveChoice | None]):
    CSS_PATH = "confirm_leave.tcss"
    BINDINGS = [
        Binding("k", "choose('keep')", "Keep draft", id="leave.keep"),
        Binding("d", "choose('discard')", "Discard", id="leave.discard"),
        Binding("escape", "choose(None)", "Stay", id="leave.stay"),
    ]

    def __init__(self, answered: int) -> None:
        super().__init__()
        self.answered = answered

    def compose(self) -> ComposeResult:
        plural = "answer" if self.answered == 1 else "answers"
        with Vertical(id="dialog"):
            yield Label("Leave this reflection?", id="question")
            yield Label(
                f"You have {self.answered} unsaved {plural}. Keep them as a draft to finish "
                "later, or discard them.",
                id="detail",
            )
            with Horizontal(id="buttons"):
                yield Button("Keep draft [k]", variant="primary", id="keep")
                yield Button("Discard [d]", variant="error", id="discard")
                yield Button("Stay [esc]", id="stay")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(None if event.button.id == "stay" else event.button.id)

    def action_choose(self, choice: LeaveChoice | None) -> None:
        self.dismiss(choice)
