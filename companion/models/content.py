"""Content models: what a pack's markdown files turn into."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from companion.models.kinds import AnswerKind

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,63}$"
ItemId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
VERSION_PATTERN = r"^\d+(\.\d+){0,2}$"


class Strict(BaseModel):
    """Unknown keys are refused: a typo in a coach's file gets a message, not silence."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ItemKind(StrEnum):  # what a content file is; packs/kinds.py says the rest of each kind
    REFLECTION = "reflection"
    SCRIPT = "script"
    CARD = "card"
    QUESTIONS = "questions"


class PackManifest(Strict):
    """`pack.toml`: who made a pack and what it is."""

    id: ItemId
    title: Annotated[str, StringConstraints(min_length=1, max_length=120)]
    version: Annotated[str, StringConstraints(pattern=VERSION_PATTERN)]
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] = "en"
    author: str = ""
    licence: str = ""
    description: str = ""
    min_app_version: Annotated[str, StringConstraints(pattern=VERSION_PATTERN)] = "0.1"


class Frontmatter(Strict):
    """The YAML block at the top of every content file."""

    kind: ItemKind
    id: ItemId
    title: Annotated[str, StringConstraints(min_length=1, max_length=120)] | None = None
    description: str = ""
    minutes: Annotated[int, Field(ge=1, le=240)] | None = None
    audience: Literal["rep", "manager", "coach", "anyone"] = Field(
        "anyone",
        description="who it is for; home's card of the day is one for the user's role or anyone",
    )
    tags: list[str] = Field(default_factory=list)
    skip: list[str] = Field(
        default_factory=list, description="question banks: headings that hold no questions"
    )


class Prompt(Strict):
    """One step of a reflection: a question, some guidance, and how it is answered."""

    id: ItemId
    title: str
    guidance: str = ""
    answer: AnswerKind = AnswerKind.TEXT
    scale_min: int = 1
    scale_max: int = 5
    options: tuple[str, ...] = ()
    line: int = 0

    @model_validator(mode="after")
    def _check_kind(self) -> Prompt:
        if self.answer is AnswerKind.SCALE and not (
            0 <= self.scale_min < self.scale_max <= self.scale_min + 10
        ):
            raise ValueError("a scale needs a range such as 1-5 (at most 11 points)")
        if self.answer is AnswerKind.CHOICE and len(self.options) < 2:
            raise ValueError("a choice needs at least two options, as a bullet list")
        return self


class ContentItem(Strict):
    """What every item has: where it comes from and what it is called."""

    kind: ItemKind
    id: ItemId
    pack: str
    title: str
    description: str = ""
    language: str = "en"
    audience: str = "anyone"
    minutes: int | None = None
    tags: tuple[str, ...] = ()
    source: str = ""

    @property
    def address(self) -> str:
        return f"{self.pack}/{self.id}"

    @property
    def planned_minutes(self) -> int | None:
        """How long it takes, as its frontmatter says."""
        return self.minutes


class ReflectionTemplate(ContentItem):
    """A reflection: an ordered list of prompts."""

    kind: Literal[ItemKind.REFLECTION] = ItemKind.REFLECTION
    prompts: tuple[Prompt, ...]

    @model_validator(mode="after")
    def _unique_prompts(self) -> ReflectionTemplate:
        seen: set[str] = set()
        for prompt in self.prompts:
            if prompt.id in seen:
                raise ValueError(f"two prompts are called {prompt.id!r}; headings must differ")
            seen.add(prompt.id)
        return self


def slugify(text: str) -> str:
    """A stable id from a heading: 'What pulls me back?' -> 'what-pulls-me-back',
    'Eén actie' -> 'een-actie'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:64].rstrip("-") or "item"


class ScriptStep(Strict):
    """One step of a 1:1 script: what it is for, what to ask, tips, what to avoid."""

    id: ItemId
    title: str
    intent: str = ""
    questions: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    minutes: int | None = None
    line: int = 0


class Script(ContentItem):
    """A guided coaching conversation: ordered steps."""

    kind: Literal[ItemKind.SCRIPT] = ItemKind.SCRIPT
    steps: tuple[ScriptStep, ...]

    @property
    def planned_minutes(self) -> int | None:
        """The frontmatter's minutes, else the sum of the steps' minutes."""
        if self.minutes:
            return self.minutes
        total = sum(step.minutes or 0 for step in self.steps)
        return total or None


class Card(ContentItem):
    """One short idea, as markdown."""

    kind: Literal[ItemKind.CARD] = ItemKind.CARD
    body: str


class QuestionGroup(Strict):
    title: str
    questions: tuple[str, ...]
    line: int = 0


class QuestionBank(ContentItem):
    """Questions in groups, to pull into a 1:1."""

    kind: Literal[ItemKind.QUESTIONS] = ItemKind.QUESTIONS
    groups: tuple[QuestionGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(group.questions) for group in self.groups)
