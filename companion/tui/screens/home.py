"""The home screen: how today looks (reflection, streak, last commitment) and the ways in."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from companion.flows.progress import Progress, progress
from companion.tui.messages import Navigate
from companion.tui.text import plain


class HomeScreen(Screen[None]):
    SUB_TITLE = "Home"
    CSS_PATH = "home.tcss"
    HELP = (
        "Home shows today at a glance: whether you have reflected, your streak of "
        "consecutive days, and the commitment you made last time."
    )
    BINDINGS = [
        Binding(
            "r", "go('reflect')", "Reflect", tooltip="Today's guided reflection", id="home.reflect"
        ),
        Binding(
            "j",
            "go('journal')",
            "Journal",
            tooltip="Read and search your entries",
            id="home.journal",
        ),
        Binding(
            "o",
            "go('one-on-one')",
            "1:1",
            tooltip="Run a guided 1:1 with someone you coach",
            id="home.one_on_one",
        ),
        Binding(
            "l",
            "go('library')",
            "Library",
            tooltip="Browse content packs (coming)",
            id="home.library",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(id="today", classes="panel")
            with Horizontal(id="menu"):
                yield Button("Reflect  r", id="reflect", variant="primary")
                yield Button("Journal  j", id="journal")
                yield Button("1:1  o", id="one-on-one")
                yield Button("Library  l", id="library")
            yield Static(id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_today()
        self.query_one("#reflect", Button).focus()

    def on_screen_resume(self) -> None:
        self.refresh_today()

    def refresh_today(self) -> None:
        context = self.app.context  # type: ignore[attr-defined]
        today = context.now().date()
        state = progress(self.app.entries(), today)  # type: ignore[attr-defined]
        self.query_one("#today", Static).update(self._today_text(state))
        self.query_one("#reflect", Button).label = (
            "Reflect again  r" if state.done_today else "Reflect  r"
        )

    @staticmethod
    def _today_text(state: Progress) -> object:
        text = plain("Today\n", "bold")
        if state.done_today:
            text.append("✓ Reflection done", style="green")
        else:
            text.append("○ Reflection not done yet — press r", style="yellow")
        days = "day" if state.streak == 1 else "days"
        text.append(f"\nStreak: {state.streak} {days}")
        text.append(f"   ·   {state.reflections} reflections, {state.notes} notes")
        if state.last_commitment:
            when = (
                state.last_commitment_day.strftime("%a %d %b") if state.last_commitment_day else ""
            )
            text.append(f"\nLast commitment ({when}): ", style="bold")
            text.append(state.last_commitment)
        else:
            text.append("\nNo commitment yet: the reflection ends with one.", style="dim")
        return text

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_go(event.button.id or "")

    def action_go(self, where: str) -> None:
        self.post_message(Navigate(where))
