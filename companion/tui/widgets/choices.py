"""One-of-a-few choices that read without colour and move on with Enter.

Textual's radio buttons tell the chosen one from the others by colour alone, and Enter
only toggles; in a dialog a person expects Enter to take the choice and go to the next
field, as it does in the field before.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import RadioButton, RadioSet


class Choice(RadioButton):
    """A radio button whose mark shows only when it is chosen (● or nothing)."""

    def render(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super().render()


class Choices(RadioSet):
    """Enter takes the highlighted choice and moves the focus to the next field; Space
    takes it and stays."""

    BINDINGS = [Binding("enter", "take", show=False)]

    def action_take(self) -> None:
        self.action_toggle_button()
        self.screen.focus_next()
