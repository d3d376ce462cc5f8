"""The catalogues cannot drift from the code: every message is in them, translated whole."""

from __future__ import annotations

import argparse
import io
import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from companion import i18n

ROOT = Path(__file__).resolve().parents[1]
LOCALE = i18n.LOCALE_DIR
TEMPLATE = LOCALE / f"{i18n.DOMAIN}.pot"
TRANSLATED = [language for language in i18n.LANGUAGES if language != i18n.SOURCE_LANGUAGE]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)[sdr]|%[sdr]")
# What a person types or reads literally: a translation must keep each of them as it is
KEY_HINT = re.compile(r"Ctrl\+\w+|Shift\+\w+|Alt\+\w+|PgDn|PgUp|\bEsc\b|\bF\d{1,2}\b|`[^`]+`")


def _ids(message: Message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def _strings(message: Message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def code_messages() -> set[str]:
    """Every message the code (and argparse, whose words we translate) asks for."""
    found = extract_from_dir(ROOT / "companion", keywords=KEYWORDS, comment_tags=("Translators:",))
    found_argparse = extract_from_file("python", argparse.__file__, keywords=KEYWORDS)
    messages = set()
    for item in [*found, *((None, *rest) for rest in found_argparse)]:
        text = item[2]
        messages.add(text[0] if isinstance(text, tuple) else text)
    return messages


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def catalogue_of(language: str) -> Catalog:
    return read_catalogue(LOCALE / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po")


HOW_TO_UPDATE = (
    "update the catalogues as docs/translating.md says (pybabel extract, update, compile)"
)


def test_the_template_holds_every_message_of_the_code_and_no_other() -> None:
    template = {_ids(m)[0] for m in read_catalogue(TEMPLATE) if m.id}
    code = code_messages()

    assert sorted(code - template) == [], f"messages missing from the template: {HOW_TO_UPDATE}"
    assert sorted(template - code) == [], f"messages no longer in the code: {HOW_TO_UPDATE}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_and_none_is_fuzzy(language: str) -> None:
    template = {_ids(m)[0] for m in read_catalogue(TEMPLATE) if m.id}
    catalogue = catalogue_of(language)
    translated = {_ids(m)[0]: m for m in catalogue if m.id}

    assert sorted(template - set(translated)) == [], HOW_TO_UPDATE
    untranslated = [key for key, m in translated.items() if not all(_strings(m))]
    fuzzy = [key for key, m in translated.items() if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_every_placeholder_and_key_hint(language: str) -> None:
    wrong = []
    for message in catalogue_of(language):
        if not message.id:
            continue
        source = _ids(message)[-1]  # the plural form has every placeholder the singular has
        for pattern in (PLACEHOLDER, KEY_HINT):
            wanted = sorted(set(pattern.findall(source)))
            for string in _strings(message):
                if sorted(set(pattern.findall(string))) != wanted and string:
                    wrong.append(f"{source!r} -> {string!r}: keep {wanted}")
    assert wrong == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_is_compiled_from_its_source(language: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, catalogue_of(language))
    mo = LOCALE / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"

    assert mo.read_bytes() == compiled.getvalue(), f"the .mo is stale: {HOW_TO_UPDATE}"


@pytest.mark.parametrize(
    ("setting", "environment", "expected"),
    [
        ("nl", {}, "nl"),
        ("en", {"LANG": "nl_NL.UTF-8"}, "en"),
        (None, {"LANG": "nl_NL.UTF-8"}, "nl"),
        (None, {"LC_MESSAGES": "nl_BE.UTF-8", "LANG": "en_GB.UTF-8"}, "nl"),
        (None, {"LANGUAGE": "fr:nl", "LANG": "fr_FR.UTF-8"}, "nl"),
        (None, {"LANG": "fr_FR.UTF-8"}, "en"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        ("fr", {}, "en"),
        (None, {}, "en"),
    ],
)
def test_the_language_follows_the_setting_then_the_locale(
    setting: str | None, environment: dict[str, str], expected: str
) -> None:
    assert i18n.resolve_language(setting, environment) == expected


def test_switching_the_language_changes_what_is_said() -> None:
    i18n.set_language("nl")
    assert i18n._("options") == "opties"
    assert i18n.format_date(date(2026, 12, 1), "long") == "dinsdag 1 december"
    assert i18n.format_decimal(3.44) == "3,4"

    i18n.set_language("en")
    assert i18n._("options") == "options"
    assert i18n.format_date(date(2026, 12, 1), "long") == "Tuesday 1 December"


def test_a_date_of_another_year_says_its_year() -> None:
    assert i18n.format_date(date(2025, 1, 1), "day", today=date(2026, 12, 2)) == "Wed 1 Jan 2025"
    assert i18n.format_date(date(2026, 1, 1), "day", today=date(2026, 12, 2)) == "Thu 1 Jan"
