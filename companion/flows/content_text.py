"""Content items and packs as readable markdown, and the text a search looks through.

Pure functions over the content models, so the library screen and the CLI show the same page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple, Protocol

from companion.models.content import (
    KIND_NAMES,
    AnswerKind,
    Card,
    ContentItem,
    ItemKind,
    PackManifest,
    Prompt,
    QuestionBank,
    ReflectionTemplate,
    Script,
)
from companion.wording import plural

AUDIENCES = {"rep": "reps", "manager": "managers", "coach": "coaches"}
KIND_ORDER = (ItemKind.REFLECTION, ItemKind.SCRIPT, ItemKind.CARD, ItemKind.QUESTIONS)
INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>~|])")
LINE_START = re.compile(r"^(?:([#+\->=])|(\d+)([.)]))")
BACKTICKS = re.compile(r"`+")


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


class ProblemLike(Protocol):
    """What a pack problem offers (companion.packs.problems.Problem fits)."""

    path: Path
    line: int
    message: str
    severity: str


def kind_name(kind: ItemKind, plural: bool = False) -> str:
    """'card' or 'Cards'."""
    one, many = KIND_NAMES[kind]
    return many.capitalize() if plural else one


def escape(text: str, line_start: bool = False) -> str:
    """Plain text on one line that markdown shows as written: no emphasis, code, links or
    HTML; with `line_start` (the text begins a line) no heading, list or quote either."""
    text = INLINE_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    if not line_start:
        return text
    return LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _code(text: str) -> str:
    """Inline code that survives backticks in the text."""
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def about_line(item: ContentItem) -> str:
    """Where an item comes from and what it is: '`essentials/daily` · reflection · 2 min'."""
    parts = [_code(item.address), kind_name(item.kind)]
    if isinstance(item, Script) and item.planned_minutes:
        parts.append(f"{item.planned_minutes} min")
    elif item.minutes:
        parts.append(f"{item.minutes} min")
    if isinstance(item, QuestionBank):
        parts.append(plural(item.count, "question"))
    if item.audience and item.audience != "anyone":
        parts.append(f"for {AUDIENCES.get(item.audience, escape(item.audience))}")
    if item.tags:
        parts.append(" ".join(f"#{escape(tag)}" for tag in item.tags))
    return " · ".join(parts)


def _heading(item: ContentItem, note: str = "") -> list[str]:
    lines = [f"# {escape(item.title)}", "", about_line(item), ""]
    if note:
        lines += [note, ""]
    if item.description and not isinstance(item, Card):
        lines += [item.description.strip(), ""]
    return lines


def answer_text(prompt: Prompt) -> str:
    """How a prompt is answered, in words."""
    options = ", ".join(escape(option) for option in prompt.options)
    if prompt.answer is AnswerKind.SCALE:
        return f"a number from {prompt.scale_min} to {prompt.scale_max}"
    if prompt.answer is AnswerKind.CHOICE:
        return f"one of: {options}"
    if prompt.answer is AnswerKind.TAGS:
        return f"tags: any of {options}, or your own" if options else "tags of your own"
    if prompt.answer is AnswerKind.COMMITMENT:
        return "your commitment, in your own words; the next reflection asks if you kept it"
    return "text, in your own words"


def reflection_markdown(reflection: ReflectionTemplate, note: str = "") -> str:
    lines = _heading(reflection, note)
    for number, prompt in enumerate(reflection.prompts, start=1):
        lines += [f"## {number}. {escape(prompt.title)}", ""]
        if prompt.guidance:
            lines += [prompt.guidance.strip(), ""]
        lines += [f"*Answer:* {answer_text(prompt)}", ""]
    return _finish(lines)


def _bullets(label: str, texts: Iterable[str]) -> list[str]:
    items = [f"- {text.strip()}" for text in texts if text.strip()]
    return [f"**{label}**", "", *items, ""] if items else []


def script_markdown(script: Script, note: str = "") -> str:
    lines = _heading(script, note)
    labels = step_labels(script.language)
    for number, step in enumerate(script.steps, start=1):
        minutes = f" · {step.minutes} min" if step.minutes else ""
        lines += [f"## {number}. {escape(step.title)}{minutes}", ""]
        if step.intent:
            lines += [step.intent.strip(), ""]
        lines += _bullets(labels.ask, step.questions)
        lines += _bullets(labels.tips, step.tips)
        lines += _bullets(labels.avoid, step.avoid)
    return _finish(lines)


def card_markdown(card: Card, note: str = "") -> str:
    return _finish([*_heading(card, note), card.body.strip(), ""])


def questions_markdown(bank: QuestionBank, note: str = "") -> str:
    lines = _heading(bank, note)
    for group in bank.groups:
        lines += [f"## {escape(group.title)}", ""]
        lines += [f"- {question.strip()}" for question in group.questions]
        lines.append("")
    return _finish(lines)


def item_markdown(item: ContentItem, note: str = "") -> str:
    """A readable page for any content item, naming the pack it comes from; `note` (markdown)
    goes under the title, e.g. what a key does with this item."""
    if isinstance(item, ReflectionTemplate):
        return reflection_markdown(item, note)
    if isinstance(item, Script):
        return script_markdown(item, note)
    if isinstance(item, Card):
        return card_markdown(item, note)
    if isinstance(item, QuestionBank):
        return questions_markdown(item, note)
    return _finish(_heading(item, note))


def problem_line(problem: ProblemLike, root: Path | None = None) -> str:
    """'cards/x.md:3: message', the path relative to the pack when it is inside it."""
    path = problem.path
    if root is not None and path.is_relative_to(root):
        path = path.relative_to(root)
    prefix = "" if problem.severity == "error" else "warning: "
    return f"{path}:{problem.line}: {prefix}{problem.message}"


def item_counts(items: Iterable[ContentItem]) -> str:
    """'1 reflection, 5 scripts, 25 cards' in the library's order of kinds."""
    counts = {kind: 0 for kind in KIND_ORDER}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    parts = [plural(n, kind_name(kind)) for kind, n in counts.items() if n]
    return ", ".join(parts) or "no items"


def pack_markdown(
    manifest: PackManifest,
    origin: str,
    items: Sequence[ContentItem] = (),
    problems: Sequence[ProblemLike] = (),
    root: Path | None = None,
) -> str:
    """A pack's manifest, what it holds, and its problems as `file:line: message` lines."""
    about = [_code(manifest.id), "pack", f"version {escape(manifest.version)}", manifest.language]
    lines = [f"# {escape(manifest.title)}", "", " · ".join([*about, escape(origin)]), ""]
    if manifest.description:
        lines += [escape(manifest.description, line_start=True), ""]
    facts = [
        ("Author", manifest.author),
        ("Licence", manifest.licence),
        ("Holds", item_counts(items)),
        ("Folder", str(root) if root is not None else ""),
    ]
    lines += [f"- **{label}:** {escape(value)}" for label, value in facts if value]
    lines.append("")
    if problems:
        shown = [problem_line(problem, root) for problem in problems]
        runs = [len(run) + 1 for text in shown for run in BACKTICKS.findall(text)]
        fence = "`" * max([3, *runs])
        lines += [f"## Problems ({len(problems)})", "", f"{fence}text", *shown, fence, ""]
    return _finish(lines)


def _finish(lines: list[str]) -> str:
    return "\n".join(lines).rstrip() + "\n"


# -- search ------------------------------------------------------------------------------------


def search_text(item: ContentItem) -> str:
    """Everything a search looks through: title, description, tags, address, and the text of
    prompts, steps, questions or the card body; casefolded."""
    parts = [item.title, item.description, item.address, " ".join(item.tags)]
    if isinstance(item, ReflectionTemplate):
        for prompt in item.prompts:
            parts += [prompt.title, prompt.guidance, *prompt.options]
    elif isinstance(item, Script):
        for step in item.steps:
            parts += [step.title, step.intent, *step.questions, *step.tips, *step.avoid]
    elif isinstance(item, Card):
        parts.append(item.body)
    elif isinstance(item, QuestionBank):
        for group in item.groups:
            parts += [group.title, *group.questions]
    return "\n".join(parts).casefold()


def matches(text: str, query: str) -> bool:
    """True when every word of the query is in the (casefolded) text."""
    return all(word in text for word in query.casefold().split())
