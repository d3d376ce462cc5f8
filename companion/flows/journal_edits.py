"""Fixing a mistake in an entry: what may be edited, the entry as edited, and how a question
about an entry names it. Pure: the CLI and the journal view read and write the journal."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from companion.flows.dates import DateError, parse_date
from companion.i18n import _, format_date, format_time
from companion.models.entry_text import summary_of
from companion.models.journal import Answer, Entry, Note, Reflection
from companion.models.kinds import AnswerKind
from companion.models.tags import extract_tags, normalise_tag
from companion.text_safety import short

EDITABLE = (AnswerKind.TEXT, AnswerKind.COMMITMENT, AnswerKind.TAGS)


class EditError(ValueError):
    """An edit that cannot be saved as it is; the message says what to change."""


def described(entry: Entry, today: date, summary: bool = True) -> str:
    """An entry as a question or a message about it names it: its kind, day and time, and
    (for a question, where it tells which entry is meant) the start of what it says."""
    day, time = format_date(entry.created, "day", today=today), format_time(entry.created)
    if not summary:
        if entry.kind == "note":
            return _("the note of {day} {time}").format(day=day, time=time)
        return _("the reflection of {day} {time}").format(day=day, time=time)
    said = short(summary_of(entry), limit=60)
    if entry.kind == "note":
        text = _("the note of {day} {time}: {summary}")
    else:
        text = _("the reflection of {day} {time}: {summary}")
    return text.format(day=day, time=time, summary=said)


def edited_note(note: Note, text: str) -> Note:
    """The note with a new text; its #tags are read from the text again, as `log` does."""
    text = text.strip()
    if not text:
        raise EditError(_("A note needs some text; to remove it, delete it instead."))
    return note.model_copy(update={"text": text, "tags": extract_tags(text)})


def editable_answers(reflection: Reflection) -> list[tuple[int, Answer]]:
    """The answers written in words (and the tags), by their place in the reflection: a
    scale or a choice is what it was, and is not edited here."""
    return [(i, a) for i, a in enumerate(reflection.answers) if a.kind in EDITABLE]


def answer_text(answer: Answer) -> str:
    """An answer as its edit field shows it (tags as `#win #demo`)."""
    if answer.kind is AnswerKind.TAGS:
        return " ".join(f"#{tag}" for tag in answer.value or [])  # type: ignore[union-attr]
    return str(answer.value or "")


def edited_reflection(reflection: Reflection, texts: Mapping[int, str]) -> Reflection:
    """The reflection with new words for the answers at these places; tags typed as
    `#win demo` become its tags."""
    answers = list(reflection.answers)
    for index, text in texts.items():
        answer = answers[index]
        if answer.kind is AnswerKind.TAGS:
            tags = [normalise_tag(word) for word in text.replace(",", " ").split()]
            value: list[str] | str | None = list(dict.fromkeys(t for t in tags if t)) or None
        else:
            value = text.strip() or None
        answers[index] = answer.model_copy(update={"value": value})
    tags = [tag for a in answers if a.kind is AnswerKind.TAGS for tag in a.value or []]  # type: ignore[union-attr]
    return reflection.model_copy(update={"answers": answers, "tags": tags})


def moved_to(entry: Entry, day_text: str, today: date) -> Entry:
    """The entry on the day `day_text` names (as every date is typed; not a day to come),
    at the same time of day: for a note logged on the wrong day, or a missed day filled in."""
    try:
        day = parse_date(day_text, today, future=False)
    except DateError as error:
        raise EditError(str(error)) from None
    if day == entry.created.date():
        return entry
    return entry.model_copy(update={"created": datetime.combine(day, entry.created.timetz())})
