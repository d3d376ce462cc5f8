"""The links of what is on screen: pick one, see its full address, then choose to open it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from companion.flows.links import Link
from companion.i18n import N_, _
from companion.tui.screens.base import CompanionDialog
from companion.tui.text import plain


class LinkPicker(CompanionDialog[str | None]):
    """Dismisses with the https address to open, or None."""

    CSS_PATH = "links.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="links.cancel")]

    def __init__(self, links: list[Link]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(
                plain(_("Links on this page · Enter opens one in your browser, after asking"))
            )
            options = []
            for link in self.links:
                label = plain(link.text, "bold" if link.openable else "dim")
                label.append(plain(f"\n  {link.url}", "" if link.openable else "dim"))
                if not link.openable:
                    label.append(plain("  " + _("(not opened: only https links)"), "italic dim"))
                options.append(Option(label, disabled=not link.openable))
            yield OptionList(*options, id="links")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        link = self.links[event.option_index]
        if link.openable:  # disabled options can't be chosen; this holds even if one were
            self.dismiss(link.url)

    def action_cancel(self) -> None:
        self.dismiss(None)
