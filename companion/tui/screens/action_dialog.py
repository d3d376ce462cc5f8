"""Add an agreed action: what, who owns it, and an optional due date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, RadioButton, RadioSet

from companion.flows.one_on_one import CoachingError, parse_due
from companion.i18n import N_, _
from companion.models.coaching import Owner
from companion.tui.screens.base import CompanionDialog
from companion.tui.text import plain


@dataclass(frozen=True)
class NewAction:
    text: str
    owner: Owner
    due: date | None


class ActionDialog(CompanionDialog[NewAction | None]):
    CSS_PATH = "action_dialog.tcss"
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="action.cancel"),
        Binding("ctrl+s", "save", N_("Add"), id="action.save", priority=True),
    ]

    def __init__(self, person_name: str, today: date) -> None:
        super().__init__()
        self.person_name = person_name
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(plain(_("Add an agreed action")), id="title")
            yield Input(placeholder=_("what will be done, in the rep's words"), id="text")
            with RadioSet(id="owner"):
                owns = _("{name} owns it").format(name=self.person_name)
                yield RadioButton(plain(owns), value=True, id="rep")
                yield RadioButton(plain(_("I (the manager) own it")), id="manager")
            yield Input(placeholder=_("due (optional): YYYY-MM-DD, tomorrow, friday, +7"), id="due")
            hint = _("Enter on the last field or Ctrl+S adds it; Esc cancels.")
            yield Label(plain(hint), id="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "text":
            self.query_one("#owner", RadioSet).focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        hint = self.query_one("#hint", Label)
        if not text:
            hint.update(plain(_("Write what will be done first.")))
            self.query_one("#text", Input).focus()
            return
        try:
            due = parse_due(self.query_one("#due", Input).value, self.today)
        except CoachingError as error:
            hint.update(plain(str(error)))
            self.query_one("#due", Input).focus()
            return
        pressed = self.query_one("#owner", RadioSet).pressed_button
        owner: Owner = "manager" if pressed is not None and pressed.id == "manager" else "rep"
        self.dismiss(NewAction(text, owner, due))

    def action_cancel(self) -> None:
        self.dismiss(None)
