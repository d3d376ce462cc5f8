"""Unfinished work, kept so that quitting or a crash never loses what was typed."""

from __future__ import annotations

from pydantic import AwareDatetime, Field

from companion.models.coaching import Action, Outcome, StepNotes, Uid
from companion.models.journal import AnswerValue, Record, new_uid


class ReflectionDraft(Record):
    """A reflection in progress: which template, where the user was, and every answer.
    `uid` is the entry's it becomes: saved twice (the app killed between writing the entry
    and deleting the draft, then the draft resumed), it is still one entry."""

    uid: Uid = Field(default_factory=new_uid)  # drafts older than the uid get a new one
    source: str
    started: AwareDatetime
    updated: AwareDatetime
    step: int = 0
    answers: dict[str, AnswerValue]


class OneOnOneDraft(Record):
    """A 1:1 in progress, resumed next time the manager opens a 1:1 with this person.
    `uid` is the saved 1:1's, as for a reflection's draft; `private` says which notes the
    manager was writing, so a resumed 1:1 goes on with them."""

    uid: Uid = Field(default_factory=new_uid)
    person_uid: str
    script: str
    started: AwareDatetime
    updated: AwareDatetime
    step: int = 0
    step_id: str = ""  # preferred over the position, which shifts if the review page comes or goes
    steps: dict[str, StepNotes] = {}
    reviews: dict[str, Outcome] = {}
    agreed: list[Action] = []
    private: bool = False
