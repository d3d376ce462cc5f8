"""The interface's language: gettext catalogues for words, Babel for dates and numbers.

English is the source language: every message in the code is English, wrapped in `_()` (or
`ngettext()` for a count, `N_()` where a constant is defined before the language is known),
and `companion/locale/<lang>/LC_MESSAGES/companion.po` translates it. The compiled `.mo`
beside each `.po` is what runs; `tests/test_i18n.py` fails when the two differ, when a
message in the code is missing from a catalogue, or when a translation is fuzzy, empty or
drops a placeholder. docs/translating.md says how to add a language.

Conventions, so that word order can differ between languages:
- placeholders are named and filled after translating: `_("Added {name}.").format(name=n)`;
- a sentence is never built from translated fragments;
- counts go through `ngettext(singular, plural, n)`, which knows each language's plural rule;
- a constant defined at import time (a key's label, a screen's help) is marked with `N_()`
  and translated where it is shown, so that switching the language at run time works.

This module imports only the standard library, so every layer may use it. Babel (dates,
numbers) is imported when a date is first formatted, not on the way to the first frame.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.core import Locale

DOMAIN = "companion"
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "nl")  # with a complete interface (and built-in content)
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # gettext's order

_active = SOURCE_LANGUAGE
_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def _(message: str) -> str:
    """`message` in the interface's language ('' stays '': gettext would give the header)."""
    return _translations.gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted message for `count`, in the interface's language."""
    return _translations.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for the catalogue without translating it yet (see the module doc)."""
    return message


def active_language() -> str:
    return _active


def language_from_environment(environ: Mapping[str, str] = os.environ) -> str | None:
    """The first known language the locale variables name ('nl_BE.UTF-8' -> 'nl'), as
    gettext reads them; None if they name none we have."""
    for variable in LOCALE_VARIABLES:
        for name in environ.get(variable, "").split(":"):
            code = name.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in ("c", "posix"):
                return SOURCE_LANGUAGE
            if code in LANGUAGES:
                return code
    return None


def resolve_language(setting: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """The interface's language: the setting if it is one we have, else the locale's, else
    English."""
    if setting in LANGUAGES:
        return setting
    return language_from_environment(environ) or SOURCE_LANGUAGE


def set_language(language: str) -> str:
    """Speak `language` from now on (English for one we lack); returns the one in use."""
    global _active, _translations
    if language not in LANGUAGES or language == SOURCE_LANGUAGE:
        language, translations = SOURCE_LANGUAGE, _gettext.NullTranslations()
    else:
        translations = _gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)
    _active, _translations = language, translations
    _translate_argparse()
    return language


def _translate_argparse() -> None:
    """argparse's own words ("usage:", "options", "the following arguments are required")
    come from the module-level `_` and `ngettext` it imported from gettext; pointing them at
    our catalogue, which holds those messages too, makes `--help` speak the language whole."""
    import argparse

    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


# -- dates and numbers (Babel) -----------------------------------------------------------

# Babel's locale for each interface language: English as written in Europe (Tue 1 Dec, 14:30).
BABEL_LOCALES = {"en": "en_GB", "nl": "nl"}

# How dates are shown, as CLDR patterns. They are messages too, so a translator can change the
# order of the parts; EEE is a short weekday, EEEE a long one, MMM a short month, y the year.
DATE_FORMS = {
    # Translators: a CLDR date pattern; "Tue 1 Dec"
    "day": N_("EEE d MMM"),
    # Translators: a CLDR date pattern; "Tue 1 Dec 2026"
    "day-year": N_("EEE d MMM y"),
    # Translators: a CLDR date pattern; "Tuesday 1 December"
    "long": N_("EEEE d MMMM"),
    # Translators: a CLDR date pattern; "Tuesday 1 December 2026"
    "long-year": N_("EEEE d MMMM y"),
    # Translators: a CLDR date pattern for the lines of the journal list; "Tue 01 Dec"
    "row": N_("EEE dd MMM"),
    # Translators: a CLDR date pattern; "1 Dec"
    "short": N_("d MMM"),
    # Translators: a CLDR date pattern; "1 Dec 2026"
    "short-year": N_("d MMM y"),
}


def _locale() -> Locale:
    from babel.core import Locale

    return Locale.parse(BABEL_LOCALES.get(_active, _active))


_dates_ready: set[str] = set()  # the languages whose dates Babel has formatted already


def dates_ready() -> bool:
    """Whether a date formats cheaply now. The first date of a language imports Babel and
    loads that language's data, a tenth of a second or more: a first frame (home's) shows
    what it can without a date, and fills it in once `warm_dates` has run off the UI thread."""
    return _active in _dates_ready


def warm_dates() -> None:
    """Load what formatting a date in the interface's language needs (call from a thread)."""
    format_date(date(2000, 1, 1))


def format_date(day: date | datetime, form: str = "day", today: date | None = None) -> str:
    """A date in the interface's language, in one of DATE_FORMS. With `today`, the year is
    added when it is not this year's ("day" becomes "day-year")."""
    from babel.dates import format_date as babel_format_date

    if isinstance(day, datetime):
        day = day.date()
    if today is not None and day.year != today.year and not form.endswith("-year"):
        form = f"{form}-year"
    formatted = babel_format_date(day, _(DATE_FORMS[form]), locale=_locale())
    _dates_ready.add(_active)
    return formatted


def format_time(moment: datetime) -> str:
    """The time of day as the interface's language writes it (14:30)."""
    from babel.dates import format_time as babel_format_time

    return babel_format_time(moment, "HH:mm", locale=_locale())


def format_decimal(number: float, digits: int = 1) -> str:
    """A number with `digits` decimals in the interface's language (3.4 / 3,4)."""
    from babel.numbers import format_decimal as babel_format_decimal

    pattern = "0." + "0" * digits if digits else "0"
    return babel_format_decimal(number, format=pattern, locale=_locale())


def first_weekday() -> int:
    """The day a week starts on in the interface's language (0 = Monday, as `date.weekday`)."""
    return int(_locale().first_week_day)
