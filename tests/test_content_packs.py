"""The built-in packs (English and Dutch), script and question-bank files, and a real-world
question list read as a bank."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from companion.errors import CompanionError
from companion.models.content import (
    AnswerKind,
    Card,
    ContentItem,
    PackManifest,
    QuestionBank,
    ReflectionTemplate,
    Script,
)
from companion.packs.library import Library, builtin_content_dir
from companion.packs.loader import Pack, parse_item

PACKS = {"essentials": "en", "essentials-nl": "nl"}
MANIFEST = PackManifest(id="demo", title="Demo", version="1.0")
EXTERNAL = Path("/work/shared/external/1on1-questions/README.md")
SEEDS = Path("/work/shared/seeds")  # the articles the built-in content draws on
EXTERNAL_FRONTMATTER = "---\nkind: questions\nid: external\ntitle: 1on1\n---\n"


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.discover()


def of_kind(pack: Pack, kind: type[ContentItem]) -> list[ContentItem]:
    return [item for item in pack.items.values() if isinstance(item, kind)]


def scripts(library: Library) -> list[Script]:
    return library.of_kind(Script)


# -- the built-in packs ---------------------------------------------------------------------


@pytest.mark.parametrize(("pack_id", "language"), PACKS.items())
def test_builtin_pack_loads_without_problems(library: Library, pack_id: str, language: str) -> None:
    pack = library.packs[pack_id]

    assert pack.problems == []
    assert pack.origin == "built-in"
    assert pack.manifest.language == language
    assert all(item.language == language for item in pack.items.values())


def test_library_has_no_problems(library: Library) -> None:
    assert library.all_problems() == []
    assert set(PACKS) <= set(library.packs)


@pytest.mark.parametrize("pack_id", PACKS)
def test_builtin_pack_contents(library: Library, pack_id: str) -> None:
    pack = library.packs[pack_id]

    assert len(of_kind(pack, Script)) == 17
    assert len(of_kind(pack, QuestionBank)) == 10
    assert {item.id for item in of_kind(pack, ReflectionTemplate)} == {"daily", "weekly-look-back"}
    audiences = Counter(card.audience for card in of_kind(pack, Card))
    assert audiences["rep"] >= 10 and audiences["manager"] >= 20 and audiences["coach"] >= 2


def test_both_languages_have_the_same_items(library: Library) -> None:
    english, dutch = (library.packs[pack_id] for pack_id in PACKS)

    assert sorted(english.items) == sorted(dutch.items)
    for item_id, item in english.items.items():
        translated = dutch.items[item_id]
        assert type(translated) is type(item), item_id
        assert translated.title != item.title, item_id  # translated, not copied


def test_translated_scripts_have_the_same_shape(library: Library) -> None:
    english, dutch = (library.packs[pack_id] for pack_id in PACKS)

    for item_id, item in english.items.items():
        if isinstance(item, Script):
            translated = dutch.items[item_id]
            assert isinstance(translated, Script)
            assert [s.minutes for s in translated.steps] == [s.minutes for s in item.steps]
            assert translated.minutes == item.minutes


def test_every_script_step_has_questions_and_something_to_avoid(library: Library) -> None:
    all_scripts = scripts(library)
    assert len(all_scripts) == 34

    for script in all_scripts:
        for step in script.steps:
            where = f"{script.address} / {step.title}"
            assert step.questions, where
            assert all(q.strip() for q in step.questions), where
            assert step.avoid, where
            assert step.intent, where


def test_script_steps_add_up_to_the_scripts_minutes(library: Library) -> None:
    for script in scripts(library):
        assert script.minutes, script.address
        assert all(step.minutes for step in script.steps), script.address
        assert sum(step.minutes or 0 for step in script.steps) == script.minutes, script.address


# A simple estimate of how long a reflection takes when answered honestly: a tap for a number
# or a choice, a few for tags, a line for a commitment, two or three lines for text. The app
# asks first whether the last commitment was kept, when a reflection ends with one.
SECONDS_PER_ANSWER = {
    AnswerKind.SCALE: 10,
    AnswerKind.CHOICE: 10,
    AnswerKind.TAGS: 15,
    AnswerKind.COMMITMENT: 30,
    AnswerKind.TEXT: 45,
}
COMMITMENT_REVIEW_SECONDS = 10


def estimated_seconds(reflection: ReflectionTemplate) -> int:
    kinds = [prompt.answer for prompt in reflection.prompts]
    review = COMMITMENT_REVIEW_SECONDS if AnswerKind.COMMITMENT in kinds else 0
    return review + sum(SECONDS_PER_ANSWER[kind] for kind in kinds)


def test_each_reflection_fits_the_minutes_it_promises(library: Library) -> None:
    reflections = library.of_kind(ReflectionTemplate)
    assert len(reflections) == 4

    for reflection in reflections:
        assert reflection.minutes, reflection.address
        estimate, promised = estimated_seconds(reflection), reflection.minutes * 60
        assert promised / 2 <= estimate <= promised, (reflection.address, estimate)


def test_the_daily_reflection_is_mostly_quick_answers(library: Library) -> None:
    for daily in (library.get(f"{pack_id}/daily") for pack_id in PACKS):
        assert isinstance(daily, ReflectionTemplate)
        kinds = [prompt.answer for prompt in daily.prompts]
        assert kinds.count(AnswerKind.TEXT) <= 1
        assert len(kinds) <= 5


def words_of(text: str, n: int = 8) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_the_builtin_content_is_in_our_own_words() -> None:
    """No run of eight words in common with the seed articles (the same check as the stop
    hook's), in any built-in file."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is not here")
    seeds = set().union(*(words_of(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")))
    copied = {
        str(path.relative_to(builtin_content_dir())): sorted(words_of(path.read_text()) & seeds)
        for path in builtin_content_dir().rglob("*.md")
    }
    assert {path: runs for path, runs in copied.items() if runs} == {}


def test_every_question_bank_holds_questions(library: Library) -> None:
    for bank in library.of_kind(QuestionBank):
        assert bank.groups, bank.address
        for group in bank.groups:
            assert group.questions, f"{bank.address} / {group.title}"
            assert all(q.endswith("?") for q in group.questions), f"{bank.address}"


@pytest.mark.parametrize(("language", "address"), [("en", "essentials"), ("nl", "essentials-nl")])
def test_a_bare_script_id_is_found_in_the_users_language(
    library: Library, language: str, address: str
) -> None:
    script = library.find("weekly-1on1", Script, language=language)

    assert script.address == f"{address}/weekly-1on1"


def test_a_bare_id_in_no_preferred_pack_is_ambiguous(library: Library) -> None:
    with pytest.raises(CompanionError) as raised:
        library.find("weekly-1on1", Script, language="de")

    message = str(raised.value)
    assert "several packs" in message
    assert "essentials/weekly-1on1" in message and "essentials-nl/weekly-1on1" in message


def test_a_full_address_ignores_the_language(library: Library) -> None:
    script = library.find("essentials-nl/weekly-1on1", Script, language="en")

    assert script.language == "nl"


def test_an_unknown_script_lists_what_there_is(library: Library) -> None:
    with pytest.raises(CompanionError, match=r"no script 'weekly'.*essentials/grow"):
        library.find("weekly", Script)


def test_a_card_is_not_found_as_a_script(library: Library) -> None:
    card = next(iter(library.of_kind(Card)))

    with pytest.raises(CompanionError, match="no script"):
        library.find(card.address, Script)


# -- script files ---------------------------------------------------------------------------

SCRIPT_TEXT = """\
---
kind: script
id: demo-1on1
title: Demo 1:1
---
# Demo 1:1

A short check-in.

## Check in (5 min)

See how the rep is doing.

- How are you?
- What is on your mind?

> Tip: Close the laptop.
> Avoid: Opening with the numbers,
> or with last week's forecast.

## Next steps (10 minutes)

- What will you do?

> Avoid: Dictating the list.

> A quote without a label is a tip.

## Wrap up
"""


def parse(text: str) -> tuple[ContentItem | None, list]:
    return parse_item(Path("demo.md"), text, MANIFEST)


def test_script_steps_from_headings() -> None:
    script, problems = parse(SCRIPT_TEXT)

    assert problems == []
    assert isinstance(script, Script)
    assert script.description == "A short check-in."
    check_in, next_steps, wrap_up = script.steps
    assert (check_in.id, check_in.title, check_in.minutes) == ("check-in", "Check in", 5)
    assert check_in.intent == "See how the rep is doing."
    assert check_in.questions == ("How are you?", "What is on your mind?")
    assert check_in.tips == ("Close the laptop.",)
    assert check_in.avoid == ("Opening with the numbers, or with last week's forecast.",)
    assert (next_steps.title, next_steps.minutes) == ("Next steps", 10)
    assert next_steps.avoid == ("Dictating the list.",)
    assert next_steps.tips == ("A quote without a label is a tip.",)
    assert (wrap_up.title, wrap_up.minutes, wrap_up.questions) == ("Wrap up", None, ())
    assert script.planned_minutes == 15


@pytest.mark.parametrize(
    ("front", "body", "title"),
    [
        ("title: From the frontmatter\n", "# A heading\n\nListen first.\n", "From the frontmatter"),
        ("", "# From the heading\n\nListen first.\n", "From the heading"),
        ("", "```\n# not a heading\n```\n\n# From the heading\n\nListen.\n", "From the heading"),
    ],
    ids=["frontmatter", "heading", "heading-after-code"],
)
def test_a_cards_title(front: str, body: str, title: str) -> None:
    card, problems = parse(f"---\nkind: card\nid: listen\n{front}---\n{body}")

    assert problems == []
    assert isinstance(card, Card)
    assert card.title == title
    assert "Listen" in card.body


def test_an_empty_card_is_a_problem_on_its_first_body_line() -> None:
    item, [problem] = parse("---\nkind: card\nid: empty\ntitle: Empty\n---\n# Empty\n")

    assert item is None
    assert (problem.line, problem.message) == (6, "a card needs some text under its title")


def test_a_script_without_steps_is_a_problem() -> None:
    item, [problem] = parse("---\nkind: script\nid: empty\ntitle: Empty\n---\nJust text.\n")

    assert item is None
    assert "needs steps" in problem.message


def test_repeated_step_is_a_problem_and_the_rest_loads() -> None:
    text = "---\nkind: script\nid: twice\n---\n# Twice\n\n## Check in\n\n## Check in (5 min)\n"

    script, [problem] = parse(text)

    assert isinstance(script, Script)
    assert [step.title for step in script.steps] == ["Check in"]
    assert (problem.line, problem.severity) == (9, "error")
    assert "repeats line 7" in problem.message


# -- question banks -------------------------------------------------------------------------

BANK_TEXT = """\
---
kind: questions
id: demo-bank
title: Demo bank
skip: [table of CONTENTS]
---
# Demo bank

## Table of contents

- [Opening](#opening)
- What is this?

## Opening

- How are you?
- What   is on
  your mind?

## Credits

- Written by the team
- Thanks to everyone
"""


def test_question_bank_skips_listed_sections_and_warns_about_empty_ones() -> None:
    bank, problems = parse(BANK_TEXT)

    assert isinstance(bank, QuestionBank)
    assert [(g.title, g.questions) for g in bank.groups] == [
        ("Opening", ("How are you?", "What is on your mind?"))
    ]
    assert bank.count == 2
    [warning] = problems
    assert warning.severity == "warning"
    assert warning.line == 20  # the "## Credits" heading
    assert "'Credits' has no questions" in warning.message


def test_question_bank_without_questions_is_an_error() -> None:
    text = "---\nkind: questions\nid: none\ntitle: None\n---\n## Credits\n\n- The team\n"

    bank, problems = parse(text)

    assert bank is None
    assert [p.severity for p in problems] == ["warning", "error"]


# -- a real-world list ----------------------------------------------------------------------

EXTERNAL_GROUPS = {
    "About Manager": 45,
    "Career development": 60,
    "Conversation starters": 26,
    "Job satisfaction": 62,
    "Other": 9,
    "Team and company": 83,
    "Work-life": 40,
}


@pytest.fixture(scope="module")
def external_bank() -> tuple[QuestionBank, list]:
    if not EXTERNAL.is_file():
        pytest.skip(f"{EXTERNAL} is not here")
    text = EXTERNAL_FRONTMATTER + EXTERNAL.read_text(encoding="utf-8")
    bank, problems = parse_item(EXTERNAL, text, MANIFEST)
    assert isinstance(bank, QuestionBank)
    return bank, problems


def test_the_1on1_questions_list_loads_as_a_bank(external_bank: tuple[QuestionBank, list]) -> None:
    bank, problems = external_bank

    assert {g.title: len(g.questions) for g in bank.groups} == EXTERNAL_GROUPS
    assert bank.count == sum(EXTERNAL_GROUPS.values()) == 325
    assert all(p.severity == "warning" for p in problems)
    assert sorted(p.message for p in problems) == [
        "section 'Contributing' has no questions; skipped",
        "section 'FAQ' has no questions; skipped",
        "section 'Table of Contents' has no questions; skipped",
    ]


def test_the_1on1_questions_are_single_tidy_lines(
    external_bank: tuple[QuestionBank, list],
) -> None:
    bank, _ = external_bank
    questions = [q for group in bank.groups for q in group.questions]

    assert all(q == " ".join(q.split()) and q for q in questions)
    assert "Are there any obstacles I can remove for you?" in questions
    assert "Tell me about last week." in questions  # a prompt without '?' in a question section
