"""Drafts live in small files of their own, so saving one never rewrites the whole journal."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import orjson
from pydantic import BaseModel, ValidationError

from companion.files.atomic import atomic_write_bytes
from companion.i18n import _

Model = TypeVar("Model", bound=BaseModel)


class DraftStore:
    """One JSON file per draft name in `<home>/drafts/`."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.json"

    def save(self, name: str, draft: BaseModel) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write_bytes(self.path(name), draft.model_dump_json(indent=2).encode())

    def load(self, name: str, model: type[Model]) -> Model | None:
        """The draft, or None. An unreadable draft is set aside (never deleted) and ignored."""
        path = self.path(name)
        try:
            return model.model_validate(orjson.loads(path.read_bytes()))
        except FileNotFoundError:
            return None
        except (orjson.JSONDecodeError, ValidationError, OSError):
            with contextlib.suppress(OSError):
                set_aside(path)
            return None

    def load_unsaved(
        self, name: str, model: type[Model], saved: Callable[[Model], bool]
    ) -> Model | None:
        """The draft, unless `saved` finds it in the journal already: the app was killed
        after saving it and before deleting it. Such a leftover is deleted, not resumed."""
        draft = self.load(name, model)
        if draft is not None and saved(draft):
            self.delete(name)
            return None
        return draft

    def delete(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(name).unlink()


def set_aside(path: Path) -> Path:
    """Move `path` to the first free `NAME.unreadable[-N].json`, never over another file."""
    for number in range(1, 10_000):
        suffix = ".unreadable.json" if number == 1 else f".unreadable-{number}.json"
        target = path.with_suffix(suffix)
        try:
            os.link(path, target)  # fails if target exists: nothing is ever overwritten
        except FileExistsError:
            continue
        path.unlink()
        return target
    raise OSError(_("too many unreadable copies of {name}").format(name=path.name))
