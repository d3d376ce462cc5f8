"""Today's reflection, one prompt at a time.

The screen only shows what `ReflectionFlow` says and passes answers back to it. Every change
is kept in a draft file shortly after it is typed, so quitting or a crash loses nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, ProgressBar, Static

from companion.errors import CompanionError
from companion.flows.reflection import (
    REVIEW_ID,
    AnswerError,
    ReflectionFlow,
    commitment_to_review,
    progress_label,
)
from companion.i18n import N_, _, ngettext
from companion.models.content import ReflectionTemplate
from companion.models.drafts import ReflectionDraft
from companion.models.journal import AnswerValue, Reflection
from companion.tui.debounce import Debouncer
from companion.tui.messages import JournalChanged
from companion.tui.screens.base import CompanionScreen, context_of
from companion.tui.screens.confirm import ConfirmScreen, leave_choices
from companion.tui.text import markdown, plain
from companion.tui.widgets.answers import (
    AnswerChanged,
    Answering,
    AnswerSubmitted,
    answer_widget,
)

if TYPE_CHECKING:
    from textual.app import App

    from companion.context import Context

DRAFT_NAME = "reflection"
DRAFT_DELAY = 0.4  # seconds after the last keystroke before the draft is written


class ReflectionScreen(CompanionScreen[None]):
    SUB_TITLE = N_("Reflection")
    CSS_PATH = "reflection.tcss"
    HELP = N_(
        "One prompt at a time. Skip any you like; your answers are kept when you go back, "
        "and a draft is kept if you leave. Enter moves on from a number, a choice or a line; "
        "in a text answer Enter is a new line, so use PgDn (or Ctrl+N)."
    )
    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            N_("Save"),
            tooltip=N_("Save to your journal now"),
            id="reflect.save",
            priority=True,
        ),
        Binding(
            "pagedown,ctrl+n",
            "next",
            N_("Next"),
            tooltip=N_("Next prompt"),
            id="reflect.next",
            priority=True,
        ),
        Binding(
            "pageup",
            "back",
            N_("Back"),
            tooltip=N_("Previous prompt"),
            id="reflect.back",
            priority=True,
        ),
        Binding(
            "escape",
            "leave",
            N_("Leave"),
            tooltip=N_("Leave; asks before dropping answers"),
            id="reflect.leave",
        ),
    ]

    def __init__(
        self, flow: ReflectionFlow, resumed: bool = False, draft_name: str = DRAFT_NAME
    ) -> None:
        super().__init__()
        self.flow = flow
        self.resumed = resumed
        self.draft_name = draft_name  # the weekly look back keeps a draft of its own
        self._draft = Debouncer(self, DRAFT_DELAY, self.keep_draft)

    @classmethod
    def open(cls, app: App[Any], subject: str | None = None) -> None:
        """The reflection chosen in the settings (else the default); a draft's own wins."""
        context = context_of(app)
        library, wanted = context.library, context.settings.reflection
        template = library.reflection(wanted or None)
        if template is None:
            app.notify(
                _("No reflection is installed: check `companion pack list`."), severity="error"
            )
            return
        if wanted and template.address != wanted:
            app.notify(
                _(
                    "{wanted} is not an installed reflection; using {address}. "
                    "Choose another in the library (l, then u)."
                ).format(wanted=wanted, address=template.address),
                severity="warning",
                timeout=8,
                markup=False,
            )
        facts = context.journal.facts()
        previous = commitment_to_review(
            facts.last_commitment, facts.last_commitment_at, context.now().date()
        )
        draft = load_draft(context)
        if draft is not None:
            drafted = library.get(draft.source)
            chosen = drafted if isinstance(drafted, ReflectionTemplate) else template
            flow = ReflectionFlow.from_draft(draft, chosen, previous)
        else:
            flow = ReflectionFlow(template, context.now(), previous)
        app.push_screen(cls(flow, resumed=draft is not None))

    def compose_body(self) -> ComposeResult:
        with Vertical(id="reflection"):
            yield Label(id="where")
            yield ProgressBar(
                total=len(self.flow.steps), show_eta=False, show_percentage=False, id="progress"
            )
            with VerticalScroll(id="prompt-area"):
                yield Label(id="prompt-title")
                yield Static(id="guidance")
                yield Vertical(id="answer")
            yield Label(id="status")

    async def on_mount(self) -> None:
        await self.show_step()
        if self.resumed:
            self.notify(
                _("Picked up your unfinished reflection where you left it."), title=_("Draft")
            )

    # -- showing a step --------------------------------------------------------------------

    async def show_step(self) -> None:
        flow, step = self.flow, self.flow.current
        template = flow.template
        self.query_one("#where", Label).update(
            plain(f"{template.title} · {template.address} · {progress_label(flow)}")
        )
        self.query_one(ProgressBar).update(progress=flow.index + 1)
        self.query_one("#prompt-title", Label).update(plain(step.title, "bold"))
        guidance = self.query_one("#guidance", Static)
        if step.id == REVIEW_ID:
            said = _("Last time you committed to:\n“{commitment}”").format(commitment=step.guidance)
            guidance.update(plain(said, "italic"))
        else:
            guidance.update(markdown(step.guidance))
        self._set_status("")
        area = self.query_one("#answer", Vertical)
        await area.remove_children()
        widget = answer_widget(step, flow.value())
        await area.mount(widget)
        widget.focus()
        self._set_status(self._hint())

    def _hint(self) -> str:
        if self.flow.is_last:
            return _("Last prompt: Ctrl+S saves your reflection.")
        return ""

    def _set_status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#status", Label)
        status.update(plain(text))
        status.set_class(error, "error")

    # -- answers ---------------------------------------------------------------------------

    @on(AnswerChanged)
    def _answer_changed(self, event: AnswerChanged) -> None:
        if self._record(event.value, event.step_id):
            self._draft.schedule()

    def _record(self, value: AnswerValue, step_id: str) -> bool:
        try:
            self.flow.answer(value, step_id)
        except AnswerError as error:
            self._set_status(str(error), error=True)
            return False
        self._set_status(self._hint())
        return True

    def _take_answer(self) -> None:
        """Put the answer the input holds into the flow, before the step changes or the
        reflection is saved or kept: the input has every key typed so far, while a message
        about the last of them may still be on its way."""
        for widget in self.query_one("#answer", Vertical).children:
            if not widget.is_mounted or not isinstance(widget, Answering):
                continue  # an input still appearing holds nothing typed yet
            if widget.step_id == self.flow.current.id:
                self._record(widget.answer, widget.step_id)

    @on(AnswerSubmitted)
    async def _answer_submitted(self) -> None:
        if self.flow.is_last:
            self.action_save()
        else:
            await self.action_next()

    async def action_next(self) -> None:
        self._take_answer()
        if self.flow.next():
            self.keep_draft()
            await self.show_step()

    async def action_back(self) -> None:
        self._take_answer()
        if self.flow.back():
            self.keep_draft()
            await self.show_step()

    # -- drafts ----------------------------------------------------------------------------

    def keep_draft(self) -> None:
        """Write the draft now (also called by the app when quitting)."""
        self._draft.cancel()
        self._take_answer()
        if not self.flow.dirty:
            return
        context = self.context
        try:
            context.drafts.save(self.draft_name, self.flow.to_draft(context.now()))
        except OSError as error:
            problem = error.strerror or str(error)
            self.notify(
                _("Could not keep a draft: {problem}").format(problem=problem), severity="error"
            )

    # -- leaving ---------------------------------------------------------------------------

    def action_save(self) -> None:
        context = self.context
        self._take_answer()
        try:
            reflection = self.flow.to_reflection(context.now())
            context.journal.add(reflection)  # kept once per uid, however often it is saved
        except AnswerError as error:
            self.notify(str(error), severity="warning")
            return
        except (CompanionError, OSError) as error:
            self.keep_draft()
            self.notify(
                _("Not saved: {problem}. Your answers are kept as a draft.").format(problem=error),
                severity="error",
                timeout=10,
            )
            return
        self._stop_drafts()
        context.drafts.delete(self.draft_name)
        self.post_message(JournalChanged())
        commitment = reflection.commitment
        if commitment:
            message = _("Today's commitment: {commitment}").format(commitment=commitment)
        else:
            message = _("Saved to your journal.")
        self.notify(message, title=_("Reflection saved"), markup=False)
        app = self.app
        self.dismiss(None)
        offer_reflection(app, reflection)

    def _stop_drafts(self) -> None:
        self._draft.cancel()
        self.flow.dirty = False

    def action_leave(self) -> None:
        if not self.flow.has_answers:
            self._stop_drafts()
            self.context.drafts.delete(self.draft_name)
            self.dismiss(None)
            return
        count = self.flow.answered_count
        detail = ngettext(
            "You have {count} unsaved answer. Keep it as a draft to finish later, or discard it.",
            "You have {count} unsaved answers. Keep them as a draft to finish later, or "
            "discard them.",
            count,
        ).format(count=count)
        dialog = ConfirmScreen(_("Leave this reflection?"), detail, leave_choices())
        self.app.push_screen(dialog, self._left)

    def _left(self, choice: str | None) -> None:
        drafts = self.context.drafts
        if choice == "keep":
            self.keep_draft()
            self.notify(_("Draft kept: it opens again next time you reflect."))
            self.dismiss(None)
        elif choice == "discard":
            self._stop_drafts()
            drafts.delete(self.draft_name)
            self.notify(_("Answers discarded."))
            self.dismiss(None)


def offer_reflection(app: App[Any], reflection: Reflection) -> None:
    """At the end of a reflection, "share with <manager>?": each answer offered on its own,
    none picked. Nothing is asked when this home shares no space with a manager."""
    from companion.flows.sharing import reflection_offers
    from companion.tui.screens.share_dialog import offer_share

    offers = reflection_offers(reflection.answers, reflection.day)
    offer_share(app, [(f"{offer.prompt} — {offer.text}", offer.as_item()) for offer in offers])


def load_draft(context: Context, name: str = DRAFT_NAME) -> ReflectionDraft | None:
    """The unfinished reflection, if there is one that is not in the journal yet."""
    journal = context.journal

    def saved(draft: ReflectionDraft) -> bool:
        try:
            journal.entry(draft.uid)
        except CompanionError:  # not there, or its month cannot be read now: resume it
            return False
        return True

    return context.drafts.load_unsaved(name, ReflectionDraft, saved)
