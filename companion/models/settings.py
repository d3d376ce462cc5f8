"""The user's settings, kept in <home>/settings.json."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    language: Language = "en"
    """Content language: items of packs in this language come first and are the defaults."""
    reflection: str = ""
    """The reflection to use ('pack/id'); empty means the default in the content language."""


SETTING_HELP = {
    "language": "content language, a two-letter code such as en or nl",
    "reflection": "the reflection to use, e.g. essentials/daily (empty: the default)",
}
