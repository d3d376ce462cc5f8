"""The home screen: how today looks (reflection, streak, last commitment), the ways in, and
the card of the day."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from companion.errors import CompanionError, CorruptJournal
from companion.flows.daily_card import card_of_the_day, cards_for
from companion.flows.progress import Progress, WaitingDraft, progress, waiting_draft, weekday_number
from companion.i18n import N_, _, dates_ready, format_date, format_time, ngettext, warm_dates
from companion.models.facts import JournalFacts
from companion.tui.destinations import Destination
from companion.tui.messages import JournalChanged, Navigate
from companion.tui.screens.base import CompanionScreen
from companion.tui.text import blocks_text, plain

if TYPE_CHECKING:
    from companion.flows.team import TeamGlance
    from companion.packs.card_cache import CachedCard
    from companion.spaces.facts import SpaceInfo


MENU_WIDTH = 74  # 80 columns less the menu's margins (home.tcss)


class HomeScreen(CompanionScreen[None]):
    SUB_TITLE = N_("Home")
    CSS_PATH = "home.tcss"
    HELP = N_(
        "Home shows today at a glance: whether you have reflected (or that a reflection you "
        "began is waiting: r resumes it where you left off), your streak of consecutive "
        "days, and the commitment you made last time. For a manager it also shows the "
        "team: open and overdue actions, and who has had no 1:1 for longer than the "
        "setting one_on_one_every_days (`companion config`). Below is a card of the day "
        "from your packs, chosen for your role: the same all day, another one tomorrow "
        "(Tab to it to scroll)."
    )
    BINDINGS = [
        Binding(
            "r",
            "go('reflect')",
            N_("Reflect"),
            tooltip=N_("Today's guided reflection"),
            id="home.reflect",
        ),
        Binding(
            "j",
            "go('journal')",
            N_("Journal"),
            tooltip=N_("Read and search your entries"),
            id="home.journal",
        ),
        Binding(
            "p",
            "go('progress')",
            N_("Progress"),
            tooltip=N_("Your energy, commitments kept and wins over time"),
            id="home.progress",
        ),
        Binding(
            "b",
            "go('look-back')",
            N_("Look back"),
            tooltip=N_("Your weekly look back: the week's facts, then a few questions"),
            id="home.look_back",
        ),
        Binding(
            "o",
            "go('one-on-one')",
            N_("1:1"),
            tooltip=N_("Run a guided 1:1 with someone you coach"),
            id="home.one_on_one",
        ),
        Binding(
            "l",
            "go('library')",
            N_("Library"),
            tooltip=N_("Browse content packs: reflections, scripts, cards"),
            id="home.library",
        ),
        Binding(
            "t",
            "go('team')",
            N_("Shared"),
            tooltip=N_("What you share with your manager or your people, and what came back"),
            id="home.team",
        ),
        Binding(
            "s",
            "sync_spaces",
            N_("Sync"),
            tooltip=N_("Sync the shared spaces now"),
            id="home.sync",
        ),
        Binding(
            "comma",
            "go('settings')",
            N_("Settings"),
            tooltip=N_("Language, content, theme, reflection, role, look-back day"),
            id="home.settings",
        ),
        Binding(
            "d",
            "go('recovery')",
            N_("Repair"),
            tooltip=N_("Some entries cannot be read: see which, and repair the journal"),
            id="home.recovery",
        ),
    ]

    _card_shown: CachedCard | None = None
    _cards_checked = False
    _role_asked = False
    _unreadable: tuple[str, ...] = ()
    _recovery_offered = False
    _role = ""  # as the cached cards say, so that home need not load the settings model
    _look_back_due = False

    _spaces: tuple[SpaceInfo, ...] = ()
    _spaces_shown = False

    def compose_body(self) -> ComposeResult:
        yield Static(id="today", classes="panel")
        yield Static(id="team", classes="panel")
        yield Static(id="spaces", classes="panel")
        yield Static(self._menu(done_today=False), id="menu")
        with VerticalScroll(id="card", classes="panel"):
            yield Static(id="card-title")
            yield Static(id="card-body")

    def on_screen_resume(self) -> None:
        self.refresh_today()  # also when first shown

    def on_journal_changed(self, message: JournalChanged) -> None:
        self.refresh_today()  # the message bubbles on, so the app drops its cached entries

    def refresh_today(self) -> None:
        context = self.context
        today = context.now().date()
        damaged: tuple[str, ...] = ()
        try:
            facts = context.journal.facts()
        except CorruptJournal as error:  # damaged since start, e.g. by another tool
            facts, damaged = JournalFacts(), (error.problem,)
        except CompanionError as error:
            self.notify(str(error), severity="error", timeout=15)
            facts = JournalFacts()
        state = progress(facts, today)
        draft = waiting_draft(context.reflection_draft())
        today_text = self._today_text(state, draft, today)
        unreadable = facts.unreadable or damaged
        changed = bool(unreadable) != bool(self._unreadable)
        self._unreadable = unreadable
        if changed:  # only then: the footer is built anew on every refresh of the bindings
            self.refresh_bindings()
        if self._unreadable:
            today_text.append(self._trouble(damaged, len(facts.unreadable)), style="bold red")
            if not self._recovery_offered:  # once: one may choose to carry on
                self._recovery_offered = True
                self.post_message(Navigate(Destination.RECOVERY))
        due = self._look_back(today)
        if due != self._look_back_due:
            self._look_back_due = due
            self.refresh_bindings()
        if due:
            today_text.append(self._look_back_line(), style="bold")
        self.query_one("#today", Static).update(today_text)
        if not dates_ready():  # after the first frame: for the dates here and of what follows
            self.call_after_refresh(self._start_warming_dates)
        self.query_one("#menu", Static).update(self._menu(state.done_today, draft is not None))
        if self._spaces_shown:
            self.show_spaces()
        else:  # after the first frame, which it need not hold up, and then the sync at start
            self._spaces_shown = True
            self.call_after_refresh(self.show_spaces, True)
        self.show_card(today)
        self.call_after_refresh(self.show_team, today)

    def show_team(self, today: date) -> None:
        """For a manager: the team's open and overdue actions, and who is due a 1:1. After
        the first frame: it reads the people and 1:1s, which home need not wait for."""
        panel = self.query_one("#team", Static)
        panel.display = self._role == "manager"
        if not panel.display:
            return
        from companion.flows.team import team_glance

        context = self.context
        try:
            journal = context.journal
            glance = team_glance(
                journal.people(),
                journal.actions(),
                journal.one_on_ones(),
                today,
                context.settings.one_on_one_every_days,
            )
        except CompanionError as error:
            panel.update(plain(str(error)))
            return
        panel.update(team_text(glance, context.settings.one_on_one_every_days, today))

    def _look_back(self, today: date) -> bool:
        """Whether to offer the weekly look back: on its day (a setting, read without the
        settings model), unless one was done in the week before. Any other day this costs
        one small read of the settings file."""
        from companion.storage.settings import read_setting

        day = read_setting(self.context.home.settings, "look_back_day") or "friday"
        try:
            if today.weekday() != weekday_number(day):
                return False
            from companion.flows.progress_report import look_back_due

            points = self.context.journal.points(today - timedelta(days=6), today)
        except (CompanionError, ValueError):
            return False
        return look_back_due(today, day, points)

    @staticmethod
    def _look_back_line() -> str:
        return "\n★ " + _("It is your weekly look back day: press b to look back on your week.")

    def show_spaces(self, starting: bool = False) -> None:
        """What came in from the shared spaces, from their facts; nothing, and no space
        read, when none is linked. `starting`: the first time, when a sync starts too."""
        from companion.spaces.facts import list_spaces

        had = bool(self._spaces)
        self._spaces = tuple(list_spaces(self.context.home.root / "spaces"))
        panel = self.query_one("#spaces", Static)
        panel.display = bool(self._spaces)
        if had != bool(self._spaces):
            self.refresh_bindings()
        if self._spaces:
            from companion.tui.space_sync import is_syncing
            from companion.tui.widgets.space_panel import space_text

            if starting:
                from companion.tui.space_sync import sync_spaces

                sync_spaces(self.app)
            today = self.context.now().date()
            panel.update(space_text(list(self._spaces), is_syncing(self.app), today))

    def on_spaces_syncing(self) -> None:
        self.show_spaces()

    def on_spaces_synced(self) -> None:
        self.show_spaces()

    def action_sync_spaces(self) -> None:
        from companion.tui.space_sync import sync_spaces

        sync_spaces(self.app)
        self.show_spaces()

    def show_card(self, today: date) -> None:
        """Today's card among those for the user's role in the content language (see
        `cards_for`). The first frame shows the cards as last cached, and checks them just
        after: stamping every pack file need not hold up the start, however many packs there are."""
        checked = self._cards_checked
        if not checked:
            self._cards_checked = True
            self.call_after_refresh(self.show_card, today)
        found = self.context.cards(checked)
        if found.role != self._role:
            self._role = found.role
            self.call_after_refresh(self.show_team, today)
        if checked and found.ask_role:
            self._ask_role(today)
        card = card_of_the_day(cards_for(found.cards, found.role, found.language), today)
        panel = self.query_one("#card", VerticalScroll)
        panel.display = card is not None
        if card is None or card == self._card_shown:
            return
        self._card_shown = card
        panel.border_title = plain(_("Card of the day · {pack}").format(pack=card.pack))
        self.query_one("#card-title", Static).update(plain(card.title, "bold"))
        self.query_one("#card-body", Static).update(blocks_text(card.blocks))
        panel.scroll_home(animate=False)

    def _ask_role(self, today: date) -> None:
        """Once, on the first start, when home is in front (not under `companion reflect`)
        and the journal needs no repair first; the answer, or a skip, is kept."""
        if self._role_asked or self.app.screen is not self or self._unreadable:
            return
        self._role_asked = True
        from companion.tui.screens.role_dialog import RoleDialog

        def keep(role: str | None) -> None:
            context = self.context
            context.settings.role = role or ""
            context.settings.role_asked = True
            try:
                kept = context.save_settings()
            except CompanionError as error:
                self.notify(str(error), severity="error", timeout=15)
                return
            if kept:
                self.notify(kept, severity="warning", timeout=15, markup=False)
            self.show_card(today)

        self.app.push_screen(RoleDialog(), keep)

    @staticmethod
    def _menu(done_today: bool, draft: bool = False) -> Text:
        """The ways in, each a key and a click: one line of text, not a row of buttons (a
        row of four Buttons cost a fifth of the time to the first frame)."""
        menu = Text()
        reflect = _("Reflect again") if done_today else _("Reflect")
        choices = [
            ("r", _("Resume reflection") if draft else reflect, "reflect"),
            ("j", _("Journal"), "journal"),
            ("p", _("Progress"), "progress"),
            ("o", _("1:1"), "one-on-one"),
            ("l", _("Library"), "library"),
        ]
        cells = sum(len(key) + len(label) + 4 for key, label, _where in choices)
        # the widest gap that keeps the line within 80 columns (Dutch words are longer)
        gap = next((g for g in (3, 2) if cells + g * (len(choices) - 1) <= MENU_WIDTH), 1)
        for number, (key, label, where) in enumerate(choices):
            click = Style(meta={"@click": f"screen.go({where!r})"})
            if number:
                menu.append(" " * gap)
            menu.append(f" {key} ", style=Style(bold=True, reverse=True) + click)
            menu.append(f" {label} ", style=click)
        return menu

    @staticmethod
    def _trouble(damaged: tuple[str, ...], unreadable: int) -> str:
        if damaged:
            return "\n⚠ " + _("The journal cannot be read: press d")
        return "\n⚠ " + ngettext(
            "{count} entry cannot be read: press d",
            "{count} entries cannot be read: press d",
            unreadable,
        ).format(count=unreadable)

    @staticmethod
    def _today_text(state: Progress, draft: WaitingDraft | None, today: date) -> Text:
        text = plain(_("Today") + "\n", "bold")
        if state.done_today:
            text.append("✓ " + _("Reflection done"), style="green")
        elif draft is None:
            text.append("○ " + _("Reflection not done yet — press r"), style="yellow")
        if draft is not None:
            if state.done_today:
                text.append("\n")
            text.append(draft_line(draft, today), style="yellow")
        streak = ngettext("Streak: {count} day", "Streak: {count} days", state.streak)
        text.append("\n" + streak.format(count=state.streak))
        reflections = ngettext(
            "{count} reflection", "{count} reflections", state.reflections
        ).format(count=state.reflections)
        notes = ngettext("{count} note", "{count} notes", state.notes).format(count=state.notes)
        # Translators: the totals on home, e.g. "12 reflections, 3 notes"
        totals = _("{reflections}, {notes}").format(reflections=reflections, notes=notes)
        text.append(f"   ·   {totals}")
        if state.last_commitment:
            day = state.last_commitment_day
            if day is not None and dates_ready():
                when = format_date(day, "day", today=today)
                last = _("Last commitment ({day}):").format(day=when)
            else:  # the first frame, before dates are warm (see i18n.dates_ready)
                last = _("Last commitment:")
            text.append("\n" + last + " ", style="bold")
            text.append(state.last_commitment)
        else:
            text.append("\n" + _("No commitment yet: the reflection ends with one."), style="dim")
        return text

    def _start_warming_dates(self) -> None:
        if not dates_ready():
            self.run_worker(self._warm_dates, thread=True, exclusive=True, group="dates")

    def _warm_dates(self) -> None:
        """Off the UI thread: make dates cheap, then show the last commitment's date."""
        warm_dates()
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile: nothing to show
            self.app.call_from_thread(self.refresh_today)

    def language_changed(self) -> None:
        super().language_changed()
        self._card_shown = None  # its frame's title is in words too
        self.refresh_today()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go" and parameters == ("recovery",):
            return bool(self._unreadable)
        if action == "sync_spaces" or (action == "go" and parameters == ("team",)):
            return bool(self._spaces)
        if action == "go" and parameters == ("look-back",):
            return self._look_back_due
        return True

    def action_go(self, where: str) -> None:
        self.post_message(Navigate(Destination.named(where)))


def draft_line(draft: WaitingDraft, today: date) -> str:
    """The reflection begun and not saved, and what r does with it."""
    answered = ngettext("{count} answer", "{count} answers", draft.answered).format(
        count=draft.answered
    )
    if draft.updated is None or not dates_ready():  # dates follow once warm (i18n)
        return _("✎ A reflection you began is waiting ({answered}): r resumes it").format(
            answered=answered
        )
    if draft.updated.date() == today:
        line = _("✎ The reflection you began at {time} is waiting ({answered}): r resumes it")
        return line.format(time=format_time(draft.updated), answered=answered)
    line = _("✎ The reflection you began on {day} is waiting ({answered}): r resumes it")
    return line.format(day=format_date(draft.updated, "day", today=today), answered=answered)


SHOWN_NAMES = 3  # the rest of a list is counted, so the panel keeps to a few lines


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:SHOWN_NAMES])
    more = len(names) - SHOWN_NAMES
    if more <= 0:
        return shown
    return ngettext("{names} and {count} more", "{names} and {count} more", more).format(
        names=shown, count=more
    )


def team_text(glance: TeamGlance, every_days: int, today: date) -> Text:
    """Home's panel for a manager: the actions, then who is due a 1:1."""
    from companion.flows.actions import due_phrase

    text = plain(_("Your team") + "\n", "bold")
    if glance.empty:
        text.append(plain(_("Nobody yet: press o to add someone and run a first 1:1."), "dim"))
        return text
    actions = ngettext("{count} open action", "{count} open actions", glance.open_actions).format(
        count=glance.open_actions
    )
    if glance.overdue:
        first = glance.overdue[0]
        # Translators: {due} is "overdue since 1 Dec" (with the year when not this year's)
        overdue = ngettext(
            "{actions}, {count} overdue: {person}, {text} ({due})",
            "{actions}, {count} overdue, the oldest: {person}, {text} ({due})",
            len(glance.overdue),
        ).format(
            actions=actions,
            count=len(glance.overdue),
            person=first.person,
            text=first.text,
            due=due_phrase(first.action, today),
        )
        text.append(plain("⚠ " + overdue, "bold"))
    elif glance.open_actions:
        text.append(plain(_("{actions}, none overdue").format(actions=actions)))
    else:
        text.append(plain(_("No open actions"), "dim"))
    text.append("\n")
    if not glance.waiting:
        text.append(
            plain(
                ngettext(
                    "Everyone has had a 1:1 in the last {count} day.",
                    "Everyone has had a 1:1 in the last {count} days.",
                    every_days,
                ).format(count=every_days),
                "dim",
            )
        )
        return text
    late = [
        ngettext("{name} ({count} day)", "{name} ({count} days)", w.days).format(
            name=w.person, count=w.days
        )
        for w in glance.waiting
        if w.days is not None
    ]
    never = [w.person for w in glance.waiting if w.days is None]
    if late and never:
        line = ngettext(
            "No 1:1 for over {count} day: {names}; none yet: {others}",
            "No 1:1 for over {count} days: {names}; none yet: {others}",
            every_days,
        )
    elif late:
        line = ngettext(
            "No 1:1 for over {count} day: {names}",
            "No 1:1 for over {count} days: {names}",
            every_days,
        )
    else:
        line = _("No 1:1 yet: {others}")
    text.append(plain(line.format(count=every_days, names=_names(late), others=_names(never))))
    return text
