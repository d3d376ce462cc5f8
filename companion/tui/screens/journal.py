"""The journal: entries by date (newest first), filtered as you type, read as formatted text."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from companion.errors import CompanionError
from companion.flows.journal_query import QueryError, parse_query
from companion.i18n import N_, _, ngettext
from companion.models.entry_text import entry_blocks
from companion.models.rows import Row
from companion.storage.journal import Journal, Rows
from companion.tui.messages import JournalChanged
from companion.tui.screens.base import CompanionScreen
from companion.tui.text import blocks_text, plain
from companion.tui.widgets.entry_list import EntryList

# Translators: the filter's placeholder; since: and until: are typed as they are
FILTER_HINT = N_("words  #tag  since:2026-11-01  until:today  (or 7d)")


class JournalScreen(CompanionScreen[None]):
    SUB_TITLE = N_("Journal")
    CSS_PATH = "journal.tcss"
    HELP = N_(
        "Your entries, newest first. Type in the filter to narrow them down: plain words "
        "search the text, #tag keeps entries with that tag, since: and until: take a date "
        "(YYYY-MM-DD, today, yesterday, or 7d for seven days ago)."
    )
    BINDINGS = [
        Binding(
            "slash,ctrl+f",
            "focus_filter",
            N_("Filter"),
            tooltip=N_("Filter by words, #tags, dates"),
            id="journal.filter",
        ),
        Binding(
            "ctrl+l",
            "focus_list",
            N_("Entries"),
            tooltip=N_("Back to the list of entries"),
            id="journal.list",
        ),
        Binding(
            "escape",
            "back",
            N_("Back"),
            tooltip=N_("Clear the filter, then go home"),
            id="journal.back",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown: Rows | Sequence[Row] = ()  # newest first
        self.total = 0
        self.unreadable: tuple[str, ...] = ()  # what is wrong with records left out
        self.query_text = ""
        self._loaded_version: object = None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="journal"):
            yield Input(placeholder=_(FILTER_HINT), id="filter")
            with Horizontal(id="panes"):
                yield EntryList(id="entries")
                with VerticalScroll(id="reader"):
                    yield Static(id="entry")
            yield Label(id="count")

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#entries", EntryList).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_journal_changed(self, message: JournalChanged) -> None:
        self.reload()

    @property
    def journal(self) -> Journal:
        return self.context.journal

    def reload(self) -> None:
        """Show the entries again if anything (this app or another process) changed the
        journal. Only what is on screen is read: a month's rows when one of them shows."""
        version = self.context.journal_version()
        if version == self._loaded_version:
            return
        first = self._loaded_version is None
        self._loaded_version = version
        try:
            self.total = len(self.journal.rows())
            unreadable = self.journal.facts().unreadable
        except CompanionError as error:
            self.notify(str(error), severity="error", timeout=15)
            return
        if unreadable and unreadable != self.unreadable:
            more = len(unreadable) - 1
            left_out = ngettext(
                "Left out of the list, unreadable: {problem} and {count} more. "
                "Run `companion doctor` to inspect the journal.",
                "Left out of the list, unreadable: {problem} and {count} more. "
                "Run `companion doctor` to inspect the journal.",
                more,
            )
            if not more:
                left_out = _(
                    "Left out of the list, unreadable: {problem}. "
                    "Run `companion doctor` to inspect the journal."
                )
            self.notify(
                left_out.format(problem=unreadable[0], count=more),
                severity="warning",
                timeout=15,
            )
        self.unreadable = unreadable
        self.apply_filter(self.query_text, keep=not first)

    def apply_filter(self, text: str, keep: bool = False) -> None:
        """Show the rows matching `text`; `keep` stays on the highlighted entry if it can."""
        self.query_text = text
        today = self.context.now().date()
        try:
            query = parse_query(text, today)
        except QueryError as error:
            self._count(str(error), error=True)
            return
        entries = self.query_one("#entries", EntryList)
        current = self.current_row() if keep else None
        try:
            self.shown = shown = self.journal.rows(query)
        except CompanionError as error:
            self.notify(str(error), severity="error", timeout=15)
            return
        entries.set_rows(shown)
        at = shown.position(current) if current is not None else None  # only its month is read
        if at is not None:
            entries.highlighted = at
        elif not shown:
            self.show_entry(None)

    def current_row(self) -> Row | None:
        index = self.query_one("#entries", EntryList).highlighted
        return self.shown[index] if 0 <= index < len(self.shown) else None

    def _count(self, text: str, error: bool = False) -> None:
        label = self.query_one("#count", Label)
        label.update(plain(text))
        label.set_class(error, "error")

    def show_entry(self, row: Row | None) -> None:
        if not self.total:
            self._count("")
        else:
            shown, total, skipped = len(self.shown), self.total, len(self.unreadable)
            if skipped:
                count = ngettext(
                    "{shown} of {total} entry ({skipped} unreadable)",
                    "{shown} of {total} entries ({skipped} unreadable)",
                    total,
                )
            else:
                count = ngettext("{shown} of {total} entry", "{shown} of {total} entries", total)
            self._count(count.format(shown=shown, total=total, skipped=skipped))
        reader = self.query_one("#entry", Static)
        if row is not None:
            try:
                entry = self.journal.entry(row.uid, row.month)
                reader.update(blocks_text(entry_blocks(entry)))
            except CompanionError as error:
                reader.update(plain(str(error)))
        elif not self.total:
            empty = _("Your journal is empty. Press Esc, then r for today's reflection.")
            reader.update(plain(empty))
        else:
            reader.update(plain(_("No entries match the filter.")))

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.apply_filter(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.action_focus_list()

    @on(EntryList.Highlighted, "#entries")
    def _highlighted(self, event: EntryList.Highlighted) -> None:
        if 0 <= event.index < len(self.shown):
            self.show_entry(self.shown[event.index])

    @on(EntryList.Selected, "#entries")
    def _selected(self) -> None:
        self.query_one("#reader").focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_focus_list(self) -> None:
        self.query_one("#entries", EntryList).focus()

    def action_back(self) -> None:
        filter_input = self.query_one("#filter", Input)
        if filter_input.value:
            filter_input.value = ""
            self.action_focus_list()
        else:
            self.dismiss(None)
