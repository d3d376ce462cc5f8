"""The weekly look back: the week's facts first, then the look-back reflection's prompts.

The facts (energy, commitments kept, wins, what was in the way) come from the journal's
progress points, as on the progress screen; the prompts are the built-in `weekly-look-back`
reflection in the content language, saved as any reflection is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from companion.errors import CorruptJournal
from companion.flows.progress import streak
from companion.flows.progress_report import LOOK_BACK_ID, build_report, week_before, week_facts
from companion.flows.reflection import ReflectionFlow
from companion.i18n import N_, _
from companion.models.content import ReflectionTemplate
from companion.tui.messages import JournalDamaged
from companion.tui.screens.base import CompanionScreen, context_of
from companion.tui.text import plain

if TYPE_CHECKING:
    from textual.app import App

    from companion.context import Context

DRAFT_NAME = "look-back"


def look_back_template(context: Context) -> ReflectionTemplate | None:
    """The look-back reflection in the content language, else the English one, else any
    there is (the library lists the built-in packs first)."""
    found = [r for r in context.library.of_kind(ReflectionTemplate) if r.id == LOOK_BACK_ID]
    for language in (context.language, "en"):
        chosen = [reflection for reflection in found if reflection.language == language]
        if chosen:
            return chosen[0]
    return found[0] if found else None


class LookBackScreen(CompanionScreen[None]):
    SUB_TITLE = N_("Weekly look back")
    CSS_PATH = "look_back.tcss"
    HELP = N_(
        "Your week as your journal recorded it: your energy, the commitments you kept, your "
        "wins and what got in your way. Read it with some patience, then press Enter for a "
        "few questions; your answers are saved as a reflection in your journal."
    )
    BINDINGS = [
        Binding(
            "enter", "start", N_("Start"), tooltip=N_("On to the questions"), id="look_back.start"
        ),
        Binding("escape", "back", N_("Back"), tooltip=N_("Back home"), id="look_back.back"),
    ]

    def __init__(self, template: ReflectionTemplate) -> None:
        super().__init__()
        self.template = template
        self.facts: list[str] = []

    @classmethod
    def open(cls, app: App[Any], subject: str | None = None) -> None:
        template = look_back_template(context_of(app))
        if template is None:
            app.notify(
                _("No weekly look back is installed: check `companion pack list`."),
                severity="error",
            )
            return
        app.push_screen(cls(template))

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="look-back"):
            yield Static(id="look-back-title")
            yield Static(id="week", classes="panel")
            yield Static(id="look-back-intro")

    def on_mount(self) -> None:
        context = self.context
        today = context.now().date()
        period = week_before(today)
        try:
            journal = context.journal
            points, facts = journal.points(period.previous().start, None), journal.facts()
            report = build_report(points, period, today, streak(facts, today), facts.unreadable)
        except CorruptJournal as error:
            self.post_message(JournalDamaged(error))
            return
        self.facts = week_facts(report)
        self.query_one("#look-back-title", Static).update(plain(self.template.title, "bold"))
        week = self.query_one("#week", Static)
        week.border_title = _("Your week")
        text = Text()
        for number, line in enumerate(self.facts):
            text.append_text(plain(("\n" if number else "") + "• " + line))
        week.update(text)
        intro = _("Press Enter for the questions: {count} of them, a few minutes.").format(
            count=len(self.template.prompts)
        )
        self.query_one("#look-back-intro", Static).update(plain(intro, "italic"))
        self.query_one("#look-back").focus()

    def action_start(self) -> None:
        """On to the prompts, in place of this screen (Esc there comes back home)."""
        from companion.tui.screens.reflection import ReflectionScreen, load_draft

        context = self.context
        previous = context.journal.facts().last_commitment
        draft = load_draft(context, DRAFT_NAME)
        if draft is not None and draft.source == self.template.address:
            flow = ReflectionFlow.from_draft(draft, self.template, previous)
        else:
            draft, flow = None, ReflectionFlow(self.template, context.now(), previous)
        screen = ReflectionScreen(flow, resumed=draft is not None, draft_name=DRAFT_NAME)
        self.app.switch_screen(screen)

    def action_back(self) -> None:
        self.dismiss(None)
