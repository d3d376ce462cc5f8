"""A reflection file: each '## ' heading is a prompt; a line 'Answer: KIND' says how it is
answered (scale 1-5, text, choice, tags, commitment); a bullet list gives the options."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from companion.errors import validation_message
from companion.i18n import _, ngettext
from companion.models.content import AnswerKind, ItemKind, Prompt, ReflectionTemplate, slugify
from companion.packs.markdown import description, escape
from companion.packs.outline import Section, headed_sections, intro_text
from companion.packs.problems import Problem
from companion.packs.source import ContentKind, Holds, Source

ANSWER_LINE = re.compile(r"^\s*answer\s*:\s*(?P<spec>.*)$", re.IGNORECASE)
SCALE_SPEC = re.compile(r"^scale(?:\s+(?P<low>\d+)\s*[-–]\s*(?P<high>\d+))?$")
KINDS = ", ".join(kind.value for kind in AnswerKind)


def _answer_spec(spec: str, path: Path, line: int, problems: list[Problem]) -> dict[str, object]:
    spec = spec.strip().lower()
    scale = SCALE_SPEC.match(spec)
    if scale:
        low, high = scale.group("low"), scale.group("high")
        fields: dict[str, object] = {"answer": AnswerKind.SCALE}
        if low is not None:
            fields.update(scale_min=int(low), scale_max=int(high))
        return fields
    try:
        return {"answer": AnswerKind(spec)}
    except ValueError:
        problem = _("unknown answer kind {kind}; use one of: {kinds}")
        problems.append(Problem(path, line, problem.format(kind=repr(spec), kinds=KINDS)))
        return {}


def _prompt(section: Section, path: Path, problems: list[Problem]) -> Prompt | None:
    fields: dict[str, object] = {}
    guidance: list[str] = []
    for paragraph in section.paragraphs:
        for offset, text in enumerate(paragraph.text.split("\n")):
            match = ANSWER_LINE.match(text)
            if match:
                line = paragraph.line + offset
                fields.update(_answer_spec(match.group("spec"), path, line, problems))
            else:
                guidance.append(text)
    guidance_text = "\n".join(guidance).strip()
    tips = "\n".join(f"> {quote.text}" for quote in section.quotes)
    if tips:
        guidance_text = f"{guidance_text}\n\n{tips}".strip()
    try:
        return Prompt(
            id=slugify(section.title),
            title=section.title,
            guidance=guidance_text,
            options=tuple(item.text for item in section.items),
            line=section.line,
            **fields,  # type: ignore[arg-type]
        )
    except ValidationError as error:
        message = validation_message(error.errors()[0]).removeprefix("Value error, ")
        problem = _("prompt {title}: {problem}").format(title=repr(section.title), problem=message)
        problems.append(Problem(path, section.line, problem))
        return None


def parse(source: Source) -> ReflectionTemplate | None:
    """Build a reflection from the outline; appends problems and returns None if it can't."""
    path, problems, base, sections = source.path, source.problems, source.base, source.sections
    headings = headed_sections(
        sections, path, problems, _("a reflection needs prompts: one '## ' heading each")
    )
    if not headings:
        return None
    prompts: list[Prompt] = []
    seen: dict[str, int] = {}
    for section in headings:
        prompt = _prompt(section, path, problems)
        if prompt is None:
            continue
        if prompt.id in seen:
            problems.append(
                Problem(
                    path,
                    section.line,
                    _("prompt {title} repeats line {line}").format(
                        title=repr(section.title), line=seen[prompt.id]
                    ),
                )
            )
            continue
        seen[prompt.id] = section.line
        prompts.append(prompt)
    if not prompts:
        return None
    fields = {**base, "description": base.get("description") or intro_text(sections)}
    return ReflectionTemplate(**fields, prompts=tuple(prompts))  # type: ignore[arg-type]


def answer_text(prompt: Prompt) -> str:
    """How a prompt is answered, in words."""
    options = ", ".join(escape(option) for option in prompt.options)
    if prompt.answer is AnswerKind.SCALE:
        return _("a number from {low} to {high}").format(
            low=prompt.scale_min, high=prompt.scale_max
        )
    if prompt.answer is AnswerKind.CHOICE:
        return _("one of: {options}").format(options=options)
    if prompt.answer is AnswerKind.TAGS:
        if not options:
            return _("tags of your own")
        return _("tags: any of {options}, or your own").format(options=options)
    if prompt.answer is AnswerKind.COMMITMENT:
        return _("your commitment, in your own words; the next reflection asks if you kept it")
    return _("text, in your own words")


def page(reflection: ReflectionTemplate) -> list[str]:
    lines = description(reflection)
    for number, prompt in enumerate(reflection.prompts, start=1):
        lines += [f"## {number}. {escape(prompt.title)}", ""]
        if prompt.guidance:
            lines += [prompt.guidance.strip(), ""]
        lines += [_("*Answer:* {answer}").format(answer=answer_text(prompt)), ""]
    return lines


def searchable(reflection: ReflectionTemplate) -> list[str]:
    return [
        text
        for prompt in reflection.prompts
        for text in (prompt.title, prompt.guidance, *prompt.options)
    ]


def holds(reflection: ReflectionTemplate) -> Holds:
    count = len(reflection.prompts)
    return {"prompts": count}, ngettext("{count} prompt", "{count} prompts", count).format(
        count=count
    )


KIND = ContentKind(
    ItemKind.REFLECTION,
    ReflectionTemplate,
    "reflection",
    "reflections",
    parse,
    page,
    searchable,
    holds,
)
