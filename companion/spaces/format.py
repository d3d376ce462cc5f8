"""What is in a file of a shared space: markdown with YAML frontmatter (`kind`, `id`, `by`,
`clock`, `at`, then the kind's fields) and the item's text as the body, kept exactly as
written. Pure: given a record it gives bytes, given a place and bytes it gives the record, or
BadRecord with the one line that says why not (see `layout` for where files live).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from companion.errors import validation_message
from companion.files.safe_yaml import SafeLoader
from companion.i18n import _
from companion.models.space import Record, record_adapter
from companion.spaces.layout import MARKER_KIND, MAX_FILE_BYTES, Place

FENCE = "---\n"
HEAD_KEYS = ("kind", "id", "by", "clock", "at")  # written first, in this order
CONFLICT_START = re.compile(r"^<{7}( |$)", re.MULTILINE)
CONFLICT_END = re.compile(r"^>{7}( |$)", re.MULTILINE)


class BadRecord(Exception):
    """A file that is not a record we accept; `str()` is the reason."""


# -- writing ---------------------------------------------------------------------------------


def _dump(fields: dict[str, Any], readable: bool) -> str:
    """YAML of the fields; `readable` keeps non-ASCII text as it is, else it is escaped."""
    return yaml.safe_dump(fields, sort_keys=False, allow_unicode=readable, width=1_000_000)


def _reads_back(frontmatter: str, fields: dict[str, Any]) -> bool:
    loaded = yaml.load(frontmatter, Loader=SafeLoader)
    return all(loaded.get(key) == value for key, value in fields.items() if isinstance(value, str))


def render_record(record: Record) -> bytes:
    """The file of a record: frontmatter of its fields, then its text as the body."""
    fields = record.model_dump(exclude_none=True)
    text = fields.pop("text", None)
    ordered = {key: fields.pop(key) for key in HEAD_KEYS}
    ordered.update(fields)
    frontmatter = _dump(ordered, readable=True)
    if not _reads_back(frontmatter, ordered):  # e.g. U+0085 or U+2028, which YAML folds
        frontmatter = _dump(ordered, readable=False)
    body = "" if text is None else text + "\n"
    data = f"{FENCE}{frontmatter}{FENCE}{body}".encode()
    if len(data) > MAX_FILE_BYTES:
        problem = _("longer than the {size} KB a shared item may be")
        raise BadRecord(problem.format(size=MAX_FILE_BYTES // 1024))
    return data


# -- reading ---------------------------------------------------------------------------------


def split_file(data: bytes) -> tuple[dict[str, Any], str]:
    """Frontmatter (a mapping of plain values) and body of a space file."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRecord(_("not UTF-8 text (byte {byte})").format(byte=error.start)) from None
    if CONFLICT_START.search(text) and CONFLICT_END.search(text):
        raise BadRecord(_("holds merge conflict markers: it was merged by hand"))
    if not text.startswith(FENCE):
        raise BadRecord(_("no frontmatter: the file does not start with '---'"))
    end = text.find("\n" + FENCE, len(FENCE) - 1)
    if end < 0:
        raise BadRecord(_("the frontmatter is not closed by a '---' line"))
    try:
        fields = yaml.load(text[len(FENCE) : end + 1], Loader=SafeLoader)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise BadRecord(_("frontmatter: {problem}").format(problem=first)) from None
    if not isinstance(fields, dict) or not all(isinstance(key, str) for key in fields):
        raise BadRecord(_("frontmatter must be 'key: value' lines"))
    if any(isinstance(value, list | dict) for value in fields.values()):
        raise BadRecord(_("frontmatter values must be plain: no lists or mappings"))
    return fields, text[end + 1 + len(FENCE) :]


def first_error(error: Exception) -> str:
    errors = getattr(error, "errors", None)
    if not callable(errors):
        return str(error)
    first = errors()[0]
    where = ".".join(str(part) for part in first["loc"][1:] or first["loc"])
    said = validation_message(first)
    return f"{where}: {said}" if where else said


def parse_record(place: Place, data: bytes) -> Record:
    """The record in a file at `place`, or BadRecord saying why it is not one we accept."""
    from pydantic import ValidationError

    fields, body = split_file(data)
    if "text" in fields:
        raise BadRecord(_("'text' belongs in the body, not the frontmatter"))
    for key, expected in (("kind", place.kind), ("id", place.id), ("by", place.side)):
        if fields.get(key) != expected:
            problem = _("{key} is {value}, but its place says {expected}")
            raise BadRecord(
                problem.format(key=key, value=repr(fields.get(key)), expected=repr(expected))
            )
    if place.kind != "event":
        fields["text"] = body[:-1] if body.endswith("\n") else body
    try:
        return record_adapter.validate_python(fields)
    except ValidationError as error:
        raise BadRecord(first_error(error)) from None


def parse_marker(data: bytes) -> int:
    """The format version the marker declares, or BadRecord if it is not a marker."""
    fields, _body = split_file(data)
    version = fields.get("format")
    if fields.get("kind") != MARKER_KIND or not isinstance(version, int) or version < 1:
        problem = _("not the marker of a Companion space (kind: {kind})")
        raise BadRecord(problem.format(kind=MARKER_KIND))
    return version
