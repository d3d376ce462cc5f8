"""The structure of a markdown body: sections by heading, with their paragraphs, list items
and blockquotes, each with its line number in the file.

Most content is plain: headings, paragraphs, one level of bullets and blockquotes, nothing
indented. Such a body is outlined line by line, seven times faster than markdown-it (the
benchmark pack's 150 scripts, reflections and banks: 61 -> 8 ms). Any line outside that
subset (a fence, an indented line, a nested list, a setext heading, HTML, ...) sends the
whole body to markdown-it, so CommonMark decides every case the line reader does not know;
a test checks that both give the same outline on every body the line reader takes.
"""

from __future__ import annotations

import re
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
    """Sections in order; the first (level 0) holds whatever precedes any heading."""
    sections = plain_outline(body, first_line)
    return markdown_outline(body, first_line) if sections is None else sections


def markdown_outline(body: str, first_line: int = 1) -> list[Section]:
    """The outline as CommonMark (markdown-it) reads the body."""
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


# -- the line reader for plain bodies -----------------------------------------------------------

HEADING = re.compile(r"(#{1,6}) +(\S.*)")
BULLET = re.compile(r"[-+*] (\S.*)")
ORDERED = re.compile(r"([0-9]{1,9})[.)] (\S.*)")
THEMATIC_OR_UNDERLINE = re.compile(r"([-*_])( *\1){2,} *|-+ *")  # '=' lines: see _is_text
SPECIAL_FIRST = frozenset("#>-+*0123456789`~<=_[ ")  # what a line of text never starts with
FENCE_START = ("```", "~~~")


class _NotPlain(Exception):
    """The body has a line the plain reader leaves to markdown-it."""


def _is_text(line: str) -> bool:
    """Whether the line can only be paragraph text (or its continuation)."""
    if line[0] not in SPECIAL_FIRST:
        return True
    if line[0] in "#> <" or line.startswith(FENCE_START):
        return False
    if THEMATIC_OR_UNDERLINE.fullmatch(line) or line[0] == "=":
        return False
    if line[0] == "[" and "]:" in line:  # perhaps a link reference definition
        return False
    if line[0] in "-+*" and (len(line) == 1 or line[1] == " "):
        return False
    head = line.split(" ", 1)[0]
    return not (head[:-1].isdigit() and head[-1:] in ".)")  # "12." or "3)": a list item


def _plain_content(text: str) -> str:
    """The text of a list item or quote line, which must itself be plain text."""
    if not text or not _is_text(text):
        raise _NotPlain
    return text


@dataclass(slots=True)
class _Block:
    kind: str  # "paragraphs", "items" or "quotes": the Section list it ends up in
    line: int
    lines: list[str]


class _PlainReader:
    def __init__(self, first_line: int) -> None:
        self.sections = [Section(level=0, title="", line=first_line)]
        self.block: _Block | None = None

    def close(self) -> None:
        block = self.block
        if block is not None:
            text = "\n".join(block.lines).strip()
            getattr(self.sections[-1], block.kind).append(Line(text, block.line))
            self.block = None

    def start(self, kind: str, line: int, text: str) -> None:
        self.close()
        self.block = _Block(kind, line, [text])

    def read(self, line: str, number: int) -> None:
        if not line or not line.strip(" "):
            self.close()
            return
        first = line[0]
        if first not in SPECIAL_FIRST:
            self.text(line, number)
        elif first == ">":
            self.quote(line[2:] if line.startswith("> ") else line[1:], number)
        elif first == "#":
            self.heading(line, number)
        elif item := BULLET.fullmatch(line) or ORDERED.fullmatch(line):
            if item.re is ORDERED and item.group(1) != "1" and self.continues_paragraph():
                raise _NotPlain  # "2." after a paragraph line continues it: CommonMark's rule
            self.start("items", number, _plain_content(item.groups()[-1]))
        elif _is_text(line):
            self.text(line, number)
        else:
            raise _NotPlain

    def text(self, line: str, number: int) -> None:
        if self.block is not None:  # continuation, or a lazy one in an item or quote
            self.block.lines.append(line)
        else:
            self.start("paragraphs", number, line)

    def heading(self, line: str, number: int) -> None:
        heading = HEADING.fullmatch(line)
        if heading is None:
            raise _NotPlain  # "#tag", or more than six '#'
        level, title = heading.groups()
        if title.rstrip(" ").endswith("#"):
            raise _NotPlain  # perhaps a closing sequence ("## Title ##")
        self.close()
        self.sections.append(Section(level=len(level), title=title.strip(), line=number))

    def quote(self, text: str, number: int) -> None:
        if not text.strip(" "):  # ">" alone: the quote's paragraph ends
            self.close()
        elif self.block is not None and self.block.kind == "quotes":
            self.block.lines.append(_plain_content(text))
        else:
            self.start("quotes", number, _plain_content(text))

    def continues_paragraph(self) -> bool:
        return self.block is not None and self.block.kind == "paragraphs"


def plain_outline(body: str, first_line: int = 1) -> list[Section] | None:
    """The outline of a plain body read line by line, or None if any line is not plain."""
    if "\t" in body:
        return None
    reader = _PlainReader(first_line)
    try:
        for offset, line in enumerate(body.split("\n")):
            reader.read(line, first_line + offset)
    except _NotPlain:
        return None
    reader.close()
    return reader.sections


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
    """The '## ' sections; if there are none, a problem saying what each heading is for."""
    headings = [section for section in sections if section.level == 2]
    if not headings:
        line = sections[0].line if sections else 1
        problems.append(Problem(path, line, f"{needs}: one '## ' heading each"))
    return headings
