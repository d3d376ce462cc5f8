"""Records of a manager's coaching: the people they coach, 1:1s, and the actions agreed."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, field_validator

from companion.models.journal import Record, new_uid

Owner = Literal["rep", "manager"]
ActionStatus = Literal["open", "done", "dropped"]
Outcome = Literal["done", "keep", "dropped"]
Uid = Annotated[str, Field(min_length=8, max_length=64)]


class Person(Record):
    """Someone the manager coaches."""

    uid: Uid = Field(default_factory=new_uid)
    name: Annotated[str, Field(min_length=1, max_length=80)]
    role: Annotated[str, Field(max_length=80)] = ""
    notes: str = ""
    created: AwareDatetime

    @field_validator("name", "role", mode="before")
    @classmethod
    def _single_line(cls, value: object) -> object:
        """Whitespace is folded before the length checks, so '   ' is no name."""
        return " ".join(value.split()) if isinstance(value, str) else value


class Action(Record):
    """Something agreed in a 1:1, carried into the next one until it is done or dropped."""

    uid: Uid = Field(default_factory=new_uid)
    person_uid: Uid
    text: Annotated[str, Field(min_length=1, max_length=500)]
    owner: Owner = "rep"
    due: date | None = None
    status: ActionStatus = "open"
    created: AwareDatetime
    closed: AwareDatetime | None = None
    origin: str = ""  # uid of the 1:1 where it was agreed


class StepNotes(Record):
    """What happened in one step of a 1:1."""

    step_id: str
    title: str
    notes: str = ""
    private_notes: str = ""
    asked: list[str] = Field(default_factory=list)
    pulled: list[str] = Field(default_factory=list)  # questions added from a bank
    seconds: int = 0
    planned_minutes: int | None = None


class ActionReview(Record):
    """What became of an earlier action, decided at the start of a 1:1."""

    action_uid: Uid
    text: str
    owner: Owner
    outcome: Outcome


class OneOnOne(Record):
    """A finished 1:1."""

    kind: Literal["one-on-one"] = "one-on-one"
    uid: Uid = Field(default_factory=new_uid)
    person_uid: Uid
    person_name: str
    script: str
    script_title: str
    started: AwareDatetime
    finished: AwareDatetime
    steps: list[StepNotes] = Field(default_factory=list)
    reviewed: list[ActionReview] = Field(default_factory=list)
    agreed: list[Action] = Field(default_factory=list)

    @property
    def seconds(self) -> int:
        return sum(step.seconds for step in self.steps)
