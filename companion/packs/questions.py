"""A question bank: every bullet under a heading is a question in that heading's group.

Real-world lists hold sections that are not questions (a table of contents, an FAQ, how to
contribute). A section is skipped when its heading is listed in the frontmatter's `skip`, or
when none of its bullets is a question (none ends in '?'). Skipped sections are reported as
warnings, so an author can see what was left out.
"""

from __future__ import annotations

from companion.i18n import _, ngettext
from companion.models.content import ItemKind, QuestionBank, QuestionGroup
from companion.packs.markdown import description, escape
from companion.packs.problems import Problem
from companion.packs.source import ContentKind, Holds, Source


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
                    path,
                    section.line,
                    _("section {title} has no questions; skipped").format(title=repr(title)),
                    "warning",
                )
            )
            continue
        questions = tuple(" ".join(item.text.split()) for item in section.items)
        groups.append(QuestionGroup(title=title, questions=questions, line=section.line))
    if not groups:
        problems.append(
            Problem(path, 1, _("a question bank needs bullet lists of questions under headings"))
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
    questions = ngettext("{count} question", "{count} questions", bank.count)
    groups = ngettext("{count} group", "{count} groups", len(bank.groups))
    # Translators: what a question bank holds, "12 questions in 3 groups"
    said = _("{questions} in {groups}").format(
        questions=questions.format(count=bank.count), groups=groups.format(count=len(bank.groups))
    )
    return counts, said


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
