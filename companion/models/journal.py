"""Journal records: what the rep and the manager write, as stored in the journal's files
(`storage.layout`)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter, field_validator

from companion.models.entry_text import commitment_of
from companion.models.kinds import AnswerKind
from companion.models.tags import normalise_tag


def new_uid() -> str:
    return uuid.uuid4().hex


class Record(BaseModel):
    # Built on first use, not on import: `companion log` needs only Note's validator.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


AnswerValue = int | str | list[str] | None


class Answer(Record):
    """One prompt's answer, with the prompt's wording at the time (content may change later)."""

    prompt_id: str
    prompt: str
    kind: AnswerKind
    value: AnswerValue = None
    scale_max: int | None = None


class CommitmentReview(Record):
    """Looking back at the previous commitment: did I keep it?"""

    text: str
    kept: Literal["yes", "partly", "no"] | None = None


class EntryBase(Record):
    uid: Annotated[str, Field(min_length=8, max_length=64)] = Field(default_factory=new_uid)
    created: AwareDatetime
    tags: list[str] = Field(default_factory=list)

    @field_validator("tags")
    @classmethod
    def _normalise_tags(cls, tags: list[str]) -> list[str]:
        cleaned = [normalise_tag(tag) for tag in tags]
        return list(dict.fromkeys(tag for tag in cleaned if tag))

    @property
    def day(self) -> date:
        """The writer's local date when it was written."""
        return self.created.date()


class Note(EntryBase):
    """A quick note, as from `companion log`."""

    kind: Literal["note"] = "note"
    text: Annotated[str, Field(min_length=1)]


class Reflection(EntryBase):
    """A completed daily reflection."""

    kind: Literal["reflection"] = "reflection"
    source: str = ""
    title: str = "Reflection"
    answers: list[Answer] = Field(default_factory=list)
    review: CommitmentReview | None = None

    @property
    def commitment(self) -> str | None:
        return commitment_of(self.answers)


Entry = Annotated[Note | Reflection, Field(discriminator="kind")]
entry_adapter: TypeAdapter[Note | Reflection] = TypeAdapter(
    Entry, config=ConfigDict(defer_build=True)
)
