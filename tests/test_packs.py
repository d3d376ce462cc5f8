"""Content packs: good files load, every broken file gets a problem with its file and line."""

from __future__ import annotations

import os
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.models.content import AnswerKind, PackManifest, ReflectionTemplate
from companion.packs.library import Library, builtin_content_dir
from companion.packs.loader import Pack, load_item, load_manifest, load_pack, parse_item
from companion.packs.problems import Problem
from companion.packs.text import MAX_FILE_BYTES

MANIFEST = PackManifest(id="demo", title="Demo", version="1.0")
PACK_TOML = 'id = "demo"\ntitle = "Demo pack"\nversion = "1.0.0"\n'
BODY = "# Title\n\n## Energy\n\nAnswer: scale 1-5\n"

VALID = """\
---
kind: reflection
id: weekly
title: Weekly review
minutes: 5
audience: manager
tags: [review, weekly]
---
# Weekly review

Look back at the week before planning the next one.

## Energy

How was the week? 1 is drained, 5 is flying.

Answer: scale 1-5

## Best call

Answer: choice

- discovery
- demo
- closing

## Focus next week

Answer: tags

> Pick two at most.

## Commitment

Answer: commitment
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def reflection_file(item_id: str, title: str = "A reflection") -> str:
    return f"---\nkind: reflection\nid: {item_id}\ntitle: {title}\n---\n{BODY}"


def make_pack(root: Path, files: dict[str, str | bytes], manifest: str | None = PACK_TOML) -> Path:
    if manifest is not None:
        write(root / "pack.toml", manifest)
    for name, text in files.items():
        write(root / name, text)
    return root


def load_file(tmp_path: Path, text: str | bytes) -> tuple[object, list[Problem]]:
    path = write(tmp_path / "item.md", text)
    return load_item(path, MANIFEST)


def only_problem(problems: list[Problem]) -> Problem:
    errors = [problem for problem in problems if problem.severity == "error"]
    assert len(errors) == 1, problems
    return errors[0]


# -- a good file ----------------------------------------------------------------------------


def test_valid_reflection(tmp_path: Path) -> None:
    item, problems = load_file(tmp_path, VALID)

    assert problems == []
    assert isinstance(item, ReflectionTemplate)
    assert item.address == "demo/weekly"
    assert item.title == "Weekly review"
    assert item.minutes == 5
    assert item.audience == "manager"
    assert item.tags == ("review", "weekly")
    assert item.description == "Look back at the week before planning the next one."
    assert [(p.id, p.answer) for p in item.prompts] == [
        ("energy", AnswerKind.SCALE),
        ("best-call", AnswerKind.CHOICE),
        ("focus-next-week", AnswerKind.TAGS),
        ("commitment", AnswerKind.COMMITMENT),
    ]
    energy, best_call, focus, _ = item.prompts
    assert energy.line == 13  # the file line of "## Energy"
    assert (energy.scale_min, energy.scale_max) == (1, 5)
    assert energy.guidance == "How was the week? 1 is drained, 5 is flying."
    assert best_call.options == ("discovery", "demo", "closing")
    assert "Pick two at most." in focus.guidance


def test_fences_may_have_trailing_spaces_and_lines_are_counted_from_the_file(
    tmp_path: Path,
) -> None:
    item, problems = load_file(tmp_path, "---  \nkind: reflection\nid: x\n--- \n# T\n\n## A\n")

    assert problems == []
    assert isinstance(item, ReflectionTemplate)
    assert item.prompts[0].line == 7


def test_title_can_come_from_the_heading(tmp_path: Path) -> None:
    item, problems = load_file(
        tmp_path, "---\nkind: reflection\nid: x\n---\n# From heading\n\n## A\n"
    )

    assert problems == []
    assert isinstance(item, ReflectionTemplate)
    assert item.title == "From heading"


# -- broken files: each problem names the file and the line ---------------------------------

BROKEN = {
    "missing-frontmatter": ("# Title\n\n## A\n", 1, "no frontmatter"),
    "unclosed-frontmatter": ("---\nkind: reflection\nid: x\n# Title\n## A\n", 1, "not closed"),
    "invalid-yaml": (
        "---\nkind: reflection\nid: x\ntitle: a: b\nminutes: 2\n---\n" + BODY,
        4,
        "frontmatter: a ': ' inside a value: put the value in quotes",
    ),
    "unclosed-quote": (
        '---\nkind: reflection\nid: x\ntitle: "Never closed\nminutes: 2\ntags: [a]\n---\n' + BODY,
        4,
        "frontmatter: a quote that is never closed",
    ),
    "unclosed-list": (
        "---\nkind: reflection\nid: x\ntags: [a, b\nminutes: 2\n---\n" + BODY,
        4,
        "frontmatter: a '[' list that is never closed with ']'",
    ),
    "not-key-value": (
        "---\nkind: reflection\nid: x\njust some words\nminutes: 2\n---\n" + BODY,
        4,
        "frontmatter: this line is not 'key: value'",
    ),
    "invalid-yaml-indent": (
        "---\nkind: reflection\nid: x\nminutes: 2\n\ttitle: T\n---\n" + BODY,
        5,
        "frontmatter: a tab: indent with spaces",
    ),
    "unknown-key": (
        "---\nkind: reflection\nid: x\ntitle: T\ncolour: blue\n---\n" + BODY,
        5,
        "unknown key 'colour'",
    ),
    "missing-id": ("---\nkind: reflection\ntitle: T\n---\n" + BODY, 1, "needs 'id:'"),
    "missing-kind": ("---\nid: x\ntitle: T\n---\n" + BODY, 1, "needs 'kind:'"),
    "bad-id": ("---\nkind: reflection\ntitle: T\nid: Bad ID!\n---\n" + BODY, 4, "id:"),
    "bad-minutes": (
        "---\nkind: reflection\nid: x\nminutes: 0\n---\n" + BODY,
        4,
        "minutes:",
    ),
    "not-a-mapping": ("---\n- a\n- b\n---\n" + BODY, 2, "key: value"),
    "deep-flow-nesting": (
        "---\nkind: reflection\nid: x\ntags: " + "[" * 25 + "]" * 25 + "\n---\n" + BODY,
        4,
        "nests deeper than 20 levels",
    ),
    "deep-block-nesting": (
        "---\nkind: reflection\nid: x\n"
        + "".join(f"{'  ' * level}k{level}:\n" for level in range(25))
        + "  " * 25
        + "k: v\n---\n"
        + BODY,
        25,
        "nests deeper than 20 levels",
    ),
    "no-title": ("---\nkind: reflection\nid: x\n---\n## A\n", 5, "no title"),
    "no-prompts": ("---\nkind: reflection\nid: x\ntitle: T\n---\nJust text.\n", 6, "needs prompts"),
}


@pytest.mark.parametrize(("text", "line", "message"), BROKEN.values(), ids=BROKEN.keys())
def test_broken_file_gives_one_problem_at_its_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    item, problems = load_file(tmp_path, text)

    assert item is None
    problem = only_problem(problems)
    assert problem.path == tmp_path / "item.md"
    assert problem.line == line
    assert message in problem.message
    assert str(problem).startswith(f"{tmp_path / 'item.md'}:{line}: ")


def test_yaml_alias_is_refused(tmp_path: Path) -> None:
    text = "---\nkind: reflection\nid: &name x\ntitle: *name\n---\n" + BODY

    item, problems = load_file(tmp_path, text)

    assert item is None
    assert "aliases" in only_problem(problems).message


def test_yaml_alias_problem_points_at_the_alias(tmp_path: Path) -> None:
    text = "---\nkind: reflection\nid: x\ntitle: &name T\ndescription: *name\n---\n" + BODY

    _, problems = load_file(tmp_path, text)

    assert only_problem(problems).line in (4, 5)  # the anchor's or the alias's line


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    names = "abcdefghi"
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in pairwise(names):
        levels.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")  # 9 ** 9 lols
    text = "---\nkind: reflection\nid: x\n" + "\n".join(levels) + "\n---\n" + BODY

    item, problems = load_file(tmp_path, text)

    assert item is None
    assert "aliases" in only_problem(problems).message


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system ['touch {marker}']", "!!python/name:os.system"],
    ids=["object-apply", "name"],
)
def test_python_tags_are_refused_and_nothing_runs(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "pwned"
    text = f"---\nkind: reflection\nid: x\ntitle: {tag.format(marker=marker)}\n---\n" + BODY

    item, problems = load_file(tmp_path, text)

    assert item is None
    problem = only_problem(problems)
    assert problem.line == 4
    assert "frontmatter" in problem.message
    assert not marker.exists()


def test_unknown_answer_kind_names_its_line(tmp_path: Path) -> None:
    text = "---\nkind: reflection\nid: x\n---\n# T\n\n## A\n\nSome guidance.\nAnswer: essay\n"

    _, problems = load_file(tmp_path, text)

    problem = only_problem(problems)
    assert problem.line == 10
    assert "unknown answer kind 'essay'" in problem.message
    assert "scale, text, choice, tags, commitment" in problem.message


def test_choice_needs_two_options(tmp_path: Path) -> None:
    text = (
        "---\nkind: reflection\nid: x\n---\n# T\n\n"
        "## Pick one\n\nAnswer: choice\n\n- only\n\n"
        "## Other\n\nAnswer: text\n"
    )

    item, problems = load_file(tmp_path, text)

    problem = only_problem(problems)
    assert problem.line == 7
    assert "'Pick one'" in problem.message
    assert "at least two options" in problem.message
    assert isinstance(item, ReflectionTemplate)
    assert [prompt.id for prompt in item.prompts] == ["other"]


def test_duplicate_prompt_headings(tmp_path: Path) -> None:
    text = (
        "---\nkind: reflection\nid: x\n---\n# T\n\n"
        "## Energy\n\nAnswer: scale\n\n## Energy\n\nAnswer: text\n"
    )

    item, problems = load_file(tmp_path, text)

    problem = only_problem(problems)
    assert problem.line == 11
    assert "repeats line 7" in problem.message
    assert isinstance(item, ReflectionTemplate)
    assert len(item.prompts) == 1


def test_non_utf8_file_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    raw = b"---\nkind: reflection\nid: x\ntitle: Caf\xe9\n---\n" + BODY.encode()

    item, problems = load_file(tmp_path, raw)

    assert item is None
    problem = only_problem(problems)
    assert problem.line == 4
    assert "UTF-8" in problem.message


def test_bom_is_a_warning_and_the_file_still_loads(tmp_path: Path) -> None:
    item, problems = load_file(tmp_path, "\ufeff" + VALID)

    assert isinstance(item, ReflectionTemplate)
    assert [(p.severity, p.line) for p in problems] == [("warning", 1)]
    assert "byte-order mark" in problems[0].message


def test_crlf_line_endings_load(tmp_path: Path) -> None:
    item, problems = load_file(tmp_path, VALID.replace("\n", "\r\n").encode())

    assert problems == []
    assert isinstance(item, ReflectionTemplate)
    assert len(item.prompts) == 4


# -- terminal escapes -----------------------------------------------------------------------

ESCAPES = ("\x1b]0;pwned\x07", "\x1b[2J", "\x9b31m")
CONTROLS = ("\x1b", "\x07", "\x9b")


def all_text(item: ReflectionTemplate) -> str:
    parts = [item.title, item.description, *item.tags]
    for prompt in item.prompts:
        parts += [prompt.title, prompt.guidance, *prompt.options]
    return "\n".join(parts)


def test_raw_escape_sequences_are_stripped(tmp_path: Path) -> None:
    a, b, c = ESCAPES
    text = (
        f"---\nkind: reflection\nid: x\ntitle: Daily{a} check\n---\n"
        f"# Daily\n\nIntro {b}here.\n\n## Energy{c}\n\nHow{a} are you?\n\n"
        f"Answer: choice\n\n- fine{b}\n- tired\n"
    )

    item, problems = load_file(tmp_path, text)

    assert problems == []
    assert isinstance(item, ReflectionTemplate)
    loaded = all_text(item)
    for control in CONTROLS:
        assert control not in loaded
    assert item.title.startswith("Daily")
    assert item.prompts[0].options[1] == "tired"


@pytest.mark.parametrize("control", ["\x1b", "\x07", "\x7f", "\x9b", "\x85"])
def test_a_lone_control_character_is_stripped(tmp_path: Path, control: str) -> None:
    """Each alone, so the byte scan that skips clean files is checked for C0, DEL and C1."""
    text = f"---\nkind: reflection\nid: x\n---\n# Daily check{control}\n\n## Energy\n\nAnswer: scale 1-5\n"

    item, problems = load_file(tmp_path, text)

    assert problems == []
    assert isinstance(item, ReflectionTemplate)
    assert item.title == "Daily check"


def test_yaml_escaped_control_characters_are_stripped(tmp_path: Path) -> None:
    text = (
        "---\nkind: reflection\nid: x\n"
        'title: "Daily \\e[2J check"\n'
        'description: "\\x1b]0;pwned\\x07"\n'
        'tags: ["\\x9b31mred"]\n'
        "---\n" + BODY
    )

    item, _ = load_file(tmp_path, text)

    assert isinstance(item, ReflectionTemplate)
    loaded = all_text(item)
    for control in CONTROLS:
        assert control not in loaded


def test_toml_escaped_control_characters_are_stripped(tmp_path: Path) -> None:
    toml = 'id = "demo"\ntitle = "Demo \\u001b]0;pwned\\u0007 pack"\nversion = "1.0.0"\n'
    write(tmp_path / "pack.toml", toml)

    manifest, _ = load_manifest(tmp_path)

    for control in CONTROLS:
        assert control not in manifest.title


# -- size and links -------------------------------------------------------------------------


def test_file_larger_than_256_kb_is_refused(tmp_path: Path) -> None:
    padding = "x" * (MAX_FILE_BYTES + 1 - len(VALID.encode()))
    big = VALID + padding
    assert len(big.encode()) == MAX_FILE_BYTES + 1

    item, problems = load_file(tmp_path, big)

    assert item is None
    assert "larger than 256 KB" in only_problem(problems).message
    item, problems = load_file(tmp_path, big[:-1])  # exactly the limit is fine
    assert isinstance(item, ReflectionTemplate)


def test_symlinked_file_pointing_outside_is_refused(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside" / "secret.md", reflection_file("stolen"))
    root = make_pack(tmp_path / "demo", {"reflections/good.md": reflection_file("good")})
    link = root / "reflections" / "stolen.md"
    link.symlink_to(outside)

    pack = load_pack(root, "installed")

    assert set(pack.items) == {"good"}
    assert [(p.path, p.message) for p in pack.errors] == [(link, "links are not allowed in a pack")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no fifos here")
def test_a_fifo_named_like_content_is_refused_not_read(tmp_path: Path) -> None:
    root = make_pack(tmp_path / "demo", {"good.md": reflection_file("good")})
    os.mkfifo(root / "pipe.md")  # reading it would wait for a writer forever

    pack = load_pack(root, "installed")

    assert set(pack.items) == {"good"}
    assert [(p.path, p.message) for p in pack.errors] == [(root / "pipe.md", "not a regular file")]


def test_symlinked_folder_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "outside" / "secret.md", reflection_file("stolen"))
    root = make_pack(tmp_path / "demo", {"good.md": reflection_file("good")})
    (root / "more").symlink_to(tmp_path / "outside", target_is_directory=True)

    pack = load_pack(root, "installed")

    assert set(pack.items) == {"good"}
    assert [p.path for p in pack.errors] == [root / "more"]


# -- whole packs ----------------------------------------------------------------------------


def test_one_broken_file_does_not_hide_the_rest(tmp_path: Path) -> None:
    root = make_pack(
        tmp_path / "demo",
        {
            "a-first.md": reflection_file("first"),
            "b-broken.md": "---\nkind: reflection\nid: broken\ntitle: [oops\n---\n",
            "c-last.md": reflection_file("last"),
            "README.md": "# Not content\n",
            "notes.txt": "ignored",
        },
    )

    pack = load_pack(root, "installed")

    assert pack.id == "demo"
    assert pack.manifest.title == "Demo pack"
    assert set(pack.items) == {"first", "last"}
    assert [problem.path for problem in pack.problems] == [root / "b-broken.md"]


def test_duplicate_item_ids_in_a_pack(tmp_path: Path) -> None:
    root = make_pack(
        tmp_path / "demo",
        {"a.md": reflection_file("daily", "First"), "b.md": reflection_file("daily", "Second")},
    )

    pack = load_pack(root, "installed")

    assert pack.items["daily"].title == "First"
    problem = only_problem(pack.problems)
    assert problem.path == root / "b.md"
    assert "'daily' is already used by" in problem.message
    assert str(root / "a.md") in problem.message


def test_missing_pack_toml(tmp_path: Path) -> None:
    root = make_pack(tmp_path / "My Pack", {"a.md": reflection_file("a")}, manifest=None)

    pack = load_pack(root, "installed")

    problem = only_problem(pack.problems)
    assert problem.path == root / "pack.toml"
    assert "missing pack.toml" in problem.message
    assert pack.id == "my-pack"  # a stand-in id from the folder, so the items still show
    assert set(pack.items) == {"a"}


def test_invalid_toml_names_its_line(tmp_path: Path) -> None:
    root = make_pack(
        tmp_path / "demo",
        {"a.md": reflection_file("a")},
        manifest='id = "demo"\ntitle = "Demo"\nversion = 1.0.0\n',
    )

    pack = load_pack(root, "installed")

    problem = only_problem(pack.problems)
    assert problem.path == root / "pack.toml"
    assert problem.line == 3
    assert "not valid TOML" in problem.message
    assert set(pack.items) == {"a"}


def test_invalid_manifest_field_names_its_line(tmp_path: Path) -> None:
    write(tmp_path / "pack.toml", 'id = "demo"\ntitle = "Demo"\nversion = "one"\nflavour = "x"\n')

    _, problems = load_manifest(tmp_path)

    assert sorted((p.line, p.message.split(":")[0]) for p in problems) == [
        (3, "version"),
        (4, "unknown key 'flavour' in frontmatter"),
    ]


def test_library_clash_keeps_the_first_pack(tmp_path: Path) -> None:
    first = make_pack(tmp_path / "one" / "demo", {"a.md": reflection_file("a")})
    second = make_pack(tmp_path / "two" / "demo", {"b.md": reflection_file("b")})

    library = Library.load([(first, "built-in"), (second, "installed")])

    assert list(library.packs) == ["demo"]
    assert library.packs["demo"].root == first
    assert library.get("demo/a") is not None
    assert library.get("demo/b") is None
    [problem] = library.all_problems()
    assert problem.path == second / "pack.toml"
    assert "clashes" in problem.message
    assert str(first) in problem.message


def test_installed_pack_cannot_replace_a_built_in_one(tmp_path: Path) -> None:
    installed = tmp_path / "packs"
    make_pack(
        installed / "fake",
        {"daily.md": reflection_file("daily", "Fake daily")},
        manifest='id = "essentials"\ntitle = "Fake"\nversion = "9.9"\n',
    )
    make_pack(installed / "extra", {"x.md": reflection_file("x")})

    library = Library.discover(installed=installed)

    assert library.packs["essentials"].origin == "built-in"
    assert library.reflection().title == "Daily reflection"  # type: ignore[union-attr]
    assert library.get("demo/x") is not None
    [problem] = library.all_problems()
    assert problem.path == installed / "fake" / "pack.toml"
    assert "clashes" in problem.message


def test_builtin_essentials_pack() -> None:
    library = Library.discover()

    assert library.all_problems() == []
    assert builtin_content_dir().is_dir()
    essentials = library.packs["essentials"]
    assert essentials.origin == "built-in"
    daily = library.reflection()
    assert isinstance(daily, ReflectionTemplate)
    assert daily.address == "essentials/daily"
    assert library.reflection("essentials/daily") == daily
    assert library.reflection("no/such") == daily
    kinds = {prompt.answer for prompt in daily.prompts}
    assert {AnswerKind.SCALE, AnswerKind.TEXT, AnswerKind.TAGS, AnswerKind.COMMITMENT} <= kinds
    assert daily.prompts[-1].answer is AnswerKind.COMMITMENT


# -- files that crash the parser ------------------------------------------------------------

CRASHERS = {
    # PyYAML turns 2026-13-01 into a date and raises ValueError, which is not a YAMLError.
    "impossible-date": "---\nkind: reflection\nid: bad\nupdated: 2026-13-01\n---\n" + BODY,
    # Deep nesting fits in the 8 KB frontmatter cap but overflows Python's recursion limit.
    "deep-yaml": "---\nkind: reflection\nid: bad\nx: " + "[" * 2000 + "]" * 2000 + "\n---\n" + BODY,
}


@pytest.mark.parametrize("text", CRASHERS.values(), ids=CRASHERS.keys())
def test_a_file_that_trips_the_parser_is_a_problem_not_a_crash(tmp_path: Path, text: str) -> None:
    root = make_pack(tmp_path / "demo", {"a-good.md": reflection_file("good"), "b-bad.md": text})

    pack: Pack = load_pack(root, "installed")

    assert set(pack.items) == {"good"}
    assert [problem.path for problem in pack.errors] == [root / "b-bad.md"]


def test_a_heading_inside_a_list_item_is_read_not_crashed_on(tmp_path: Path) -> None:
    """It used to index an empty list; it is valid markdown, so it simply loads."""
    text = "---\nkind: reflection\nid: odd\n---\n# T\n\n## A\n\n- first\n\n  # inner\n\n  second\n"
    root = make_pack(tmp_path / "demo", {"a-good.md": reflection_file("good"), "b-odd.md": text})

    pack: Pack = load_pack(root, "installed")

    assert set(pack.items) == {"good", "odd"}
    assert pack.errors == []


# -- nothing thrown at parse_item makes it raise ---------------------------------------------


def check_parse_item(text: str) -> None:
    item, problems = parse_item(Path("item.md"), text, MANIFEST)
    assert item is not None or problems
    for problem in problems:
        assert problem.line >= 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_parse_item_never_raises_on_random_text(text: str) -> None:
    check_parse_item(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.text())
def test_parse_item_never_raises_on_random_frontmatter(front: str, body: str) -> None:
    check_parse_item("---\n" + front + "\n---\n" + body)


KEYS = st.sampled_from(["kind", "id", "title", "minutes", "tags", "audience", "description"])
VALUES = st.one_of(
    st.sampled_from(["reflection", "script", "daily", "x", "5", "[a, b]", "'quoted'", ""]),
    st.text(max_size=20),
)
BODY_LINES = st.one_of(
    st.sampled_from(["# Title", "## Prompt", "Answer: scale 1-5", "Answer: choice", "- option"]),
    st.sampled_from(["Answer: tags", "> tip", "", "Answer: nonsense", "```", "1. item"]),
    st.text(max_size=30),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(KEYS, VALUES), max_size=8), st.lists(BODY_LINES, max_size=20))
def test_parse_item_never_raises_on_plausible_files(
    pairs: list[tuple[str, str]], lines: list[str]
) -> None:
    front = "\n".join(f"{key}: {value}" for key, value in pairs)
    check_parse_item("---\n" + front + "\n---\n" + "\n".join(lines))
