"""Content as readable markdown, the library search, and the card of the day."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from companion.flows.daily_card import card_of_the_day, cards_for
from companion.models.content import (
    AnswerKind,
    Card,
    PackManifest,
    Prompt,
    QuestionBank,
    QuestionGroup,
    ReflectionTemplate,
    Script,
    ScriptStep,
)
from companion.packs.content_text import (
    about_line,
    item_counts,
    item_markdown,
    matches,
    pack_markdown,
    problem_line,
    search_text,
)
from companion.packs.library import Library, builtin_content_dir, pack_folders
from companion.packs.markdown import escape
from companion.packs.problems import Problem

REFLECTION = ReflectionTemplate(
    id="weekly",
    pack="demo",
    title="Weekly review",
    description="Look back before planning.",
    audience="manager",
    minutes=5,
    prompts=(
        Prompt(id="energy", title="Energy", guidance="1 is drained.", answer=AnswerKind.SCALE),
        Prompt(id="best", title="Best call", answer=AnswerKind.CHOICE, options=("demo", "closing")),
        Prompt(id="focus", title="Focus", answer=AnswerKind.TAGS, options=("admin",)),
        Prompt(id="win", title="A win", answer=AnswerKind.TEXT),
        Prompt(id="commit", title="Commitment", answer=AnswerKind.COMMITMENT),
    ),
)
SCRIPT = Script(
    id="weekly-1on1",
    pack="demo",
    title="Weekly 1:1",
    description="Coach, don't inspect.",
    steps=(
        ScriptStep(
            id="check-in",
            title="Check in",
            intent="How is the person, really?",
            questions=("How are you doing, honestly?", "What gave you energy?"),
            tips=("Let silence work.",),
            avoid=("Opening with the pipeline.",),
            minutes=5,
        ),
        ScriptStep(id="obstacles", title="Obstacles", questions=("What is in your way?",)),
    ),
)
CARD = Card(
    id="leader", pack="demo", title="Leader, not boss", description="Short.", body="Own it."
)
BANK = QuestionBank(
    id="check-in",
    pack="demo",
    title="Check-in questions",
    groups=(
        QuestionGroup(title="How you are doing", questions=("How are you, really?",)),
        QuestionGroup(title="Looking back", questions=("What went well?", "What surprised you?")),
    ),
)


def card(item_id: str, pack: str = "demo", audience: str = "anyone", language: str = "en") -> Card:
    return Card(
        id=item_id,
        pack=pack,
        title=item_id.title(),
        body="Text.",
        audience=audience,
        language=language,
    )


def as_text(markdown: str) -> str:
    """The words a reader sees once the markdown is rendered (no markup characters)."""
    tokens = MarkdownIt().parse(markdown)
    words = [
        child.content
        for token in tokens
        if token.children
        for child in token.children
        if child.type in ("text", "code_inline")
    ]
    words += [token.content for token in tokens if token.type == "fence"]
    return " ".join(words)


# -- pages -------------------------------------------------------------------------------------


def test_every_page_names_its_pack_and_address() -> None:
    for item in (REFLECTION, SCRIPT, CARD, BANK):
        page = item_markdown(item)
        assert page.startswith(f"# {escape(item.title)}\n")
        assert f"`{item.address}`" in page


def test_reflection_page_has_each_prompt_its_guidance_and_how_it_is_answered() -> None:
    page = item_markdown(REFLECTION)
    shown = as_text(page)

    assert "Look back before planning." in shown
    assert "1 is drained." in shown
    assert "a number from 1 to 5" in shown
    assert "one of: demo, closing" in shown
    assert "tags: any of admin, or your own" in shown
    assert "text, in your own words" in shown
    assert "the next reflection asks if you kept it" in shown
    assert page.index("## 1. Energy") < page.index("## 5. Commitment")
    assert "5 min" in about_line(REFLECTION)
    assert "for managers" in about_line(REFLECTION)


def test_script_page_has_steps_with_minutes_intent_questions_tips_and_avoid() -> None:
    page = item_markdown(SCRIPT)

    assert "## 1. Check in · 5 min" in page
    assert "## 2. Obstacles\n" in page
    for text in ("How is the person, really?", "- What gave you energy?", "- Let silence work."):
        assert text in page
    ask, tips, avoid = page.index("**Ask**"), page.index("**Tips**"), page.index("**Avoid**")
    assert ask < tips < avoid < page.index("Opening with the pipeline.")
    assert page.count("**Tips**") == 1  # a step without tips gets no empty heading
    assert "5 min" in about_line(SCRIPT)  # the sum of the steps when the file gives none


def test_card_page_is_its_body() -> None:
    page = item_markdown(CARD)

    assert page.rstrip().endswith("Own it.")
    assert "card" in about_line(CARD)


def test_question_bank_page_has_groups_and_questions() -> None:
    page = item_markdown(BANK)

    assert "## How you are doing\n\n- How are you, really?" in page
    assert "## Looking back\n\n- What went well?\n- What surprised you?" in page
    assert "3 questions" in about_line(BANK)


def test_a_note_goes_under_the_title() -> None:
    page = item_markdown(CARD, note="Press **u**.")
    assert page.index("`demo/leader`") < page.index("Press **u**.") < page.index("Own it.")


def test_pack_page_shows_manifest_and_problems_as_file_line_message(tmp_path: Path) -> None:
    manifest = PackManifest(
        id="demo",
        title="Demo *pack*",
        version="1.2.0",
        author="Ana [bold]Lopez[/]",
        licence="CC-BY-4.0",
        description="Cards for #demo days.",
    )
    problems = [
        Problem(tmp_path / "cards" / "x.md", 3, "unknown key 'colour' in frontmatter"),
        Problem(tmp_path / "pack.toml", 1, "starts with a byte-order mark", "warning"),
    ]
    page = pack_markdown(manifest, "installed", [CARD, BANK], problems, tmp_path)
    shown = as_text(page)

    assert "Demo *pack*" in shown  # the manifest is plain text, not markdown
    assert "version 1.2.0" in shown and "installed" in shown
    assert "Ana [bold]Lopez[/]" in shown
    assert "Cards for #demo days." in shown
    assert "1 card, 1 question bank" in shown
    assert "cards/x.md:3: unknown key 'colour' in frontmatter" in shown
    assert "pack.toml:1: warning: starts with a byte-order mark" in shown


def test_problem_outside_the_pack_keeps_its_full_path(tmp_path: Path) -> None:
    problem = Problem(tmp_path / "elsewhere.md", 2, "links are not allowed in a pack")
    assert (
        problem_line(problem, tmp_path / "pack") == f"{tmp_path}/elsewhere.md:2: {problem.message}"
    )


def test_backticks_in_a_problem_do_not_end_the_block(tmp_path: Path) -> None:
    problem = Problem(tmp_path / "a.md", 1, "bad ```text``` here")
    page = pack_markdown(PackManifest(id="p", title="P", version="1"), "installed", [], [problem])
    assert "bad ```text``` here" in as_text(page)


def test_item_counts_in_library_order() -> None:
    assert item_counts([CARD, SCRIPT, CARD, REFLECTION]) == "1 reflection, 1 script, 2 cards"
    assert item_counts([]) == "no items"


@pytest.mark.parametrize("root", pack_folders(builtin_content_dir()), ids=lambda p: p.name)
def test_every_builtin_item_has_a_page(root: Path) -> None:
    library = Library.load([(root, "built-in")])
    for item in library.items():
        page = item_markdown(item)
        assert item.address in page
        assert len(page.splitlines()) >= 3


# -- search ------------------------------------------------------------------------------------


def test_search_looks_through_titles_descriptions_and_the_text_of_every_kind() -> None:
    assert matches(search_text(REFLECTION), "DRAINED energy")  # prompt guidance and title
    assert matches(search_text(SCRIPT), "silence pipeline")  # a tip and an avoid
    assert matches(search_text(CARD), "own it")  # the body
    assert matches(search_text(BANK), "surprised")  # a question
    assert matches(search_text(BANK), "looking back")  # a group title
    assert matches(search_text(SCRIPT), "inspect")  # the description
    assert matches(search_text(CARD), "demo/leader")  # the address


def test_search_needs_every_word() -> None:
    assert not matches(search_text(CARD), "own boss pipeline")
    assert matches(search_text(CARD), "")  # nothing typed: everything matches


# -- the card of the day -----------------------------------------------------------------------


def test_no_cards_no_card() -> None:
    assert card_of_the_day([], date(2026, 11, 23)) is None


def test_same_card_all_day_whatever_the_order() -> None:
    cards = [card(name) for name in ("alpha", "beta", "gamma", "delta", "omega")]
    day = date(2026, 11, 23)
    assert card_of_the_day(cards, day) == card_of_the_day(list(reversed(cards)), day)


@pytest.mark.parametrize("count", [2, 3, 5, 25, 26])
def test_another_card_tomorrow_and_each_card_once_per_round(count: int) -> None:
    cards = [card(f"card-{n:02}") for n in range(count)]
    start = date(2026, 11, 23)
    days = [start + timedelta(days=n) for n in range(count)]
    picked = [card_of_the_day(cards, day) for day in days]

    assert all(a != b for a, b in pairwise(picked))
    assert {c.address for c in picked if c} == {c.address for c in cards}


def test_one_card_is_always_that_card() -> None:
    only = card("only")
    assert card_of_the_day([only], date(2026, 1, 1)) == only


# -- the cards for the person looking --------------------------------------------------------

CARDS = [
    card("for-anyone"),
    card("for-reps", audience="rep"),
    card("for-managers", audience="manager"),
    card("for-coaches", audience="coach"),
    card("voor-verkopers", pack="nl", audience="rep", language="nl"),
    card("voor-managers", pack="nl", audience="manager", language="nl"),
]


def ids_of(cards: list[Card]) -> list[str]:
    return [c.id for c in cards]


@pytest.mark.parametrize(
    ("role", "language", "expected"),
    [
        ("rep", "en", ["for-anyone", "for-reps"]),
        ("manager", "en", ["for-anyone", "for-managers"]),
        ("coach", "en", ["for-anyone", "for-coaches"]),
        ("rep", "nl", ["voor-verkopers"]),
        ("", "en", ["for-anyone", "for-reps", "for-managers", "for-coaches"]),
        ("", "nl", ["voor-verkopers", "voor-managers"]),
    ],
    ids=["rep", "manager", "coach", "rep-in-dutch", "not-said", "not-said-in-dutch"],
)
def test_the_cards_for_a_role_are_its_own_and_those_for_anyone(
    role: str, language: str, expected: list[str]
) -> None:
    assert ids_of(cards_for(CARDS, role, language)) == expected


def test_a_rep_never_gets_a_managers_card_any_day() -> None:
    pool = cards_for(CARDS, "rep", "en")
    start = date(2026, 11, 23)
    shown = {card_of_the_day(pool, start + timedelta(days=n)) for n in range(30)}

    assert {c.audience for c in shown if c} == {"anyone", "rep"}


def test_a_role_with_no_cards_in_the_language_gets_its_cards_in_another() -> None:
    assert ids_of(cards_for(CARDS, "coach", "nl")) == ["for-anyone", "for-coaches"]


def test_a_role_no_card_is_meant_for_still_gets_a_card() -> None:
    managers_only = [
        card("one", audience="manager"),
        card("twee", audience="manager", language="nl"),
    ]

    assert ids_of(cards_for(managers_only, "rep", "nl")) == ["twee"]
    assert cards_for([], "rep", "en") == []


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ("**Ask**", "**Tips**", "**Avoid**")),
        ("nl", ("**Vragen**", "**Tips**", "**Vermijd**")),
    ],
)
def test_a_scripts_page_labels_its_steps_in_the_packs_language(
    language: str, labels: tuple[str, ...]
) -> None:
    step = ScriptStep(id="s", title="S", questions=("Q?",), tips=("T.",), avoid=("A.",))
    script = Script(id="s", pack="demo", title="S", language=language, steps=(step,))
    page = item_markdown(script)

    positions = [page.index(f"{label}\n") for label in labels]
    assert positions == sorted(positions)
    assert language == "en" or "Avoid" not in page
