"""A 1:1, step by step: what to ask, what to avoid, notes, actions, and the time.

All decisions live in `OneOnOneFlow`; this screen shows its state and passes on what the
manager does. A draft is written as notes are typed and on every move, so leaving or a crash
loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from companion.errors import CompanionError, CorruptJournal
from companion.flows.one_on_one import REVIEW_PAGE, CoachingError, OneOnOneFlow, format_clock
from companion.i18n import N_, _, ngettext
from companion.models.coaching import OneOnOne, Person
from companion.models.content import QuestionBank, Script
from companion.models.drafts import OneOnOneDraft
from companion.packs.script import step_labels
from companion.spaces.errors import SpaceError
from companion.tui.debounce import Debouncer
from companion.tui.destinations import Destination
from companion.tui.screens.action_dialog import ActionDialog, NewAction
from companion.tui.screens.agenda_dialog import AgendaDialog
from companion.tui.screens.base import CompanionScreen, context_of
from companion.tui.screens.confirm import Choice, ConfirmScreen, leave_choices
from companion.tui.screens.question_picker import QuestionPicker
from companion.tui.screens.recognition_dialog import RecognitionDialog
from companion.tui.space_sync import sync_spaces
from companion.tui.text import markdown, plain
from companion.tui.widgets.action_review import ActionReviewed, ActionReviewList
from companion.tui.widgets.agreed_list import AgreedChosen, AgreedDone, AgreedList
from companion.tui.widgets.question_list import QuestionList, QuestionToggled

if TYPE_CHECKING:
    from textual.app import App

    from companion.context import Context
    from companion.spaces.local import Space
    from companion.spaces.replay import ItemState

DRAFT_DELAY = 0.5


@dataclass(frozen=True)
class StartOneOnOne:
    """The 1:1 to start: with whom, following which script (what the setup chooses)."""

    person: Person
    script: Script


def draft_name(person_uid: str) -> str:
    return f"one-on-one-{person_uid}"


def shared_space(app: App[Any], flow: OneOnOneFlow) -> Space | None:
    """The space shared with the person, if one is linked; the review starts with the
    actions the rep marked done there (unless the manager already decided otherwise)."""
    from companion.flows.sharing import done_in_space
    from companion.sharing import person_space

    context = context_of(app)
    try:
        space = person_space(context.home, flow.person.name)
        if space is None:
            return None
        items = space.state().items
    except SpaceError as error:
        app.notify(str(error), severity="warning", timeout=10)
        return None
    done = done_in_space([action.uid for action in flow.open_actions], items)
    for uid in done - set(flow.reviews):
        flow.review(uid, "done")
    return space


def load_draft(context: Context, person_uid: str) -> OneOnOneDraft | None:
    """The unfinished 1:1 with this person, if there is one that is not in the journal yet."""

    def saved(draft: OneOnOneDraft) -> bool:
        return any(r.uid == draft.uid for r in context.journal.one_on_ones(person_uid))

    return context.drafts.load_unsaved(draft_name(person_uid), OneOnOneDraft, saved)


class OneOnOneScreen(CompanionScreen[str | None]):
    """Dismisses with the saved 1:1's uid, or None when left unfinished."""

    SUB_TITLE = N_("1:1")
    CSS_PATH = "one_on_one.tcss"
    PALETTE_KEY = False  # 80 columns: room for the keys
    HELP = N_(
        "Follow the conversation step by step (PgDn, PgUp). Each step says what it is for, "
        "what to ask and what to avoid. On every step the cursor is in the notes box at the "
        "bottom: just type. Shift+Tab goes up to the step's questions (Space or Enter marks "
        "one as asked; Up past the first and Down past the last scroll the step's text) and "
        "Tab back down to the notes; Tab from the notes goes to the list of steps, Ctrl+G "
        "too. A letter typed anywhere else goes into the notes. Ctrl+T adds an agreed "
        "action; Ctrl+E goes to the agreed actions, where Enter edits one, Delete removes it "
        "and Esc goes back to the notes. On the first page, last time's actions: "
        "d done, k still open, x drop; change a decision by pressing another key on its row. "
        "Notes are shared in the summary you can give the rep; Ctrl+L switches to private "
        "notes, which never leave your journal, and back. The switch stays as you set it from "
        "step to step; the notes box always says which notes you are writing. The clock shows "
        "this step and the whole 1:1 against the plan."
    )
    BINDINGS = [
        Binding(
            "pagedown,ctrl+n",
            "next",
            N_("Next"),
            tooltip=N_("Next step"),
            id="coach.next",
            priority=True,
        ),
        Binding(
            "pageup",
            "back",
            N_("Back"),
            tooltip=N_("Previous step"),
            id="coach.back",
            priority=True,
        ),
        Binding(
            "ctrl+g",
            "steps",
            N_("Steps"),
            tooltip=N_("Jump to any step (the list on the left)"),
            id="coach.steps",
            priority=True,
            show=False,
        ),
        Binding(
            "ctrl+t",
            "add_action",
            N_("Action"),
            tooltip=N_("Add an agreed action"),
            id="coach.action",
            priority=True,
        ),
        Binding(
            "ctrl+e",
            "agreed",
            N_("Edit actions"),
            tooltip=N_("Edit or remove an action agreed in this 1:1"),
            id="coach.agreed",
            priority=True,
            show=False,
        ),
        Binding(
            "ctrl+r",
            "pull_question",
            N_("Question"),
            tooltip=N_("Pull a question from a bank"),
            id="coach.question",
            priority=True,
            show=False,
        ),
        Binding(
            "ctrl+l",
            "toggle_private",
            N_("Private"),
            tooltip=N_("Switch between shared and private notes"),
            id="coach.private",
            priority=True,
        ),
        Binding(
            "ctrl+o",
            "agenda",
            N_("Agenda"),
            tooltip=N_("What the rep shared for this 1:1"),
            id="coach.agenda",
            priority=True,
            show=False,
        ),
        Binding(
            "ctrl+f",
            "recognise",
            N_("Recognition"),
            tooltip=N_("Send the rep a short recognition"),
            id="coach.recognition",
            priority=True,
            show=False,
        ),
        Binding(
            "ctrl+s",
            "finish",
            N_("Finish"),
            tooltip=N_("Finish and save the 1:1"),
            id="coach.finish",
            priority=True,
        ),
        Binding(
            "escape",
            "leave",
            N_("Leave"),
            tooltip=N_("Leave; the 1:1 is kept as a draft"),
            id="coach.leave",
        ),
    ]

    def __init__(
        self, flow: OneOnOneFlow, resumed: bool = False, space: Space | None = None
    ) -> None:
        super().__init__()
        self.flow = flow
        self.resumed = resumed
        self.space = space  # shared with the person, if linked: their agenda, the summary
        self._draft = Debouncer(self, DRAFT_DELAY, self.keep_draft)
        self._notes_for: tuple[str, bool] | None = None  # (page id, private) the editor shows

    @classmethod
    def start(cls, app: App[Any], start: StartOneOnOne | None) -> None:
        """The 1:1 the setup chose (None: it was left), resumed from its draft if there is
        one; once finished, the person's history opens on it."""
        from companion.tui.screens.history import HistoryScreen

        if start is None:
            return
        context = context_of(app)
        person, script = start.person, start.script
        try:
            open_actions = context.journal.actions(person.uid, open_only=True)
            draft = load_draft(context, person.uid)
        except CorruptJournal:
            Destination.RECOVERY.open(app)
            return
        if draft is not None:
            drafted = context.library.get(draft.script)
            if isinstance(drafted, Script) and drafted.address != script.address:
                app.notify(
                    _("Resuming the unfinished {script} with {name}.").format(
                        script=drafted.title, name=person.name
                    ),
                    markup=False,
                )
            script = drafted if isinstance(drafted, Script) else script
            flow = OneOnOneFlow.from_draft(draft, person, script, open_actions)
        else:
            flow = OneOnOneFlow(person, script, open_actions, context.now())
        space = shared_space(app, flow)

        def finished(record_uid: str | None) -> None:
            if record_uid:
                app.push_screen(HistoryScreen(person, select=record_uid))

        app.push_screen(cls(flow, resumed=draft is not None, space=space), finished)

    # -- layout ----------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(id="where")
            yield Static(id="clock")
        with Horizontal(id="body"):
            yield OptionList(id="steps")
            with Vertical(id="main"):
                with VerticalScroll(id="step", can_focus=False):  # its lists scroll it
                    yield Static(id="step-title")
                    yield Static(id="intent")
                    yield Vertical(id="step-body")
                    yield Static(id="advice")
                    yield Static(id="agreed-title")
                    yield AgreedList(id="agreed")
                with Vertical(id="notes-box"):  # below the step, always in view
                    yield Static(id="notes-label")
                    yield TextArea(id="notes", soft_wrap=True, tab_behavior="focus")

    async def on_mount(self) -> None:
        self.flow.tick(self._now())
        self.set_interval(1.0, self._tick)
        await self.show_page()
        if self.resumed:
            self.notify(_("Picked up your unfinished 1:1 where you left it."), title=_("Draft"))
        if self.space is not None and self._agenda():
            self.call_after_refresh(self.action_agenda)  # the rep's agenda comes first

    def _now(self) -> float:
        return self.context.monotonic()

    # -- showing a page --------------------------------------------------------------------

    async def show_page(self) -> None:
        flow, page = self.flow, self.flow.page
        self.query_one("#where", Static).update(
            plain(
                _("{script} with {name} · step {number} of {count}").format(
                    script=flow.script.title,
                    name=flow.person.name,
                    number=flow.index + 1,
                    count=len(flow.pages),
                )
            )
        )
        self._refresh_steps()
        title = plain(page.title, "bold")
        if page.planned_seconds:
            minutes = _("{minutes} min").format(minutes=int(page.planned_seconds // 60))
            title.append(plain(f"  ({minutes})", "dim"))
        self.query_one("#step-title", Static).update(title)
        body = self.query_one("#step-body", Vertical)
        await body.remove_children()
        if page.id == REVIEW_PAGE:
            self.query_one("#intent", Static).update(
                plain(
                    _(
                        "Start with what you agreed last time. d done · k still open · x drop "
                        "(another key changes it) · Tab: the notes."
                    )
                )
            )
            review = ActionReviewList(
                flow.open_actions, flow.reviews, self.context.now().date(), id="review"
            )
            await body.mount(review)
            self.query_one("#advice", Static).update("")
            self.set_focus(review, scroll_visible=False)  # now: a burst's next key is its
        else:
            step = page.step
            self.query_one("#intent", Static).update(markdown(step.intent if step else ""))
            questions = QuestionList(page.questions, page.asked, id="questions")
            await body.mount(questions)
            hint = _(
                "Type your notes below · Shift+Tab: the questions (Space: asked), Tab: back · "
                "Ctrl+R: a question from a bank · Ctrl+G: the steps"
            )
            await body.mount(Static(plain(hint, "dim"), id="questions-hint"))
            self.query_one("#advice", Static).update(self._advice())
            self.set_focus(self.query_one("#notes", TextArea), scroll_visible=False)  # type
        self.query_one("#step", VerticalScroll).scroll_home(animate=False)  # each step from its top
        self._show_notes()  # shared or private, as the manager last chose
        self._show_agreed()
        self._tick()

    def _advice(self) -> object:
        step = self.flow.page.step
        labels = step_labels(self.flow.script.language)
        text = plain("")
        for tip in step.tips if step else ():
            text.append(plain(f"{labels.tip}: ", "bold green"))
            text.append(plain(tip + "\n"))
        for avoid in step.avoid if step else ():
            text.append(plain(f"{labels.avoid}: ", "bold red"))
            text.append(plain(avoid + "\n"))
        text.rstrip()
        return text

    def _refresh_steps(self) -> None:
        steps = self.query_one("#steps", OptionList)
        options = []
        for number, page in enumerate(self.flow.pages, start=1):
            busy = page.notes or page.private_notes or page.asked or page.seconds >= 30
            mark = "▸" if number - 1 == self.flow.index else ("✓" if busy else " ")
            options.append(Option(plain(f"{mark} {number}. {page.title}"), id=page.id))
        steps.set_options(options)
        steps.highlighted = self.flow.index

    def _show_notes(self) -> None:
        """The current page's notes of the kind being written, which the box's border and
        the line above it name: a manager always sees where the words go."""
        flow = self.flow
        private, first_name = flow.private, flow.person.name.split()[0]
        label = (
            _("Private notes, only for you (Ctrl+L: shared notes)")
            if private
            else _("Notes, shared in {name}'s summary (Ctrl+L: private)").format(name=first_name)
        )
        self.query_one("#notes-label", Static).update(plain(label, "italic"))
        notes = self.query_one("#notes", TextArea)
        notes.set_class(private, "private")
        shared = _("shared with {name}").format(name=first_name)
        notes.border_title = plain(_("private") if private else shared)
        notes.load_text(flow.notes(private))
        notes.move_cursor(notes.document.end)  # typing goes on after what is there
        self._notes_for = (flow.page.id, private)

    def _flush_notes(self) -> None:
        """Put what the editor holds into the flow before the page or the kind of notes
        changes, so no late message can file it under the wrong step."""
        if self._notes_for == (self.flow.page.id, self.flow.private):
            self.flow.set_notes(self.query_one("#notes", TextArea).text, self.flow.private)

    def _show_agreed(self) -> None:
        agreed = self.flow.agreed
        text = plain(_("Agreed actions: {count}").format(count=len(agreed)), "bold")
        if agreed:
            text.append(plain("  — " + _("Ctrl+T adds one · Ctrl+E edits or removes"), "dim"))
        else:
            text.append(plain("  — " + _("Ctrl+T adds one"), "dim"))
        if self.space is not None:
            hint = _("Ctrl+O: {name}'s agenda · Ctrl+F: a recognition").format(
                name=self.space.info.partner
            )
            text.append(plain("\n" + hint, "dim"))
        self.query_one("#agreed-title", Static).update(text)
        self.query_one("#agreed", AgreedList).show(agreed, self.context.now().date())

    def _tick(self) -> None:
        flow = self.flow
        flow.tick(self._now())
        page, total = flow.page, flow.total_seconds
        clock = plain("⏱ ")
        step_text = format_clock(page.seconds)
        if page.planned_seconds:
            step_text += f"/{format_clock(page.planned_seconds)}"
        clock.append(plain(step_text, "bold red" if flow.over_time() else "bold"))
        planned_total = flow.planned_total_seconds
        total_text = format_clock(total) + (
            f"/{format_clock(planned_total)}" if planned_total else ""
        )
        over_total = planned_total is not None and total > planned_total
        clock.append(plain("  " + _("total") + " ", "dim"))
        clock.append(plain(total_text, "red" if over_total else ""))
        self.query_one("#clock", Static).update(clock)

    # -- what the manager does -------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """A character typed where it means nothing (the step list, the step's text, a
        letter the questions do not use) goes into the notes, and the cursor with it: no
        Tab stop swallows a word."""
        focused, notes = self.focused, self.query_one("#notes", TextArea)
        if focused is None or isinstance(focused, (TextArea, Input)):
            return
        if not event.is_printable or not event.character or event.key in self.active_bindings:
            return
        event.stop()
        event.prevent_default()
        notes.move_cursor(notes.document.end)
        self.set_focus(notes, scroll_visible=False)  # now: the next key of a burst goes there
        notes.insert(event.character)

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        if self._notes_for != (self.flow.page.id, self.flow.private):
            return  # a late message from before the page changed: already flushed
        if self.flow.set_notes(event.text_area.text, self.flow.private):
            self._draft.schedule()

    @on(QuestionToggled)
    def _asked(self, event: QuestionToggled) -> None:
        self.flow.toggle_asked(event.question)
        self._draft.schedule()

    @on(ActionReviewed)
    def _reviewed(self, event: ActionReviewed) -> None:
        self.flow.review(event.action_uid, event.outcome)
        self.keep_draft()

    @on(OptionList.OptionSelected, "#steps")
    async def _jump(self, event: OptionList.OptionSelected) -> None:
        self._flush_notes()
        self.flow.go(event.option_index, self._now())
        self.keep_draft()
        await self.show_page()

    async def action_next(self) -> None:
        self._flush_notes()
        if self.flow.next(self._now()):
            self.keep_draft()
            await self.show_page()
        else:
            self.notify(_("That was the last step: Ctrl+S finishes the 1:1."))

    async def action_back(self) -> None:
        self._flush_notes()
        if self.flow.back(self._now()):
            self.keep_draft()
            await self.show_page()

    def action_steps(self) -> None:
        self.query_one("#steps", OptionList).focus()

    def action_toggle_private(self) -> None:
        self._flush_notes()
        self.flow.toggle_private()
        self._show_notes()
        self.query_one("#notes", TextArea).focus()

    def action_add_action(self) -> None:
        today = self.context.now().date()
        self.app.push_screen(ActionDialog(self.flow.person.name, today), self._action_added)

    def action_agreed(self) -> None:
        """To the list of actions agreed so far, where Enter edits one and Delete removes it."""
        agreed = self.query_one("#agreed", AgreedList)
        if not self.flow.agreed:
            self.notify(_("No actions agreed yet: Ctrl+T adds one."))
            return
        agreed.can_focus = True
        self.set_focus(agreed)

    @on(AgreedDone)
    def _agreed_done(self) -> None:
        self.set_focus(self.query_one("#notes", TextArea))

    @on(AgreedChosen)
    def _agreed_chosen(self, event: AgreedChosen) -> None:
        try:
            action = self.flow.agreed_action(event.action_uid)
        except CoachingError:
            return
        if event.remove:
            question = _("Remove the action {action}?").format(action=f"“{action.text}”")
            detail = _("It was agreed in this 1:1 and is not saved anywhere else yet.")
            choices = [
                Choice("r", _("Remove"), "remove", "error"),
                Choice("escape", _("Keep it"), None),
            ]
            self.app.push_screen(
                ConfirmScreen(question, detail, choices),
                lambda choice: self._removed(action.uid, choice),
            )
            return
        today = self.context.now().date()
        self.app.push_screen(
            ActionDialog(self.flow.person.name, today, existing=action),
            lambda edited: self._edited(action.uid, edited),
        )

    def _edited(self, action_uid: str, edited: NewAction | None) -> None:
        if edited is None:
            return
        try:
            action = self.flow.edit_action(action_uid, edited.text, edited.owner, edited.due)
        except CoachingError as error:
            self.notify(str(error), severity="error")
            return
        self._show_agreed()
        self.keep_draft()
        self.notify(_("Action saved: {action}").format(action=action.text))

    def _removed(self, action_uid: str, choice: str | None) -> None:
        if choice != "remove":
            return
        try:
            action = self.flow.remove_action(action_uid)
        except CoachingError:
            return
        self._show_agreed()
        self.keep_draft()
        if not self.flow.agreed:
            self.set_focus(self.query_one("#notes", TextArea))
        self.notify(_("Action removed: {action}").format(action=action.text))

    def _action_added(self, new: NewAction | None) -> None:
        if new is None:
            return
        try:
            action = self.flow.add_action(new.text, new.owner, new.due, self.context.now())
        except CoachingError as error:
            self.notify(str(error), severity="error")
            return
        self._show_agreed()
        self.keep_draft()
        self.notify(_("Action added: {action}").format(action=action.text))

    def action_pull_question(self) -> None:
        banks = self.context.library.of_kind(QuestionBank)
        if not banks:
            self.notify(_("No question banks are installed."), severity="warning")
            return
        if self.flow.page.id == REVIEW_PAGE:
            self.notify(_("Move to a step of the conversation first (PgDn)."), severity="warning")
            return
        self.app.push_screen(QuestionPicker(banks), self._question_pulled)

    async def _question_pulled(self, question: str | None) -> None:
        if question:
            self.flow.pull_question(question)
            self.keep_draft()
            await self.show_page()
            questions = self.query_one("#questions", QuestionList)  # on it, to mark it asked
            questions.highlighted = questions.questions.index(" ".join(question.split()))
            self.set_focus(questions, scroll_visible=False)
            self.call_after_refresh(self._show_highlighted, questions)

    def _show_highlighted(self, questions: QuestionList) -> None:
        """The step's text scrolled to the question just highlighted (once laid out)."""
        self.query_one("#step", VerticalScroll).scroll_to_widget(questions, animate=False)
        questions.scroll_to_highlight()

    # -- drafts, finishing, leaving --------------------------------------------------------

    def keep_draft(self) -> None:
        """Write the draft now (also called by the app when quitting)."""
        self._draft.cancel()
        context = self.context
        self._flush_notes()
        self.flow.tick(self._now())
        try:
            context.drafts.save(draft_name(self.flow.person.uid), self.flow.to_draft(context.now()))
        except OSError as error:
            problem = error.strerror or str(error)
            self.notify(
                _("Could not keep a draft: {problem}").format(problem=problem), severity="error"
            )

    def _summary(self) -> str:
        flow = self.flow
        done = sum(1 for outcome in flow.reviews.values() if outcome == "done")
        new = len(flow.agreed)
        parts = [ngettext("{count} new action", "{count} new actions", new).format(count=new)]
        if flow.open_actions:
            earlier = len(flow.open_actions)
            parts.append(
                ngettext(
                    "{done} of {count} earlier action done",
                    "{done} of {count} earlier actions done",
                    earlier,
                ).format(done=done, count=earlier)
            )
        parts.append(_("{time} so far").format(time=format_clock(flow.total_seconds)))
        return " · ".join(parts)

    def action_finish(self) -> None:
        choices = [
            Choice("f", _("Finish and save"), "finish", "primary"),
            Choice("escape", _("Not yet"), None),
        ]
        question = _("Finish the 1:1 with {name}?").format(name=self.flow.person.name)
        dialog = ConfirmScreen(question, self._summary(), choices)
        self.app.push_screen(dialog, self._finish_chosen)

    def _finish_chosen(self, choice: str | None) -> None:
        if choice != "finish":
            return
        context = self.context
        self._flush_notes()
        self.flow.tick(self._now())
        finished = self.flow.finish(context.now())
        try:  # kept once per uid, however often it is saved
            context.journal.save_one_on_one(
                finished.record, finished.new_actions, finished.status_changes
            )
        except (CompanionError, OSError) as error:
            self.keep_draft()
            self.notify(
                _("Not saved: {problem}. Everything is kept as a draft.").format(problem=error),
                severity="error",
                timeout=10,
            )
            return
        context.drafts.delete(draft_name(self.flow.person.uid))
        self.notify(
            _("Saved. Press e in the history to export a summary for {name}.").format(
                name=self.flow.person.name
            ),
            title=_("1:1 saved"),
        )
        self._send(finished.record)
        self.dismiss(finished.record.uid)

    # -- the shared space: the rep's agenda, recognitions, the summary ---------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("agenda", "recognise"):
            return self.space is not None
        return True

    def _agenda(self) -> list[ItemState]:
        try:
            return self.space.state().agenda() if self.space is not None else []
        except SpaceError as error:
            self.notify(str(error), severity="warning", timeout=10)
            return []

    def action_agenda(self) -> None:
        if self.space is None:
            return
        items = self._agenda()
        if not items:
            name = self.space.info.partner
            self.notify(_("Nothing on {name}'s agenda.").format(name=name))
            return
        dialog = AgendaDialog(self.space.info.partner, items, self._discussed, self._pull)
        self.app.push_screen(dialog)

    def _discussed(self, item: ItemState) -> bool:
        try:
            self.space.mark(item.id, "discussed")  # type: ignore[union-attr]
        except SpaceError as error:
            self.notify(str(error), severity="warning", timeout=10)
            return False
        return True

    def _pull(self, item: ItemState) -> None:
        """The item's text into the notes being written on the current step."""
        self._flush_notes()
        private = self.flow.private
        notes = self.flow.notes(private).rstrip()
        self.flow.set_notes("\n\n".join(filter(None, [notes, item.item.text])), private)
        self._show_notes()
        self.keep_draft()

    def action_recognise(self) -> None:
        if self.space is not None:
            self.app.push_screen(RecognitionDialog(self.flow.person.name), self._recognised)

    def _recognised(self, text: str | None) -> None:
        if not text or self.space is None:
            return
        from companion.spaces.local import NewItem

        try:
            self.space.record([NewItem("recognition", text)])
        except SpaceError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        name = self.flow.person.name
        self.notify(_("Recognition for {name} kept: it goes with the next sync.").format(name=name))

    def _send(self, record: OneOnOne) -> None:
        """The finished 1:1's shared summary and actions to the space, then a sync."""
        if self.space is None:
            return
        from companion.sharing import send_one_on_one

        try:
            send_one_on_one(self.context.home, record)
        except SpaceError as error:
            self.notify(str(error), severity="error", timeout=15)
            return
        sync_spaces(self.app)

    def action_leave(self) -> None:
        detail = _(
            "Your notes and actions are kept as a draft, and the 1:1 opens where you left it "
            "next time you pick {name}. Or discard it."
        ).format(name=self.flow.person.name)
        dialog = ConfirmScreen(_("Leave this 1:1?"), detail, leave_choices())
        self.app.push_screen(dialog, self._left)

    def _left(self, choice: str | None) -> None:
        if choice == "keep":
            self.keep_draft()
            self.notify(_("Draft kept."))
            self.dismiss(None)
        elif choice == "discard":  # asked again: it cannot be undone
            question = _("Discard the notes of this 1:1 with {name}?").format(
                name=self.flow.person.name
            )
            detail = _(
                "This cannot be undone: the notes, the questions asked and the actions agreed "
                "in this 1:1 are deleted."
            )
            choices = [
                Choice("d", _("Discard"), "discard", "error"),
                Choice("escape", _("Keep"), None),
            ]
            self.app.push_screen(ConfirmScreen(question, detail, choices), self._discard_chosen)

    def _discard_chosen(self, choice: str | None) -> None:
        """Discard for good, or (Keep) back to the 1:1 with nothing lost."""
        if choice != "discard":
            return
        self._draft.cancel()
        self.context.drafts.delete(draft_name(self.flow.person.uid))
        self.notify(_("1:1 discarded."))
        self.dismiss(None)
