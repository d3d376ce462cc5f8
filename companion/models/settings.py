"""The user's settings, kept in <home>/settings.json."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from companion.i18n import N_

Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    language: Language = "en"
    """Content language: items of packs in this language come first and are the defaults."""
    reflection: str = ""
    """The reflection to use ('pack/id'); empty means the default in the content language."""
    theme: Annotated[str, StringConstraints(max_length=64)] = ""
    """The app's colour theme as last chosen in its palette; empty means Textual's default."""
    role: Literal["", "rep", "manager", "coach"] = ""
    """Who uses Companion: the card of the day is chosen for them; empty means not said."""
    role_asked: bool = False
    """Home has asked for the role once (it asks again only if this is reset)."""
    one_on_one_every_days: Annotated[int, Field(ge=1, le=365)] = 14
    """For a manager, home names whoever has had no 1:1 for longer than this many days."""
    look_back_day: Weekday = "friday"
    """The day of the week home offers the weekly look back."""


SETTING_HELP = {
    "language": "content language, en or nl (or that of an installed pack)",
    "reflection": "the reflection to use, e.g. essentials/daily (empty: the default)",
    "theme": "the app's colours, e.g. textual-light or nord (empty: the default); "
    "choosing a theme in the app's palette (Ctrl+P) saves it",
    "role": "who you are: rep, manager or coach; the card of the day is for you (empty: any)",
    "one_on_one_every_days": N_(
        "for a manager: home names whoever has had no 1:1 for longer than this many days "
        "(1 to 365, default 14)"
    ),
    "look_back_day": "the day home offers the weekly look back: monday to sunday (default friday)",
}
