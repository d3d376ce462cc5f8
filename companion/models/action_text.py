"""How an agreed action reads wherever it is shown: who owns it, when it is due, overdue.

One place, so the 1:1, the history, home, `companion actions`, `people` and a 1:1's summary
say the same thing: the year only when it is not this year's, and "overdue" once the day has
passed. Here, below storage, so that the markdown export says it too; the screens and the
commands reach it as `companion.flows.actions`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

from companion.i18n import N_, _, format_date

if TYPE_CHECKING:
    from companion.models.coaching import Action

# Who does an agreed action, as a 1:1 shows it
OWNERS = {"rep": N_("rep"), "manager": N_("manager")}


class Due(Protocol):
    """What a due date is read from: a journal's action, or one in a shared space."""

    @property
    def status(self) -> str: ...

    @property
    def due(self) -> date | None: ...


def is_overdue(action: Due, today: date) -> bool:
    """Open, and its due date has passed (due today is not overdue yet)."""
    return action.status == "open" and action.due is not None and action.due < today


def due_phrase(action: Due, today: date) -> str:
    """'due 1 Dec', 'due 1 Dec 2027', 'overdue since 1 Dec'; '' without a due date."""
    if action.due is None:
        return ""
    day = format_date(action.due, "short", today=today)
    if is_overdue(action, today):
        return _("overdue since {day}").format(day=day)
    return _("due {day}").format(day=day)


def owner_and_due(action: Action, today: date) -> str:
    """'rep, due 1 Dec' (or only 'rep'), in the interface's language."""
    owner = _(OWNERS.get(action.owner, action.owner))
    due = due_phrase(action, today)
    return f"{owner}, {due}" if due else owner
