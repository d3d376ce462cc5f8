"""`companion progress`: the rep's progress over a period, as text with a small chart, or
as JSON. The figures are the progress screen's (`flows.progress_report`); no textual here."""

from __future__ import annotations

from argparse import Namespace
from collections.abc import Callable
from datetime import date
from typing import Any

from companion.context import Context
from companion.errors import CompanionError
from companion.flows.progress import streak
from companion.flows.progress_report import (
    Period,
    Report,
    attention_line,
    build_report,
    chosen_period,
    commitments_line,
    counts_line,
    series_line,
    spark,
)
from companion.i18n import _, format_date, ngettext

Out = Callable[[str], None]
LISTED = 10  # wins and lessons listed in the text summary (--json gives all)


def _day(text: str | None, today: date) -> date | None:
    from companion.flows.journal_query import QueryError, parse_day

    if not text:
        return None
    try:
        return parse_day(text, today)
    except QueryError as error:
        raise CompanionError(str(error)) from None


def report_of(context: Context, period: Period, today: date) -> Report:
    """The report of the period, from the journal's points (and its facts, for the streak)."""
    journal = context.journal
    points, facts = journal.points(period.previous().start, None), journal.facts()
    return build_report(points, period, today, streak(facts, today), facts.unreadable)


def progress(context: Context, args: Namespace, out: Out) -> int:
    today = context.now().date()
    period = chosen_period(_day(args.since, today), _day(args.until, today), today)
    report = report_of(context, period, today)
    if args.json:
        import orjson

        from companion.text_safety import escape_controls

        # as every --json prints: indented, a character that could drive the terminal escaped
        out(escape_controls(orjson.dumps(report_json(report), option=orjson.OPT_INDENT_2).decode()))
        return 0
    for line in report_lines(report):
        out(line)
    return 0


def report_json(report: Report) -> dict[str, Any]:
    """What --json prints: every figure, dates as ISO days, series oldest first."""
    period, commitments, energy = report.period, report.commitments, report.energy
    return {
        "period": {
            "name": period.name or None,  # week, 4-weeks, 12-weeks, year; None for dates given
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "days": period.days,
            "previous_start": period.previous().start.isoformat(),
        },
        "series": [
            {
                "prompt_id": series.key,
                "prompt": series.title,
                "scale_max": series.top,
                "average": _rounded(series.average),
                "previous_average": _rounded(series.before),
                "change": _rounded(series.change),
                "values": [{"date": d.isoformat(), "value": v} for d, v in series.values],
            }
            for series in report.series
        ],
        "average": _rounded(energy.average) if energy else None,
        "commitments": {
            "yes": commitments.yes,
            "partly": commitments.partly,
            "no": commitments.no,
            "not_answered": commitments.unanswered,
            "rate": _rounded(commitments.rate, 3),
            "weekly": [
                {"week": week.isoformat(), "rate": _rounded(value, 3)}
                for week, value in commitments.weekly
            ],
            "open": commitments.open,
            "open_since": commitments.open_since.isoformat() if commitments.open_since else None,
        },
        "streak": report.streak,
        "reflections": report.reflections,
        "notes": report.notes,
        "wins": [{"date": d.isoformat(), "text": text} for d, text in report.wins],
        "attention": [{"tag": tag, "count": count} for tag, count in report.attention],
        "learned": [{"date": d.isoformat(), "text": text} for d, text in report.learned],
        "left_out": list(report.odd),
        "after_today": report.future,
    }


def _rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def report_lines(report: Report) -> list[str]:
    """The text summary: the counts, each scale's line and chart, commitments, wins,
    attention, learning, and what was left out."""
    period = report.period
    if period.name:
        title = _("Progress, {period} ({start} to {end})").format(
            period=period.label(),
            start=format_date(period.start, "short-year"),
            end=format_date(period.end, "short-year"),
        )
    else:
        title = _("Progress, {period}").format(period=period.label())
    lines = [title, counts_line(report), ""]
    if not report.series:
        lines.append(_("No scale answers in this period yet: the daily reflection asks two."))
    for series in report.series:
        lines.append(series_line(series, period))
        if series.values:
            lines.append("  " + spark([value for _day, value in series.values], series.top))
    lines += ["", _("Commitments: {line}").format(line=commitments_line(report.commitments))]
    weekly = [value for _week, value in report.commitments.weekly if value is not None]
    if len(weekly) > 1:
        lines.append("  " + _("kept per week: {chart}").format(chart=spark(weekly, 1, 0)))
    if report.commitments.open:
        lines.append("  " + _("Open: “{text}”").format(text=report.commitments.open))
    lines += ["", _("Attention: {tags}").format(tags=attention_line(report.attention))]
    lines += _listed(_("Wins ({count}):"), report.wins)
    lines += _listed(_("Learned ({count}):"), report.learned)
    if report.odd:
        lines += ["", _("Left out:"), *(f"  {line}" for line in report.odd)]
    if report.future:
        lines.append(
            ngettext(
                "{count} entry dated after today is left out.",
                "{count} entries dated after today are left out.",
                report.future,
            ).format(count=report.future)
        )
    return lines


def _listed(title: str, items: tuple[tuple[date, str], ...]) -> list[str]:
    if not items:
        return []
    lines = ["", title.format(count=len(items))]
    for day, text in items[-LISTED:]:
        lines.append(f"  {format_date(day, 'short').ljust(7)}  {' '.join(text.split())}")
    if len(items) > LISTED:
        more = len(items) - LISTED
        lines.append(
            "  " + ngettext("and {count} more", "and {count} more", more).format(count=more)
        )
    return lines
