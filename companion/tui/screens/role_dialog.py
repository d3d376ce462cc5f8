"""Asked once, on the first start: who is using Companion, so the card of the day is for them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from companion.i18n import N_, _
from companion.tui.screens.base import CompanionDialog
from companion.tui.text import plain

ROLES = (
    ("rep", "r", N_("A rep"), N_("I sell, and reflect on my own days")),
    ("manager", "m", N_("A manager"), N_("I run 1:1s with the people in my team")),
    ("coach", "c", N_("A coach"), N_("I coach salespeople, and write content packs")),
)


class RoleDialog(CompanionDialog[str | None]):
    """Dismisses with 'rep', 'manager' or 'coach', or None when skipped."""

    CSS_PATH = "role_dialog.tcss"
    AUTO_FOCUS = "#roles"
    BINDINGS = [
        Binding("escape", "skip", N_("Skip"), tooltip=N_("Decide later"), id="role.skip"),
        *(
            Binding(key, f"choose({role!r})", label, show=False, id=f"role.{role}")
            for role, key, label, _about in ROLES
        ),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(plain(_("Who is using Companion?")), id="question")
            yield OptionList(
                *(
                    Option(plain(f"{key}  {_(label)}: {_(about)}"), id=role)
                    for role, key, label, about in ROLES
                ),
                id="roles",
            )
            yield Static(  # a Static wraps its text; a Label would cut it at the border
                plain(
                    _(
                        "The card of the day is then written for you. Esc skips; "
                        "`companion config role` changes it later."
                    )
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
