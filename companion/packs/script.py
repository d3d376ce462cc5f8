"""A script file: each '## ' heading is a step, optionally ending in '(N min)'; its first
paragraphs are the intent, its bullets the questions, and blockquote lines starting with
'Tip:' or 'Avoid:' the tips and the things to avoid."""

from __future__ import annotations

import re
from typing import NamedTuple

from companion.i18n import _, ngettext
from companion.models.content import ItemKind, Script, ScriptStep, slugify
from companion.packs.markdown import bullets, description, escape
from companion.packs.outline import Section, headed_sections, intro_text
from companion.packs.problems import Problem
from companion.packs.source import ContentKind, Holds, Source

MINUTES = re.compile(r"\s*\((\d{1,3})\s*(?:min|mins|minutes|minuten|m)\.?\)\s*$", re.IGNORECASE)
AVOID = re.compile(r"^(avoid|don't|do not|vermijd|niet)\s*:\s*", re.IGNORECASE)
TIP = re.compile(r"^(tip|hint)\s*:\s*", re.IGNORECASE)


class StepLabels(NamedTuple):
    """The words that head a script step's questions, tips and things to avoid: they sit
    inside the pack's own text, so they are in the pack's language, not the interface's."""

    ask: str
    tips: str
    tip: str
    avoid: str


STEP_LABELS = {
    "en": StepLabels("Ask", "Tips", "Tip", "Avoid"),
    "nl": StepLabels("Vragen", "Tips", "Tip", "Vermijd"),
}


def step_labels(language: str) -> StepLabels:
    """The labels for content in `language` ('nl-BE' as 'nl'); English when unknown."""
    return STEP_LABELS.get(language.split("-")[0], STEP_LABELS["en"])


def split_minutes(heading: str) -> tuple[str, int | None]:
    """'Check in (5 min)' -> ('Check in', 5)."""
    match = MINUTES.search(heading)
    if not match:
        return heading.strip(), None
    return heading[: match.start()].strip(), int(match.group(1))


def _quotes(section: Section) -> tuple[list[str], list[str]]:
    """Blockquote lines as tips and avoid-notes; a line with no label continues the last one
    (a quote with no label at all is a tip)."""
    tips: list[str] = []
    avoid: list[str] = []
    last: list[str] | None = None
    for quote in section.quotes:
        for line in quote.text.split("\n"):
            text = line.strip()
            if not text:
                continue
            if AVOID.match(text):
                last = avoid
                avoid.append(AVOID.sub("", text))
            elif TIP.match(text) or last is None:
                last = tips
                tips.append(TIP.sub("", text))
            else:
                last[-1] = f"{last[-1]} {text}"
        last = None  # a new blockquote starts fresh
    return tips, avoid


def parse(source: Source) -> Script | None:
    path, problems, base, sections = source.path, source.problems, source.base, source.sections
    headings = headed_sections(
        sections, path, problems, _("a script needs steps: one '## ' heading each")
    )
    if not headings:
        return None
    steps: list[ScriptStep] = []
    seen: dict[str, int] = {}
    for section in headings:
        title, minutes = split_minutes(section.title)
        step_id = slugify(title)
        if step_id in seen:
            problems.append(
                Problem(
                    path,
                    section.line,
                    _("step {title} repeats line {line}").format(
                        title=repr(title), line=seen[step_id]
                    ),
                )
            )
            continue
        seen[step_id] = section.line
        tips, avoid = _quotes(section)
        steps.append(
            ScriptStep(
                id=step_id,
                title=title,
                intent="\n\n".join(p.text for p in section.paragraphs),
                questions=tuple(item.text for item in section.items),
                tips=tuple(tips),
                avoid=tuple(avoid),
                minutes=minutes,
                line=section.line,
            )
        )
    description = base.get("description") or intro_text(sections)
    return Script(**{**base, "description": description}, steps=tuple(steps))  # type: ignore[arg-type]


def page(script: Script) -> list[str]:
    lines = description(script)
    labels = step_labels(script.language)
    for number, step in enumerate(script.steps, start=1):
        minutes = f" · {step.minutes} min" if step.minutes else ""
        lines += [f"## {number}. {escape(step.title)}{minutes}", ""]
        if step.intent:
            lines += [step.intent.strip(), ""]
        lines += bullets(labels.ask, step.questions)
        lines += bullets(labels.tips, step.tips)
        lines += bullets(labels.avoid, step.avoid)
    return lines


def searchable(script: Script) -> list[str]:
    return [
        text
        for step in script.steps
        for text in (step.title, step.intent, *step.questions, *step.tips, *step.avoid)
    ]


def holds(script: Script) -> Holds:
    minutes = script.planned_minutes
    counts: dict[str, int | None] = {"steps": len(script.steps), "minutes": minutes}
    steps = len(script.steps)
    if minutes:
        said = ngettext("{count} step, {minutes} min", "{count} steps, {minutes} min", steps)
    else:
        said = ngettext("{count} step", "{count} steps", steps)
    return counts, said.format(count=steps, minutes=minutes)


KIND = ContentKind(ItemKind.SCRIPT, Script, "script", "scripts", parse, page, searchable, holds)
