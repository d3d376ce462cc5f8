"""The daily reflection as a state machine: steps, answers, back and forth, drafts.

The UI asks this object what to show and tells it what the user answered; it never decides
anything itself. Nothing here touches the disk or the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from companion.i18n import N_, _
from companion.models.content import AnswerKind, Prompt, ReflectionTemplate
from companion.models.drafts import ReflectionDraft
from companion.models.journal import (
    Answer,
    AnswerValue,
    CommitmentReview,
    Reflection,
    new_uid,
)
from companion.models.tags import normalise_tag

REVIEW_ID = "previous-commitment"
REVIEW_OPTIONS = ("yes", "partly", "no")
REVIEW_LABELS = {"yes": N_("Yes, I kept it"), "partly": N_("Partly"), "no": N_("No, not this time")}


class AnswerError(ValueError):
    """An answer that does not fit its prompt; the message is shown to the user."""


@dataclass(frozen=True)
class Step:
    """What one screen of the reflection shows and how it is answered."""

    id: str
    title: str
    guidance: str
    kind: AnswerKind
    options: tuple[str, ...] = ()
    scale_min: int = 1
    scale_max: int = 5

    @classmethod
    def from_prompt(cls, prompt: Prompt) -> Step:
        return cls(
            id=prompt.id,
            title=prompt.title,
            guidance=prompt.guidance,
            kind=prompt.answer,
            options=prompt.options,
            scale_min=prompt.scale_min,
            scale_max=prompt.scale_max,
        )

    @classmethod
    def review(cls, commitment: str) -> Step:
        return cls(
            id=REVIEW_ID,
            title=_("Did you keep your last commitment?"),
            guidance=commitment,
            kind=AnswerKind.CHOICE,
            options=REVIEW_OPTIONS,
        )


def clean_answer(step: Step, value: AnswerValue) -> AnswerValue:
    """The answer in its stored form, or AnswerError saying what is wrong."""
    if value is None or value == "" or value == []:
        return None
    if step.kind is AnswerKind.SCALE:
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerError(
                _("choose a number from {low} to {high}").format(
                    low=step.scale_min, high=step.scale_max
                )
            )
        if not step.scale_min <= value <= step.scale_max:
            raise AnswerError(
                _("choose a number from {low} to {high}").format(
                    low=step.scale_min, high=step.scale_max
                )
            )
        return value
    if step.kind is AnswerKind.CHOICE:
        if value not in step.options:
            raise AnswerError(_("choose one of the options"))
        return value
    if step.kind is AnswerKind.TAGS:
        if not isinstance(value, list):
            raise AnswerError(_("tags are a list"))
        tags = [normalise_tag(tag) for tag in value]
        return list(dict.fromkeys(tag for tag in tags if tag)) or None
    if not isinstance(value, str):
        raise AnswerError(_("write your answer as text"))
    return value.strip() or None


def commitment_to_review(
    commitment: str | None, made_at: datetime | None, today: date
) -> str | None:
    """The commitment a new reflection looks back at: the last one, if it was made before
    today. One made today (a second reflection the same day) is still ahead of you, and the
    earlier day's was looked back at in the first."""
    if commitment is None or (made_at is not None and made_at.date() >= today):
        return None
    return commitment


class ReflectionFlow:
    """One reflection in progress."""

    def __init__(
        self,
        template: ReflectionTemplate,
        started: datetime,
        previous_commitment: str | None = None,
    ) -> None:
        self.template = template
        self.uid = new_uid()  # the entry's: one reflection, however often it is saved
        self.started = started
        self.previous_commitment = previous_commitment
        review = [Step.review(previous_commitment)] if previous_commitment else []
        self.steps: tuple[Step, ...] = (*review, *map(Step.from_prompt, template.prompts))
        self.index = 0
        self.answers: dict[str, AnswerValue] = {}
        self.orphans: dict[str, AnswerValue] = {}  # draft answers to prompts that are gone
        self.dirty = False

    # -- navigation ------------------------------------------------------------------------

    @property
    def current(self) -> Step:
        return self.steps[self.index]

    @property
    def is_first(self) -> bool:
        return self.index == 0

    @property
    def is_last(self) -> bool:
        return self.index == len(self.steps) - 1

    @property
    def answered_count(self) -> int:
        return sum(1 for step in self.steps if self.answers.get(step.id) is not None)

    def next(self) -> bool:
        """Move forward; False when already at the last step."""
        if self.is_last:
            return False
        self.index += 1
        return True

    def back(self) -> bool:
        if self.is_first:
            return False
        self.index -= 1
        return True

    def go(self, index: int) -> None:
        if not 0 <= index < len(self.steps):
            raise IndexError(f"there is no step {index + 1}")
        self.index = index

    # -- answers ---------------------------------------------------------------------------

    def answer(self, value: AnswerValue, step_id: str | None = None) -> None:
        step = self.current if step_id is None else self._step(step_id)
        cleaned = clean_answer(step, value)
        if self.answers.get(step.id) != cleaned:
            self.answers[step.id] = cleaned
            self.dirty = True

    def value(self, step_id: str | None = None) -> AnswerValue:
        return self.answers.get(step_id or self.current.id)

    def _step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    @property
    def has_answers(self) -> bool:
        return self.answered_count > 0

    # -- results ---------------------------------------------------------------------------

    def to_reflection(self, now: datetime) -> Reflection:
        if not self.has_answers:
            raise AnswerError(_("answer at least one prompt before saving"))
        answers = [
            Answer(
                prompt_id=step.id,
                prompt=step.title,
                kind=step.kind,
                value=self.answers[step.id],
                scale_max=step.scale_max if step.kind is AnswerKind.SCALE else None,
            )
            for step in self.steps
            if step.id != REVIEW_ID and self.answers.get(step.id) is not None
        ]
        review = None
        if self.previous_commitment:
            kept = self.answers.get(REVIEW_ID)
            review = CommitmentReview(text=self.previous_commitment, kept=kept)  # type: ignore[arg-type]
        tags = [tag for a in answers if a.kind is AnswerKind.TAGS for tag in a.value or []]  # type: ignore[union-attr]
        return Reflection(
            uid=self.uid,
            created=now,
            source=self.template.address,
            title=self.template.title,
            answers=answers,
            review=review,
            tags=tags,
        )

    def to_draft(self, now: datetime) -> ReflectionDraft:
        return ReflectionDraft(
            uid=self.uid,
            source=self.template.address,
            started=self.started,
            updated=now,
            step=self.index,
            answers={
                **self.orphans,
                **{key: value for key, value in self.answers.items() if value is not None},
            },
        )

    @classmethod
    def from_draft(
        cls,
        draft: ReflectionDraft,
        template: ReflectionTemplate,
        previous_commitment: str | None,
    ) -> ReflectionFlow:
        """Resume a draft. Answers to prompts the template no longer has are kept aside in
        `orphans` rather than dropped."""
        flow = cls(template, draft.started, previous_commitment)
        flow.uid = draft.uid
        for step_id, value in draft.answers.items():
            try:
                flow.answer(value, step_id)
            except (KeyError, AnswerError):
                flow.orphans[step_id] = value
        flow.index = min(max(draft.step, 0), len(flow.steps) - 1)
        flow.dirty = flow.has_answers
        return flow


def progress_label(flow: ReflectionFlow) -> str:
    return _("Step {number} of {count}").format(number=flow.index + 1, count=len(flow.steps))


def step_titles(flow: ReflectionFlow) -> Sequence[str]:
    return [step.title for step in flow.steps]
