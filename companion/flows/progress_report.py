"""The rep's progress over a period: energy and other scales, a calendar, commitments kept,
wins, attention and learning; and the week's facts that open the weekly look back.

Pure: it takes the journal's progress points (`models.progress`), the period and today, and
does no I/O. Every figure is computed here, for the progress screen and `companion progress`
alike, and worded here too, so both say the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean
from typing import NamedTuple

from companion.flows.progress import weekday_number
from companion.i18n import N_, _, format_date, format_decimal, ngettext
from companion.models.progress import Point

ONE_DAY = timedelta(days=1)
PERIODS: dict[str, int] = {"week": 1, "4-weeks": 4, "12-weeks": 12, "year": 52}  # in weeks
PERIOD_LABELS = {
    "week": N_("This week"),
    "4-weeks": N_("4 weeks"),
    "12-weeks": N_("12 weeks"),
    "year": N_("A year"),
}
DEFAULT_PERIOD = "12-weeks"
ENERGY_IDS = ("energy", "energie")  # the built-in reflections' energy prompt, per language
LOOK_BACK_ID = "weekly-look-back"
SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Period:
    """The days from `start` to `end`, both included."""

    start: date
    end: date
    name: str = ""  # one of PERIODS; "" for dates chosen on the command line

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of as many days just before this one: what the change is against."""
        return Period(self.start - timedelta(days=self.days), self.start - ONE_DAY, self.name)

    def holds(self, day: str) -> bool:
        return self.start.isoformat() <= day <= self.end.isoformat()

    def label(self) -> str:
        if self.name:
            return _(PERIOD_LABELS[self.name])
        return _("{start} to {end}").format(
            start=format_date(self.start, "short-year"), end=format_date(self.end, "short-year")
        )


def period_of(name: str, today: date) -> Period:
    """This week (from Monday), or the 4, 12 or 52 weeks ending with this one, up to today."""
    monday = today - timedelta(days=today.weekday())
    return Period(monday - timedelta(weeks=PERIODS[name] - 1), today, name)


def chosen_period(since: date | None, until: date | None, today: date) -> Period:
    """The days --since and --until give; either left out: up to today, or the 12 weeks up
    to the end."""
    if since is None and until is None:
        return period_of(DEFAULT_PERIOD, today)
    end = until or today
    start = since or period_of(DEFAULT_PERIOD, end).start
    return Period(start, end) if start <= end else Period(end, start)


def week_before(today: date) -> Period:
    """The seven days up to today: the week a look back is about."""
    return Period(today - timedelta(days=6), today)


# -- figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """The answers to one scale prompt in the period, oldest first."""

    key: str  # the prompt's id
    title: str  # its latest wording
    top: int
    values: tuple[tuple[date, int], ...]
    before: float | None  # the average of the period before

    @property
    def average(self) -> float | None:
        return fmean(value for _day, value in self.values) if self.values else None

    @property
    def change(self) -> float | None:
        average = self.average
        return None if average is None or self.before is None else average - self.before


class Cell(NamedTuple):
    """One day of the calendar."""

    day: date
    reflected: bool
    level: int | None  # that day's energy from 1 (low) to 5 (high), if answered


@dataclass(frozen=True)
class Commitments:
    yes: int = 0
    partly: int = 0
    no: int = 0
    unanswered: int = 0
    weekly: tuple[tuple[date, float | None], ...] = ()  # each week's rate, oldest first
    open: str | None = None  # the last commitment, not looked back at yet
    open_since: date | None = None

    @property
    def answered(self) -> int:
        return self.yes + self.partly + self.no

    @property
    def rate(self) -> float | None:
        return rate(self.yes, self.partly, self.no)


def rate(yes: int, partly: int, no: int) -> float | None:
    """The share of commitments kept, a partly kept one counting half."""
    answered = yes + partly + no
    return (yes + partly / 2) / answered if answered else None


@dataclass(frozen=True)
class Report:
    period: Period
    series: tuple[Series, ...]  # the energy first, then by how often answered
    calendar: tuple[Cell, ...]
    commitments: Commitments
    wins: tuple[tuple[date, str], ...]
    attention: tuple[tuple[str, int], ...]  # tags answered, the most often first
    learned: tuple[tuple[date, str], ...]
    reflections: int
    notes: int
    streak: int
    odd: tuple[str, ...]  # one line for each answer left out
    future: int  # entries dated after today, left out

    @property
    def energy(self) -> Series | None:
        return self.series[0] if self.series else None


def _day(point: Point) -> date:
    return date.fromisoformat(point.day)


def _series(chosen: Sequence[Point], before: Sequence[Point]) -> tuple[Series, ...]:
    values: dict[str, list[tuple[date, int]]] = {}
    titles: dict[str, tuple[str, int]] = {}
    for point in chosen:
        for scale in point.scales:
            values.setdefault(scale.prompt_id, []).append((_day(point), scale.value))
            titles[scale.prompt_id] = (scale.prompt, scale.top)
    earlier: dict[str, list[int]] = {}
    for point in before:
        for scale in point.scales:
            earlier.setdefault(scale.prompt_id, []).append(scale.value)
    found = [
        Series(key, titles[key][0], titles[key][1], tuple(days), _mean(earlier.get(key)))
        for key, days in values.items()
    ]
    found.sort(key=lambda s: (s.key not in ENERGY_IDS, -len(s.values), s.key))
    return tuple(found)


def _mean(values: list[int] | None) -> float | None:
    return fmean(values) if values else None


def level(value: float, top: int) -> int:
    """A scale's value as one of five levels, whatever the scale's top."""
    return max(1, min(5, round(value / top * 5))) if top else 1


def _calendar(period: Period, chosen: Sequence[Point], energy: Series | None) -> tuple[Cell, ...]:
    reflected = {point.day for point in chosen if point.kind == "reflection"}
    by_day: dict[date, list[int]] = {}
    for day, value in energy.values if energy else ():
        by_day.setdefault(day, []).append(value)
    cells = []
    day = period.start
    while day <= period.end:
        values = by_day.get(day)
        shown = level(fmean(values), energy.top) if values and energy else None
        cells.append(Cell(day, day.isoformat() in reflected, shown))
        day += ONE_DAY
    return tuple(cells)


def _commitments(period: Period, chosen: Sequence[Point], later: Sequence[Point]) -> Commitments:
    counts: Counter[str] = Counter()
    weeks: dict[date, Counter[str]] = {}
    for point in chosen:
        if not point.reviewed:
            continue
        kept = point.kept or "unanswered"
        counts[kept] += 1
        day = _day(point)
        weeks.setdefault(day - timedelta(days=day.weekday()), Counter())[kept] += 1
    weekly = []
    week = period.start - timedelta(days=period.start.weekday())
    while week <= period.end:
        count = weeks.get(week, Counter())
        weekly.append((week, rate(count["yes"], count["partly"], count["no"])))
        week += timedelta(weeks=1)
    open_text, open_since = _open_commitment([*chosen, *later])
    return Commitments(
        counts["yes"],
        counts["partly"],
        counts["no"],
        counts["unanswered"],
        tuple(weekly),
        open_text,
        open_since,
    )


def _open_commitment(points: Sequence[Point]) -> tuple[str | None, date | None]:
    """The last reflection's commitment, unless a later reflection looked back at it."""
    for point in reversed(points):
        if point.kind != "reflection":
            continue
        if point.commitment:
            return point.commitment, _day(point)
        if point.reviewed:
            return None, None
    return None, None


def odd_line(point: Point, prompt: str, value: str, top: int | None) -> str:
    day = format_date(_day(point), "day-year")
    if top is None:
        return _(
            "{day}: “{prompt}” was answered {value}, which is not a number on a scale; left out"
        ).format(day=day, prompt=prompt, value=value)
    return _(
        "{day}: “{prompt}” was answered {value}, outside its scale up to {top}; left out"
    ).format(day=day, prompt=prompt, value=value, top=top)


def build_report(
    points: Iterable[Point],
    period: Period,
    today: date,
    streak: int = 0,
    unreadable: Sequence[str] = (),
) -> Report:
    """Every figure of the period, from the points of (at least) the period and the one
    before it, oldest first; `unreadable`: a line for each record that cannot be read (the
    journal's facts say which), listed with the answers left out."""
    everything = sorted(points, key=lambda point: point.created)
    future = sum(1 for point in everything if point.day > today.isoformat())
    kept = [point for point in everything if point.day <= today.isoformat()]
    chosen = [point for point in kept if period.holds(point.day)]
    before = [point for point in kept if period.previous().holds(point.day)]
    later = [point for point in kept if point.day > period.end.isoformat()]
    series = _series(chosen, before)
    wins = tuple((_day(point), win) for point in chosen for win in point.wins)
    learned = tuple((_day(point), text) for point in chosen for text in point.learned)
    attention = Counter(tag for point in chosen for tag in point.tags)
    odd = tuple(odd_line(point, *item) for point in chosen for item in point.odd)
    odd += tuple(_("{problem}; left out").format(problem=line) for line in unreadable)
    reflections = sum(1 for point in chosen if point.kind == "reflection")
    return Report(
        period=period,
        series=series,
        calendar=_calendar(period, chosen, series[0] if series else None),
        commitments=_commitments(period, chosen, later),
        wins=wins,
        attention=tuple(sorted(attention.items(), key=lambda item: (-item[1], item[0]))),
        learned=learned,
        reflections=reflections,
        notes=len(chosen) - reflections,
        streak=streak,
        odd=odd,
        future=future,
    )


# -- words -----------------------------------------------------------------------------------


def spark(values: Sequence[float], top: float, low: float = 1, width: int = 60) -> str:
    """A small chart of values on one line, at most `width` characters: one a value, or
    the mean of each run of values when there are more (for the command line; the screen
    draws Textual's Sparkline)."""
    if len(values) > width:
        values = [
            fmean(values[len(values) * at // width : len(values) * (at + 1) // width])
            for at in range(width)
        ]
    span = max(top - low, 1)
    marks = []
    for value in values:
        at = round((min(max(value, low), top) - low) / span * (len(SPARKS) - 1))
        marks.append(SPARKS[at])
    return "".join(marks)


def before_phrase(period: Period) -> str:
    """What the change is against: 'the 12 weeks before', 'the week before'."""
    if period.name:
        weeks = PERIODS[period.name]
        if weeks == 1:
            return _("the week before")
        return ngettext("the {count} week before", "the {count} weeks before", weeks).format(
            count=weeks
        )
    if period.days == 1:
        return _("the day before")
    return ngettext("the {count} day before", "the {count} days before", period.days).format(
        count=period.days
    )


def series_line(series: Series, period: Period) -> str:
    """'Energy 3.4, up 0.6 on the 12 weeks before'."""
    average, change = series.average, series.change
    if average is None:
        return _("{prompt}: no answers in this period").format(prompt=series.title)
    fields = {
        "prompt": series.title,
        "average": format_decimal(average),
        "before": before_phrase(period),
    }
    if change is None:
        return _("{prompt} {average}; nothing to compare with in {before}").format(**fields)
    if round(change, 1) == 0:
        return _("{prompt} {average}, the same as in {before}").format(**fields)
    fields["change"] = format_decimal(abs(change))
    if change > 0:
        return _("{prompt} {average}, up {change} on {before}").format(**fields)
    return _("{prompt} {average}, down {change} on {before}").format(**fields)


def commitments_line(commitments: Commitments) -> str:
    if not commitments.answered:
        return _("No commitment looked back at in this period yet.")
    return _("Kept {yes}, partly {partly}, not kept {no}: {rate}% kept").format(
        yes=commitments.yes,
        partly=commitments.partly,
        no=commitments.no,
        rate=round((commitments.rate or 0) * 100),
    )


def attention_line(attention: Sequence[tuple[str, int]], limit: int = 6) -> str:
    if not attention:
        return _("No focus tags answered in this period.")
    return ", ".join(f"#{tag} ×{count}" for tag, count in attention[:limit])


def counts_line(report: Report) -> str:
    reflections = ngettext("{count} reflection", "{count} reflections", report.reflections).format(
        count=report.reflections
    )
    notes = ngettext("{count} note", "{count} notes", report.notes).format(count=report.notes)
    streak = ngettext("streak {count} day", "streak {count} days", report.streak).format(
        count=report.streak
    )
    return _("{reflections}, {notes}; {streak}").format(
        reflections=reflections, notes=notes, streak=streak
    )


def week_facts(report: Report) -> list[str]:
    """The week as the journal recorded it, one line a fact: what a look back shows first."""
    lines = [counts_line(report)]
    energy = report.energy
    if energy is not None:
        line = series_line(energy, report.period)
        if energy.values:
            line += "  " + spark([v for _d, v in energy.values], energy.top)
        lines.append(line)
    lines.append(commitments_line(report.commitments))
    if report.wins:
        lines.append(_("Wins: {wins}").format(wins="; ".join(win for _d, win in report.wins)))
    else:
        lines.append(_("No wins written down this week: there may still be one to name."))
    lines.append(_("In your way: {tags}").format(tags=attention_line(report.attention)))
    return lines


# -- the weekly look back -------------------------------------------------------------------


def look_back_due(today: date, look_back_day: str, points: Iterable[Point]) -> bool:
    """Home offers the look back on its day, unless one was done in the six days before."""
    if today.weekday() != weekday_number(look_back_day):
        return False
    since = (today - timedelta(days=6)).isoformat()
    return not any(
        point.source.endswith(f"/{LOOK_BACK_ID}") and since <= point.day <= today.isoformat()
        for point in points
    )
