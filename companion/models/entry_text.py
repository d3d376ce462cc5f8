"""What an entry says, as plain text: its one-line summary, its commitment, its search text.

These read any object shaped like an entry (`kind`, `text` or `answers`, `tags`...), so the
same words come from a validated model and from the journal index's fast decoding, and this
module imports no pydantic (it is on the start-up path).
"""

from __future__ import annotations

from typing import Any

from companion.i18n import N_, _, format_date, format_time
from companion.models.blocks import Block


def format_answer(answer: Any) -> str:
    """An answer's value as shown to people: '4 / 5', '#a, #b', or its text."""
    value = answer.value
    if value is None or value == "" or value == []:
        return ""
    if answer.kind == "scale" and answer.scale_max:
        return f"{value} / {answer.scale_max}"
    if isinstance(value, list):
        if answer.kind == "tags":
            return ", ".join(f"#{tag}" for tag in value)
        return ", ".join(str(item) for item in value)
    return str(value)


def commitment_of(answers: Any) -> str | None:
    """The reflection's commitment for the day: its first non-blank commitment answer."""
    for answer in answers:
        value = answer.value
        if answer.kind == "commitment" and isinstance(value, str) and value.strip():
            return value.strip()
    return None


SCALE_LABEL_WIDTH = 12  # a longer prompt is left out of a row: its value alone is shown


def reflection_summary(answers: Any, tags: Any, title: str) -> str:
    """What tells one day's reflection from the next, most telling first: the first scale
    (energy, "Energy 4/5"), the first answer in words (the win), the tags; the commitment
    or the title when there is none of these. The prompts are the content's own words,
    stored with the entry, so a row reads the same in any interface language."""
    parts = []
    scale = next((a for a in answers if a.kind == "scale" and a.value is not None), None)
    if scale is not None:
        label = scale.prompt if len(scale.prompt) <= SCALE_LABEL_WIDTH else ""
        value = f"{scale.value}/{scale.scale_max}" if scale.scale_max else str(scale.value)
        parts.append(f"{label} {value}".strip())
    words = next((a for a in answers if a.kind == "text" and format_answer(a)), None)
    if words is not None:
        parts.append(format_answer(words))
    if tags:
        parts.append(" ".join(f"#{tag}" for tag in tags))
    if not parts:
        parts.append(commitment_of(answers) or title)
    return " · ".join(parts)


def summary_of(entry: Any, width: int = 60) -> str:
    """One line that says what an entry is about (for lists)."""
    if entry.kind == "note":
        text = entry.text
    else:
        text = reflection_summary(entry.answers, entry.tags, entry.title)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def search_text_of(entry: Any) -> str:
    """Everything a word search should look at in an entry."""
    if entry.kind == "note":
        parts = [entry.text]
    else:
        parts = [entry.title, entry.review.text if entry.review else ""]
        for answer in entry.answers:
            value = answer.value
            parts.append(" ".join(map(str, value)) if isinstance(value, list) else str(value or ""))
    return " ".join([*parts, *entry.tags])


def entry_title(entry: Any) -> str:
    created = entry.created
    # Translators: when an entry was written, "Tuesday 1 December 2026, 09:30"
    when = _("{day}, {time}").format(
        day=format_date(created, "long-year"), time=format_time(created)
    )
    if entry.kind == "reflection":
        return _("{title} — {when}").format(title=entry.title, when=when)
    return _("Note — {when}").format(when=when)


# Whether the previous commitment was kept, as the reflection's review answered it
KEPT = {
    "yes": N_("kept"),
    "partly": N_("partly kept"),
    "no": N_("not kept"),
    "": N_("not answered"),
}


def entry_blocks(entry: Any) -> list[Block]:
    """One entry as a page of blocks: what the journal view shows, and what its markdown
    export is written from."""
    blocks: list[Block] = [("h", [(entry_title(entry), "")])]
    if entry.kind == "note":
        blocks.append(("p", [(entry.text, "")]))
    else:
        if entry.review is not None:
            kept = _(KEPT.get(entry.review.kept or "", KEPT[""]))
            runs = [
                (_("Previous commitment"), "bold"),
                (
                    " "
                    + _("({kept}): {commitment}").format(kept=kept, commitment=entry.review.text),
                    "",
                ),
            ]
            blocks.append(("p", runs))
        for answer in entry.answers:
            shown = format_answer(answer)
            if shown:
                blocks += [("p", [(answer.prompt, "bold")]), ("p", [(shown, "")])]
    if entry.tags:
        tags = " ".join(f"#{tag}" for tag in entry.tags)
        blocks.append(("p", [(_("Tags: {tags}").format(tags=tags), "dim")]))
    return blocks


MARKDOWN_WRAP = {"bold": "**{}**"}  # dim is for screens only


def entry_markdown(entry: Any) -> str:
    """A readable markdown page for one entry."""
    pages = []
    for kind, runs in entry_blocks(entry):
        text = "".join(MARKDOWN_WRAP.get(style, "{}").format(run) for run, style in runs)
        pages.append(f"## {text}" if kind == "h" else text)
    return "\n\n".join(pages).rstrip() + "\n"
