"""F1 / ?: what this screen is for and every key it answers to."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from companion.i18n import N_, _
from companion.tui.screens.base import CompanionDialog
from companion.tui.text import plain

GENERAL = N_(
    "Companion is keyboard first: every action is in the footer and in the command "
    "palette (Ctrl+P). Your journal stays on this machine."
)


class HelpScreen(CompanionDialog[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", N_("Close"), id="help.close")]

    def __init__(self, title: str, about: str, keys: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.help_title = title
        self.about = about
        self.keys = keys

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column()
        for key, description, tooltip in self.keys:
            table.add_row(
                plain(key, "bold"), plain(f"{description}" + (f" — {tooltip}" if tooltip else ""))
            )
        with Vertical(id="help"):
            title = _("Help · {screen}").format(screen=self.help_title)
            yield Label(plain(title), id="help-title")
            with VerticalScroll():
                yield Static(plain(self.about), id="help-about")
                yield Static(table, id="help-keys")
                yield Static(plain(_(GENERAL)), id="help-general")
            yield Label(plain(_("Esc closes this help")), id="help-hint")

    def action_close(self) -> None:
        self.dismiss(None)
