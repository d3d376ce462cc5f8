"""What the history screen says of a person's coaching at a glance: the time since the last
1:1, how many 1:1s in the period, and how the actions agreed turned out.

Only the manager's own records go in (1:1s and actions): nothing of a rep's journal. Pure:
the records and today are passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from companion.i18n import _, format_date, ngettext
from companion.models.coaching import Action, OneOnOne

PERIOD_WEEKS = 12


@dataclass(frozen=True)
class CoachingStats:
    last: date | None  # the day of the last 1:1
    days_since: int | None
    in_period: int  # 1:1s in the PERIOD_WEEKS weeks up to today
    done: int
    dropped: int
    open: int

    @property
    def actions(self) -> int:
        return self.done + self.dropped + self.open

    def share(self, count: int) -> int:
        """A count as a whole percentage of the actions."""
        return round(count / self.actions * 100) if self.actions else 0


def coaching_stats(
    one_on_ones: Iterable[OneOnOne], actions: Iterable[Action], today: date
) -> CoachingStats:
    """The figures of one person's records (the 1:1s and every action agreed with them)."""
    days = sorted(record.finished.date() for record in one_on_ones)
    days = [day for day in days if day <= today]  # one dated later would read as "-2 days"
    since = today - timedelta(weeks=PERIOD_WEEKS)
    statuses = [action.status for action in actions]
    last = days[-1] if days else None
    return CoachingStats(
        last=last,
        days_since=(today - last).days if last else None,
        in_period=sum(1 for day in days if day > since),
        done=statuses.count("done"),
        dropped=statuses.count("dropped"),
        open=statuses.count("open"),
    )


def since_text(stats: CoachingStats, today: date) -> str:
    if stats.last is None or stats.days_since is None:
        return _("No 1:1 yet")
    if stats.days_since == 0:
        return _("Last 1:1 today")
    return ngettext(
        "Last 1:1 {count} day ago ({day})", "Last 1:1 {count} days ago ({day})", stats.days_since
    ).format(count=stats.days_since, day=format_date(stats.last, "day", today=today))


def stats_lines(stats: CoachingStats, today: date) -> list[str]:
    """'Last 1:1 6 days ago (Tue 17 Nov) · 4 1:1s in the last 12 weeks' and the actions."""
    count = ngettext(
        "{count} 1:1 in the last {weeks} weeks",
        "{count} 1:1s in the last {weeks} weeks",
        stats.in_period,
    ).format(count=stats.in_period, weeks=PERIOD_WEEKS)
    lines = [_("{last} · {count}").format(last=since_text(stats, today), count=count)]
    if stats.actions:
        lines.append(
            ngettext(
                "{count} action: done {done}%, dropped {dropped}%, still open {open}%",
                "{count} actions: done {done}%, dropped {dropped}%, still open {open}%",
                stats.actions,
            ).format(
                count=stats.actions,
                done=stats.share(stats.done),
                dropped=stats.share(stats.dropped),
                open=stats.share(stats.open),
            )
        )
    else:
        lines.append(_("No actions agreed yet."))
    return lines
