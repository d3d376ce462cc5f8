"""Pull a question from any installed question bank into the current step of a 1:1."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from companion.i18n import N_, _, ngettext
from companion.models.content import QuestionBank
from companion.tui.screens.base import CompanionDialog
from companion.tui.text import plain


class QuestionPicker(CompanionDialog[str | None]):
    CSS_PATH = "question_picker.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="picker.cancel")]

    def __init__(self, banks: list[QuestionBank]) -> None:
        super().__init__()
        self.questions = [
            (question, f"{bank.title} › {group.title} · {bank.pack}")
            for bank in banks
            for group in bank.groups
            for question in group.questions
        ]
        self.shown = self.questions

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            count = len(self.questions)
            title = ngettext(
                "Pick a question ({count} in your banks)",
                "Pick a question ({count} in your banks)",
                count,
            ).format(count=count)
            yield Label(plain(title), id="title")
            yield Input(placeholder=_("type to search"), id="search")
            yield OptionList(id="questions")

    def on_mount(self) -> None:
        self._show("")
        self.query_one("#search", Input).focus()

    def _show(self, text: str) -> None:
        words = text.casefold().split()
        self.shown = [
            q for q in self.questions if all(w in f"{q[0]} {q[1]}".casefold() for w in words)
        ]
        options = self.query_one("#questions", OptionList)
        options.set_options(self._option(question, where) for question, where in self.shown)
        if self.shown:
            options.highlighted = 0

    @staticmethod
    def _option(question: str, where: str) -> Option:
        label = plain(question)
        label.append(plain(f"\n  {where}", "dim"))
        return Option(label)

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Input.Submitted, "#search")
    def _take_first(self) -> None:
        options = self.query_one("#questions", OptionList)
        if self.shown:
            self.dismiss(self.shown[options.highlighted or 0][0])

    def on_key(self, event: events.Key) -> None:
        if event.key in ("down", "up") and self.query_one("#search", Input).has_focus:
            self.query_one("#questions", OptionList).focus()

    @on(OptionList.OptionSelected, "#questions")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.shown[event.option_index][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
