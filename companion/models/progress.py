"""What the progress screen needs of one entry: a light point, derived once per month file.

A point is a plain value (no pydantic), kept in the journal's derived files beside the rows
(`storage.derived`), so that the charts of a year read a dozen small files and validate no
entry. Which answers are wins or learning is decided here, from the prompt's id, so that the
built-in reflections in every language and a coach's own prompts are read alike.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from companion.models.entry_text import commitment_of

WIN_TAG = "win"
# A prompt whose id holds one of these asks for a win, or for what was learned (the English
# and Dutch built-in reflections, and the words a coach's own prompts are likely to use).
WIN_WORDS = ("win", "went-well", "goed-ging", "succes")
LEARN_WORDS = ("learn", "leer")


class Scale(NamedTuple):
    """One scale answer: the prompt's id and wording, the value and the top of its scale."""

    prompt_id: str
    prompt: str
    value: int
    top: int


class Odd(NamedTuple):
    """An answer left out of the figures because it does not fit its prompt."""

    prompt: str
    value: str
    top: int | None


class Point(NamedTuple):
    created: str  # ISO time as written, with the writer's offset: its first 10 are the day
    kind: str  # "reflection" or "note"
    source: str = ""  # the reflection's template, 'essentials/weekly-look-back'
    scales: tuple[Scale, ...] = ()
    kept: str | None = None  # the review of the previous commitment: yes, partly, no
    reviewed: bool = False  # whether there was a previous commitment to review
    commitment: str | None = None
    wins: tuple[str, ...] = ()
    learned: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # the tags answered: where attention went, what was in the way
    odd: tuple[Odd, ...] = ()

    @property
    def day(self) -> str:
        return self.created[:10]

    def to_json(self) -> list[Any]:
        return [
            self.created,
            self.kind,
            self.source,
            [list(scale) for scale in self.scales],
            self.kept,
            self.reviewed,
            self.commitment,
            list(self.wins),
            list(self.learned),
            list(self.tags),
            [list(odd) for odd in self.odd],
        ]

    @classmethod
    def from_json(cls, data: list[Any]) -> Point:
        created, kind, source, scales, kept, reviewed, commitment, wins, learned, tags, odd = data
        return cls(
            str(created),
            str(kind),
            str(source),
            tuple(Scale(str(a), str(b), int(c), int(d)) for a, b, c, d in scales),
            str(kept) if kept else None,
            bool(reviewed),
            str(commitment) if commitment else None,
            tuple(map(str, wins)),
            tuple(map(str, learned)),
            tuple(map(str, tags)),
            tuple(Odd(str(a), str(b), int(c) if c is not None else None) for a, b, c in odd),
        )


def _is(prompt_id: str, words: tuple[str, ...]) -> bool:
    return any(word in prompt_id for word in words)


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _scale(answer: Any) -> Scale | Odd | None:
    value, top = answer.value, answer.scale_max
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        return Odd(answer.prompt, str(value), None)  # not a number at all
    if not isinstance(top, int) or top < 1 or not 0 <= value <= top:
        return Odd(answer.prompt, str(value), top if isinstance(top, int) else 0)
    return Scale(answer.prompt_id, answer.prompt, value, top)


def point_of(entry: Any) -> Point:
    """The point of a validated entry (or of anything shaped like one)."""
    created = entry.created.isoformat()
    if entry.kind == "note":
        wins = (" ".join(entry.text.split()),) if WIN_TAG in entry.tags else ()
        return Point(created, "note", wins=wins)
    scales: list[Scale] = []
    odd: list[Odd] = []
    wins: list[str] = []
    learned: list[str] = []
    tags: list[str] = []
    for answer in entry.answers:
        kind = str(answer.kind)
        if kind == "scale":
            found = _scale(answer)
            if isinstance(found, Scale):
                scales.append(found)
            elif found is not None:
                odd.append(found)
        elif kind == "tags" and isinstance(answer.value, list):
            tags += [str(tag) for tag in answer.value]
        elif kind == "text" and (text := _text(answer.value)):
            if _is(answer.prompt_id, WIN_WORDS):
                wins.append(text)
            elif _is(answer.prompt_id, LEARN_WORDS):
                learned.append(text)
    review = entry.review
    return Point(
        created,
        "reflection",
        entry.source,
        tuple(scales),
        review.kept if review is not None else None,
        review is not None,
        commitment_of(entry.answers),
        tuple(wins),
        tuple(learned),
        tuple(dict.fromkeys(tags)),
        tuple(odd),
    )
