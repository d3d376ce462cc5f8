"""The user's settings, kept in <home>/settings.json."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from companion.i18n import N_

# A language code ('nl', 'nl-BE'), or empty for "not set"
Language = Annotated[str, StringConstraints(pattern=r"^([a-z]{2}(-[A-Z]{2})?)?$")]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    language: Language = ""
    """The interface's language, and the content language unless `content_language` says
    another; empty means the locale's (LANG), else English."""
    content_language: Language = ""
    """Content language, when it differs from `language`: items of packs in this language
    come first and are the defaults. Empty means the same as the interface."""
    reflection: str = ""
    """The reflection to use ('pack/id'); empty means the default in the content language."""
    theme: Annotated[str, StringConstraints(max_length=64)] = ""
    """The app's colour theme as last chosen in its palette; empty means Textual's default."""
    role: Literal["", "rep", "manager", "coach"] = ""
    """Who uses Companion: the card of the day is chosen for them; empty means not said."""
    role_asked: bool = False
    """Home has asked for the role once (it asks again only if this is reset)."""
    look_back_day: Weekday = "friday"
    """The day of the week home offers the weekly look back."""
    one_on_one_every_days: Annotated[int, Field(ge=1, le=365)] = 14
    """For a manager, home names whoever has had no 1:1 for longer than this many days."""


def content_language(settings: Settings, interface: str) -> str:
    """The language content is chosen in: the override, else the `language` setting (which
    may name a language only packs speak), else the interface's (`interface`)."""
    return settings.content_language or settings.language or interface


SETTING_HELP = {
    "language": N_(
        "the interface's language and the content's, en or nl (empty: the locale's, LANG)"
    ),
    "content_language": N_(
        "content in another language than the interface, e.g. nl (or that of an installed "
        "pack; empty: as language)"
    ),
    "reflection": N_("the reflection to use, e.g. essentials/daily (empty: the default)"),
    "theme": N_(
        "the app's colours, e.g. textual-light or nord (empty: the default); "
        "choosing a theme in the app's palette (Ctrl+P) saves it"
    ),
    "role": N_("who you are: rep, manager or coach; the card of the day is for you (empty: any)"),
    "look_back_day": N_(
        "the day home offers the weekly look back: monday to sunday (default friday)"
    ),
    "one_on_one_every_days": N_(
        "for a manager: home names whoever has had no 1:1 for longer than this many days "
        "(1 to 365, default 14)"
    ),
}
