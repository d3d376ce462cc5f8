"""Split a content file into YAML frontmatter and a markdown body, safely.

Only plain YAML is accepted: the safe loader (no Python objects), no aliases (no
"billion laughs"), and a size cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from companion.packs.problems import ContentError, Problem

MAX_FRONTMATTER_CHARS = 8 * 1024
FENCE = "---"

try:  # libyaml when available: same safety, much faster
    SafeLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    SafeLoader = yaml.SafeLoader


@dataclass(frozen=True)
class Split:
    data: dict[str, Any]
    key_lines: dict[str, int]
    body: str
    body_line: int  # line number of the body's first line in the file


def _fence_end(lines: list[str]) -> int | None:
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            return index
    return None


def _reject_aliases(node: yaml.Node, path: Path, seen: set[int] | None = None) -> None:
    seen = set() if seen is None else seen
    if id(node) in seen:
        raise ContentError(
            [Problem(path, node.start_mark.line + 1, "YAML aliases (*name) are not allowed")]
        )
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _reject_aliases(key, path, seen)
            _reject_aliases(value, path, seen)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _reject_aliases(child, path, seen)


def load_yaml_mapping(
    text: str, path: Path, first_line: int
) -> tuple[dict[str, Any], dict[str, int]]:
    """A YAML mapping and the line of each top-level key; problems as ContentError."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        _reject_aliases(node, path)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        reason = error.problem or error.context or "invalid YAML"
        raise ContentError([Problem(path, line, f"frontmatter: {reason}")]) from error
    except yaml.YAMLError as error:
        raise ContentError([Problem(path, first_line, f"frontmatter: {error}")]) from error
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ContentError([Problem(path, first_line, "frontmatter must be key: value lines")])
    key_lines = {
        str(key.value): first_line + key.start_mark.line
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return {str(key): value for key, value in data.items()}, key_lines


def split_frontmatter(text: str, path: Path) -> Split:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise ContentError(
            [
                Problem(
                    path,
                    1,
                    "no frontmatter: start the file with '---', 'kind:' and 'id:' lines, then '---'",
                )
            ]
        )
    end = _fence_end(lines)
    if end is None:
        raise ContentError(
            [Problem(path, 1, "frontmatter is not closed: add a line '---' after it")]
        )
    yaml_text = "\n".join(lines[1:end])
    if len(yaml_text) > MAX_FRONTMATTER_CHARS:
        raise ContentError(
            [Problem(path, 2, f"frontmatter is longer than {MAX_FRONTMATTER_CHARS} characters")]
        )
    data, key_lines = load_yaml_mapping(yaml_text, path, first_line=2)
    return Split(data, key_lines, "\n".join(lines[end + 1 :]), body_line=end + 2)
