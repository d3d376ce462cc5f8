"""Fix a mistake in an entry: a note's text, or a reflection's answers written in words and
its tags. Ctrl+S saves the entry as edited (the journal view keeps a backup first); Esc
leaves it as it was, asking first when something was changed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Static, TextArea

from companion.flows.journal_edits import (
    EditError,
    answer_text,
    editable_answers,
    edited_note,
    edited_reflection,
    moved_to,
)
from companion.i18n import N_, _
from companion.models.journal import Entry, Note
from companion.models.kinds import AnswerKind
from companion.tui.screens.base import CompanionDialog
from companion.tui.screens.confirm import Choice, ConfirmScreen
from companion.tui.text import plain


class EntryEditDialog(CompanionDialog[Entry | None]):
    """Dismisses with the entry as edited, or None when it is left as it was."""

    CSS_PATH = "entry_edit.tcss"
    HELP = N_(
        "Change what the entry says. For a note, its #tags are read from the text again; "
        "for a reflection, the answers written in words and its tags can be changed (a "
        "scale or a choice stays as it was). The last field is its day: type another "
        "(yesterday, monday, 2026-11-30) to move it there. Tab moves between the fields, "
        "Ctrl+S saves, "
        "Esc leaves the entry as it was (asking first if you changed something)."
    )
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="entry_edit.save", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="entry_edit.cancel"),
    ]

    def __init__(self, entry: Entry, what: str) -> None:
        super().__init__()
        self.entry = entry
        self.what = what  # the entry as the title names it

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(plain(_("Edit {entry}").format(entry=self.what)), id="title")
            with VerticalScroll(id="fields"):
                if isinstance(self.entry, Note):
                    yield self._area(self.entry.text, "field-note")
                else:
                    for index, answer in editable_answers(self.entry):
                        yield Label(plain(answer.prompt), classes="prompt")
                        if answer.kind is AnswerKind.TEXT:
                            yield self._area(answer_text(answer), f"field-{index}")
                        else:
                            yield Input(answer_text(answer), id=f"field-{index}")
                yield Label(
                    plain(_("Day (to move it: yesterday, monday, 2026-11-30…)")), classes="prompt"
                )
                yield Input(self.entry.created.date().isoformat(), id="day")
            hint = _("Ctrl+S saves · Tab: next field · Esc: cancel")
            yield Static(plain(hint), id="hint")  # a Static wraps a long date message

    @staticmethod
    def _area(text: str, id: str) -> TextArea:
        return TextArea(text, id=id, soft_wrap=True, tab_behavior="focus")

    def on_mount(self) -> None:
        first = self.query("#fields TextArea, #fields Input").first()
        first.focus()
        if isinstance(first, TextArea):
            first.move_cursor(first.document.end)

    def _texts(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for widget in self.query("#fields TextArea, #fields Input"):
            if widget.id == "day":
                continue
            value = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
            found[widget.id or ""] = value
        return found

    def edited(self) -> Entry:
        """The entry as the fields now say."""
        texts = self._texts()
        if isinstance(self.entry, Note):
            edited: Entry = edited_note(self.entry, texts["field-note"])
        else:
            by_place = {int(key.removeprefix("field-")): text for key, text in texts.items()}
            edited = edited_reflection(self.entry, by_place)
        day = self.query_one("#day", Input).value
        return moved_to(edited, day, self.context.now().date())

    def changed(self) -> bool:
        try:
            return self.edited() != self.entry
        except EditError:
            return True

    def action_save(self) -> None:
        try:
            edited = self.edited()
        except EditError as error:
            self.query_one("#hint", Static).update(plain(str(error)))
            self.query_one("#hint", Static).add_class("error")
            return
        self.dismiss(edited if edited != self.entry else None)

    def action_cancel(self) -> None:
        if not self.changed():
            self.dismiss(None)
            return
        choices = [
            Choice("d", _("Discard the changes"), "discard", "error"),
            Choice("escape", _("Keep editing"), None),
        ]
        question = _("Leave without saving?")
        detail = _("What you changed here is not saved yet; the entry stays as it was.")
        self.app.push_screen(ConfirmScreen(question, detail, choices), self._left)

    def _left(self, choice: str | None) -> None:
        if choice == "discard":
            self.dismiss(None)
