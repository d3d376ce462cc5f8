"""The card of the day: the same card all day, another one tomorrow, meant for the person
looking at it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from math import gcd
from typing import Protocol, TypeVar

ANYONE = "anyone"


class Addressed(Protocol):
    @property
    def address(self) -> str: ...


class Shown(Addressed, Protocol):
    @property
    def audience(self) -> str: ...

    @property
    def language(self) -> str: ...


CardT = TypeVar("CardT", bound=Addressed)
ShownT = TypeVar("ShownT", bound=Shown)


def cards_for(cards: Sequence[ShownT], role: str, language: str) -> list[ShownT]:
    """The cards to pick from for someone in `role` ('' when they have not said: every card)
    who reads `language`: those for anyone and for that role, in that language if there are
    any. When no card at all is meant for the role, every card: a rep whose only pack holds
    manager cards still gets a card."""
    meant = [card for card in cards if not role or card.audience in (ANYONE, role)]
    pool = meant or list(cards)
    return [card for card in pool if card.language == language] or pool


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
