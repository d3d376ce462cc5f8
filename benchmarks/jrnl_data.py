"""The same journal as jrnl would keep it: a plain-text file and a config that points at it.

The entries are those of `data.entry_records`, rendered as jrnl entries, so both programs
hold the same writing: `[YYYY-MM-DD HH:MM:SS AM] Title line.` then the body, a blank line
between entries, in date order.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from benchmarks.data import entry_records

TIME_FORMAT = "%Y-%m-%d %I:%M:%S %p"


def answer_line(answer: dict[str, Any]) -> str:
    value = answer["value"]
    if isinstance(value, list):
        value = ", ".join(value)
    elif answer["kind"] == "scale":
        value = f"{value}/{answer['scale_max']}"
    return f"{answer['prompt']}: {value}"


def entry_text(record: dict[str, Any]) -> str:
    """One stored entry as a jrnl entry (title line, body, blank line)."""
    stamp = datetime.fromisoformat(record["created"]).strftime(TIME_FORMAT)
    if record["kind"] == "note":
        return f"[{stamp}] {record['text']}\n\n"
    lines = [answer_line(answer) for answer in record["answers"]]
    review = record["review"]
    lines.append(f"Last commitment: {review['text']} (kept: {review['kept']})")
    if record["tags"]:
        lines.append(" ".join(f"#{tag}" for tag in record["tags"]))
    body = "\n".join(lines)
    return f"[{stamp}] {record['title']}.\n{body}\n\n"


def write_jrnl_journal(path: Path, count: int, seed: int = 1) -> Path:
    entries = entry_records(count, seed)  # in date order
    path.write_text("".join(entry_text(record) for record in entries), encoding="utf-8")
    path.chmod(0o600)
    return path


def jrnl_config(journal: Path) -> dict[str, Any]:
    # jrnl rewrites its config once when "version" differs from its own (as "v4.x" does);
    # the benchmark's untimed warm-up run takes that hit, not the timed runs.
    return {
        "version": "v4.x",
        "journals": {"default": {"journal": str(journal)}},
        "encrypt": False,
        "template": False,  # present, so jrnl has no missing key to add
        "timeformat": TIME_FORMAT,
        "tagsymbols": "#@",
        "default_hour": 9,
        "default_minute": 0,
        "editor": "",
        "highlight": False,
        "linewrap": 79,
        "colors": {"body": "none", "date": "none", "tags": "none", "title": "none"},
        "indent_character": "|",
    }


def write_jrnl_home(folder: Path, count: int) -> Path:
    """A jrnl journal of `count` entries and its config in `folder`; the config's path."""
    folder.mkdir(parents=True, exist_ok=True)
    journal = write_jrnl_journal(folder / "journal.txt", count)
    config = folder / "jrnl.yaml"
    config.write_text(yaml.safe_dump(jrnl_config(journal), sort_keys=False), encoding="utf-8")
    return config
