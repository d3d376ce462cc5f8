"""Last time's open actions, each marked done, kept open, or dropped with one key.

The cursor stays on the row just decided and does not wrap from the last row to the first,
so "d, Down, x" decides two actions, each as its row shows; a decision is changed by
pressing another key on its row."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets.option_list import Option

from companion.flows.actions import is_overdue, owner_and_due
from companion.i18n import N_, _
from companion.models.coaching import Action, Outcome
from companion.tui.text import plain
from companion.tui.widgets.question_list import NoWrapOptionList

MARKS: dict[Outcome, tuple[str, str, str]] = {
    "keep": ("○", N_("open"), "yellow"),
    "done": ("✓", N_("done"), "green"),
    "dropped": ("✗", N_("dropped"), "dim"),
}


class ActionReviewed(Message):
    def __init__(self, action_uid: str, outcome: Outcome) -> None:
        super().__init__()
        self.action_uid = action_uid
        self.outcome = outcome


def action_label(action: Action, outcome: Outcome, today: date) -> Text:
    mark, word, style = MARKS[outcome]
    width = max(len(_(w)) for _m, w, _s in MARKS.values())
    label = plain(f"{mark} {_(word):<{width}}  ", style)
    label.append(plain(action.text))
    late = outcome == "keep" and is_overdue(action, today)
    label.append(plain(f"  ({owner_and_due(action, today)})", "bold red" if late else "dim"))
    return label


class ActionReviewList(NoWrapOptionList):
    BINDINGS = [
        Binding("d", "mark('done')", N_("Done"), id="review.done"),
        Binding("k", "mark('keep')", N_("Keep open"), id="review.keep"),
        Binding("x", "mark('dropped')", N_("Drop"), id="review.drop"),
    ]

    def __init__(
        self,
        actions: list[Action],
        outcomes: dict[str, Outcome],
        today: date,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.today = today
        self.actions = actions
        self.outcomes = dict(outcomes)

    def on_mount(self) -> None:
        self._render_options()
        if self.actions:
            self.highlighted = 0

    def _render_options(self) -> None:
        highlighted = self.highlighted
        self.set_options(
            Option(action_label(a, self.outcomes.get(a.uid, "keep"), self.today), id=a.uid)
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
        self.post_message(ActionReviewed(action.uid, outcome))  # the cursor stays on the row
