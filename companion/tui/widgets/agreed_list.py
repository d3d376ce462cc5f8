"""The actions agreed in this 1:1, as a list: Enter edits one, Delete removes it."""

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


class AgreedList(NoWrapOptionList):
    BINDINGS = [
        Binding("enter", "edit", N_("Edit"), id="agreed.edit"),
        Binding("delete,backspace", "remove", N_("Remove"), id="agreed.remove"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.actions: list[Action] = []

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
