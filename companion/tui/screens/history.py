"""One person's coaching history: the actions still open (d or x closes one between 1:1s),
past 1:1s, and a summary to share."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from companion import sharing
from companion.errors import CompanionError, CorruptJournal
from companion.files.atomic import atomic_write_bytes
from companion.flows.actions import is_overdue, owner_and_due
from companion.flows.coaching_stats import coaching_stats, stats_lines
from companion.i18n import N_, _, format_date
from companion.models.coaching import Action, OneOnOne, Person
from companion.storage.export import one_on_one_markdown
from companion.tui.destinations import Destination
from companion.tui.messages import JournalDamaged
from companion.tui.screens.base import CompanionScreen, context_of
from companion.tui.screens.confirm import Choice, ConfirmScreen
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
        "to the rep: private notes are left out. Between 1:1s, close the highlighted open "
        "action: d marks it done, x drops it (each asks first). Tab moves between the open "
        "actions and the 1:1s. If you share a space with the person, they see it after the "
        "next sync."
    )
    BINDINGS = [
        Binding(
            "e",
            "export",
            N_("Export summary"),
            tooltip=N_("Write a shareable markdown summary"),
            id="history.export",
        ),
        Binding(
            "d",
            "close_action('done')",
            N_("Mark done"),
            tooltip=N_("Mark the highlighted open action done (asks first)"),
            id="history.done",
        ),
        Binding(
            "x",
            "close_action('dropped')",
            N_("Drop"),
            tooltip=N_("Drop the highlighted open action (asks first)"),
            id="history.drop",
        ),
        Binding("escape", "back", N_("Back"), tooltip=N_("Back"), id="history.back"),
    ]

    def __init__(self, person: Person, select: str | None = None) -> None:
        super().__init__()
        self.person = person
        self.select = select
        self.records: list[OneOnOne] = []
        self.open_actions: list[Action] = []

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
            yield Label(id="open-heading")
            yield OptionList(id="open-actions")
            with Horizontal(id="panes"):
                yield OptionList(id="records")
                with VerticalScroll(id="reader"):
                    yield Static(id="record")

    def on_mount(self) -> None:
        role = f" · {self.person.role}" if self.person.role else ""
        self.query_one("#who", Label).update(plain(f"{self.person.name}{role}", "bold"))
        try:
            self.records = list(reversed(self.context.journal.one_on_ones(self.person.uid)))
        except CorruptJournal as error:
            self.post_message(JournalDamaged(error))
            self.dismiss()
            return
        if not self.show_actions():
            return
        records = self.query_one("#records", OptionList)
        for record in self.records:
            label = plain(f"{format_date(record.started, 'day-year')}  ", "bold")
            label.append(plain(record.script_title))
            records.add_option(Option(label, id=record.uid))
        if not self.records:
            self.query_one("#record", Static).update(plain(_("No 1:1s with this person yet.")))
            self.query_one("#open-actions", OptionList).focus()
            return
        index = next((i for i, r in enumerate(self.records) if r.uid == self.select), 0)
        records.highlighted = index
        records.focus()

    # -- the open actions, closed between 1:1s ---------------------------------------------

    def show_actions(self) -> bool:
        """The figures and the open actions, read again (after one was closed, too); False
        if the journal could not be read."""
        try:
            actions = self.context.journal.actions(self.person.uid)
        except CorruptJournal as error:
            self.post_message(JournalDamaged(error))
            self.dismiss()
            return False
        today = self.context.now().date()
        stats = coaching_stats(self.records, actions, today)
        self.query_one("#stats", Static).update(plain("\n".join(stats_lines(stats, today)), "dim"))
        self.open_actions = [action for action in actions if action.status == "open"]
        heading = _("Open actions: {count}").format(count=len(self.open_actions))
        self.query_one("#open-heading", Label).update(plain(heading, "bold"))
        listed = self.query_one("#open-actions", OptionList)
        before = listed.highlighted
        listed.clear_options()
        for action in self.open_actions:
            late = is_overdue(action, today)  # "overdue since ..." says it; ⚠ and bold too
            label = plain("⚠ " if late else "○ ", "bold" if late else "")
            label.append(plain(action.text))
            label.append(plain(f" ({owner_and_due(action, today)})", "bold" if late else "dim"))
            listed.add_option(Option(label, id=action.uid))
        listed.display = bool(self.open_actions)
        if self.open_actions:
            listed.highlighted = min(before or 0, len(self.open_actions) - 1)
        self.refresh_bindings()
        return True

    @property
    def highlighted_action(self) -> Action | None:
        """The open action highlighted in the list above the 1:1s."""
        index = self.query_one("#open-actions", OptionList).highlighted
        if index is None or not 0 <= index < len(self.open_actions):
            return None
        return self.open_actions[index]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_action":
            return bool(self.open_actions) or None  # dimmed while nothing is open
        return True

    def action_close_action(self, status: str) -> None:
        action = self.highlighted_action
        if action is None:
            self.notify(_("No open action to close."), severity="warning")
            return
        what = f"{action.text} ({owner_and_due(action, self.context.now().date())})"
        after = _(
            "It leaves the open actions and the next 1:1's review. "
            "`companion actions reopen {id}` opens it again."
        ).format(id=action.uid[:8])
        detail = f"{what}\n\n{after}"  # the detail wraps, the question does not
        if status == "done":
            question = _("Mark this action done?")
            choice = Choice("d", _("Mark done"), "done", "success")
        else:
            question = _("Drop this action?")
            choice = Choice("x", _("Drop"), "dropped", "error")
        choices = [choice, Choice("escape", _("Keep it open"), None)]
        self.app.push_screen(
            ConfirmScreen(question, detail, choices), lambda chosen: self._close(action, chosen)
        )

    def _close(self, action: Action, status: str | None) -> None:
        if status is None:
            return
        context = self.context
        try:
            space = sharing.set_action_status(
                context.home, context.journal, action, status, context.now()
            )
        except CompanionError as error:  # the journal's change stays if only the space failed
            self.show_actions()
            self.notify(str(error), severity="error", timeout=15)
            return
        said = _("Marked done: {text}") if status == "done" else _("Dropped: {text}")
        message = said.format(text=action.text)
        if space is not None:
            message += " " + _("{name} sees it after the next sync.").format(name=self.person.name)
        self.show_actions()
        self.notify(message, timeout=8)

    # -- the 1:1s --------------------------------------------------------------------------

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
