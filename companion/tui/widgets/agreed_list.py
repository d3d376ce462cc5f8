"""The actions agreed in this 1:1, as a list: Enter edits one, Delete removes it.

Not a Tab stop (Tab moves between the steps, the questions and the notes): Ctrl+E on the
1:1 comes here, Esc or Tab goes back to the notes."""

from __future__ import annotations

from datetime import date

from textual.binding import Binding
from textual.message import Message
from textual.widgets.option_list import Option

from companion.flows.actions import owner_and_due
from companion.i18n import N_
from companion.models.coaching import Action
from companion.tui.text import plain
from companion.tui.widgets.question_list import NoWrapOptionList


class AgreedChosen(Message):
    """The manager wants to edit (or remove) an agreed action."""

    def __init__(self, action_uid: str, remove: bool = False) -> None:
        super().__init__()
        self.action_uid = action_uid
        self.remove = remove


class AgreedDone(Message):
    """Back to the notes."""


class AgreedList(NoWrapOptionList, can_focus=False):
    BINDINGS = [
        Binding("enter", "edit", N_("Edit"), id="agreed.edit"),
        Binding("delete,backspace", "remove", N_("Remove"), id="agreed.remove"),
        Binding("escape", "done", N_("Back to the notes"), id="agreed.done"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.actions: list[Action] = []

    def on_blur(self) -> None:
        self.can_focus = False  # Ctrl+E again to come back

    def action_done(self) -> None:
        self.post_message(AgreedDone())

    def show(self, actions: list[Action], today: date) -> None:
        highlighted = self.highlighted
        self.actions = list(actions)
        self.set_options(
            Option(plain(f"• {a.text} ({owner_and_due(a, today)})"), id=a.uid) for a in actions
        )
        self.display = bool(actions)  # no empty Tab stop
        if actions:
            self.highlighted = min(highlighted or 0, len(actions) - 1)

    def _chosen(self) -> Action | None:
        index = self.highlighted
        return self.actions[index] if index is not None and index < len(self.actions) else None

    def action_edit(self) -> None:
        if action := self._chosen():
            self.post_message(AgreedChosen(action.uid))

    def action_remove(self) -> None:
        if action := self._chosen():
            self.post_message(AgreedChosen(action.uid, remove=True))
