"""Content for the benchmarks: installed packs copied from the essentials pack, one big pack of
generated items, and a long markdown card.

Everything is generated from a fixed seed, so two runs measure the same bytes.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

from benchmarks.data import WORDS, sentence
from benchmarks.measure import ROOT

ESSENTIALS = ROOT / "content" / "essentials"
KIND_FOLDERS = ("reflections", "scripts", "questions", "cards")  # the order items are taken in
FRONTMATTER_ID = re.compile(r"^id: *(\S+) *$", re.MULTILINE)


def manifest(pack_id: str, title: str, description: str) -> str:
    return (
        f'id = "{pack_id}"\n'
        f'title = "{title}"\n'
        'version = "1.0.0"\n'
        'language = "en"\n'
        'author = "Benchmarks"\n'
        'licence = "CC-BY-4.0"\n'
        f'description = "{description}"\n'
        'min_app_version = "0.1"\n'
    )


# -- installed packs made from the essentials pack ------------------------------------------


def essentials_files(count: int) -> list[Path]:
    """`count` of the essentials pack's files: its reflection, scripts and banks, then cards."""
    files = [path for folder in KIND_FOLDERS for path in sorted((ESSENTIALS / folder).glob("*.md"))]
    if count > len(files):
        raise ValueError(f"the essentials pack has only {len(files)} items, not {count}")
    return files[:count]


def write_essentials_copy(root: Path, number: int, items: int) -> Path:
    """A copy of `items` essentials files as pack `team-NN`, every item with a new id."""
    pack_id = f"team-{number:02d}"
    root.mkdir(parents=True)
    (root / "pack.toml").write_text(
        manifest(pack_id, f"Team pack {number}", "Essentials, copied for a benchmark."),
        encoding="utf-8",
    )
    for source in essentials_files(items):
        text = source.read_text(encoding="utf-8")
        text = FRONTMATTER_ID.sub(lambda m: f"id: {m.group(1)}-{number:02d}", text, count=1)
        target = root / source.parent.name / source.name
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def write_installed_packs(home: Path, packs: int = 20, items: int = 25) -> list[Path]:
    """`packs` packs of `items` items each in `<home>/packs/<pack-id>/`, as `pack install`
    leaves them."""
    parent = home / "packs"
    return [
        write_essentials_copy(parent / f"team-{number:02d}", number, items)
        for number in range(1, packs + 1)
    ]


# -- one big pack of generated items ---------------------------------------------------------


def title(rng: random.Random, words: int = 4) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def question(rng: random.Random) -> str:
    return sentence(rng, 6, 16)[:-1] + "?"


def paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def frontmatter(rng: random.Random, kind: str, item_id: str, audience: str, minutes: int) -> str:
    tags = ", ".join(rng.sample(("coaching", "pipeline", "weekly", "energy", "closing"), 2))
    return (
        "---\n"
        f"kind: {kind}\n"
        f"id: {item_id}\n"
        f'title: "{title(rng)}"\n'
        f'description: "{sentence(rng, 8, 16)}"\n'
        f"minutes: {minutes}\n"
        f"audience: {audience}\n"
        f"tags: [{tags}]\n"
        "---\n"
    )


def grow(text: str, size: int, section: Callable[[int], str]) -> str:
    """Append sections (numbered from 1), at least one, while the text stays within `size`
    bytes."""
    number = 1
    while True:
        piece = section(number)
        if number > 1 and len((text + piece).encode()) > size:
            return text
        text += piece
        number += 1


def card(rng: random.Random, item_id: str, size: int) -> str:
    head = frontmatter(rng, "card", item_id, "anyone", 1) + f"# {title(rng)}\n\n"
    body = grow(head, size - 80, lambda _: paragraph(rng, rng.randint(2, 4)) + "\n\n")
    return body + f"*{question(rng)}*\n"


def script(rng: random.Random, item_id: str, size: int) -> str:
    def step(number: int) -> str:
        questions = "".join(f"- {question(rng)}\n" for _ in range(rng.randint(2, 4)))
        return (
            f"## Step {number}: {title(rng, 3)} ({rng.randint(2, 10)} min)\n\n"
            f"{paragraph(rng, 2)}\n\n{questions}\n"
            f"> Tip: {sentence(rng)}\n> Avoid: {sentence(rng)}\n\n"
        )

    head = frontmatter(rng, "script", item_id, "manager", 30)
    return grow(head + f"# {title(rng)}\n\n{paragraph(rng)}\n\n", size, step)


ANSWERS = ("scale 1-5", "text", "text", "tags", "choice", "commitment")


def reflection(rng: random.Random, item_id: str, size: int) -> str:
    def prompt(number: int) -> str:
        answer = rng.choice(ANSWERS)
        options = ""
        if answer in ("tags", "choice"):
            options = "\n" + "".join(f"- {title(rng, 2).lower()}\n" for _ in range(4))
        return (
            f"## Prompt {number}: {title(rng, 3)}\n\n{paragraph(rng, 2)}\n\n"
            f"Answer: {answer}\n{options}\n"
        )

    head = frontmatter(rng, "reflection", item_id, "rep", 3)
    return grow(head + f"# {title(rng)}\n\n{paragraph(rng, 2)}\n\n", size, prompt)


def questions(rng: random.Random, item_id: str, size: int) -> str:
    def group(number: int) -> str:
        bullets = "".join(f"- {question(rng)}\n" for _ in range(5))
        return f"## Group {number}: {title(rng, 2)}\n\n{bullets}\n"

    head = frontmatter(rng, "questions", item_id, "manager", 5)
    return grow(head + f"# {title(rng)}\n\n{paragraph(rng, 1)}\n\n", size, group)


# (folder, generator, share of the items): mostly cards, as in real packs
MIX: tuple[tuple[str, Callable[[random.Random, str, int], str], float], ...] = (
    ("cards", card, 0.70),
    ("scripts", script, 0.12),
    ("reflections", reflection, 0.08),
    ("questions", questions, 0.10),
)


def write_generated_pack(root: Path, count: int = 500, seed: int = 2) -> Path:
    """A pack of `count` generated items of 1-4 KB each, in the usual folders."""
    rng = random.Random(seed)
    root.mkdir(parents=True)
    (root / "pack.toml").write_text(
        manifest("generated", "Generated pack", "Generated items for a benchmark."),
        encoding="utf-8",
    )
    written = 0
    for index, (folder, generate, share) in enumerate(MIX):
        last = index == len(MIX) - 1
        number = count - written if last else round(count * share)
        (root / folder).mkdir()
        for item in range(number):
            item_id = f"{folder[:-1]}-{item + 1:04d}"
            text = generate(rng, item_id, rng.randint(1300, 4096))
            (root / folder / f"{item_id}.md").write_text(text, encoding="utf-8")
        written += number
    return root


# -- a long markdown card ----------------------------------------------------------------------


def markdown_card(size: int = 5 * 1024, seed: int = 3) -> str:
    """A card body of about `size` bytes: headings, bullets, bold, a link and a quote."""
    rng = random.Random(seed)
    text = f"# {title(rng)}\n\n{paragraph(rng)}\n\n"
    text += "See [the coaching guide](https://example.com/coaching-guide) for more.\n\n"
    text += f"> {sentence(rng)}\n> {sentence(rng)}\n\n"

    def section(number: int) -> str:
        bullets = "".join(
            f"- **{title(rng, 2)}**: {sentence(rng, 6, 14)}\n" for _ in range(rng.randint(3, 5))
        )
        return f"## {number}. {title(rng, 3)}\n\n{paragraph(rng)}\n\n{bullets}\n"

    return grow(text, size, section)


def write_markdown_card(path: Path, size: int = 5 * 1024) -> Path:
    path.write_text(markdown_card(size), encoding="utf-8")
    return path
