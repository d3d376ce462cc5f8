"""How an agreed action reads wherever it is shown: who owns it, when it is due, overdue.

One place, so the 1:1, the history, home, `companion actions` and `people` say the same
thing: the year only when it is not this year's, and "overdue" once the day has passed.
The words live in `companion.models.action_text`, so that a 1:1's markdown summary (in
storage, below the flows) says them too.
"""

from __future__ import annotations

from companion.models.action_text import OWNERS, Due, due_phrase, is_overdue, owner_and_due

__all__ = ["OWNERS", "Due", "due_phrase", "is_overdue", "owner_and_due"]
