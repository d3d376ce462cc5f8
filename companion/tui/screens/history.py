"""One person's coaching history: open actions, past 1:1s, and a summary to share."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from companion.errors import CorruptJournal
from companion.files.atomic import atomic_write_bytes
from companion.flows.actions import owner_and_due
from companion.flows.coaching_stats import coaching_stats, stats_lines
from companion.i18n import N_, _, format_date
from companion.models.coaching import Action, OneOnOne, Person
from companion.storage.export import one_on_one_markdown
from companion.tui.destinations import Destination
from companion.tui.messages import JournalDamaged
from companion.tui.screens.base import CompanionScreen, context_of
from companion.tui.text import markdown, plain

if TYPE_CHECKING:
    from textual.app import App


def export_path(folder: Path, record: OneOnOne) -> Path:
    name = "-".join(record.person_name.lower().split()) or "rep"
    return folder / f"{record.started:%Y-%m-%d}-1on1-{name}-{record.uid[:6]}.md"


class HistoryScreen(CompanionScreen[None]):
    SUB_TITLE = N_("History")
    CSS_PATH = "history.tcss"
    HELP = N_(
        "The 1:1s you had with this person, newest first, and the actions still open. The "
        "reading pane shows everything, private notes included. e writes a summary to give "
        "to the rep: private notes are left out."
    )
    BINDINGS = [
        Binding(
            "e",
            "export",
            N_("Export summary"),
            tooltip=N_("Write a shareable markdown summary"),
            id="history.export",
        ),
        Binding("escape", "back", N_("Back"), tooltip=N_("Back"), id="history.back"),
    ]

    def __init__(self, person: Person, select: str | None = None) -> None:
        super().__init__()
        self.person = person
        self.select = select
        self.records: list[OneOnOne] = []

    @classmethod
    def open(cls, app: App[Any], subject: str | None = None) -> None:
        """The history of the person whose uid is `subject`."""
        try:
            people = context_of(app).journal.people()
        except CorruptJournal:
            Destination.RECOVERY.open(app)
            return
        person = next((p for p in people if p.uid == subject), None)
        if person is not None:
            app.push_screen(cls(person))

    def compose_body(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Label(id="who")
            yield Static(id="stats")
            yield Static(id="open-actions")
            with Horizontal(id="panes"):
                yield OptionList(id="records")
                with VerticalScroll(id="reader"):
                    yield Static(id="record")

    def on_mount(self) -> None:
        journal = self.context.journal
        role = f" · {self.person.role}" if self.person.role else ""
        self.query_one("#who", Label).update(plain(f"{self.person.name}{role}", "bold"))
        try:
            self.records = list(reversed(journal.one_on_ones(self.person.uid)))
            actions = journal.actions(self.person.uid)
            open_actions = [action for action in actions if action.status == "open"]
        except CorruptJournal as error:
            self.post_message(JournalDamaged(error))
            self.dismiss()
            return
        today = self.context.now().date()
        stats = coaching_stats(self.records, actions, today)
        self.query_one("#stats", Static).update(plain("\n".join(stats_lines(stats, today)), "dim"))
        self._show_open_actions(open_actions)
        records = self.query_one("#records", OptionList)
        for record in self.records:
            label = plain(f"{format_date(record.started, 'day-year')}  ", "bold")
            label.append(plain(record.script_title))
            records.add_option(Option(label, id=record.uid))
        if not self.records:
            self.query_one("#record", Static).update(plain(_("No 1:1s with this person yet.")))
            return
        index = next((i for i, r in enumerate(self.records) if r.uid == self.select), 0)
        records.highlighted = index
        records.focus()

    def _show_open_actions(self, actions: list[Action]) -> None:
        text = plain(_("Open actions: {count}").format(count=len(actions)), "bold")
        today = self.context.now().date()
        for action in actions:
            text.append(plain(f"\n  ○ {action.text} ({owner_and_due(action, today)})"))
        self.query_one("#open-actions", Static).update(text)

    @property
    def record(self) -> OneOnOne | None:
        index = self.query_one("#records", OptionList).highlighted
        return self.records[index] if index is not None and self.records else None

    @on(OptionList.OptionHighlighted, "#records")
    def _show(self) -> None:
        if self.record is not None:
            text = one_on_one_markdown(self.record, include_private=True)
            self.query_one("#record", Static).update(markdown(text))

    def action_export(self) -> None:
        record = self.record
        if record is None:
            self.notify(_("There is no 1:1 to export yet."), severity="warning")
            return
        home = self.context.home
        target = export_path(home.exports, record)
        try:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            atomic_write_bytes(target, one_on_one_markdown(record).encode())
        except OSError as error:
            problem = error.strerror or str(error)
            message = _("Could not write {path}: {problem}").format(path=target, problem=problem)
            self.notify(message, severity="error")
            return
        self.app.copy_to_clipboard(one_on_one_markdown(record))
        self.notify(
            _("Summary without private notes written to {path} (and copied).").format(path=target),
            title=_("Exported"),
            timeout=8,
        )

    def action_back(self) -> None:
        self.dismiss(None)
