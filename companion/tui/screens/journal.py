"""The journal: entries by date (newest first), filtered as you type, read as formatted text."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Static

from companion.errors import CompanionError
from companion.flows.journal_query import QueryError, parse_query
from companion.i18n import N_, _, ngettext
from companion.models.entry_text import entry_blocks
from companion.models.rows import Row
from companion.storage.journal import Journal, Rows
from companion.tui.messages import JournalChanged
from companion.tui.screens.base import CompanionScreen
from companion.tui.screens.confirm import Choice, ConfirmScreen
from companion.tui.text import blocks_text, plain
from companion.tui.widgets.entry_list import EntryList

if TYPE_CHECKING:
    from companion.models.journal import Entry

# Translators: the filter's placeholder; since: and until: are typed as they are
FILTER_HINT = N_("words  #tag  since:2026-11-01  until:today  (or 7d, monday)")
# Translators: the filter's placeholder where the terminal is narrow (it cannot wrap)
FILTER_HINT_NARROW = N_("words  #tag  since:7d  until:today")
NARROW_BELOW = 72  # columns: below, the long placeholder would be cut


class JournalScreen(CompanionScreen[None]):
    SUB_TITLE = N_("Journal")
    CSS_PATH = "journal.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-low"), (24, "-tall")]  # -low: fewer blank lines (60x20)
    HELP = N_(
        "Your entries, newest first. Type in the filter to narrow them down: plain words "
        "search the text, #tag keeps entries with that tag, since: and until: take a date "
        "(YYYY-MM-DD, today, yesterday, a weekday, or 7d for seven days ago). A date that "
        "cannot be read is named under the list, which stays as it was until it is fixed. "
        "e edits the entry shown, d deletes it (after asking); either way the journal as it "
        "was is kept in a backup first, from which a mistake can be undone."
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
            "e",
            "edit",
            N_("Edit"),
            tooltip=N_("Fix a mistake in the entry shown"),
            id="journal.edit",
        ),
        Binding(
            "d,delete",
            "delete",
            N_("Delete"),
            tooltip=N_("Delete the entry shown (asks first; a backup keeps it)"),
            id="journal.delete",
        ),
        Binding(
            "s",
            "share",
            N_("Share"),
            tooltip=N_("Share this entry with your manager, after a preview"),
            id="journal.share",
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
        self.query_problem = ""  # why the filter as typed cannot be read, shown until fixed
        self._loaded_version: object = None
        self._entry_pending = False

    def compose_body(self) -> ComposeResult:
        with Vertical(id="journal"):
            yield Input(placeholder=self._filter_hint(self.app.size.width), id="filter")
            with Horizontal(id="panes"):
                yield EntryList(id="entries")
                with VerticalScroll(id="reader"):
                    yield Static(id="entry")
            yield Static(id="count")  # a Static wraps a long message; a Label cuts it

    @staticmethod
    def _filter_hint(width: int) -> str:
        """The filter's placeholder for a terminal this wide: a placeholder cannot wrap."""
        return _(FILTER_HINT if width >= NARROW_BELOW else FILTER_HINT_NARROW)

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#filter", Input).placeholder = self._filter_hint(event.size.width)

    def on_mount(self) -> None:
        self.query_one("#entries", EntryList).focus()  # the rows come on resume, as always

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
        try:
            everything = self.journal.rows()
        except CompanionError as error:
            self.notify(str(error), severity="error", timeout=15)
            return
        if everything.version == self._loaded_version:
            return
        first = self._loaded_version is None
        self._loaded_version = everything.version
        self.total, unreadable = len(everything), everything.unreadable
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
        self.apply_filter(self.query_text, keep=not first, everything=everything)

    def apply_filter(self, text: str, keep: bool = False, everything: Rows | None = None) -> None:
        """Show the rows matching `text`; `keep` stays on the highlighted entry if it can.
        `everything`: every row, just read (what an empty filter shows)."""
        self.query_text = text
        today = self.context.now().date()
        try:
            query = parse_query(text, today)
        except QueryError as error:
            self.query_problem = str(error)
            self._count(self.query_problem, error=True)
            self.query_one("#filter", Input).add_class("error")
            return
        self.query_problem = ""
        self.query_one("#filter", Input).remove_class("error")
        entries = self.query_one("#entries", EntryList)
        current = self.current_row() if keep else None
        try:
            use_all = everything is not None and query.is_empty
            self.shown = shown = everything if use_all else self.journal.rows(query)
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
        label = self.query_one("#count", Static)
        label.update(plain(text))
        label.set_class(error, "error")

    def _show_count(self) -> None:
        if self.query_problem:  # the list is the last one that could be read: say why
            self._count(self.query_problem, error=True)
        elif not self.total:
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

    def _entry_soon(self) -> None:
        """Read the highlighted entry just after the next frame: the list is on screen
        first, and the first entry read (which loads the models) never holds it up."""
        self._show_count()
        if not self._entry_pending:
            self._entry_pending = True
            self.call_after_refresh(self._show_highlighted)

    def _show_highlighted(self) -> None:
        self._entry_pending = False
        self.show_entry(self.current_row())

    def show_entry(self, row: Row | None) -> None:
        self._show_count()
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
            self._entry_soon()

    @on(EntryList.Selected, "#entries")
    def _selected(self) -> None:
        self.query_one("#reader").focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_focus_list(self) -> None:
        self.query_one("#entries", EntryList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "share":
            return self._can_share
        return True

    @cached_property
    def _can_share(self) -> bool:
        """Whether this home shares a space with a manager (read once per visit)."""
        from companion.spaces.facts import list_spaces

        return any(info.side == "rep" for info in list_spaces(self.context.home.root / "spaces"))

    def action_share(self) -> None:
        """Share the highlighted entry whole, after the rep has read what will go."""
        from companion.flows.sharing import entry_offer
        from companion.models.entry_text import summary_of
        from companion.tui.screens.share_dialog import offer_share

        row = self.current_row()
        if row is None:
            self.notify(_("Highlight an entry to share first."), severity="warning")
            return
        try:
            entry = self.journal.entry(row.uid, row.month)
        except CompanionError as error:
            self.notify(str(error), severity="error")
            return
        if not offer_share(self.app, [(summary_of(entry), entry_offer(entry))], picked=True):
            self.notify(
                _("No shared space with a manager: join one with `companion team join REMOTE`."),
                severity="warning",
            )

    def action_back(self) -> None:
        filter_input = self.query_one("#filter", Input)
        if filter_input.value:
            filter_input.value = ""
            self.action_focus_list()
        else:
            self.dismiss(None)

    # -- fixing a mistake ------------------------------------------------------------------

    def _current_entry(self) -> Entry | None:
        row = self.current_row()
        if row is None:
            self.notify(_("No entry is selected."), severity="warning")
            return None
        try:
            return self.journal.entry(row.uid, row.month)
        except CompanionError as error:
            self.notify(str(error), severity="error", timeout=15)
            return None

    def action_edit(self) -> None:
        from companion.flows.journal_edits import described
        from companion.tui.screens.entry_edit import EntryEditDialog

        entry = self._current_entry()
        if entry is None:
            return
        what = described(entry, self.context.now().date())
        self.app.push_screen(EntryEditDialog(entry, what), self._edited)

    def _edited(self, edited: Entry | None) -> None:
        from companion.flows.journal_edits import described

        if edited is None:
            return
        what = described(edited, self.context.now().date(), summary=False)
        try:
            kept = self.context.keep_before_change()
            self.journal.replace(edited)
        except CompanionError as error:
            self.notify(str(error), severity="error", timeout=15)
            return
        self.notify(
            _("Saved {entry}. The journal as it was is kept in backups/{backup}.").format(
                entry=what, backup=kept.name
            ),
            timeout=10,
        )
        self.reload()

    def action_delete(self) -> None:
        from companion.flows.journal_edits import described

        entry = self._current_entry()
        if entry is None:
            return
        what = described(entry, self.context.now().date())
        question = _("Delete {entry}?").format(entry=what)
        detail = _(
            "The journal as it is now is kept in a backup first (backups/edit-…): "
            "`companion import` of that folder brings the entry back."
        )
        choices = [
            Choice("d", _("Delete"), "delete", "error"),
            Choice("escape", _("Keep it"), None),
        ]
        self.app.push_screen(
            ConfirmScreen(question, detail, choices), lambda choice: self._deleted(choice, entry)
        )

    def _deleted(self, choice: str | None, entry: Entry) -> None:
        from companion.flows.journal_edits import described

        if choice != "delete":
            return
        what = described(entry, self.context.now().date(), summary=False)
        try:
            kept = self.context.keep_before_change()
            self.journal.delete(entry.uid)
        except CompanionError as error:
            self.notify(str(error), severity="error", timeout=15)
            return
        self.notify(
            _(
                "Deleted {entry}. `companion import {backup}` brings it back (the journal as "
                "it was is kept there)."
            ).format(entry=what, backup=kept),
            timeout=15,
        )
        self.reload()
