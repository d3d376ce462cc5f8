"""The journal: entries by date (newest first), filtered as you type, read as markdown."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from companion.flows.journal_query import JournalQuery, QueryError, parse_query
from companion.models.journal import Entry
from companion.storage.export import entry_markdown, entry_summary
from companion.tui.messages import JournalChanged
from companion.tui.text import markdown, plain

FILTER_HINT = "words  #tag  since:2026-11-01  until:today  (or 7d)"


def entry_option(entry: Entry) -> Option:
    stamp = entry.created.strftime("%a %d %b %H:%M")
    label = plain(f"{stamp}  ", "bold")
    label.append("◆ " if entry.kind == "reflection" else "· ", style="cyan")
    label.append(plain(entry_summary(entry, 80)))
    return Option(label, id=entry.uid)


class JournalScreen(Screen[None]):
    SUB_TITLE = "Journal"
    CSS_PATH = "journal.tcss"
    HELP = (
        "Your entries, newest first. Type in the filter to narrow them down: plain words "
        "search the text, #tag keeps entries with that tag, since: and until: take a date "
        "(YYYY-MM-DD, today, yesterday, or 7d for seven days ago)."
    )
    BINDINGS = [
        Binding(
            "slash,ctrl+f",
            "focus_filter",
            "Filter",
            tooltip="Filter by words, #tags, dates",
            id="journal.filter",
        ),
        Binding(
            "ctrl+l",
            "focus_list",
            "Entries",
            tooltip="Back to the list of entries",
            id="journal.list",
        ),
        Binding(
            "escape", "back", "Back", tooltip="Clear the filter, then go home", id="journal.back"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.all_entries: list[Entry] = []
        self.shown: list[Entry] = []
        self.query_text = ""
        self._loaded_version: object = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="journal"):
            yield Input(placeholder=FILTER_HINT, id="filter")
            with Horizontal(id="panes"):
                yield OptionList(id="entries")
                with VerticalScroll(id="reader"):
                    yield Static(id="entry")
            yield Label(id="count")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#entries", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_journal_changed(self, message: JournalChanged) -> None:
        self.call_after_refresh(self.reload)  # after the app has dropped its cached entries

    def reload(self) -> None:
        """Read the journal again if anything (this app or another process) changed it."""
        version = self.app.journal_version()  # type: ignore[attr-defined]
        if version == self._loaded_version:
            return
        self._loaded_version = version
        self.all_entries = list(reversed(self.app.entries()))  # type: ignore[attr-defined]
        self.apply_filter(self.query_text)

    def apply_filter(self, text: str) -> None:
        self.query_text = text
        today = self.app.context.now().date()  # type: ignore[attr-defined]
        try:
            query = parse_query(text, today)
        except QueryError as error:
            self._count(str(error), error=True)
            return
        self.shown = query.filter(self.all_entries)
        entries = self.query_one("#entries", OptionList)
        entries.set_options(entry_option(entry) for entry in self.shown)
        if self.shown:
            entries.highlighted = 0
        self.show_entry(self.shown[0] if self.shown else None, query)

    def _count(self, text: str, error: bool = False) -> None:
        label = self.query_one("#count", Label)
        label.update(plain(text))
        label.set_class(error, "error")

    def show_entry(self, entry: Entry | None, query: JournalQuery | None = None) -> None:
        total = len(self.all_entries)
        self._count(f"{len(self.shown)} of {total} entries" if total else "")
        reader = self.query_one("#entry", Static)
        if entry is not None:
            reader.update(markdown(entry_markdown(entry)))
        elif not self.all_entries:
            reader.update(plain("Your journal is empty. Press Esc, then r for today's reflection."))
        else:
            reader.update(plain("No entries match the filter."))

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.apply_filter(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.action_focus_list()

    @on(OptionList.OptionHighlighted, "#entries")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = event.option_index
        if 0 <= index < len(self.shown):
            self.show_entry(self.shown[index])

    @on(OptionList.OptionSelected, "#entries")
    def _selected(self) -> None:
        self.query_one("#reader").focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_focus_list(self) -> None:
        self.query_one("#entries", OptionList).focus()

    def action_back(self) -> None:
        filter_input = self.query_one("#filter", Input)
        if filter_input.value:
            filter_input.value = ""
            self.action_focus_list()
        else:
            self.dismiss(None)
