"""The Companion app: owns the context, opens screens on request, keeps drafts on quit."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen

from companion.context import Context
from companion.crash import report_line
from companion.errors import CompanionError, CorruptJournal
from companion.i18n import N_, _
from companion.startup import resume_collector
from companion.text_safety import strip_controls
from companion.tui.destinations import Destination
from companion.tui.keys import KeyOrder
from companion.tui.messages import JournalChanged, JournalDamaged, Navigate
from companion.tui.screens.base import Companion
from companion.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.theme import Theme

# Screens other than home are imported when first opened: start-up draws home only.


def content_provider() -> type[Provider]:
    from companion.tui.content_search import ContentProvider

    return ContentProvider


# Textual's own commands in the palette, by the title it gives them: the words we show.
TEXTUAL_COMMANDS = {
    "Theme": (N_("Theme"), N_("Change the current theme")),
    "Quit": (N_("Quit"), N_("Quit; unfinished work is kept as a draft")),
    "Keys": (N_("Keys"), N_("Show or hide the keys of the focused widget")),
    "Maximize": (N_("Maximize"), N_("Maximize the focused widget")),
    "Minimize": (N_("Minimize"), N_("Restore the maximized widget to its size")),
    "Screenshot": (N_("Screenshot"), N_("Save an SVG screenshot of this screen")),
}

WATCH_SECONDS = 2.0  # how often the journal file's mtime is checked
# SIGHUP: the terminal was closed; SIGTERM: `kill`, a logout, a shutdown. (No SIGHUP on Windows.)
CLOSING_SIGNALS = tuple(s for s in (getattr(signal, "SIGHUP", None), signal.SIGTERM) if s)


class CompanionApp(App[int]):
    # Home's styles come with the app's: a screen bringing styles of its own makes Textual
    # parse every style sheet again and restyle every widget, a tenth of home's first frame.
    CSS_PATH = ["app.tcss", "screens/home.tcss"]
    TITLE = "Companion"
    COMMANDS = App.COMMANDS | {content_provider}
    BINDINGS = [
        Binding(
            "f1,question_mark",
            "help",
            N_("Help"),
            tooltip=N_("Keys and tips for this screen"),
            id="app.help",
        ),
        Binding(
            "ctrl+q",
            "quit",
            N_("Quit"),
            tooltip=N_("Quit; unfinished work is kept as a draft"),
            id="app.quit",
            priority=True,
        ),
    ]

    def __init__(
        self,
        context: Context,
        start: str = "home",
        person: str | None = None,
        script: str | None = None,
        damaged: CorruptJournal | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.start = start
        self.start_person = person
        self.start_script = script
        self.damaged = damaged  # the journal did not open: recovery comes before anything
        self.keys = KeyOrder(self, super().on_event)
        self.crash_line = ""  # what stopped the app, if something unexpected did

    async def on_event(self, event: events.Event) -> None:
        """Typed keys wait their turn: each is routed once the ones before it are done."""
        if self.keys.holds(event):
            self.keys.hold(event)
        else:
            await super().on_event(event)

    def on_mount(self) -> None:
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            with contextlib.suppress(NotImplementedError):  # Windows' event loops have none
                for number in CLOSING_SIGNALS:
                    loop.add_signal_handler(number, self.closed_by, number)
        self.call_after_refresh(resume_collector)  # paused for start-up by the command line
        self._apply_saved_theme()
        self._seen_version = self.context.journal_version()
        self.set_interval(WATCH_SECONDS, self.watch_journal)
        if self.damaged is None:
            self._start()
        else:
            from companion.tui.screens.recovery import RecoveryScreen

            self.push_screen(RecoveryScreen(self.damaged), self._recovered)

    def _start(self) -> None:
        self.push_screen(HomeScreen())
        if self.start == "reflect":
            Destination.REFLECT.open(self)
        elif self.start == "coach":
            from companion.tui.screens.coach_setup import CoachSetupScreen

            CoachSetupScreen.open(self, self.start_person, script=self.start_script)
        self.call_after_refresh(self.run_worker, self._start_backup, thread=True)
        if self.start != "home":  # else home starts it, once its first frame is drawn
            self.call_after_refresh(self._start_sync)

    def _start_sync(self) -> None:
        """Sync the shared spaces after the first frame, in a worker; a home without any
        looks at one folder that does not exist, and imports nothing of git."""
        from companion.spaces.facts import list_spaces

        if list_spaces(self.context.home.root / "spaces"):
            from companion.tui.space_sync import sync_spaces

            sync_spaces(self)

    def _recovered(self, done: str | None) -> None:
        """After the recovery screen shown at start: on to home if the journal was mended."""
        if done is None:
            self.exit(1)
            return
        self.notify(done, timeout=12)
        self.damaged = None
        self._start()

    def _start_backup(self) -> None:
        """A backup of the journal as it was at this start (if it changed since the last),
        taken after the first frame so that start-up does not wait for a copy."""
        self.context.backup(start=True)

    # -- the theme chosen in the palette, kept across starts -------------------------------

    def _apply_saved_theme(self) -> None:
        self._saved_theme = self.context.saved_theme()
        if self._saved_theme in self.available_themes:
            self.theme = self._saved_theme
        self.theme_changed_signal.subscribe(self, self._save_theme)

    def _save_theme(self, theme: Theme) -> None:
        if theme.name == self._saved_theme:
            return
        self._saved_theme = theme.name
        try:
            self.context.settings.theme = theme.name
            kept = self.context.save_settings()
        except CompanionError as error:
            self.notify(str(error), severity="error", timeout=10)
        else:
            saved = _("Theme {theme} saved: Companion starts with it.").format(theme=theme.name)
            self.notify(kept or saved)

    # -- the journal watched for changes; screens opened when another asks -----------------

    def watch_journal(self) -> None:
        """Tell the screen when another process (a second terminal, `companion log`) changed
        the journal, so what is shown is never stale for long."""
        version = self.context.journal_version()
        if version != self._seen_version:
            self._seen_version = version
            self.screen.post_message(JournalChanged())

    def on_navigate(self, message: Navigate) -> None:
        message.to.open(self, message.subject)

    def on_journal_damaged(self, message: JournalDamaged) -> None:
        Destination.RECOVERY.open(self)  # it says what is wrong, and with which file

    def notify(self, message: str, *, markup: bool = False, **options: Any) -> None:  # type: ignore[override]
        """Every notification is plain text: a commitment, a note or a file name containing
        '[/]' must be shown as typed, never parsed as markup (which can crash the app), and
        never with the escape sequences a name may hold."""
        super().notify(strip_controls(message), markup=False, **options)

    # -- help, palette, quit ---------------------------------------------------------------

    @staticmethod
    def our_bindings(screen: Screen[object]) -> list[ActiveBinding]:
        """Companion's own actions on this screen, once each (ours all carry an id: see
        screens/base.py)."""
        found: dict[str, ActiveBinding] = {}
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.id and isinstance(active.node, App | Screen) and binding.description:
                found.setdefault(binding.action, active)
        return list(found.values())

    def _screen_keys(self, screen: Screen[object]) -> list[tuple[str, str, str]]:
        return [
            (self.get_key_display(a.binding), _(a.binding.description), _(a.binding.tooltip))
            for a in self.our_bindings(screen)
        ]

    def action_help(self) -> None:
        from companion.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        screen = self.screen
        about = _(screen.HELP) if screen.HELP else "Companion"
        title = _(screen.SUB_TITLE) if screen.SUB_TITLE else "Companion"
        self.push_screen(HelpScreen(str(title), about, self._screen_keys(screen)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette offers every action of the current screen, beside Textual's own."""
        for command in super().get_system_commands(screen):
            title, help = TEXTUAL_COMMANDS.get(command.title, (command.title, command.help))
            yield SystemCommand(_(title), _(help), command.callback, command.discover)
        for active in self.our_bindings(screen):
            binding = active.binding
            if binding.action == "quit" or not active.enabled:
                continue
            run = partial(self.run_action, binding.action, active.node)
            description = _(binding.description)
            yield SystemCommand(description, _(binding.tooltip) or description, run)

    def search_themes(self) -> None:
        """Textual's theme picker, with its placeholder in the interface's language."""
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        placeholder = _("Search for themes…")
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=placeholder))

    def action_command_palette(self) -> None:
        """Textual's palette, with its search box's placeholder in the interface's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = _("Search for commands…")
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def keep_drafts(self) -> None:
        """Write the draft of every unfinished reflection or 1:1 now."""
        for screen in self.screen_stack:
            if isinstance(screen, Companion):
                screen.keep_draft()

    async def action_quit(self) -> None:
        self.keep_drafts()
        self.exit(0)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's handling of an unexpected error (the app exits with 1; a Pilot test
        raises it again), except that its traceback, with locals that may quote the
        journal, goes to a private report, and `run_app` prints one line saying where.
        Drafts are kept first, as on quitting."""
        with contextlib.suppress(Exception):
            self.keep_drafts()
        line = report_line(self.context.home.logs, error)
        self.crash_line = self.crash_line or line
        super()._handle_exception(error)
        self._exit_renderables.clear()  # Textual's traceback, locals and all

    def closed_by(self, number: int) -> None:
        """The terminal was closed (SIGHUP) or the process told to end (SIGTERM): keep
        every draft at once, without waiting for a pause in the typing, then exit."""
        try:
            self.keep_drafts()
        finally:
            self.exit(return_code=128 + number)


def run_app(context: Context, start: str = "home", **options: str | None) -> int:
    try:
        context.journal  # open (and check) the journal before the screen takes over  # noqa: B018
    except CorruptJournal as error:
        damaged: CorruptJournal | None = error
    else:
        damaged = None
    app = CompanionApp(context, start, damaged=damaged, **options)
    try:
        app.run()
    except Exception as error:  # raised past Textual's own handling (the driver, say)
        app.crash_line = report_line(context.home.logs, error)
    if app.crash_line:
        print(app.crash_line, file=sys.stderr)  # after Textual gave the terminal back
        return 1
    return app.return_code or 0
