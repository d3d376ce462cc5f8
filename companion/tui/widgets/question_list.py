"""The questions of a 1:1 step; Space or Enter marks one as asked (or not)."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from companion.i18n import N_
from companion.tui.text import plain


class NoWrapOptionList(OptionList):
    """An option list whose cursor stops at the first and the last row instead of wrapping
    round: a key pressed once too often does not land on the other end of the list. Past
    the last row Down scrolls what holds the list to its end, past the first Up to its top,
    so the text around the list is read with the keyboard too."""

    def _holder(self) -> ScrollableContainer | None:
        for node in self.ancestors:
            if isinstance(node, ScrollableContainer):
                return node
        return None

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()
        elif holder := self._holder():
            holder.scroll_end(animate=False)

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()
        elif holder := self._holder():
            holder.scroll_home(animate=False)


class QuestionToggled(Message):
    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question


class QuestionList(NoWrapOptionList):
    BINDINGS = [Binding("space", "toggle", N_("Asked"), id="questions.toggle", show=False)]

    def __init__(self, questions: list[str], asked: set[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.questions = questions
        self.asked = set(asked)

    def on_mount(self) -> None:
        self._render_options()
        if self.questions:
            self.highlighted = 0

    def _render_options(self) -> None:
        highlighted = self.highlighted
        options = []
        for question in self.questions:
            done = question in self.asked
            label = plain("☑ " if done else "☐ ", "green" if done else "")
            label.append(plain(question, "dim" if done else ""))
            options.append(Option(label))
        self.set_options(options)
        if highlighted is not None:
            self.highlighted = highlighted

    def action_toggle(self) -> None:
        index = self.highlighted
        if index is None:
            return
        question = self.questions[index]
        self.asked ^= {question}
        self._render_options()
        self.post_message(QuestionToggled(question))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle()
