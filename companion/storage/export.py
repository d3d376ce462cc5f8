"""Journal entries as markdown, JSON or CSV, and the JSON export read back."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from companion import __version__
from companion.errors import CompanionError
from companion.i18n import N_, _, format_date, format_time, ngettext
from companion.models.action_text import owner_and_due
from companion.models.coaching import OneOnOne
from companion.models.entry_text import entry_markdown, entry_title
from companion.models.journal import Entry, Note, Reflection, entry_adapter
from companion.storage.records import describe_validation_error
from companion.text_safety import escape_controls

__all__ = ["entry_markdown", "entry_title"]  # moved to models.entry_text; kept importable here

EXPORT_FORMAT = "companion-journal"
# The shape of the exported records, which the journal's folder layout (schema 2) left as it
# was: an export is read by any Companion that reads schema 1 exports.
EXPORT_SCHEMA = 1
FORMATS = ("md", "json", "csv")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may run (OWASP)
# Who owns an action, as a summary or a list says it (the records keep the English key)
OWNER_NAMES = {"rep": N_("rep"), "manager": N_("manager")}


def owner_name(owner: str) -> str:
    return _(OWNER_NAMES[owner]) if owner in OWNER_NAMES else owner


def export_markdown(entries: Sequence[Entry]) -> str:
    body = "\n".join(entry_markdown(entry) for entry in entries)
    heading = _("Companion journal")
    return f"# {heading}\n\n{body}" if entries else f"# {heading}\n\n{_('No entries.')}\n"


def export_json(entries: Sequence[Entry], now: datetime) -> bytes:
    document = {
        "format": EXPORT_FORMAT,
        "schema_version": EXPORT_SCHEMA,
        "app_version": __version__,
        "exported": now.isoformat(),
        "entries": [entry.model_dump(mode="json") for entry in entries],
    }
    text = orjson.dumps(document, option=orjson.OPT_INDENT_2).decode()
    return escape_controls(text).encode() + b"\n"  # the same data, safe to show


def spreadsheet_cell(text: str) -> str:
    """A cell a spreadsheet shows as text and never runs: `=HYPERLINK(...)` in a note must
    not become a link, nor `+1` a sum. A leading quote, as OWASP advises against CSV
    injection."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def export_csv(entries: Sequence[Entry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["date", "time", "kind", "text", "commitment", "tags", "uid"])
    for entry in entries:
        text = entry.text if isinstance(entry, Note) else entry_markdown(entry)
        commitment = entry.commitment if isinstance(entry, Reflection) else ""
        row = [
            entry.created.date().isoformat(),
            entry.created.strftime("%H:%M"),
            entry.kind,
            text,
            commitment or "",
            " ".join(entry.tags),
            entry.uid,
        ]
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return out.getvalue()


def parse_json_export(path: Path, raw: bytes) -> list[Entry]:
    """Entries from a file written by `companion export --format json`."""
    try:
        document: Any = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        problem = _("{path}:{line}: not valid JSON (column {column})")
        raise CompanionError(
            problem.format(path=path, line=error.lineno, column=error.colno)
        ) from error
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        problem = _(
            "{path}: not a Companion JSON export (make one with `companion export --format json`)"
        )
        raise CompanionError(problem.format(path=path))
    version = document.get("schema_version")
    if not isinstance(version, int) or version > EXPORT_SCHEMA:
        problem = _("{path}: written by a newer Companion (schema {version}); upgrade to import it")
        raise CompanionError(problem.format(path=path, version=version))
    records = document.get("entries")
    if not isinstance(records, list):
        raise CompanionError(_("{path}: 'entries' must be a list").format(path=path))
    entries: list[Entry] = []
    for number, record in enumerate(records, start=1):
        try:
            entries.append(entry_adapter.validate_python(record))
        except ValidationError as error:
            problem = _("{path}: entry {number}: {problem}; nothing was imported")
            raise CompanionError(
                problem.format(path=path, number=number, problem=describe_validation_error(error))
            ) from error
    return entries


def _duration(seconds: int) -> str:
    minutes = round(seconds / 60)
    if not minutes:
        return _("under a minute")
    return ngettext("{count} min", "{count} min", minutes).format(count=minutes)


def one_on_one_markdown(record: OneOnOne, include_private: bool = False) -> str:
    """A 1:1 as markdown. Without `include_private` it is safe to hand to the rep: private
    notes are left out entirely."""
    # Translators: when a 1:1 took place, in its summary: "Tuesday 1 December 2026, 14:30"
    when = _("{date}, {time}").format(
        date=format_date(record.started, "long-year"), time=format_time(record.started)
    )
    lines = [
        "# " + _("1:1 with {name}").format(name=record.person_name),
        "",
        f"{record.script_title} · {when} · {_duration(record.seconds)}",
        "",
    ]
    if record.reviewed:
        lines += ["## " + _("Actions from last time"), ""]
        labels = {"done": _("done"), "keep": _("still open"), "dropped": _("dropped")}
        for review in record.reviewed:
            owner = owner_name(review.owner)
            lines.append(f"- {review.text} ({owner}): {labels[review.outcome]}")
        lines.append("")
    for step in record.steps:
        notes = step.notes.strip()
        private = step.private_notes.strip() if include_private else ""
        if not (notes or private or step.asked):
            continue
        lines += [f"## {step.title}", ""]
        if step.asked:
            lines += [*(f"- {question}" for question in step.asked), ""]
        if notes:
            lines += [notes, ""]
        if private:
            quoted = private.replace("\n", "\n> ")
            lines += ["> " + _("Private: {notes}").format(notes=quoted), ""]
    lines += ["## " + _("Agreed actions"), ""]
    if record.agreed:
        # As they stood when agreed: the year shown when it is not the 1:1's year
        held = record.started.date()
        for action in record.agreed:
            lines.append(f"- [ ] {action.text} ({owner_and_due(action, held)})")
    else:
        lines.append(_("None this time."))
    return "\n".join(lines).rstrip() + "\n"
