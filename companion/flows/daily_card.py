"""The card of the day: the same card all day, another one tomorrow."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from math import gcd
from typing import Protocol, TypeVar


class Addressed(Protocol):
    @property
    def address(self) -> str: ...


CardT = TypeVar("CardT", bound=Addressed)


def card_of_the_day(cards: Sequence[CardT], day: date) -> CardT | None:
    """One of `cards` for `day`, or None if there are none.

    The cards are taken in address order and stepped through by a stride coprime with their
    number: every card comes up once in as many days, in a mixed order, and two days in a row
    never show the same card (when there are two or more).
    """
    if not cards:
        return None
    ordered = sorted(cards, key=lambda card: card.address)
    count = len(ordered)
    stride = next(s for s in range(max(1, round(count * 0.618)), 0, -1) if gcd(s, count) == 1)
    return ordered[(day.toordinal() * stride) % count]
