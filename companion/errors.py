"""Errors a user can act on. Each carries one clear line; the CLI prints it and exits 1."""

from __future__ import annotations

import errno
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from companion.i18n import N_, SOURCE_LANGUAGE, _, active_language, ngettext

# Translated where it is given (`_(RESTORE_HINT)`), in the language spoken then
RESTORE_HINT = N_("The file was left untouched; run `companion doctor` to inspect it")


class CompanionError(Exception):
    """Something the user can fix; `str()` is the one line we show them."""


class UnknownPerson(CompanionError):
    """No person has the name asked for (nor one starting with it)."""


class JournalError(CompanionError):
    """The journal cannot be read or written as asked."""

    def __init__(self, path: Path, problem: str, hint: str = "") -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        message = f"{path}: {problem}"
        super().__init__(f"{message}. {hint}" if hint else message)


class JournalBusy(JournalError):
    """Another process held the journal lock for too long."""


class CorruptJournal(JournalError):
    """The journal file exists but is not a journal we can trust."""


class NewerJournal(JournalError):
    """The journal was written by a newer Companion: read-only for us."""


# pydantic's words for the usual problems, as its templates say them, so that a translation
# can say them too; English is pydantic's own message, unchanged.
_SAID = {
    "missing": N_("Field required"),
    "extra_forbidden": N_("Extra inputs are not permitted"),
    "string_type": N_("Input should be a valid string"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "literal_error": N_("Input should be {expected}"),
    "enum": N_("Input should be {expected}"),
    "int_type": N_("Input should be a valid integer"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "bool_type": N_("Input should be a valid boolean"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "list_type": N_("Input should be a valid list"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "greater_than": N_("Input should be greater than {gt}"),
    "less_than": N_("Input should be less than {lt}"),
}


def validation_message(detail: Mapping[str, Any]) -> str:
    """One problem of a pydantic ValidationError (an item of `.errors()`) in the interface's
    language; pydantic's own English message when it is not one of the usual ones (or when
    pydantic words it otherwise than the catalogue expects)."""
    said: str = detail["msg"]
    kind, ctx = detail.get("type"), dict(detail.get("ctx") or {})
    if kind == "value_error":  # a model's own validator: its message, as written
        return said
    if kind in ("string_too_short", "string_too_long"):
        return _length_message(kind, ctx, said)
    template = _SAID.get(str(kind))
    try:
        if template is None or template.format(**ctx) != said:
            return said
        if "expected" in ctx:  # "'a', 'b' or 'c'": the last word is the language's
            ctx["expected"] = str(ctx["expected"]).replace(" or ", " " + _("or") + " ")
        return _(template).format(**ctx)
    except (KeyError, IndexError, ValueError):
        return said


def _length_message(kind: str, ctx: Mapping[str, Any], said: str) -> str:
    """'String should have at least 2 characters', counted in the interface's language."""
    shortest = kind == "string_too_short"
    count = ctx.get("min_length" if shortest else "max_length")
    if not isinstance(count, int):
        return said
    bound = "at least" if shortest else "at most"
    if said != f"String should have {bound} {count} character{'' if count == 1 else 's'}":
        return said
    if shortest:
        template = ngettext(
            "String should have at least {count} character",
            "String should have at least {count} characters",
            count,
        )
    else:
        template = ngettext(
            "String should have at most {count} character",
            "String should have at most {count} characters",
            count,
        )
    return template.format(count=count)


# What the system says about a file it refuses, for the usual refusals; the system's own
# words (English, as Python reads them) where the interface speaks English or for the rest.
_SYSTEM_SAID = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EEXIST: N_("File exists"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EROFS: N_("Read-only file system"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.EDQUOT: N_("Disk quota exceeded"),
}


def os_reason(error: OSError) -> str:
    """Why the system refused, as one short phrase in the interface's language."""
    said = error.strerror or str(error)
    if active_language() == SOURCE_LANGUAGE or error.errno not in _SYSTEM_SAID:
        return said
    return _(_SYSTEM_SAID[error.errno])
