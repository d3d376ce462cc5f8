"""Pydantic models for every journal record and every content item."""

from companion.models.content import (
    AnswerKind,
    ContentItem,
    ItemKind,
    PackManifest,
    Prompt,
    ReflectionTemplate,
)
from companion.models.journal import (
    Answer,
    CommitmentReview,
    Entry,
    Note,
    Reflection,
    entry_adapter,
    extract_tags,
    normalise_tag,
)

__all__ = [
    "Answer",
    "AnswerKind",
    "CommitmentReview",
    "ContentItem",
    "Entry",
    "ItemKind",
    "Note",
    "PackManifest",
    "Prompt",
    "Reflection",
    "ReflectionTemplate",
    "entry_adapter",
    "extract_tags",
    "normalise_tag",
]
