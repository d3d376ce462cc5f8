"""Share with <manager>? The rep picks what goes, one item at a time, and reads exactly what
will be sent before it is: nothing is picked unless the caller says so (a journal entry the
rep chose to share), and Esc sends nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, SelectionList, Static

from companion.i18n import N_, _, ngettext
from companion.spaces.errors import SpaceError
from companion.spaces.local import NewItem
from companion.tui.screens.base import CompanionDialog, context_of
from companion.tui.space_sync import sync_spaces
from companion.tui.text import plain

if TYPE_CHECKING:
    from textual.app import App


class ShareDialog(CompanionDialog[list[NewItem] | None]):
    """Dismisses with the items picked (maybe none), or None when left with Esc."""

    CSS_PATH = "share_dialog.tcss"
    HELP = N_(
        "Pick what to share for your next 1:1 (Space picks or unpicks); the box below shows "
        "exactly what will be sent. Nothing else of your journal leaves this machine, and "
        "you can withdraw an item until it is discussed."
    )
    BINDINGS = [
        Binding(
            "ctrl+s",
            "share",
            N_("Share"),
            tooltip=N_("Share what is picked"),
            id="share.send",
            priority=True,
        ),
        Binding("escape", "cancel", N_("Not now"), tooltip=N_("Share nothing"), id="share.cancel"),
    ]

    def __init__(
        self,
        partner: str,
        offers: Sequence[tuple[str, NewItem]],
        picked: bool = False,
        send: Callable[[list[NewItem]], None] | None = None,
    ) -> None:
        """`offers`: (what the list says, the item that would go); `picked`: all picked;
        `send` is called with what is picked when the rep shares (the dialog may be opened
        from a screen that is closing, which could not take a result)."""
        super().__init__()
        self.partner = partner
        self.offers = list(offers)
        self.picked = picked
        self.send = send

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(plain(_("Share with {name}?").format(name=self.partner)), id="title")
            yield SelectionList[int](
                *(
                    (plain(label), index, self.picked)
                    for index, (label, _item) in enumerate(self.offers)
                ),
                id="offers",
            )
            yield Label(plain(_("What will be sent:"), "bold"))
            with VerticalScroll(id="preview-box"):
                yield Static(id="preview")
            yield Label(plain(_("Space: pick · Ctrl+S: share · Esc: not now"), "dim"))

    def on_mount(self) -> None:
        self._preview()
        self.query_one("#offers", SelectionList).focus()

    @on(SelectionList.SelectedChanged, "#offers")
    def _preview(self) -> None:
        chosen = self._chosen()
        if not chosen:
            text = plain(_("Nothing is picked: nothing will be sent."), "dim")
        else:
            text = plain("")
            for item in chosen:
                if item.fields.get("prompt"):
                    text.append(plain(f"{item.fields['prompt']}\n", "italic"))
                text.append(plain(item.text + "\n\n"))
            text.rstrip()
        self.query_one("#preview", Static).update(text)

    def _chosen(self) -> list[NewItem]:
        picked = set(self.query_one("#offers", SelectionList).selected)
        return [item for index, (_label, item) in enumerate(self.offers) if index in picked]

    def action_share(self) -> None:
        chosen = self._chosen()
        self.dismiss(chosen)
        if chosen and self.send is not None:
            self.send(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)


def shared_line(partner: str, count: int) -> str:
    """The notification after a share."""
    return ngettext(
        "Shared {count} item with {name}: it is on the agenda of your next 1:1.",
        "Shared {count} items with {name}: they are on the agenda of your next 1:1.",
        count,
    ).format(count=count, name=partner)


def offer_share(app: App[Any], offers: Sequence[tuple[str, NewItem]], picked: bool = False) -> bool:
    """Ask the rep what to share with their manager, then write it to their space and sync.
    False (and nothing asked) when this home has no space as a rep, or nothing to offer."""
    from companion import sharing
    from companion.spaces.local import open_space

    home = context_of(app).home
    mine = [info for info in sharing.linked(home) if info.side == "rep"]
    if not mine or not offers:
        return False
    info = mine[0]  # a rep shares with one manager; `companion share --with` picks another

    def send(chosen: list[NewItem]) -> None:
        try:
            open_space(sharing.root(home), info.id).record(chosen)
        except SpaceError as error:
            app.notify(str(error), severity="error", timeout=15)
            return
        app.notify(shared_line(info.partner, len(chosen)))
        sync_spaces(app)

    app.push_screen(ShareDialog(info.partner, offers, picked, send))
    return True
