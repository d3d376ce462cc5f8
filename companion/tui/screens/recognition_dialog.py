"""A short recognition for the rep: what they did well, in a line or two. It goes to the
shared space at once, and the rep reads it after the next sync."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from companion.i18n import N_, _
from companion.tui.screens.base import CompanionDialog
from companion.tui.text import plain


class RecognitionDialog(CompanionDialog[str | None]):
    CSS_PATH = "recognition_dialog.tcss"
    HELP = N_(
        "Say what the rep did well, specifically: people who feel valued stay. It is sent "
        "to them with the next sync; Esc sends nothing."
    )
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="recognition.cancel"),
        Binding("ctrl+s", "save", N_("Send"), id="recognition.save", priority=True),
    ]

    def __init__(self, person_name: str) -> None:
        super().__init__()
        self.person_name = person_name

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            title = _("A recognition for {name}").format(name=self.person_name)
            yield Label(plain(title), id="title")
            yield Input(placeholder=_("what they did well, and why it mattered"), id="text")
            yield Label(plain(_("Enter or Ctrl+S sends it; Esc cancels.")), id="hint")

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        text = " ".join(self.query_one("#text", Input).value.split())
        if not text:
            self.query_one("#hint", Label).update(plain(_("Write what they did well first.")))
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
