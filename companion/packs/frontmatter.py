"""Split a content file into YAML frontmatter and a markdown body, safely.

Only plain YAML is accepted: the safe loader (no Python objects), no aliases (no
"billion laughs"), and a size cap. libyaml reads every block; the item cache
(packs/item_cache.py) means a file is read again only when it changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from companion.files.safe_yaml import SafeLoader
from companion.i18n import N_, _
from companion.packs.problems import ContentError, Problem
from companion.text_safety import strip_controls

MAX_FRONTMATTER_CHARS = 8 * 1024
FENCE_LINE = re.compile(r"^---[^\S\n]*$", re.MULTILINE)  # '---' and nothing but spaces after

MAX_DEPTH = 20


@dataclass(frozen=True)
class Split:
    data: dict[str, Any]
    key_lines: dict[str, int]
    body: str
    body_line: int  # line number of the body's first line in the file


def _check_nodes(root: yaml.Node, path: Path, first_line: int) -> None:
    """Refuse aliases (a node reached twice) and nesting deeper than MAX_DEPTH."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        line = first_line + node.start_mark.line
        if id(node) in seen:
            raise ContentError([Problem(path, line, _("YAML aliases (*name) are not allowed"))])
        if depth > MAX_DEPTH:
            raise ContentError(
                [
                    Problem(
                        path,
                        line,
                        _("frontmatter nests deeper than {depth} levels").format(depth=MAX_DEPTH),
                    )
                ]
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack += [(child, depth + 1) for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(child, depth + 1) for child in node.value]


def _nesting_bound(text: str) -> int:
    """How deep the YAML could nest, at most: every level needs a new line or one of the
    indicators '-', '?', '[' or '{'. Usual frontmatter is far below MAX_DEPTH, so the walk
    over its nodes can be skipped when it cannot hold an alias either."""
    return sum(text.count(mark) for mark in ("\n", "-", "?", "[", "{")) + 1


def clean_strings(value: Any) -> Any:
    """Every string inside parsed data without terminal control characters (escaped ones like
    "\\e[2J" in YAML or "\\u001b" in TOML only become real after parsing)."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        return [clean_strings(item) for item in value]
    if isinstance(value, dict):
        return {clean_strings(key): clean_strings(item) for key, item in value.items()}
    return value


# YAML's words for the usual mistakes -> where the problem starts ("context": where YAML
# began reading the construct, e.g. the opening quote; "problem": where it gave up), and
# what to say instead.
PLAIN_YAML_ERRORS: dict[str, tuple[str, str]] = {
    "while scanning a quoted scalar": (
        "context",
        N_("a quote that is never closed: end the text with the same quote"),
    ),
    "while scanning a simple key": ("context", N_("this line is not 'key: value'")),
    "while parsing a flow sequence": ("context", N_("a '[' list that is never closed with ']'")),
    "while parsing a flow mapping": ("context", N_("a '{' that is never closed with '}'")),
    "mapping values are not allowed": (
        "problem",
        N_("a ': ' inside a value: put the value in quotes"),
    ),
    "found a tab character": ("problem", N_("a tab: indent with spaces")),
    "found undefined alias": ("problem", N_("YAML aliases (*name) are not allowed")),
    "found unknown escape character": (
        "problem",
        N_("an unknown \\ escape in a \"quoted\" text: use 'single quotes'"),
    ),
    "did not find expected key": (
        "problem",
        N_(
            "this line does not continue the 'key: value' lines above: check its indentation, "
            "or put the value in quotes"
        ),
    ),
    "could not determine a constructor": ("problem", N_("YAML tags (!name) are not allowed")),
    "did not find expected <document start>": (
        "problem",
        N_("only 'key: value' lines, no '...' or '%' lines"),
    ),
}


def _yaml_problem(error: yaml.MarkedYAMLError, path: Path, first_line: int) -> Problem:
    """The line where the problem starts, said in plain words where YAML's are obscure."""
    said = (error.problem or "", error.context or "")
    known = [plain for start, plain in PLAIN_YAML_ERRORS.items() if said[0].startswith(start)]
    known += [plain for start, plain in PLAIN_YAML_ERRORS.items() if said[1].startswith(start)]
    if known:
        where, message = known[0][0], _(known[0][1])
    else:
        where, message = "problem", said[0] or said[1] or _("not YAML")
    marks = (error.context_mark, error.problem_mark)
    mark = next((m for m in (marks if where == "context" else marks[::-1]) if m), None)
    line = first_line + (mark.line if mark else 0)
    return Problem(path, line, _("frontmatter: {problem}").format(problem=message))


def load_yaml_mapping(
    text: str, path: Path, first_line: int
) -> tuple[dict[str, Any], dict[str, int]]:
    """A YAML mapping and the line of each top-level key, its nodes checked for aliases and
    depth; problems as ContentError."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if "*" in text or _nesting_bound(text) > MAX_DEPTH:
            _check_nodes(node, path, first_line)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        raise ContentError([_yaml_problem(error, path, first_line)]) from error
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        problem = _("frontmatter: {problem}").format(problem=reason)
        raise ContentError([Problem(path, first_line, problem)]) from error
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ContentError([Problem(path, first_line, _("frontmatter must be key: value lines"))])
    key_lines = {
        str(key.value): first_line + key.start_mark.line
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return {str(key): clean_strings(value) for key, value in data.items()}, key_lines


def split_frontmatter(text: str, path: Path) -> Split:
    opening = FENCE_LINE.match(text)
    if opening is None:
        raise ContentError(
            [
                Problem(
                    path,
                    1,
                    _(
                        "no frontmatter: start the file with '---', 'kind:' and 'id:' lines, "
                        "then '---'"
                    ),
                )
            ]
        )
    start = opening.end() + 1
    closing = FENCE_LINE.search(text, start) if start <= len(text) else None
    if closing is None:
        raise ContentError(
            [Problem(path, 1, _("frontmatter is not closed: add a line '---' after it"))]
        )
    yaml_text = text[start : closing.start() - 1] if closing.start() > start else ""
    if len(yaml_text) > MAX_FRONTMATTER_CHARS:
        raise ContentError(
            [
                Problem(
                    path,
                    2,
                    _("frontmatter is longer than {count} characters").format(
                        count=MAX_FRONTMATTER_CHARS
                    ),
                )
            ]
        )
    data, key_lines = load_yaml_mapping(yaml_text, path, first_line=2)
    body_line = text.count("\n", 0, closing.start()) + 2
    return Split(data, key_lines, text[closing.end() + 1 :], body_line)
