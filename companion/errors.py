"""Errors a user can act on. Each carries one clear line; the CLI prints it and exits 1."""

from __future__ import annotations

from pathlib import Path

from companion.i18n import N_

# Translated where it is given (`_(RESTORE_HINT)`), in the language spoken then
RESTORE_HINT = N_("The file was left untouched; run `companion doctor` to inspect it")


class CompanionError(Exception):
    """Something the user can fix; `str()` is the one line we show them."""


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
