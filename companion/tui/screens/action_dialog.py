"""Add an agreed action, or edit one (`existing`): what, who owns it, an optional due date."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from companion.flows.one_on_one import CoachingError, parse_due
from companion.i18n import N_, _
from companion.models.coaching import Action, Owner
from companion.tui.screens.base import CompanionDialog
from companion.tui.text import plain
from companion.tui.widgets.choices import Choice, Choices


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

    def __init__(self, person_name: str, today: date, existing: Action | None = None) -> None:
        super().__init__()
        self.person_name = person_name
        self.today = today
        self.existing = existing
        if existing is not None:  # the key bar and the palette say what Ctrl+S does here
            [add] = self._bindings.key_to_bindings["ctrl+s"]
            self._bindings.key_to_bindings["ctrl+s"] = [replace(add, description=N_("Save"))]

    def compose(self) -> ComposeResult:
        existing = self.existing
        rep_owns = existing is None or existing.owner == "rep"
        with Vertical(id="dialog"):
            title = _("Edit the agreed action") if existing else _("Add an agreed action")
            yield Label(plain(title), id="title")
            yield Input(
                existing.text if existing else "",
                placeholder=_("what will be done, in the rep's words"),
                id="text",
            )
            with Choices(id="owner"):
                owns = _("{name} owns it").format(name=self.person_name)
                yield Choice(plain(owns), value=rep_owns, id="rep")
                yield Choice(plain(_("I (the manager) own it")), value=not rep_owns, id="manager")
            due = existing.due.isoformat() if existing and existing.due else ""
            yield Input(due, placeholder=_("due (optional): tomorrow, +7, YYYY-MM-DD"), id="due")
            hint = (
                _("Enter on the last field or Ctrl+S saves it; Esc cancels.")
                if existing
                else _("Enter on the last field or Ctrl+S adds it; Esc cancels.")
            )
            yield Label(plain(hint), id="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "text":
            self.query_one("#owner", Choices).focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        hint = self.query_one("#hint", Label)
        if not text:
            hint.update(plain(_("Write what will be done first.")))
            self.query_one("#text", Input).focus()
            return
        typed = self.query_one("#due", Input).value
        kept = self.existing.due if self.existing else None
        try:  # an edited action keeps its day, even one that has passed since
            due = (
                kept if kept and typed.strip() == kept.isoformat() else parse_due(typed, self.today)
            )
        except CoachingError as error:
            hint.update(plain(str(error)))
            self.query_one("#due", Input).focus()
            return
        pressed = self.query_one("#owner", Choices).pressed_button
        owner: Owner = "manager" if pressed is not None and pressed.id == "manager" else "rep"
        self.dismiss(NewAction(text, owner, due))

    def action_cancel(self) -> None:
        self.dismiss(None)
