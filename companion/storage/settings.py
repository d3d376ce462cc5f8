"""Settings on disk: small, private, written atomically; a broken file never stops the app."""

from __future__ import annotations

from pathlib import Path

import orjson
from pydantic import ValidationError

from companion.errors import CompanionError
from companion.files.atomic import atomic_write_bytes
from companion.models.settings import Settings


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """The settings, and a warning if the file could not be used (defaults are used then)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(), None
    except OSError as error:
        return Settings(), f"{path}: cannot read settings ({error.strerror}); using defaults"
    try:
        return Settings.model_validate(orjson.loads(raw)), None
    except (orjson.JSONDecodeError, ValidationError) as error:
        detail = str(error).splitlines()[0]
        return Settings(), f"{path}: settings ignored ({detail}); fix or delete the file"


def save_settings(path: Path, settings: Settings) -> None:
    try:
        atomic_write_bytes(path, settings.model_dump_json(indent=2).encode() + b"\n")
    except OSError as error:
        raise CompanionError(f"{path}: cannot save settings ({error.strerror or error})") from None
