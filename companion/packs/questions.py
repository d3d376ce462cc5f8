"""A question bank: every bullet under a heading is a question in that heading's group.

Real-world lists hold sections that are not questions (a table of contents, an FAQ, how to
contribute). A section is skipped when its heading is listed in the frontmatter's `skip`, or
when none of its bullets is a question (none ends in '?'). Skipped sections are reported as
warnings, so an author can see what was left out.
"""

from __future__ import annotations

from companion.models.content import ItemKind, QuestionBank, QuestionGroup
from companion.packs.markdown import description, escape
from companion.packs.problems import Problem
from companion.packs.source import ContentKind, Holds, Source
from companion.wording import plural


def _is_question(text: str) -> bool:
    return "?" in text


def parse(source: Source) -> QuestionBank | None:
    path, problems, base = source.path, source.problems, source.base
    skipped = {title.casefold() for title in (source.front.skip if source.front else ())}
    groups: list[QuestionGroup] = []
    for section in source.sections:
        if not section.items:
            continue
        title = section.title or str(base.get("title", ""))
        if title.casefold() in skipped:
            continue
        if not any(_is_question(item.text) for item in section.items):
            problems.append(
                Problem(
                    path, section.line, f"section {title!r} has no questions; skipped", "warning"
                )
            )
            continue
        questions = tuple(" ".join(item.text.split()) for item in section.items)
        groups.append(QuestionGroup(title=title, questions=questions, line=section.line))
    if not groups:
        problems.append(
            Problem(path, 1, "a question bank needs bullet lists of questions under headings")
        )
        return None
    return QuestionBank(**base, groups=tuple(groups))  # type: ignore[arg-type]


def page(bank: QuestionBank) -> list[str]:
    lines = description(bank)
    for group in bank.groups:
        lines += [f"## {escape(group.title)}", ""]
        lines += [f"- {question.strip()}" for question in group.questions]
        lines.append("")
    return lines


def searchable(bank: QuestionBank) -> list[str]:
    return [text for group in bank.groups for text in (group.title, *group.questions)]


def holds(bank: QuestionBank) -> Holds:
    counts: dict[str, int | None] = {"questions": bank.count, "groups": len(bank.groups)}
    return counts, f"{plural(bank.count, 'question')} in {plural(len(bank.groups), 'group')}"


KIND = ContentKind(
    ItemKind.QUESTIONS,
    QuestionBank,
    "question bank",
    "question banks",
    parse,
    page,
    searchable,
    holds,
)
