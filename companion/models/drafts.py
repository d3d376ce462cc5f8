"""Unfinished work, kept so that quitting or a crash never loses what was typed."""

from __future__ import annotations

from pydantic import AwareDatetime

from companion.models.coaching import Action, Outcome, StepNotes
from companion.models.journal import AnswerValue, Record


class ReflectionDraft(Record):
    """A reflection in progress: which template, where the user was, and every answer."""

    source: str
    started: AwareDatetime
    updated: AwareDatetime
    step: int = 0
    answers: dict[str, AnswerValue]


class OneOnOneDraft(Record):
    """A 1:1 in progress, resumed next time the manager opens a 1:1 with this person."""

    person_uid: str
    script: str
    started: AwareDatetime
    updated: AwareDatetime
    step: int = 0
    step_id: str = ""  # preferred over the position, which shifts if the review page comes or goes
    steps: dict[str, StepNotes] = {}
    reviews: dict[str, Outcome] = {}
    agreed: list[Action] = []
