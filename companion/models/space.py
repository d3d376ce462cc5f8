"""What a shared space holds: items one side shares with the other, and events that change
their state. Each record is one small file in the space's git repository (see
`companion.spaces.format`); these models are what its frontmatter and body must validate as.

A record says who wrote it (`by`) and carries a Lamport `clock`: one more than the highest
clock its writer had seen. The wall time `at` is for people only; clocks on two machines
disagree, so the order of events is decided by `clock` (see `companion.spaces.replay`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter, field_validator

Side = Literal["rep", "manager"]
SIDES: tuple[Side, ...] = ("rep", "manager")
ItemKind = Literal["shared", "summary", "action", "recognition"]
EventKind = Literal["discussed", "done", "reopened", "withdrawn", "dropped"]

ID_PATTERN = r"^[0-9a-f]{12}$"
MAX_CLOCK = 2**53  # beyond this a clock is not a counter but an attempt to jump the queue
SpaceId = Annotated[str, Field(pattern=ID_PATTERN)]
Clock = Annotated[int, Field(ge=1, le=MAX_CLOCK)]
ShortText = Annotated[str, Field(min_length=1, max_length=500)]


class SpaceRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, strict=False)

    id: SpaceId
    by: Side
    clock: Clock
    at: AwareDatetime

    @field_validator("at")
    @classmethod
    def _to_the_second(cls, at: datetime) -> datetime:
        """Files say the time to the second; a record reads back exactly as it was made."""
        return at.replace(microsecond=0)


class TextItem(SpaceRecord):
    """An item whose body is text a person wrote; the text is kept exactly as written."""

    text: Annotated[str, Field(min_length=1)]

    @field_validator("text")
    @classmethod
    def _not_blank(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("the text is empty")
        return text


class SharedItem(TextItem):
    """Something the rep chose to share: it goes on the agenda of the next 1:1."""

    kind: Literal["shared"] = "shared"
    prompt: ShortText | None = None  # the reflection prompt it answered, if any
    reflection: date | None = None  # the day of the reflection it came from


class SharedSummary(TextItem):
    """The summary of a 1:1 the manager chose to share (never the private notes)."""

    kind: Literal["summary"] = "summary"
    held: date  # the day of the 1:1
    title: ShortText | None = None  # the script's title, e.g. "Weekly 1:1"


class AgreedAction(TextItem):
    """An action agreed in a 1:1, owned by the rep or the manager."""

    kind: Literal["action"] = "action"
    owner: Side
    due: date | None = None


class Recognition(TextItem):
    """A short recognition from the manager."""

    kind: Literal["recognition"] = "recognition"


class StateEvent(SpaceRecord):
    """A change of an item's state, written by either side as a file of its own."""

    kind: Literal["event"] = "event"
    event: EventKind
    item: SpaceId


Item = SharedItem | SharedSummary | AgreedAction | Recognition
Record = Item | StateEvent  # what one file of a space holds
SpaceRecordAny = Annotated[
    SharedItem | SharedSummary | AgreedAction | Recognition | StateEvent,
    Field(discriminator="kind"),
]
record_adapter: TypeAdapter[Record] = TypeAdapter(
    SpaceRecordAny, config=ConfigDict(defer_build=True)
)
ITEM_KINDS: tuple[ItemKind, ...] = ("shared", "summary", "action", "recognition")
