"""Realistic data for the benchmarks: journals of years of use, packs of many items, a long card.

Everything is generated from a fixed seed, so two runs measure the same writing; a journal
in month files ends at the time of the run, so its dates move with it.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from companion.storage.layout import Layout, month_of
from companion.storage.migrate import SCHEMA_VERSION
from companion.storage.records import ENTRIES, META

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


def entry_records(
    count: int, seed: int = 1, end: datetime | None = None
) -> Iterator[dict[str, Any]]:
    """`count` stored entries in date order, a few a day, ending at `end`."""
    rng = random.Random(seed)
    end = end or datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    start = end - timedelta(days=count // 3 + 1)
    step = (end - start) / max(count, 1)
    for i in range(count):
        yield entry_record(rng, i, start + step * i + timedelta(seconds=rng.randint(0, 60)))


def journal_tables(count: int, seed: int = 1, end: datetime | None = None) -> dict[str, Any]:
    """The tables of a one-file journal (schema 1) with `count` entries."""
    entries = {str(i): record for i, record in enumerate(entry_records(count, seed, end), 1)}
    meta = {"schema_version": 1, "created_by": "benchmarks"}
    return {"meta": {"1": meta}, "entries": entries}


def write_journal(home: Path, count: int, seed: int = 1) -> Path:
    """A home folder whose one-file journal (schema 1, migrated when it is first opened)
    holds `count` entries; returns the journal's path."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "journal.json"
    path.write_bytes(orjson.dumps(journal_tables(count, seed)))
    path.chmod(0o600)
    return path


def write_month_files(home: Path, count: int, seed: int = 1) -> Path:
    """A home folder whose journal holds `count` entries up to now, as a journal kept to
    this day is (so an add goes into a month that already holds some), written straight
    into its month files: one month in memory at a time, so that 100,000 entries take
    seconds, not a migration. Returns the journal folder."""
    layout = Layout(home / "journal")
    month, entries = "", {}
    for record in entry_records(count, seed, end=datetime.now(UTC) - timedelta(minutes=1)):
        if month_of(record) != month:
            if entries:
                _write_tables(layout.month_file(month), {ENTRIES: entries})
            month, entries = month_of(record), {}
        entries[str(len(entries) + 1)] = record
    if entries:
        _write_tables(layout.month_file(month), {ENTRIES: entries})
    meta = {"schema_version": SCHEMA_VERSION, "created_by": "benchmarks"}
    _write_tables(layout.coaching, {META: {"1": meta}})
    return layout.folder


def _write_tables(path: Path, tables: dict[str, Any]) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps(tables))
    path.chmod(0o600)
