"""A script file: each '## ' heading is a step, optionally ending in '(N min)'; its first
paragraphs are the intent, its bullets the questions, and blockquote lines starting with
'Tip:' or 'Avoid:' the tips and the things to avoid."""

from __future__ import annotations

import re
from pathlib import Path

from companion.models.content import Script, ScriptStep, slugify
from companion.packs.outline import Section, headed_sections, intro_text
from companion.packs.problems import Problem

MINUTES = re.compile(r"\s*\((\d{1,3})\s*(?:min|mins|minutes|minuten|m)\.?\)\s*$", re.IGNORECASE)
AVOID = re.compile(r"^(avoid|don't|do not|vermijd|niet)\s*:\s*", re.IGNORECASE)
TIP = re.compile(r"^(tip|hint)\s*:\s*", re.IGNORECASE)


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


def parse_script(
    sections: list[Section], base: dict[str, object], path: Path, problems: list[Problem], body: str
) -> Script | None:
    headings = headed_sections(sections, path, problems, "a script needs steps")
    if not headings:
        return None
    steps: list[ScriptStep] = []
    seen: dict[str, int] = {}
    for section in headings:
        title, minutes = split_minutes(section.title)
        step_id = slugify(title)
        if step_id in seen:
            problems.append(
                Problem(path, section.line, f"step {title!r} repeats line {seen[step_id]}")
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
