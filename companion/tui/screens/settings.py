"""The settings, in the app: language, content language, theme, reflection, role, look-back day.

Each choice is saved the moment it is made, and takes effect at once: a new language redraws
the screens in it, a new content language reloads the packs, a theme recolours the app. So
there is nothing unsaved to lose, and no Save key to forget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, Select, Static

from companion.errors import CompanionError
from companion.i18n import LANGUAGES, N_, _, first_weekday, resolve_language, set_language
from companion.models.content import ReflectionTemplate
from companion.models.settings import WEEKDAYS
from companion.tui.screens.base import Companion, CompanionScreen
from companion.tui.text import plain

# Each language by its own name: a person looks for the one they read
LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands"}
ROLE_NAMES = {
    "": N_("Not said"),
    "rep": N_("A rep"),
    "manager": N_("A manager"),
    "coach": N_("A coach"),
}
WEEKDAY_NAMES = {
    "monday": N_("Monday"),
    "tuesday": N_("Tuesday"),
    "wednesday": N_("Wednesday"),
    "thursday": N_("Thursday"),
    "friday": N_("Friday"),
    "saturday": N_("Saturday"),
    "sunday": N_("Sunday"),
}


@dataclass(frozen=True)
class Field:
    """One setting on the screen: its key in the settings, its label, its choices now."""

    key: str
    label: str  # N_() message
    choices: Callable[[SettingsScreen], list[tuple[str, str]]]  # (shown, value)


def _language_choices(screen: SettingsScreen) -> list[tuple[str, str]]:
    system = LANGUAGE_NAMES.get(resolve_language(None), "English")
    choices = [(_("As the system's (now {language})").format(language=system), "")]
    return choices + [(LANGUAGE_NAMES.get(code, code), code) for code in LANGUAGES]


def _content_language_choices(screen: SettingsScreen) -> list[tuple[str, str]]:
    packs = {pack.manifest.language for pack in screen.context.library.packs.values()}
    codes = sorted(set(LANGUAGES) | packs)
    choices = [(_("As the interface"), "")]
    return choices + [(LANGUAGE_NAMES.get(code, code), code) for code in codes]


def _theme_choices(screen: SettingsScreen) -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(screen.app.available_themes)]


def _reflection_choices(screen: SettingsScreen) -> list[tuple[str, str]]:
    library = screen.context.library
    default = library.reflection()
    shown = default.title if default is not None else _("none installed")
    choices = [(_("The default ({reflection})").format(reflection=shown), "")]
    for item in sorted(library.of_kind(ReflectionTemplate), key=lambda r: r.title.casefold()):
        choices.append((f"{item.title} · {item.pack}", item.address))
    return choices


def _role_choices(screen: SettingsScreen) -> list[tuple[str, str]]:
    return [(_(name), role) for role, name in ROLE_NAMES.items()]


def _weekday_choices(screen: SettingsScreen) -> list[tuple[str, str]]:
    start = first_weekday()  # Monday for Dutch, as a Dutch calendar starts
    days = [*WEEKDAYS[start:], *WEEKDAYS[:start]]
    return [(_(WEEKDAY_NAMES[day]), day) for day in days]


FIELDS = (
    Field("language", N_("Language"), _language_choices),
    Field("content_language", N_("Content language"), _content_language_choices),
    Field("theme", N_("Theme"), _theme_choices),
    Field("reflection", N_("Reflection"), _reflection_choices),
    Field("role", N_("Who you are"), _role_choices),
    Field("look_back_day", N_("Weekly look back on"), _weekday_choices),
)


class SettingsScreen(CompanionScreen[None]):
    SUB_TITLE = N_("Settings")
    CSS_PATH = "settings.tcss"
    AUTO_FOCUS = "Select"  # the first setting, not the scrolling area around them
    HELP = N_(
        "Every choice is saved as soon as you make it. Language is the interface's language "
        "and, unless you choose a content language, that of the reflections, scripts and "
        "cards too. Who you are chooses the card of the day; the weekly look back is offered "
        "on the day you pick. Tab moves between the settings, Enter opens one."
    )
    BINDINGS = [Binding("escape", "back", N_("Back"), tooltip=N_("Back home"), id="settings.back")]

    def compose_body(self) -> ComposeResult:
        settings = self.context.settings
        with VerticalScroll(id="settings"):
            yield Static(plain(_("Changes are saved at once.")), id="settings-intro")
            for field in FIELDS:
                choices = field.choices(self)
                value = self._current(field.key, settings)
                if value not in {v for _shown, v in choices}:
                    choices.append((value, value))  # e.g. a theme no longer installed
                with Horizontal(classes="setting"):
                    yield Label(plain(_(field.label)), classes="setting-label")
                    yield Select(
                        [(plain(shown), v) for shown, v in choices],
                        value=value,
                        allow_blank=False,
                        compact=True,
                        id=field.key,
                    )

    def _current(self, key: str, settings: Any) -> str:
        if key == "theme":
            return str(self.app.theme)
        return str(getattr(settings, key))

    @on(Select.Changed)
    async def _changed(self, event: Select.Changed) -> None:
        key, value = event.select.id or "", event.value
        if not isinstance(value, str) or value == self._current(key, self.context.settings):
            return  # the value it was built with, or one the app already holds
        if key == "theme":
            self.app.theme = value  # the app saves a theme, and says so (tui/app.py)
            return
        if self._save(key, value):
            await self._apply(key)

    def _save(self, key: str, value: str) -> bool:
        """Keep `value` for `key`; say so, or say why not (and keep the old one)."""
        context = self.context
        settings = context.settings
        was = getattr(settings, key)
        try:
            setattr(settings, key, value)
            if key == "role":
                settings.role_asked = True
            kept = context.save_settings()
        except (CompanionError, ValueError) as error:
            setattr(settings, key, was)
            self.notify(str(error).splitlines()[0], severity="error", timeout=10)
            return False
        if key == "language":  # said in the new language
            set_language(resolve_language(value or None))
        field = next(f for f in FIELDS if f.key == key)
        shown = next((s for s, v in field.choices(self) if v == value), value)
        saved = _("{setting}: {value}. Saved.").format(setting=_(field.label), value=shown)
        self.notify(f"{saved} {kept}" if kept else saved, title=_("Settings"), markup=False)
        return True

    async def _apply(self, key: str) -> None:
        """Let what is open show the change: a language redraws every screen in it, and a
        content language (which a language can change) reloads the packs."""
        if key in ("language", "content_language"):
            self.context.forget_content()
        if key == "language":
            for screen in self.app.screen_stack:
                if isinstance(screen, Companion) and screen is not self:
                    screen.language_changed()
            await self.recompose()
            self.query_one("#language", Select).focus()
            self.refresh_bindings()

    def action_back(self) -> None:
        self.dismiss(None)
