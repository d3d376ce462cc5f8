"""How an agreed action reads wherever it is shown: who owns it, when it is due, overdue.

One place, so the 1:1, the history, home, `companion actions` and `people` say the same
thing: the year only when it is not this year's, and "overdue" once the day has passed.
"""

from __future__ import annotations

from datetime import date

from companion.i18n import N_, _, format_date
from companion.models.coaching import Action

# Who does an agreed action, as a 1:1 shows it
OWNERS = {"rep": N_("rep"), "manager": N_("manager")}


def is_overdue(action: Action, today: date) -> bool:
    """Open, and its due date has passed (due today is not overdue yet)."""
    return action.status == "open" and action.due is not None and action.due < today


def due_phrase(action: Action, today: date) -> str:
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
