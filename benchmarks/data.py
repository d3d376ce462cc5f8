"""Realistic data for the benchmarks: journals of years of use, packs of many items, a long card.

Everything is generated from a fixed seed, so two runs measure the same bytes.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

WORDS = tuple(
    [
        "call",
        "customer",
        "proposal",
        "pipeline",
        "quota",
        "demo",
        "follow-up",
        "renewal",
        "objection",
        "price",
        "discount",
        "champion",
        "budget",
        "decision",
        "timeline",
        "meeting",
        "prospect",
        "referral",
        "upsell",
        "contract",
        "legal",
        "signature",
        "forecast",
        "coaching",
        "feedback",
        "energy",
        "confidence",
        "training",
        "product",
        "pitch",
        "value",
        "question",
        "listen",
        "partner",
        "team",
        "manager",
        "target",
        "week",
        "month",
        "quarter",
        "win",
        "lost",
        "stalled",
        "acme",
        "globex",
        "initech",
        "umbrella",
        "hooli",
        "stark",
        "wayne",
        "wonka",
    ]
)
TAGS = ("win", "prospecting", "follow-ups", "customer-meetings", "proposals", "closing", "lost")
PROMPTS = (
    ("energy", "Energy", "scale"),
    ("win", "A win worth recognising", "text"),
    ("push-pull", "What pushes you, what pulls you back", "text"),
    ("obstacle", "An obstacle, and the help you would ask for", "text"),
    ("learned", "Something you learned, or want to learn", "text"),
    ("focus", "Where today's attention goes", "tags"),
    ("commitment", "Your commitment for today", "commitment"),
)


def sentence(rng: random.Random, low: int = 6, high: int = 24) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def _answer(rng: random.Random, prompt_id: str, prompt: str, kind: str) -> dict[str, Any]:
    answer: dict[str, Any] = {"prompt_id": prompt_id, "prompt": prompt, "kind": kind}
    if kind == "scale":
        answer.update(value=rng.randint(1, 5), scale_max=5)
    elif kind == "tags":
        answer.update(value=rng.sample(TAGS[:6], rng.randint(1, 3)), scale_max=None)
    else:
        answer.update(value=sentence(rng), scale_max=None)
    return answer


def entry_record(rng: random.Random, index: int, created: datetime) -> dict[str, Any]:
    """One stored entry: about two in three are reflections, the rest quick notes."""
    uid = f"{rng.getrandbits(128):032x}"
    tags = rng.sample(TAGS, rng.randint(0, 2))
    if index % 3 == 2:
        return {
            "uid": uid,
            "created": created.isoformat(),
            "tags": tags,
            "kind": "note",
            "text": sentence(rng, 4, 30) + " " + " ".join(f"#{t}" for t in tags),
        }
    return {
        "uid": uid,
        "created": created.isoformat(),
        "tags": tags,
        "kind": "reflection",
        "source": "essentials/daily",
        "title": "Daily reflection",
        "answers": [_answer(rng, *prompt) for prompt in PROMPTS],
        "review": {"text": sentence(rng, 4, 10), "kept": rng.choice(["yes", "partly", "no"])},
    }


def journal_tables(count: int, seed: int = 1, end: datetime | None = None) -> dict[str, Any]:
    """The tables of a journal with `count` entries, a few a day, ending at `end`."""
    rng = random.Random(seed)
    end = end or datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    start = end - timedelta(days=count // 3 + 1)
    step = (end - start) / max(count, 1)
    entries = {
        str(i + 1): entry_record(rng, i, start + step * i + timedelta(seconds=rng.randint(0, 60)))
        for i in range(count)
    }
    meta = {"schema_version": 1, "created_by": "benchmarks"}
    return {"meta": {"1": meta}, "entries": entries}


def write_journal(home: Path, count: int, seed: int = 1) -> Path:
    """A home folder whose journal holds `count` entries; returns the journal's path."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "journal.json"
    path.write_bytes(orjson.dumps(journal_tables(count, seed)))
    path.chmod(0o600)
    return path
