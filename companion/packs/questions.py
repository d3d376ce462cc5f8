"""A question bank: every bullet under a heading is a question in that heading's group.

Real-world lists hold sections that are not questions (a table of contents, an FAQ, how to
contribute). A section is skipped when its heading is listed in the frontmatter's `skip`, or
when none of its bullets is a question (none ends in '?'). Skipped sections are reported as
warnings, so an author can see what was left out.
"""

from __future__ import annotations

from pathlib import Path

from companion.models.content import QuestionBank, QuestionGroup
from companion.packs.outline import Section
from companion.packs.problems import Problem


def _is_question(text: str) -> bool:
    return "?" in text


def parse_questions(
    sections: list[Section],
    base: dict[str, object],
    path: Path,
    problems: list[Problem],
    body: str,
    skip: tuple[str, ...] = (),
) -> QuestionBank | None:
    skipped = {title.casefold() for title in skip}
    groups: list[QuestionGroup] = []
    for section in sections:
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
