"""Where Companion keeps its data: --home, else $COMPANION_HOME, else the platform's data folder."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from companion.errors import CompanionError
from companion.i18n import _

ENV_HOME = "COMPANION_HOME"


def default_home() -> Path:
    from platformdirs import user_data_path

    return user_data_path("companion", appauthor=False)


def resolve_home(cli_home: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """The home folder chosen by flag, environment or platform default, in that order."""
    if cli_home:
        return Path(cli_home).expanduser().absolute()
    if environ.get(ENV_HOME):
        return Path(environ[ENV_HOME]).expanduser().absolute()
    return default_home()


class Home(NamedTuple):
    """The files inside a Companion home folder."""

    root: Path

    @property
    def journal(self) -> Path:
        """The journal's folder (schema 2; see storage/layout.py)."""
        return self.root / "journal"

    @property
    def drafts(self) -> Path:
        return self.root / "drafts"

    @property
    def packs(self) -> Path:
        return self.root / "packs"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        """Reports of unexpected errors: private, as their tracebacks quote the journal."""
        return self.root / "logs"

    @property
    def cache(self) -> Path:
        """Copies that make start-up fast; deleting them only makes the next start slower."""
        return self.root / "cache"

    def ensure(self) -> Home:
        """Create the folder (private to the user) if needed; a clear error if we cannot."""
        try:
            if self.root.is_dir():
                mode = self.root.stat().st_mode & 0o777
                if mode & 0o077:  # narrow a shared folder to the user; never widen anything
                    os.chmod(self.root, mode & ~0o077)
            else:
                self.root.mkdir(mode=0o700, parents=True)
                os.chmod(self.root, 0o700)  # mkdir's mode is filtered by the umask
        except OSError as error:
            reason = error.strerror or str(error)
            problem = _(
                "{folder}: cannot use this folder as Companion's home ({reason}); "
                "choose another with --home DIR or $COMPANION_HOME"
            )
            raise CompanionError(problem.format(folder=self.root, reason=reason)) from error
        return self
