"""Split a content file into YAML frontmatter and a markdown body, safely.

Only plain YAML is accepted: the safe loader (no Python objects), no aliases (no
"billion laughs"), and a size cap.

Almost every frontmatter is a few `key: value` lines, each value a word, a number, a quoted
text or a `[list, of, words]`. Such a block is read by one regex, four times faster than
libyaml builds and converts its nodes; any other line sends the whole block to libyaml. Which
words are text is decided by the loader's own resolvers (so `yes`, `null` or `1.5` go to
libyaml), and a test checks that both give the same mapping on every block the reader takes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from companion.packs.problems import ContentError, Problem
from companion.text_safety import strip_controls

MAX_FRONTMATTER_CHARS = 8 * 1024
FENCE_LINE = re.compile(r"^---[^\S\n]*$", re.MULTILINE)  # '---' and nothing but spaces after

MAX_DEPTH = 20

try:  # libyaml when available: same safety, much faster
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class SafeLoader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader without implicit timestamps: `2026-13-01` stays text (and an
    impossible date can never crash the loader)."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


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
            raise ContentError([Problem(path, line, "YAML aliases (*name) are not allowed")])
        if depth > MAX_DEPTH:
            raise ContentError(
                [Problem(path, line, f"frontmatter nests deeper than {MAX_DEPTH} levels")]
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


def load_yaml_mapping(
    text: str, path: Path, first_line: int
) -> tuple[dict[str, Any], dict[str, int]]:
    """A YAML mapping and the line of each top-level key; problems as ContentError."""
    plain = plain_mapping(text, first_line)
    return libyaml_mapping(text, path, first_line) if plain is None else plain


def libyaml_mapping(
    text: str, path: Path, first_line: int
) -> tuple[dict[str, Any], dict[str, int]]:
    """The mapping as libyaml reads it, its nodes checked for aliases and depth."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if "*" in text or _nesting_bound(text) > MAX_DEPTH:
            _check_nodes(node, path, first_line)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        reason = error.problem or error.context or "invalid YAML"
        raise ContentError([Problem(path, line, f"frontmatter: {reason}")]) from error
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ContentError([Problem(path, first_line, f"frontmatter: {reason}")]) from error
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ContentError([Problem(path, first_line, "frontmatter must be key: value lines")])
    key_lines = {
        str(key.value): first_line + key.start_mark.line
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return {str(key): clean_strings(value) for key, value in data.items()}, key_lines


# -- the line reader for plain frontmatter -------------------------------------------------------

# One `key: value` line: the value quoted ("text" or 'text', no escapes), a count, plain text
# (starting with a letter or digit, with no ': ' or ' #' in it), or a flow list of words.
PLAIN_LINE = re.compile(
    r"""^(\w+):[ ]+(?:"([^"\\\n]*)"|'([^'\n]*)'|(0|[1-9][0-9]{0,8})"""
    r"""|(\w(?:[^\s:]|:(?=\S)|[ ]+(?=[^\s#]))*)|\[([^\[\]{}\n]*)\])[ ]*$""",
    re.MULTILINE,
)
FLOW_ITEM = re.compile(r" *(\w(?:[\w .'/-]*[\w.'/-])?) *")
# Anything libyaml would refuse or read as a line break (NEL, U+2028, U+2029) or a BOM.
UNUSUAL = re.compile(
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


@lru_cache(maxsize=4096)
def _is_text(word: str) -> bool:
    """Whether YAML reads this plain word as text (not null, a bool, a number, a merge...)."""
    resolvers = SafeLoader.yaml_implicit_resolvers.get(word[0], [])
    return not any(pattern.match(word) for _tag, pattern in resolvers)


def _flow_words(inner: str) -> list[str] | None:
    """`a, b c` -> ['a', 'b c'] if every item is a plain word YAML reads as text."""
    if not inner.strip(" "):
        return []
    words = []
    for part in inner.split(","):
        item = FLOW_ITEM.fullmatch(part)
        if item is None or not _is_text(item.group(1)):
            return None
        words.append(item.group(1))
    return words


def _plain_value(match: re.Match[str]) -> Any:
    """The value of a PLAIN_LINE match, or None if libyaml must read it."""
    _key, double, single, count, word, flow = match.groups()
    if double is not None or single is not None:
        return single if double is None else double
    if count is not None:
        return int(count)
    if word is not None:
        return word if _is_text(word) else None
    return _flow_words(flow)


def plain_mapping(text: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]] | None:
    """The mapping and its keys' lines if every line is a plain `key: value` (or empty);
    None sends the text to libyaml."""
    if UNUSUAL.search(text):
        return None
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    line, position = first_line, 0
    for match in PLAIN_LINE.finditer(text):
        between = text[position : match.start()]
        if between.strip("\n"):
            return None  # a line that is not a plain `key: value`
        key, value = match.group(1), _plain_value(match)
        if value is None or key in data or not _is_text(key):
            return None
        line += between.count("\n")
        data[key] = value
        key_lines[key] = line
        position = match.end()
    if text[position:].strip("\n"):
        return None
    return data, key_lines


def split_frontmatter(text: str, path: Path) -> Split:
    opening = FENCE_LINE.match(text)
    if opening is None:
        raise ContentError(
            [
                Problem(
                    path,
                    1,
                    "no frontmatter: start the file with '---', 'kind:' and 'id:' lines, then '---'",
                )
            ]
        )
    start = opening.end() + 1
    closing = FENCE_LINE.search(text, start) if start <= len(text) else None
    if closing is None:
        raise ContentError(
            [Problem(path, 1, "frontmatter is not closed: add a line '---' after it")]
        )
    yaml_text = text[start : closing.start() - 1] if closing.start() > start else ""
    if len(yaml_text) > MAX_FRONTMATTER_CHARS:
        raise ContentError(
            [Problem(path, 2, f"frontmatter is longer than {MAX_FRONTMATTER_CHARS} characters")]
        )
    data, key_lines = load_yaml_mapping(yaml_text, path, first_line=2)
    body_line = text.count("\n", 0, closing.start()) + 2
    return Split(data, key_lines, text[closing.end() + 1 :], body_line)
