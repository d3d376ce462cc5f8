"""One way to type a day, wherever a day is typed: the journal's filter (since:, until:), the
CLI (--since, --until, --date), a line that starts `yesterday: ...`, an action's due date.

The same words everywhere:

- `YYYY-MM-DD` (2026-11-23);
- `today`, `yesterday`, `tomorrow`;
- `7d`: seven days ago; `+7` (or `+7d`): seven days from today;
- a weekday (`monday`, `mon`): the last one before today, or, where only days to come make
  sense, the next one after today (never today itself: `today` says that).

Each place says which way it looks: a filter and a backfilled note look back (`past`), a due
date looks ahead (`future`). A word that points the other way is refused with the same
sentence as a word that is not a date at all, naming the forms that place takes, so the
message teaches what to type. The words are English everywhere and, as well, those of the
interface's language (`gisteren`), since that is what a person types without thinking.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from companion.i18n import N_, _
from companion.text_safety import shown

AGO = re.compile(r"^(\d{1,7})d$")
AHEAD = re.compile(r"^\+(\d{1,7})d?$")
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Translators: the words a person may type for a day (lower case); the English word is
# always understood too.
TODAY, YESTERDAY, TOMORROW = N_("today"), N_("yesterday"), N_("tomorrow")
WEEKDAYS = (
    N_("monday"),
    N_("tuesday"),
    N_("wednesday"),
    N_("thursday"),
    N_("friday"),
    N_("saturday"),
    N_("sunday"),
)


class DateError(ValueError):
    """A day that cannot be read; the message names the forms that are accepted."""


def accepted_forms(past: bool = True, future: bool = True) -> str:
    """The forms a place takes, as its hint and its error message name them."""
    if past and future:
        return _(
            "YYYY-MM-DD, today, yesterday, tomorrow, a weekday, 7d (7 days ago) "
            "or +7 (7 days from today)"
        )
    if future:
        return _("YYYY-MM-DD, today, tomorrow, a weekday or +7 (7 days from today)")
    return _("YYYY-MM-DD, today, yesterday, a weekday or 7d (7 days ago)")


def _words(word: str) -> set[str]:
    """The English word and its translation."""
    return {word, _(word).casefold()}


def _weekday(value: str) -> int | None:
    """0 for 'monday', 'mon' or its translation, ... ; None if it names no weekday."""
    for number, name in enumerate(WEEKDAYS):
        if value in _words(name) or (len(value) >= 3 and name.startswith(value)):
            return number
    return None


def _relative(value: str, today: date) -> tuple[date, int] | None:
    """The day a relative word means and which way it points (-1 back, 0 today, 1 ahead)."""
    if value in _words(TODAY):
        return today, 0
    if value in _words(YESTERDAY):
        return today - timedelta(days=1), -1
    if value in _words(TOMORROW):
        return today + timedelta(days=1), 1
    if ago := AGO.match(value):
        days = int(ago.group(1))
        return today - timedelta(days=days), -1 if days else 0
    if ahead := AHEAD.match(value):
        days = int(ahead.group(1))
        return today + timedelta(days=days), 1 if days else 0
    return None


def parse_date(text: str, today: date, *, past: bool = True, future: bool = True) -> date:
    """The day `text` names, seen from `today`. With `past` False a day before today is
    refused, with `future` False a day after it; either way the message names the forms."""
    value = text.strip().casefold()
    weekday = _weekday(value)
    try:
        if weekday is not None:
            if future and not past:
                return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
            return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
        relative = _relative(value, today)
        if relative is not None:
            day, way = relative
        else:
            if not ISO.match(value):
                raise ValueError(value)
            day = date.fromisoformat(value)
            way = (day > today) - (day < today)
    except OverflowError:
        raise DateError(
            _("{text} is too far away; give a day within a few years").format(text=shown(text))
        ) from None
    except ValueError:
        raise _not_a_date(text, past, future) from None
    if (way < 0 and not past) or (way > 0 and not future):
        raise _wrong_way(text, day, past, future)
    return day


def parse_optional_date(
    text: str, today: date, *, past: bool = True, future: bool = True
) -> date | None:
    """As `parse_date`, but an empty field means no day."""
    if not text.strip():
        return None
    return parse_date(text, today, past=past, future=future)


def _not_a_date(text: str, past: bool, future: bool) -> DateError:
    return DateError(
        _("{text} is not a date; use {forms}").format(
            text=shown(text), forms=accepted_forms(past, future)
        )
    )


def _wrong_way(text: str, day: date, past: bool, future: bool) -> DateError:
    if not past:
        message = _("{text} ({day}) has passed; use {forms}")
    else:
        message = _("{text} ({day}) has not come yet; use {forms}")
    return DateError(
        message.format(text=shown(text), day=day.isoformat(), forms=accepted_forms(past, future))
    )
