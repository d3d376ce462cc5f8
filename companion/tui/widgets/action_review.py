"""Last time's open actions, each marked done, kept open, or dropped with one key."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from companion.models.coaching import Action, Outcome
from companion.tui.text import plain

MARKS: dict[Outcome, tuple[str, str]] = {
    "keep": ("○ open   ", "yellow"),
    "done": ("✓ done   ", "green"),
    "dropped": ("✗ dropped", "dim"),
}


class ActionReviewed(Message):
    def __init__(self, action_uid: str, outcome: Outcome) -> None:
        super().__init__()
        self.action_uid = action_uid
        self.outcome = outcome


def action_label(action: Action, outcome: Outcome) -> Text:
    mark, style = MARKS[outcome]
    label = plain(f"{mark}  ", style)
    label.append(plain(action.text))
    due = f" · due {action.due:%d %b}" if action.due else ""
    label.append(plain(f"  ({action.owner}{due})", "dim"))
    return label


class ActionReviewList(OptionList):
    BINDINGS = [
        Binding("d", "mark('done')", "Done", id="review.done"),
        Binding("k", "mark('keep')", "Keep open", id="review.keep"),
        Binding("x", "mark('dropped')", "Drop", id="review.drop"),
    ]

    def __init__(
        self, actions: list[Action], outcomes: dict[str, Outcome], **kwargs: object
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.actions = actions
        self.outcomes = dict(outcomes)

    def on_mount(self) -> None:
        self._render_options()
        if self.actions:
            self.highlighted = 0

    def _render_options(self) -> None:
        highlighted = self.highlighted
        self.set_options(
            Option(action_label(a, self.outcomes.get(a.uid, "keep")), id=a.uid)
            for a in self.actions
        )
        if highlighted is not None:
            self.highlighted = highlighted

    def action_mark(self, outcome: Outcome) -> None:
        index = self.highlighted
        if index is None:
            return
        action = self.actions[index]
        self.outcomes[action.uid] = outcome
        self._render_options()
        self.post_message(ActionReviewed(action.uid, outcome))
        if index + 1 < len(self.actions):
            self.highlighted = index + 1
