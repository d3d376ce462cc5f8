"""Kinds shared by content and journal models, kept apart so that the journal models (on the
path of `companion log`) do not build every content model when they are imported."""

from __future__ import annotations

from enum import StrEnum


class AnswerKind(StrEnum):
    """How a reflection prompt is answered."""

    SCALE = "scale"
    TEXT = "text"
    CHOICE = "choice"
    TAGS = "tags"
    COMMITMENT = "commitment"
