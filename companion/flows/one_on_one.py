"""A 1:1 as a state machine: pages (the review of open actions, then the script's steps),
notes, asked questions, actions, and a timer per page.

Time comes in as plain numbers (a monotonic clock reading in seconds) so the arithmetic can
be tested without waiting; nothing here touches the disk or the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from pydantic import ValidationError

from companion.flows.dates import DateError, parse_optional_date
from companion.i18n import _
from companion.models.coaching import (
    Action,
    ActionReview,
    OneOnOne,
    Outcome,
    Owner,
    Person,
    StepNotes,
)
from companion.models.content import Script, ScriptStep
from companion.models.drafts import OneOnOneDraft
from companion.models.journal import new_uid

REVIEW_PAGE = "review-actions"


class CoachingError(ValueError):
    """Input the 1:1 cannot take; the message is shown to the manager."""


@dataclass
class Page:
    """One page of the 1:1: either the review of open actions or a script step."""

    id: str
    title: str
    step: ScriptStep | None = None
    notes: str = ""
    private_notes: str = ""
    asked: set[str] = field(default_factory=set)
    pulled: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def planned_seconds(self) -> float | None:
        minutes = self.step.minutes if self.step else None
        return minutes * 60 if minutes else None

    @property
    def questions(self) -> list[str]:
        return [*(self.step.questions if self.step else ()), *self.pulled]


@dataclass(frozen=True)
class Finished:
    """Everything a finished 1:1 writes, in one transaction."""

    record: OneOnOne
    new_actions: list[Action]
    status_changes: dict[str, str]


def format_clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


class OneOnOneFlow:
    def __init__(
        self,
        person: Person,
        script: Script,
        open_actions: list[Action],
        started: datetime,
    ) -> None:
        self.uid = new_uid()  # the saved 1:1's: one record, however often it is saved
        self.person = person
        self.script = script
        self.open_actions = list(open_actions)
        self.started = started
        review = [Page(REVIEW_PAGE, _("Last time's actions"))] if open_actions else []
        self.pages: list[Page] = [*review, *(Page(s.id, s.title, s) for s in script.steps)]
        self.index = 0
        self.reviews: dict[str, Outcome] = {}
        self.agreed: list[Action] = []
        self.private = False  # which notes the manager is writing: kept across steps
        self.dirty = False
        self._last_tick: float | None = None

    # -- pages -----------------------------------------------------------------------------

    @property
    def page(self) -> Page:
        return self.pages[self.index]

    @property
    def is_last(self) -> bool:
        return self.index == len(self.pages) - 1

    def go(self, index: int, now: float | None = None) -> None:
        if not 0 <= index < len(self.pages):
            raise CoachingError(
                _("there is no step {number}; this 1:1 has {count}").format(
                    number=index + 1, count=len(self.pages)
                )
            )
        if now is not None:
            self.tick(now)
        self.index = index

    def next(self, now: float | None = None) -> bool:
        if self.is_last:
            return False
        self.go(self.index + 1, now)
        return True

    def back(self, now: float | None = None) -> bool:
        if self.index == 0:
            return False
        self.go(self.index - 1, now)
        return True

    # -- time ------------------------------------------------------------------------------

    def tick(self, now: float) -> None:
        """Add the time since the last tick to the current page."""
        if self._last_tick is not None and now > self._last_tick:
            self.page.seconds += now - self._last_tick
        self._last_tick = now

    def pause(self) -> None:
        """Stop the clock (e.g. while the app is closed); the next tick starts it again."""
        self._last_tick = None

    @property
    def total_seconds(self) -> float:
        return sum(page.seconds for page in self.pages)

    @property
    def planned_total_seconds(self) -> float | None:
        minutes = self.script.planned_minutes
        return minutes * 60 if minutes else None

    def over_time(self, page: Page | None = None) -> bool:
        page = page or self.page
        planned = page.planned_seconds
        return planned is not None and page.seconds > planned

    # -- notes and questions ---------------------------------------------------------------

    def toggle_private(self) -> bool:
        """Switch between shared and private notes; whether they are private now."""
        self.private = not self.private
        return self.private

    def notes(self, private: bool) -> str:
        page = self.page
        return page.private_notes if private else page.notes

    def set_notes(self, text: str, private: bool = False) -> bool:
        """Replace the current page's notes; whether anything changed."""
        page = self.page
        if private:
            changed, page.private_notes = page.private_notes != text, text
        else:
            changed, page.notes = page.notes != text, text
        self.dirty |= changed
        return changed

    def toggle_asked(self, question: str) -> bool:
        """Mark a question asked (or not); returns whether it is now asked."""
        asked = self.page.asked
        if question in asked:
            asked.discard(question)
        else:
            asked.add(question)
        self.dirty = True
        return question in asked

    def pull_question(self, question: str) -> None:
        """Add a question from a bank to the current step."""
        text = " ".join(question.split())
        if text and text not in self.page.questions:
            self.page.pulled.append(text)
            self.dirty = True

    # -- actions ---------------------------------------------------------------------------

    def review(self, action_uid: str, outcome: Outcome) -> None:
        if action_uid not in {a.uid for a in self.open_actions}:
            raise CoachingError(_("that action is not open for this person"))
        self.reviews[action_uid] = outcome
        self.dirty = True

    def outcome(self, action_uid: str) -> Outcome:
        return self.reviews.get(action_uid, "keep")

    def add_action(self, text: str, owner: Owner, due: date | None, now: datetime) -> Action:
        try:
            action = Action(
                person_uid=self.person.uid,
                text=" ".join(text.split()),
                owner=owner,
                due=due,
                created=now,
            )
        except ValidationError as error:
            raise CoachingError(_("an action needs a short text (up to 500 characters)")) from error
        self.agreed.append(action)
        self.dirty = True
        return action

    def agreed_action(self, action_uid: str) -> Action:
        for action in self.agreed:
            if action.uid == action_uid:
                return action
        raise CoachingError(_("that action was not agreed in this 1:1"))

    def edit_action(self, action_uid: str, text: str, owner: Owner, due: date | None) -> Action:
        """Change an action agreed in this 1:1 (its uid stays); the edited version is the
        one the draft keeps and the finish saves."""
        old = self.agreed_action(action_uid)
        fields = old.model_dump() | {"text": " ".join(text.split()), "owner": owner, "due": due}
        try:
            action = Action.model_validate(fields)
        except ValidationError as error:
            raise CoachingError(_("an action needs a short text (up to 500 characters)")) from error
        self.agreed = [action if a.uid == action_uid else a for a in self.agreed]
        self.dirty = True
        return action

    def remove_action(self, action_uid: str) -> Action:
        """Take back an action agreed in this 1:1; the removed action is returned."""
        action = self.agreed_action(action_uid)
        self.agreed = [a for a in self.agreed if a.uid != action_uid]
        self.dirty = True
        return action

    # -- results ---------------------------------------------------------------------------

    def _step_notes(self) -> list[StepNotes]:
        return [
            StepNotes(
                step_id=page.id,
                title=page.title,
                notes=page.notes.strip(),
                private_notes=page.private_notes.strip(),
                asked=[q for q in page.questions if q in page.asked],
                pulled=page.pulled,
                seconds=round(page.seconds),
                planned_minutes=page.step.minutes if page.step else None,
            )
            for page in self.pages
        ]

    def finish(self, now: datetime) -> Finished:
        record_uid = self.uid
        agreed = [a.model_copy(update={"origin": record_uid}) for a in self.agreed]
        reviewed = [
            ActionReview(action_uid=a.uid, text=a.text, owner=a.owner, outcome=self.outcome(a.uid))
            for a in self.open_actions
        ]
        record = OneOnOne(
            uid=record_uid,
            person_uid=self.person.uid,
            person_name=self.person.name,
            script=self.script.address,
            script_title=self.script.title,
            started=self.started,
            finished=now,
            steps=self._step_notes(),
            reviewed=reviewed,
            agreed=agreed,
        )
        changes = {uid: outcome for uid, outcome in self.reviews.items() if outcome != "keep"}
        return Finished(record, agreed, changes)

    def to_draft(self, now: datetime) -> OneOnOneDraft:
        return OneOnOneDraft(
            uid=self.uid,
            person_uid=self.person.uid,
            script=self.script.address,
            started=self.started,
            updated=now,
            step=self.index,
            step_id=self.page.id,
            steps={notes.step_id: notes for notes in self._step_notes()},
            reviews=self.reviews,
            agreed=self.agreed,
            private=self.private,
        )

    @classmethod
    def from_draft(
        cls, draft: OneOnOneDraft, person: Person, script: Script, open_actions: list[Action]
    ) -> OneOnOneFlow:
        """Resume a draft; notes of steps the script no longer has go to the first step."""
        flow = cls(person, script, open_actions, draft.started)
        flow.uid, flow.private = draft.uid, draft.private
        by_id = {page.id: page for page in flow.pages}
        for step_id, saved in draft.steps.items():
            page = by_id.get(step_id)
            if page is None:  # the script changed: keep what was written on the first page
                page = flow.pages[0]
                if saved.notes:
                    saved = saved.model_copy(
                        update={
                            "notes": _("(from step {title}) {notes}").format(
                                title=repr(saved.title), notes=saved.notes
                            )
                        }
                    )
                moved = [q for q in [*saved.asked, *saved.pulled] if q not in page.questions]
                page.pulled += list(dict.fromkeys(moved))
            page.notes = "\n\n".join(filter(None, [page.notes, saved.notes]))
            page.private_notes = "\n\n".join(
                filter(None, [page.private_notes, saved.private_notes])
            )
            page.asked |= set(saved.asked)
            page.pulled += [q for q in saved.pulled if q not in page.pulled]
            page.seconds += saved.seconds
        open_uids = {a.uid for a in open_actions}
        flow.reviews = {uid: o for uid, o in draft.reviews.items() if uid in open_uids}
        flow.agreed = list(draft.agreed)
        by_position = min(max(draft.step, 0), len(flow.pages) - 1)
        ids = [page.id for page in flow.pages]
        flow.index = ids.index(draft.step_id) if draft.step_id in ids else by_position
        flow.dirty = False
        return flow


def parse_due(text: str, today: date) -> date | None:
    """'' -> no date; else a day from today on, in the words of companion/flows/dates.py
    ('2026-12-01', 'today', 'tomorrow', 'friday', '+3'): a due date in the past is refused."""
    try:
        return parse_optional_date(text, today, past=False)
    except DateError as error:
        raise CoachingError(str(error)) from None


def last_script(records: list[OneOnOne], person_uid: str) -> str | None:
    """The script used in the latest 1:1 with this person."""
    mine = [r for r in records if r.person_uid == person_uid]
    return max(mine, key=lambda r: r.finished).script if mine else None
