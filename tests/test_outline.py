"""The line reader for plain bodies must agree with markdown-it on every body it takes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.content import questions, reflection, script
from companion.packs.frontmatter import split_frontmatter
from companion.packs.outline import markdown_outline, outline, plain_outline

ROOT = Path(__file__).resolve().parent.parent
BUILT_IN = sorted((ROOT / "content").rglob("*.md"))
EXTERNAL = Path("/work/shared/external/1on1-questions/README.md")

# Lines that are plain, lines that are not, and lines whose meaning depends on the line before.
LINES = [
    *("", " ", "Some text.", "More text, and 1-5.", "*Emphasis* first", "**bold** start"),
    *("# Title", "## Step one (5 min)", "### Deeper", "####### seven", "#tag", "# Closed #"),
    *("- item", "- second item", "* star item", "+ plus item", "-", "- ", "-  two spaces"),
    *("1. first", "2. second", "1) paren", "10. ten", "0. zero", "1.5 hours", "2026. a year"),
    *("> Tip: ask", "> Avoid: telling", ">", "> ", ">no space", ">  two", "> > nested"),
    *("> - item in quote", "> # heading in quote", "- > quote in item", "- # heading in item"),
    *("- - nested", "- 1. nested", "  indented", "    code", "\ttab", "text\twith tab"),
    *("---", "***", "* * *", "___", "===", "--", "- - -", "```", "~~~", "```python"),
    *("<div>", "<!-- note -->", "[ref]: https://example.com", "[a link](x) first", "| a | b |"),
    *("Answer: scale 1-5", "Answer: choice", "trailing spaces  ", "\\- escaped", "١. arabic"),
    *("\u00a0", "\u2003indented by an em space", "# Title #\u00a0", "- \u00a0", "> \u00a0"),
]


def bodies_of(paths: list[Path]) -> list[str]:
    return [split_frontmatter(path.read_text(encoding="utf-8"), path).body for path in paths]


def generated_bodies() -> list[str]:
    rng = random.Random(7)
    made = [
        make(rng, f"x-{n}", 3000) for n in range(20) for make in (script, reflection, questions)
    ]
    return [split_frontmatter(text, Path("generated.md")).body for text in made]


@pytest.mark.parametrize("body", bodies_of(BUILT_IN), ids=[p.stem for p in BUILT_IN])
def test_every_built_in_body_is_plain_and_outlined_as_markdown_it_does(body: str) -> None:
    assert plain_outline(body, 5) == markdown_outline(body, 5)


def test_generated_benchmark_bodies_are_plain_and_outlined_as_markdown_it_does() -> None:
    for body in generated_bodies():
        assert plain_outline(body, 9) == markdown_outline(body, 9)


def test_the_external_question_list_is_outlined_as_markdown_it_does() -> None:
    if not EXTERNAL.is_file():
        pytest.skip(f"{EXTERNAL} is not here")
    text = EXTERNAL.read_text(encoding="utf-8")
    assert outline(text) == markdown_outline(text)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12))
def test_whatever_lines_follow_each_other_both_readers_agree(lines: list[str]) -> None:
    body = "\n".join(lines)
    plain = plain_outline(body, 3)
    assert plain is None or plain == markdown_outline(body, 3)
    assert outline(body, 3) == markdown_outline(body, 3)


@pytest.mark.parametrize(
    "body",
    [
        "Intro\n2. not a list here",  # an ordered list must start at 1 to interrupt a paragraph
        "Title\n=====",  # a setext heading
        "- item\n\n  second paragraph of the item",
        "```\n# not a heading\n```",
        "## Closed ##",
    ],
)
def test_bodies_beyond_plain_are_left_to_markdown_it(body: str) -> None:
    assert plain_outline(body) is None
    assert outline(body) == markdown_outline(body)
