"""Content items and packs as readable markdown, and the text a search looks through.

Pure functions over the content models: the title and what every item has are written
here, the rest of a page by its kind (packs/kinds.py). The library screen shows them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from companion.models.content import ContentItem, PackManifest, QuestionBank
from companion.packs.kinds import KINDS, kind_of
from companion.packs.markdown import code, escape
from companion.wording import plural

AUDIENCES = {"rep": "reps", "manager": "managers", "coach": "coaches"}
BACKTICKS = re.compile(r"`+")


class ProblemLike(Protocol):
    """What a pack problem offers (companion.packs.problems.Problem fits)."""

    path: Path
    line: int
    message: str
    severity: str


def about_line(item: ContentItem) -> str:
    """Where an item comes from and what it is: '`essentials/daily` · reflection · 2 min'."""
    parts = [code(item.address), kind_of(item).one]
    if item.planned_minutes:
        parts.append(f"{item.planned_minutes} min")
    if isinstance(item, QuestionBank):
        parts.append(plural(item.count, "question"))
    if item.audience and item.audience != "anyone":
        parts.append(f"for {AUDIENCES.get(item.audience, escape(item.audience))}")
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
    prefix = "" if problem.severity == "error" else "warning: "
    return f"{path}:{problem.line}: {prefix}{problem.message}"


def item_counts(items: Iterable[ContentItem]) -> str:
    """'1 reflection, 5 scripts, 25 cards' in the library's order of kinds."""
    found = [item.kind for item in items]
    parts = [plural(found.count(k.kind), k.one, k.many) for k in KINDS if k.kind in found]
    return ", ".join(parts) or "no items"


def pack_markdown(
    manifest: PackManifest,
    origin: str,
    items: Sequence[ContentItem] = (),
    problems: Sequence[ProblemLike] = (),
    root: Path | None = None,
) -> str:
    """A pack's manifest, what it holds, and its problems as `file:line: message` lines."""
    about = [code(manifest.id), "pack", f"version {escape(manifest.version)}", manifest.language]
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
