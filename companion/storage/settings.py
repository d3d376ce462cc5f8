"""Settings on disk: small, private, written atomically; a broken file never stops the app."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from companion.errors import CompanionError
from companion.files.atomic import atomic_write_bytes
from companion.i18n import _

if TYPE_CHECKING:
    from companion.models.settings import Settings


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """The settings, and a warning if the file could not be used (defaults are used then)."""
    from pydantic import ValidationError

    from companion.models.settings import Settings

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(), None
    except OSError as error:
        problem = _("{path}: cannot read settings ({reason}); using defaults")
        return Settings(), problem.format(path=path, reason=error.strerror)
    try:
        return Settings.model_validate(orjson.loads(raw)), None
    except (orjson.JSONDecodeError, ValidationError) as error:
        detail = str(error).splitlines()[0]
        problem = _("{path}: settings ignored ({detail}); fix or delete the file")
        return Settings(), problem.format(path=path, detail=detail)


def read_setting(path: Path, key: str) -> str | None:
    """One setting read without the settings model, for what is needed before the first
    frame (the interface's language, the theme), which importing pydantic would delay. None
    if it is not set, not text, or the file does not read (`load_settings` says why, when
    the settings are needed)."""
    try:
        value = orjson.loads(path.read_bytes()).get(key)
    except (OSError, orjson.JSONDecodeError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def save_settings(path: Path, settings: Settings, now: datetime) -> Path | None:
    """Write the settings. A file there that cannot be read is never written over: it is
    first kept as `settings.json.damaged-<stamp>` (returned), as the journal's are."""
    try:
        kept = _keep_unreadable(path, now)
        atomic_write_bytes(path, settings.model_dump_json(indent=2).encode() + b"\n")
    except OSError as error:
        problem = _("{path}: cannot save settings ({reason})")
        raise CompanionError(problem.format(path=path, reason=error.strerror or error)) from None
    return kept


def _keep_unreadable(path: Path, now: datetime) -> Path | None:
    if not os.path.lexists(path) or load_settings(path)[1] is None:
        return None
    stamp = now.strftime("%Y%m%d-%H%M%S")
    kept, number = path.with_name(f"{path.name}.damaged-{stamp}"), 1
    while os.path.lexists(kept):
        number += 1
        kept = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    os.rename(path, kept)
    return kept
