"""When the journal cannot be trusted: what is wrong with which file, and repairs that lose
nothing (each keeps the journal as it was beside it before it changes anything)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from companion.errors import CompanionError, CorruptJournal
from companion.i18n import N_, _, format_date, format_time, ngettext
from companion.storage.journal import Journal
from companion.storage.recovery import (
    Diagnosis,
    diagnose,
    restore_backup,
    set_invalid_aside,
    start_afresh,
)
from companion.tui.messages import JournalChanged
from companion.tui.screens.base import CompanionScreen
from companion.tui.text import plain

if TYPE_CHECKING:
    from textual.app import App


class RecoveryScreen(CompanionScreen[str | None]):
    """Dismissed with what was done (for a notification), or None if nothing was."""

    SUB_TITLE = N_("Journal needs attention")
    CSS_PATH = "recovery.tcss"
    HELP = N_(
        "Your journal file could not be read as it should. Nothing has been changed. Each "
        "repair first keeps the file as it is now beside it (a .damaged-<date> copy), so "
        "no choice here can lose a word. `companion doctor` shows the same from a shell."
    )
    BINDINGS = [
        Binding(
            "s", "set_aside", N_("Set aside"), tooltip=N_("Leave the invalid records out"), id="s"
        ),
        Binding(
            "r", "restore", N_("Restore backup"), tooltip=N_("Use the newest good backup"), id="r"
        ),
        Binding(
            "n", "start_afresh", N_("New journal"), tooltip=N_("Start an empty journal"), id="n"
        ),
        Binding(
            "escape", "carry_on", N_("Carry on"), tooltip=N_("Read the rest, repair later"), id="c"
        ),
    ]

    def __init__(self, known: CorruptJournal | None = None) -> None:
        super().__init__()
        self.known = known
        self.diagnosis: Diagnosis | None = None
        self.repairing = False

    @classmethod
    def open(cls, app: App[Any], subject: str | None = None) -> None:
        """The recovery screen, unless it is open already; what it repaired is said after."""

        def repaired(done: str | None) -> None:
            if done is not None:
                app.notify(done, timeout=12)
                app.screen.post_message(JournalChanged())

        if not isinstance(app.screen, RecoveryScreen):
            app.push_screen(cls(), repaired)

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="recovery"):
            yield Static(plain(_("Checking the journal…")), id="problem")
            yield Static(id="advice")
            with Horizontal(id="repairs"):
                yield Button(f"{_('Set aside')}  s", id="set_aside", variant="primary")
                yield Button(f"{_('Restore backup')}  r", id="restore", variant="primary")
                yield Button(f"{_('New journal')}  n", id="start_afresh", variant="warning")
                yield Button(f"{_('Carry on')}  esc", id="carry_on")

    def on_mount(self) -> None:
        self.query_one("#recovery").loading = True
        self.check()

    @work(thread=True, exclusive=True)
    def check(self) -> None:
        """Validate every record (about a second at 10,000 entries), off the UI thread."""
        home = self.context.home
        diagnosis = diagnose(home.journal, home.backups, self.known)
        self.app.call_from_thread(self.show, diagnosis)

    def show(self, diagnosis: Diagnosis | None) -> None:
        self.query_one("#recovery").loading = False
        if diagnosis is None:
            self.dismiss(_("The journal reads well: nothing to repair."))
            return
        self.diagnosis = diagnosis
        problem = plain(diagnosis.path.name, "bold")
        where = _("in {folder}").format(folder=diagnosis.path.parent)
        problem.append(plain(f"  {where}\n", "dim"))
        problem.append(plain(diagnosis.problem))
        self.query_one("#problem", Static).update(problem)
        self.query_one("#advice", Static).update(plain(self._advice(diagnosis)))
        offered = [b for b in self.query(Button) if self.check_action(b.id or "", ())]
        for button in self.query(Button):
            button.display = button in offered
        self.refresh_bindings()
        offered[0].focus()  # the safest repair first

    @staticmethod
    def _advice(diagnosis: Diagnosis) -> str:
        lines = [_("Nothing has been changed, and every repair keeps this file beside it first.")]
        backup = diagnosis.backup
        if diagnosis.readable:
            count = diagnosis.invalid_count
            lines.append(
                ngettext(
                    "The other records read well. Set aside leaves the {count} invalid record "
                    "out of the journal; Carry on leaves it untouched and shows the rest.",
                    "The other records read well. Set aside leaves the {count} invalid records "
                    "out of the journal; Carry on leaves them untouched and shows the rest.",
                    count,
                ).format(count=count)
            )
        if backup is not None:
            taken = backup.taken
            lines.append(
                _(
                    "Newest good backup: {name}, taken {day} {time}. "
                    "Restoring it keeps anything written since then in the kept file."
                ).format(
                    name=backup.path.name,
                    day=format_date(taken, "day-year"),
                    time=format_time(taken),
                )
            )
        elif not diagnosis.readable:
            lines.append(_("There is no good backup: New journal starts an empty one."))
        if not diagnosis.readable:
            lines.append(_("Until it is repaired, nothing can be written to it."))
        return "\n\n".join(lines)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        diagnosis = self.diagnosis
        if diagnosis is None:
            return action not in {"set_aside", "restore", "start_afresh", "carry_on"}
        if action == "set_aside":
            return diagnosis.readable
        if action == "carry_on":  # not at start when the journal does not read: no home yet
            return diagnosis.readable or self.known is None
        if action == "restore":
            return diagnosis.backup is not None
        if action == "start_afresh":
            return not diagnosis.readable and diagnosis.backup is None
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.run_action(event.button.id or "")

    def action_set_aside(self) -> None:
        self._start_repair("set_aside")

    def action_restore(self) -> None:
        self._start_repair("restore")

    def action_start_afresh(self) -> None:
        self._start_repair("start_afresh")

    def action_carry_on(self) -> None:
        self.dismiss(None)

    def _start_repair(self, how: str) -> None:
        """Once: a second key press while a repair runs must not repair (and keep) twice."""
        if self.diagnosis is None or self.repairing:
            return
        self.repairing = True
        self.query_one("#recovery").loading = True
        self.repair(how, self.diagnosis)

    @work(thread=True)
    def repair(self, how: str, diagnosis: Diagnosis) -> None:
        context = self.context
        journal = Journal(context.home.journal, cache=context.home.cache)
        try:
            done = self._repaired(how, journal, diagnosis, context.now())
        except CompanionError as error:
            self.app.call_from_thread(self._failed, str(error))
        else:
            self.app.call_from_thread(self.dismiss, done)

    @staticmethod
    def _repaired(how: str, journal: Journal, diagnosis: Diagnosis, now: datetime) -> str:
        if how == "set_aside":
            done = set_invalid_aside(journal, now)
            if done is None:
                return _("The journal reads well: nothing to set aside.")
            kept, count = done
            message = ngettext(
                "Set {count} invalid record aside; the journal as it was is {kept}.",
                "Set {count} invalid records aside; the journal as it was is {kept}.",
                count,
            )
            return message.format(count=count, kept=_as(kept))
        if how == "restore" and diagnosis.backup is not None:
            kept = restore_backup(journal, diagnosis.backup, now)
            return _("Restored {name}; the damaged journal is {kept}.").format(
                name=diagnosis.backup.path.name, kept=_as(kept)
            )
        kept = start_afresh(journal, now)
        return _("Started a new journal; the damaged one is {kept}.").format(kept=_as(kept))

    def _failed(self, message: str) -> None:
        self.repairing = False
        self.query_one("#recovery").loading = False
        self.notify(message, severity="error", timeout=15)


def _as(kept: Path | None) -> str:
    if kept is None:
        return _("gone (there was no file to keep)")
    return _("kept beside it as {name}").format(name=kept.name)
