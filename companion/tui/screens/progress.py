"""The rep's progress over a period: energy chart, calendar, commitments, wins, attention,
learning. Every figure comes from `flows.progress_report`; this screen only lays them out.

The charts are Textual's own `Sparkline`: it ships with Textual, so it adds no dependency
and no import time, and it scales to whatever width the terminal gives (where answers are
more than columns, a column is their mean, not Sparkline's default maximum). The calendar is
text: one character a day, its shape saying the day's energy, so it reads without colour.
"""

from __future__ import annotations

from datetime import date, timedelta
from statistics import fmean
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.widgets import Label, Sparkline, Static

from companion.errors import CompanionError, CorruptJournal
from companion.flows.progress import streak
from companion.flows.progress_report import (
    DEFAULT_PERIOD,
    PERIOD_LABELS,
    Cell,
    Report,
    build_report,
    commitments_line,
    counts_line,
    period_of,
    series_line,
    spark,
)
from companion.i18n import BABEL_LOCALES, N_, _, active_language, format_date, ngettext
from companion.tui.messages import JournalChanged, JournalDamaged
from companion.tui.screens.base import CompanionScreen
from companion.tui.text import plain

if TYPE_CHECKING:
    from textual.app import App

# A day's mark: nothing written, a reflection without an energy answer, energy 1 to 5
EMPTY, REFLECTED = "·", "○"
LEVEL_MARKS = "▁▃▄▆█"
LEVEL_COLOURS = ("#d9534f", "#e8963a", "#d4c44a", "#7cbf5a", "#2e9e4f")
PERIOD_KEYS = {"week": "w", "4-weeks": "m", "12-weeks": "q", "year": "y"}
LISTED = 12  # wins and lessons shown; the command line's --json has them all
CHARTS = 4  # scale prompts drawn as a chart; any more are drawn as a line of text
WIDE = 110  # columns from which the calendar and commitments, wins and attention pair up
BAR_WIDTH = 20


def weekday_names() -> list[str]:
    """Monday to Sunday, short, in the interface's language."""
    from babel.dates import get_day_names

    names = get_day_names("abbreviated", locale=BABEL_LOCALES.get(active_language(), "en_GB"))
    return [str(names[number]) for number in range(7)]


def month_name(day: date) -> str:
    from babel.dates import format_date as babel_format_date

    locale = BABEL_LOCALES.get(active_language(), "en_GB")
    return str(babel_format_date(day, "LLL", locale=locale)).rstrip(".")


def mark(cell: Cell) -> Text:
    if cell.level is not None:
        return Text(LEVEL_MARKS[cell.level - 1], style=LEVEL_COLOURS[cell.level - 1])
    return Text(REFLECTED if cell.reflected else EMPTY, style="" if cell.reflected else "dim")


def calendar_text(cells: tuple[Cell, ...], today: date) -> Text:
    """The period as a grid: a row a weekday, a column a week, months named above."""
    if not cells:
        return Text()
    names = weekday_names()
    label = max(len(name) for name in names) + 1
    first = cells[0].day - timedelta(days=cells[0].day.weekday())
    weeks = (cells[-1].day - first).days // 7 + 1
    gap = "" if weeks > 26 else " "
    step = 1 + len(gap)
    by_day = {cell.day: cell for cell in cells}
    months = [" "] * (label + weeks * step + 8)
    free, shown = 0, None  # where a name may start; the month last named
    for week in range(weeks):
        monday = first + timedelta(weeks=week)
        at = label + week * step
        if (monday.year, monday.month) != shown and at >= free:
            name = month_name(monday)
            months[at : at + len(name)] = name
            free, shown = at + len(name) + 1, (monday.year, monday.month)
    grid = Text("".join(months).rstrip(), style="dim")
    for weekday in range(7):
        grid.append("\n" + names[weekday].ljust(label), style="dim")
        for week in range(weeks):
            day = first + timedelta(weeks=week, days=weekday)
            cell = by_day.get(day)
            grid.append_text(mark(cell) if cell else Text(" "))
            grid.append(gap)
    legend = Text("\n")
    legend.append(EMPTY, style="dim")
    legend.append(" " + _("nothing") + "  ")
    legend.append(REFLECTED)
    legend.append(" " + _("reflection") + "  ")
    for number, sign in enumerate(LEVEL_MARKS):
        legend.append(sign, style=LEVEL_COLOURS[number])
    legend.append(" " + _("energy low to high"))
    grid.append_text(legend)
    return grid


def bars_text(attention: tuple[tuple[str, int], ...]) -> Text:
    """How the focus tags were spread: a bar per tag, the most often answered first."""
    if not attention:
        return plain(_("No focus tags answered in this period."), "dim")
    text = Text()
    most = attention[0][1]
    width = max(len(tag) for tag, _count in attention[:8]) + 2
    for number, (tag, count) in enumerate(attention[:8]):
        if number:
            text.append("\n")
        text.append_text(plain(f"#{tag}".ljust(width)))
        text.append("█" * max(1, round(count / most * BAR_WIDTH)), style="bold")
        text.append(f" {count}")
    return text


def listed_text(items: tuple[tuple[date, str], ...], empty: str, today: date) -> Text:
    if not items:
        return plain(empty, "dim")
    text = Text()
    for number, (day, line) in enumerate(reversed(items[-LISTED:])):
        if number:
            text.append("\n")
        text.append(format_date(day, "short", today=today).ljust(8), style="dim")
        text.append_text(plain(" ".join(line.split())))
    if len(items) > LISTED:
        more = len(items) - LISTED
        text.append(
            "\n" + ngettext("and {count} more", "and {count} more", more).format(count=more),
            style="dim",
        )
    return text


class ProgressScreen(CompanionScreen[None]):
    SUB_TITLE = N_("Progress")
    CSS_PATH = "progress.tcss"
    HELP = N_(
        "Your progress over a period, from your journal: the average of each scale answer "
        "and how it changed against the period before, a calendar with a mark a day (its "
        "shape is that day's energy), the commitments you kept, your wins, where your "
        "attention went and what you learned. w, m, q and y choose this week, 4 weeks, 12 "
        "weeks or a year; the arrows and PgDn scroll."
    )
    BINDINGS = [
        Binding("w", "period('week')", N_("Week"), tooltip=N_("This week"), id="progress.week"),
        Binding(
            "m",
            "period('4-weeks')",
            N_("4 weeks"),
            tooltip=N_("The last 4 weeks"),
            id="progress.month",
        ),
        Binding(
            "q",
            "period('12-weeks')",
            N_("12 weeks"),
            tooltip=N_("The last 12 weeks"),
            id="progress.quarter",
        ),
        Binding("y", "period('year')", N_("Year"), tooltip=N_("The last year"), id="progress.year"),
        Binding("escape", "back", N_("Back"), tooltip=N_("Back home"), id="progress.back"),
    ]

    def __init__(self, period: str = DEFAULT_PERIOD) -> None:
        super().__init__()
        self.period_name = period
        self.report: Report | None = None

    @classmethod
    def open(cls, app: App[Any], subject: str | None = None) -> None:
        app.push_screen(cls(subject if subject in PERIOD_KEYS else DEFAULT_PERIOD))

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="progress"):
            yield Static(id="periods")
            yield Static(id="counts")
            with Vertical(id="scales", classes="panel"):
                yield Label(id="no-scales")
                for number in range(CHARTS):  # composed once, shown as the series need
                    yield Label(id=f"scale-{number}", classes="scale")
                    yield Sparkline(id=f"chart-{number}", classes="chart", summary_function=fmean)
                yield Static(id="more-scales")
            # side by side in a wide terminal, one below the other in a narrow one
            with Container(classes="pair"):
                yield Static(id="calendar", classes="panel")
                with Vertical(id="commitments", classes="panel"):
                    yield Static(id="kept")
                    yield Sparkline(id="kept-chart", summary_function=fmean)
                    yield Static(id="open")
            with Container(classes="pair"):
                yield Static(id="wins", classes="panel")
                yield Static(id="attention", classes="panel")
            yield Static(id="learned", classes="panel")
            yield Static(id="odd", classes="panel")

    def on_mount(self) -> None:
        self.query_one("#scales").border_title = _("Energy and other scales")
        self.query_one("#calendar").border_title = _("Calendar")
        self.query_one("#commitments").border_title = _("Commitments")
        self.query_one("#wins").border_title = _("Wins")
        self.query_one("#attention").border_title = _("Attention")
        self.query_one("#learned").border_title = _("Learning")
        self.query_one("#odd").border_title = _("Left out")
        self.reload()
        self.query_one("#progress").focus()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#progress").set_class(event.size.width >= WIDE, "wide")

    def on_journal_changed(self, message: JournalChanged) -> None:
        self.reload()

    def action_period(self, name: str) -> None:
        if name != self.period_name:
            self.period_name = name
            self.reload()

    def action_back(self) -> None:
        self.dismiss(None)

    def reload(self) -> None:
        context = self.context
        today = context.now().date()
        period = period_of(self.period_name, today)
        try:
            journal = context.journal
            points = journal.points(period.previous().start, None)
            facts = journal.facts()
        except CorruptJournal as error:
            self.post_message(JournalDamaged(error))
            return
        except CompanionError as error:
            self.notify(str(error), severity="error", timeout=15)
            return
        self.report = report = build_report(
            points, period, today, streak(facts, today), facts.unreadable
        )
        self.query_one("#periods", Static).update(self._periods_text())
        counts = plain(counts_line(report), "bold")
        dates = _("{start} to {end}").format(
            start=format_date(period.start, "short-year"), end=format_date(period.end, "short-year")
        )
        counts.append_text(plain(f"  ·  {dates}", "dim"))
        self.query_one("#counts", Static).update(counts)
        self._show_scales(report)
        self.query_one("#calendar", Static).update(calendar_text(report.calendar, today))
        self._show_commitments(report, today)
        self.query_one("#wins", Static).update(
            listed_text(
                report.wins, _("No wins in this period yet: a note with #win counts too."), today
            )
        )
        self.query_one("#attention", Static).update(bars_text(report.attention))
        self.query_one("#learned", Static).update(
            listed_text(report.learned, _("Nothing noted as learned in this period."), today)
        )
        odd = self.query_one("#odd", Static)
        odd.display = bool(report.odd or report.future)
        lines = list(report.odd)
        if report.future:
            lines.append(
                ngettext(
                    "{count} entry dated after today is left out.",
                    "{count} entries dated after today are left out.",
                    report.future,
                ).format(count=report.future)
            )
        odd.update(plain("\n".join(lines), "dim"))

    def _periods_text(self) -> Text:
        text = Text()
        for name, key in PERIOD_KEYS.items():
            chosen = name == self.period_name
            text.append(f" {key} ", style="bold reverse" if chosen else "bold")
            text.append(f" {_(PERIOD_LABELS[name])}  ", style="bold" if chosen else "dim")
        return text

    def _show_scales(self, report: Report) -> None:
        """The first scales as charts (the energy first, taller), any more as text lines."""
        empty = self.query_one("#no-scales", Label)
        empty.display = not report.series
        empty.update(
            plain(_("No scale answers in this period yet: the daily reflection asks two."), "dim")
        )
        for number in range(CHARTS):
            series = report.series[number] if number < len(report.series) else None
            label = self.query_one(f"#scale-{number}", Label)
            chart = self.query_one(f"#chart-{number}", Sparkline)
            label.display = chart.display = series is not None
            if series is None:
                continue
            values = [value for _day, value in series.values]
            line = plain(series_line(series, report.period), "bold" if number == 0 else "")
            if values:  # the chart spans the lowest to the highest answer, not the scale
                span = _("lowest {low}, highest {high}").format(low=min(values), high=max(values))
                line.append_text(plain(f"  ({span})", "dim"))
            label.update(line)
            chart.data = values
            chart.set_class(number == 0, "energy")
        more = self.query_one("#more-scales", Static)
        rest = report.series[CHARTS:]
        more.display = bool(rest)
        text = Text()
        for series in rest:
            text.append_text(plain(series_line(series, report.period) + "\n"))
            text.append(spark([value for _day, value in series.values], series.top) + "\n")
        more.update(text)

    def _show_commitments(self, report: Report, today: date) -> None:
        commitments = report.commitments
        weekly = [value for _week, value in commitments.weekly if value is not None]
        kept = plain(commitments_line(commitments))
        if len(weekly) > 1:  # the chart spans the lowest to the highest week, as the scales'
            span = _("each week's rate, from {low}% to {high}%").format(
                low=round(min(weekly) * 100), high=round(max(weekly) * 100)
            )
            kept.append_text(plain(f"\n{span}", "dim"))
        self.query_one("#kept", Static).update(kept)
        chart = self.query_one("#kept-chart", Sparkline)
        chart.data = weekly
        chart.display = len(weekly) > 1
        shown = self.query_one("#open", Static)
        if commitments.open:
            since = (
                format_date(commitments.open_since, "day", today=today)
                if commitments.open_since
                else ""
            )
            shown.update(
                plain(
                    _("Open since {day}: “{text}”").format(day=since, text=commitments.open),
                    "italic",
                )
            )
        else:
            shown.update(plain(_("No open commitment: the next reflection asks for one."), "dim"))
