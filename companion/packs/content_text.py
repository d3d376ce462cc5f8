"""Content items and packs as readable markdown, and the text a search looks through.

Pure functions over the content models: the title and what every item has are written
here, the rest of a page by its kind (packs/kinds.py). The library screen shows them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from companion.i18n import N_, _, ngettext
from companion.models.content import ContentItem, PackManifest, QuestionBank
from companion.packs.kinds import KINDS, kind_of
from companion.packs.markdown import code, escape

AUDIENCES = {"rep": N_("for reps"), "manager": N_("for managers"), "coach": N_("for coaches")}
# A kind's name on a page, and its count in a pack's contents (ItemKind values)
KIND_NAMES = {
    "reflection": N_("reflection"),
    "script": N_("script"),
    "card": N_("card"),
    "questions": N_("question bank"),
}


def _kind_count(kind: str, count: int) -> str:
    """'3 cards': each kind's own counted message, so each language can inflect it."""
    if kind == "reflection":
        said = ngettext("{count} reflection", "{count} reflections", count)
    elif kind == "script":
        said = ngettext("{count} script", "{count} scripts", count)
    elif kind == "card":
        said = ngettext("{count} card", "{count} cards", count)
    elif kind == "questions":
        said = ngettext("{count} question bank", "{count} question banks", count)
    else:
        said = f"{{count}} {kind}"
    return said.format(count=count)


BACKTICKS = re.compile(r"`+")


class ProblemLike(Protocol):
    """What a pack problem offers (companion.packs.problems.Problem fits)."""

    path: Path
    line: int
    message: str
    severity: str


def about_line(item: ContentItem) -> str:
    """Where an item comes from and what it is: '`essentials/daily` · reflection · 2 min'."""
    kind = kind_of(item).kind.value
    parts = [code(item.address), _(KIND_NAMES[kind]) if kind in KIND_NAMES else kind]
    if item.planned_minutes:
        parts.append(_("{minutes} min").format(minutes=item.planned_minutes))
    if isinstance(item, QuestionBank):
        questions = ngettext("{count} question", "{count} questions", item.count)
        parts.append(questions.format(count=item.count))
    if item.audience and item.audience != "anyone":
        audience = AUDIENCES.get(item.audience)
        parts.append(_(audience) if audience else escape(item.audience))
    if item.tags:
        parts.append(" ".join(f"#{escape(tag)}" for tag in item.tags))
    return " · ".join(parts)


def item_markdown(item: ContentItem, note: str = "") -> str:
    """A readable page for any content item, naming the pack it comes from; `note` (markdown)
    goes under the title, e.g. what a key does with this item."""
    lines = [f"# {escape(item.title)}", "", about_line(item), ""]
    if note:
        lines += [note, ""]
    return _finish([*lines, *kind_of(item).page(item)])


def problem_line(problem: ProblemLike, root: Path | None = None) -> str:
    """'cards/x.md:3: message', the path relative to the pack when it is inside it."""
    path = problem.path
    if root is not None and path.is_relative_to(root):
        path = path.relative_to(root)
    if problem.severity == "error":
        return f"{path}:{problem.line}: {problem.message}"
    return _("{path}:{line}: warning: {problem}").format(
        path=path, line=problem.line, problem=problem.message
    )


def item_counts(items: Iterable[ContentItem]) -> str:
    """'1 reflection, 5 scripts, 25 cards' in the library's order of kinds."""
    found = [item.kind for item in items]
    parts = [_kind_count(k.kind.value, found.count(k.kind)) for k in KINDS if k.kind in found]
    return ", ".join(parts) or _("no items")


def pack_markdown(
    manifest: PackManifest,
    origin: str,
    items: Sequence[ContentItem] = (),
    problems: Sequence[ProblemLike] = (),
    root: Path | None = None,
) -> str:
    """A pack's manifest, what it holds, and its problems as `file:line: message` lines."""
    version = _("version {version}").format(version=escape(manifest.version))
    about = [code(manifest.id), _("pack"), version, manifest.language]
    lines = [f"# {escape(manifest.title)}", "", " · ".join([*about, escape(origin)]), ""]
    if manifest.description:
        lines += [escape(manifest.description, line_start=True), ""]
    facts = [
        (_("Author"), manifest.author),
        (_("Licence"), manifest.licence),
        (_("Holds"), item_counts(items)),
        (_("Folder"), str(root) if root is not None else ""),
    ]
    lines += [f"- **{label}:** {escape(value)}" for label, value in facts if value]
    lines.append("")
    if problems:
        shown = [problem_line(problem, root) for problem in problems]
        runs = [len(run) + 1 for text in shown for run in BACKTICKS.findall(text)]
        fence = "`" * max([3, *runs])
        heading = _("Problems ({count})").format(count=len(problems))
        lines += [f"## {heading}", "", f"{fence}text", *shown, fence, ""]
    return _finish(lines)


def _finish(lines: list[str]) -> str:
    return "\n".join(lines).rstrip() + "\n"


# -- search ------------------------------------------------------------------------------------


def search_text(item: ContentItem) -> str:
    """Everything a search looks through: title, description, tags, address, and the text of
    prompts, steps, questions or the card body; casefolded."""
    parts = [item.title, item.description, item.address, " ".join(item.tags)]
    return "\n".join([*parts, *kind_of(item).searchable(item)]).casefold()


def matches(text: str, query: str) -> bool:
    """True when every word of the query is in the (casefolded) text."""
    return all(word in text for word in query.casefold().split())


def rank(item: ContentItem, query: str) -> int:
    """How well an item that matches `query` matches it, best first: 0 when its title holds
    every word, 1 when it holds some, 2 when only its text does. The library lists (and
    highlights) the item whose title you typed before those that merely mention it."""
    words = query.casefold().split()
    title = item.title.casefold()
    found = sum(word in title for word in words)
    if words and found == len(words):
        return 0
    return 1 if found else 2
