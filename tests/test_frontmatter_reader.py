"""The line reader for plain frontmatter must agree with libyaml on every block it takes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.content import card, questions, reflection, script
from benchmarks.figures import frontmatter_text
from companion.packs.frontmatter import libyaml_mapping, plain_mapping

ROOT = Path(__file__).resolve().parent.parent
BUILT_IN = sorted((ROOT / "content").rglob("*.md"))
HERE = Path("front.md")

KEYS = ["kind", "id", "title", "tags", "minutes", "on", "yes", "Null", "y", "1", "_x", "été"]
VALUES = [
    *("card", "anyone", "check-in", "two words", "it's", "a/b (c)", "é", "x-", "_under"),
    *("yes", "No", "on", "OFF", "null", "~", "true", "y", "n", "<<", "=", ".5", ".inf"),
    *("0", "5", "05", "007", "1_000", "0x1F", "0b11", "1.5", "1e3", "-3", "+3", "1:30"),
    *("2026-11-24", "12:00", "5 minutes", "1 2", "١٢", "1:1 talk", "a,b", "x [y]", "a {b}"),
    *("q? yes", "a:b", "a:", "C#", "a#b c", "tab\tin", 'say "hi"', "50% more", "a  b", "a -b"),
    *('"quoted"', '""', '" spaced "', '"a: b # c"', "'single'", "''", "'it''s'", '"tab\there"'),
    *('"a\u2028b"', '"a\u0085b"', "'a\u2029b'", '"a\ufeffb"', '"a\ufffeb"', '"a\x7fb"'),
    *('"esc\\n"', '"\\u001b[2J"', "'back\\slash'", "\"say 'hi'\"", "'say \"hi\"'"),
    *("[a, b]", "[]", "[ ]", "[a,b]", "[ a , b ]", "[a b, c]", "[a, yes]", "[a, 1]"),
    *("[a,]", "[a, [b]]", "[a, {b: c}]", '["x", y]', "[it's]", "[a/b]", "[(a)]", "[a] [b]"),
    *("a: b", "a #b", "a# b", "#x", "&anchor x", "*alias", "!tag x", "%x", "@x", "`x`"),
    *("|", ">", "- item", "{a: b}", "a\u00a0b", "a\u2028b", "\u00a0a", "caf\u00e9", ""),
]
ODD_LINES = ["", "# comment", "  indented: x", "- item", "...", "key:", "key:value", "\t", " "]


def lines() -> st.SearchStrategy[str]:
    key_value = st.builds(
        lambda key, spaces, value, trail: f"{key}:{' ' * spaces}{value}{' ' * trail}",
        st.sampled_from(KEYS),
        st.integers(0, 2),
        st.sampled_from(VALUES),
        st.integers(0, 1),
    )
    return st.one_of(key_value, key_value, key_value, st.sampled_from(ODD_LINES))


def agrees_with_libyaml(text: str) -> bool:
    """Whether the reader took the text (and then read it as libyaml does)."""
    plain = plain_mapping(text, 2)
    if plain is not None:
        assert plain == libyaml_mapping(text, HERE, 2)
    return plain is not None


def frontmatters(paths: list[Path]) -> list[str]:
    return [frontmatter_text(path.read_text(encoding="utf-8")) for path in paths]


@pytest.mark.parametrize("text", frontmatters(BUILT_IN), ids=[p.stem for p in BUILT_IN])
def test_every_built_in_frontmatter_is_plain_and_read_as_libyaml_does(text: str) -> None:
    assert agrees_with_libyaml(text)


def test_generated_benchmark_frontmatters_are_plain_and_read_as_libyaml_does() -> None:
    rng = random.Random(11)
    for n in range(20):
        for make in (script, reflection, questions):
            assert agrees_with_libyaml(frontmatter_text(make(rng, f"x-{n}", 2000)))
        assert agrees_with_libyaml(frontmatter_text(card(rng, f"c-{n}", 600)))


@settings(max_examples=1500, deadline=None)
@given(st.lists(lines(), max_size=8))
def test_whatever_lines_make_a_block_both_readers_agree(block: list[str]) -> None:
    text = "\n".join(block)
    try:
        libyaml_mapping(text, HERE, 2)
    except Exception:  # libyaml refuses it: the reader must not take it either
        assert plain_mapping(text, 2) is None
    else:
        agrees_with_libyaml(text)


@pytest.mark.parametrize(
    "text",
    [
        "minutes: 1.5",  # a float
        "minutes: 07",  # an octal number in YAML 1.1
        "audience: yes",  # a bool
        "on: x",  # a key YAML reads as True
        "id: ~",  # null
        "tags: [a, null]",
        "title: a: b",
        "title: x # a comment",
        'title: "x\\ty"',  # an escape
        "title: x\ntitle: y",  # a repeated key
        "title: a\u0085b",  # NEL, a line break to libyaml
        "  indented: x",
        "tags:\n  - a\n  - b",
    ],
)
def test_blocks_beyond_plain_are_left_to_libyaml(text: str) -> None:
    assert plain_mapping(text, 2) is None


def test_key_lines_count_empty_lines() -> None:
    assert plain_mapping("\nkind: card\n\n\nid: x\n", 2) == (
        {"kind": "card", "id": "x"},
        {"kind": 3, "id": 6},
    )
