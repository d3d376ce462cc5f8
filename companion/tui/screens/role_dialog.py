"""Asked once, on the first start: who is using Companion, so the card of the day is for them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from companion.tui.screens.base import CompanionDialog
from companion.tui.text import plain

ROLES = (
    ("rep", "r", "A rep", "I sell, and reflect on my own days"),
    ("manager", "m", "A manager", "I run 1:1s with the people in my team"),
    ("coach", "c", "A coach", "I coach salespeople, and write content packs"),
)


class RoleDialog(CompanionDialog[str | None]):
    """Dismisses with 'rep', 'manager' or 'coach', or None when skipped."""

    CSS_PATH = "role_dialog.tcss"
    AUTO_FOCUS = "#roles"
    BINDINGS = [
        Binding("escape", "skip", "Skip", tooltip="Decide later", id="role.skip"),
        *(
            Binding(key, f"choose({role!r})", label, show=False, id=f"role.{role}")
            for role, key, label, _ in ROLES
        ),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(plain("Who is using Companion?"), id="question")
            yield OptionList(
                *(
                    Option(plain(f"{key}  {label}: {about}"), id=role)
                    for role, key, label, about in ROLES
                ),
                id="roles",
            )
            yield Static(  # a Static wraps its text; a Label would cut it at the border
                plain(
                    "The card of the day is then written for you. Esc skips; "
                    "`companion config role` changes it later."
                ),
                id="detail",
            )

    @on(OptionList.OptionSelected, "#roles")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_choose(self, role: str) -> None:
        self.dismiss(role)

    def action_skip(self) -> None:
        self.dismiss(None)
