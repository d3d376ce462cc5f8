"""docs/coverage.md stays true: every seed idea is listed, and each is used in a script, a
reflection or a question bank of both built-in packs, at the file and heading it names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from companion.packs.library import builtin_content_dir
from companion.packs.script import split_minutes

COVERAGE = Path(__file__).resolve().parents[1] / "docs" / "coverage.md"
PACKS = {"English": "essentials", "Dutch": "essentials-nl"}
IDEAS = {"A": 22, "B": 12, "C": 13, "D": 6, "E": 13}  # the review's numbering, per article
ENTRY = re.compile(r"^`(?P<file>[^`]+)` › (?P<heading>.+)$")


def table() -> dict[str, dict[str, list[tuple[str, str]]]]:
    """Idea number -> language -> the (file, heading) pairs its row lists."""
    rows: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for line in COVERAGE.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not re.fullmatch(r"[A-E]\d+", cells[0]):
            continue
        rows[cells[0]] = {
            language: [entry(text) for text in cell.split("; ")]
            for language, cell in zip(PACKS, cells[2:], strict=True)
        }
    return rows


def entry(text: str) -> tuple[str, str]:
    match = ENTRY.match(text)
    assert match, f"not `file` › heading: {text!r}"
    return match["file"], match["heading"]


def headings(path: Path) -> set[str]:
    """A file's '#' and '##' headings, without a step's '(5 min)'."""
    found = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"^#{1,2} (.+)$", line):
            found.add(split_minutes(match[1])[0])
    return found


ROWS = table()


def test_every_seed_idea_has_a_row() -> None:
    expected = {f"{article}{n}" for article, count in IDEAS.items() for n in range(1, count + 1)}
    assert set(ROWS) == expected


@pytest.mark.parametrize("language", PACKS)
def test_every_listed_file_and_heading_exists(language: str) -> None:
    root = builtin_content_dir() / PACKS[language]
    missing = [
        f"{idea}: {file} › {heading}"
        for idea, row in ROWS.items()
        for file, heading in row[language]
        if not (root / file).is_file() or heading not in headings(root / file)
    ]
    assert missing == []


@pytest.mark.parametrize("language", PACKS)
def test_every_idea_is_used_as_more_than_a_card(language: str) -> None:
    only_cards = [
        idea
        for idea, row in ROWS.items()
        if all(file.startswith("cards/") for file, _ in row[language])
    ]
    assert only_cards == []
