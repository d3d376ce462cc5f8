"""One way to type a day, wherever a day is typed (companion/flows/dates.py)."""

from __future__ import annotations

from datetime import date

import pytest

from companion import i18n
from companion.flows.dates import DateError, accepted_forms, parse_date, parse_optional_date

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-02", date(2026, 11, 2)),
        ("today", TODAY),
        (" Yesterday ", date(2026, 11, 24)),
        ("tomorrow", date(2026, 11, 26)),
        ("7d", date(2026, 11, 18)),
        ("0d", TODAY),
        ("+7", date(2026, 12, 2)),
        ("+7d", date(2026, 12, 2)),
        ("+0", TODAY),
        ("monday", date(2026, 11, 23)),
        ("Mon", date(2026, 11, 23)),
        ("wednesday", date(2026, 11, 18)),  # a weekday is never today: `today` says that
        ("thu", date(2026, 11, 19)),
    ],
)
def test_the_same_words_everywhere(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("friday", date(2026, 11, 27)), ("wed", date(2026, 12, 2)), ("tomorrow", date(2026, 11, 26))],
)
def test_a_weekday_looks_ahead_where_only_days_to_come_make_sense(
    text: str, expected: date
) -> None:
    assert parse_date(text, TODAY, past=False) == expected


@pytest.mark.parametrize(
    "text", ["2026-13-45", "2026-02-30", "next week", "11/23/2026", "20261123", "-3", "d", ""]
)
def test_what_is_not_a_date_is_answered_with_the_forms_that_are(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text, TODAY)
    assert str(caught.value) == f"{text!r} is not a date; use {accepted_forms()}"


def test_a_day_pointing_the_wrong_way_is_refused_with_the_forms_that_place_takes() -> None:
    with pytest.raises(DateError) as caught:
        parse_date("yesterday", TODAY, past=False)
    assert str(caught.value) == (
        "'yesterday' (2026-11-24) has passed; use YYYY-MM-DD, today, tomorrow, a weekday or +7 "
        "(7 days from today)"
    )
    with pytest.raises(DateError, match="has not come yet; use YYYY-MM-DD, today, yesterday"):
        parse_date("2026-12-01", TODAY, future=False)
    assert parse_date("today", TODAY, past=False, future=False) == TODAY


def test_a_day_beyond_the_calendar_is_an_error_not_a_crash() -> None:
    with pytest.raises(DateError, match="too far away"):
        parse_date("+9999999", TODAY)


def test_an_empty_optional_date_is_no_date() -> None:
    assert parse_optional_date("  ", TODAY) is None
    assert parse_optional_date("+1", TODAY) == date(2026, 11, 26)


def test_the_interfaces_words_are_understood_as_well_as_the_english_ones() -> None:
    i18n.set_language("nl")
    assert parse_date("gisteren", TODAY) == date(2026, 11, 24)
    assert parse_date("morgen", TODAY) == date(2026, 11, 26)
    assert parse_date("maandag", TODAY) == date(2026, 11, 23)
    assert parse_date("yesterday", TODAY) == date(2026, 11, 24)
    with pytest.raises(DateError, match="is geen datum"):
        parse_date("ooit", TODAY)
