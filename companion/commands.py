"""What each non-UI command does. The CLI parses arguments and calls these; they print
through `out` so tests can capture it. None of them imports textual."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import orjson

from companion.context import Context
from companion.errors import CompanionError
from companion.flows.journal_query import JournalQuery, QueryError, parse_day
from companion.models.journal import Note, extract_tags, normalise_tag
from companion.storage.atomic import atomic_write_bytes
from companion.storage.export import (
    entry_summary,
    export_csv,
    export_json,
    export_markdown,
    parse_json_export,
)

Out = Callable[[str], None]


def build_query(
    context: Context, since: str | None, until: str | None, tags: list[str]
) -> JournalQuery:
    today = context.now().date()
    try:
        return JournalQuery(
            tags=tuple(normalise_tag(tag) for tag in tags),
            since=parse_day(since, today) if since else None,
            until=parse_day(until, today) if until else None,
        )
    except QueryError as error:
        raise CompanionError(str(error)) from None


def log(context: Context, words: list[str], out: Out) -> int:
    text = " ".join(words).strip()
    if not text:
        raise CompanionError("nothing to log: write the note after `companion log`")
    note = Note(created=context.now(), text=text, tags=extract_tags(text))
    context.journal.add(note)
    tags = f" (tags: {', '.join('#' + t for t in note.tags)})" if note.tags else ""
    out(f"Logged to {context.journal.path}{tags}")
    return 0


def journal(context: Context, query: JournalQuery, as_json: bool, out: Out) -> int:
    entries = query.filter(context.journal.entries())
    if as_json:
        records = [entry.model_dump(mode="json") for entry in entries]
        out(orjson.dumps(records, option=orjson.OPT_INDENT_2).decode())
        return 0
    if not entries:
        out("No entries." if query.is_empty else "No entries match.")
        return 0
    for entry in entries:
        tags = "  " + " ".join(f"#{t}" for t in entry.tags) if entry.tags else ""
        stamp = entry.created.strftime("%Y-%m-%d %H:%M")
        out(f"{stamp}  {entry.kind:<10}  {entry_summary(entry)}{tags}")
    return 0


def export(context: Context, fmt: str, query: JournalQuery, output: str | None, out: Out) -> int:
    entries = query.filter(context.journal.entries())
    if fmt == "json":
        data = export_json(entries, context.now())
    elif fmt == "csv":
        data = export_csv(entries).encode()
    else:
        data = export_markdown(entries).encode()
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    target = Path(output).expanduser()
    if target.is_dir():
        raise CompanionError(f"{target} is a folder; give a file name with -o")
    try:
        atomic_write_bytes(target, data)
    except OSError as error:
        raise CompanionError(
            f"{target}: cannot write the export ({error.strerror or error})"
        ) from None
    out(f"Exported {len(entries)} entries to {target}")
    return 0


def import_file(context: Context, path_text: str, out: Out) -> int:
    path = Path(path_text).expanduser()
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CompanionError(f"{path}: cannot read it ({error.strerror or error})") from None
    entries = parse_json_export(path, raw)
    added = context.journal.add_new(entries)
    known = len(entries) - added
    out(f"Imported {added} entries from {path} ({known} were already in the journal)")
    return 0
