"""The structure of a markdown body: sections by heading, with their paragraphs, list items
and blockquotes, each with its line number in the file. markdown-it reads every body, so
CommonMark decides every case; the item cache (packs/item_cache.py) means a file is read
again only when it changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from markdown_it import MarkdownIt

from companion.packs.problems import Problem

# Only the block structure is needed: a paragraph's or heading's text is its source, so the
# inline pass (emphasis, links), two fifths of the parse, is left out.
_PARSER = MarkdownIt("commonmark").disable(["inline", "text_join"])


class Line(NamedTuple):
    text: str
    line: int


@dataclass
class Section:
    level: int  # 0 for text before the first heading
    title: str
    line: int
    paragraphs: list[Line] = field(default_factory=list)
    items: list[Line] = field(default_factory=list)
    quotes: list[Line] = field(default_factory=list)


CONTAINERS = {"bullet_list_open", "ordered_list_open", "list_item_open", "blockquote_open"}


def outline(body: str, first_line: int = 1) -> list[Section]:
    """Sections in order, as CommonMark (markdown-it) reads the body; the first (level 0)
    holds whatever precedes any heading."""
    tokens = _PARSER.parse(body)
    sections = [Section(level=0, title="", line=first_line)]
    stack: list[str] = []
    item_started: list[bool] = []
    for index, token in enumerate(tokens):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type in CONTAINERS:
            stack.append(token.type)
            if token.type == "list_item_open":
                item_started.append(False)
        elif token.type.endswith("_close") and token.type.replace("_close", "_open") in CONTAINERS:
            if stack.pop() == "list_item_open":
                item_started.pop()
        elif token.type == "heading_open":
            title = tokens[index + 1].content.strip()
            sections.append(Section(level=int(token.tag[1]), title=title, line=line))
        elif token.type == "paragraph_open":
            _add_paragraph(sections[-1], stack, item_started, tokens[index + 1].content, line)
        elif token.type in ("fence", "code_block"):
            sections[-1].paragraphs.append(Line(token.content.rstrip("\n"), line))
    return sections


def _add_paragraph(
    section: Section, stack: list[str], item_started: list[bool], text: str, line: int
) -> None:
    inner = stack[-1] if stack else ""
    if inner == "blockquote_open" or ("blockquote_open" in stack and inner != "list_item_open"):
        section.quotes.append(Line(text, line))
    elif item_started:
        if item_started[-1] and section.items:  # a second paragraph in the same list item
            last = section.items[-1]
            section.items[-1] = Line(f"{last.text}\n\n{text}", last.line)
        else:
            section.items.append(Line(text, line))
            item_started[-1] = True
    else:
        section.paragraphs.append(Line(text, line))


def intro_text(sections: list[Section]) -> str:
    """The paragraphs before the first '## ' heading: an item's description."""
    paragraphs: list[str] = []
    for section in sections:
        if section.level >= 2:
            break
        paragraphs += [p.text for p in section.paragraphs]
    return "\n\n".join(paragraphs)


def headed_sections(
    sections: list[Section], path: Path, problems: list[Problem], needs: str
) -> list[Section]:
    """The '## ' sections; if there are none, the problem `needs` (what each heading is for)."""
    headings = [section for section in sections if section.level == 2]
    if not headings:
        line = sections[0].line if sections else 1
        problems.append(Problem(path, line, needs))
    return headings
