"""A card's markdown as plain blocks of styled runs, worked out once when the card cache is
filled, so that home can show the card of the day without a markdown renderer: rich.markdown
pulls in markdown-it and pygments, a large share of every start.

Blocks are as models.blocks describes them. Links keep their text only, as everywhere pack text
is shown (opening one is the library's job, after asking).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from companion.models.blocks import Block, Run
from companion.text_safety import strip_controls

_PARSER = MarkdownIt("commonmark")
OPENS = ("bullet_list_open", "ordered_list_open", "list_item_open", "blockquote_open")
CLOSES = tuple(kind.replace("_open", "_close") for kind in OPENS)
LISTS = ("bullet_list_open", "ordered_list_open")


def card_blocks(body: str) -> list[Block]:
    blocks: list[Block] = []
    containers: list[str] = []  # open lists, items and quotes, innermost last
    numbers: list[int] = []  # the next number of each open ordered list
    for token in _PARSER.parse(strip_controls(body)):
        if token.type in OPENS:
            new_list = token.type in LISTS and not any(kind in LISTS for kind in containers)
            if new_list and blocks and blocks[-1][0] == "li":
                blocks.append(("gap", []))  # two lists in a row: keep them apart
            if token.type == "list_item_open":
                blocks.append(("li", [(_marker(containers, numbers), "")]))
            containers.append(token.type)
            if token.type == "ordered_list_open":
                numbers.append(int(token.attrs.get("start") or 1))
        elif token.type in CLOSES:
            if containers.pop() == "ordered_list_open":
                numbers.pop()
        elif token.type == "heading_open":
            blocks.append(("h", []))
        elif token.type == "paragraph_open" and containers[-1:] != ["list_item_open"]:
            blocks.append(("quote" if "blockquote_open" in containers else "p", []))
        elif token.type in ("fence", "code_block"):
            blocks.append(("code", [(token.content.rstrip("\n"), "code")]))
        elif token.type == "inline" and blocks:
            runs = blocks[-1][1]
            if blocks[-1][0] == "li" and len(runs) > 1:  # a second paragraph in the item
                runs.append(("\n", ""))
            runs.extend(_runs(token.children or []))
    return [block for block in blocks if block[1] or block[0] == "gap"]


def _marker(containers: list[str], numbers: list[int]) -> str:
    depth = sum(1 for kind in containers if kind in LISTS) - 1
    indent = "  " * max(depth, 0)
    if containers and containers[-1] == "ordered_list_open":
        numbers[-1] += 1
        return f"{indent}{numbers[-1] - 1}. "
    return f"{indent}• "


def _runs(children: list[Token]) -> list[Run]:
    runs: list[Run] = []
    bold = italic = link = 0
    for child in children:
        kind = child.type
        if kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif kind in ("link_open", "link_close"):
            link += 1 if kind == "link_open" else -1
        elif kind == "code_inline":
            runs.append((child.content, "code"))
        elif kind in ("softbreak", "hardbreak"):
            runs.append((" " if kind == "softbreak" else "\n", ""))
        elif kind in ("text", "html_inline", "image"):
            text = child.content if kind != "image" else (child.content or "")
            style = " ".join(s for s, on in (("bold", bold), ("italic", italic)) if on)
            runs.append((text, "link" if link and not style else style))
    return [run for run in runs if run[0]]
