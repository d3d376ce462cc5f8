"""Helpers for the shared-space tests: records made by hand, and a repository's whole history
as text (for the privacy checks: nothing private may ever appear in it)."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from companion.models.space import (
    AgreedAction,
    Recognition,
    SharedItem,
    SharedSummary,
    Side,
    StateEvent,
)

if TYPE_CHECKING:
    from companion.spaces.local import Space

T0 = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
_ids = itertools.count(1)


def new_id() -> str:
    return f"a{next(_ids):011x}"


def shared(text: str = "Help with the Acme call", clock: int = 1, **fields: object) -> SharedItem:
    return SharedItem(id=new_id(), by="rep", clock=clock, at=T0, text=text, **fields)


def action(
    text: str = "Call Acme back", clock: int = 1, owner: Side = "rep", **fields: object
) -> AgreedAction:
    return AgreedAction(
        id=new_id(), by="manager", clock=clock, at=T0, text=text, owner=owner, **fields
    )


def summary(text: str = "We talked about Acme", clock: int = 1, **fields: object) -> SharedSummary:
    fields.setdefault("held", date(2026, 11, 30))
    return SharedSummary(id=new_id(), by="manager", clock=clock, at=T0, text=text, **fields)


def recognition(text: str = "Great renewal", clock: int = 1) -> Recognition:
    return Recognition(id=new_id(), by="manager", clock=clock, at=T0, text=text)


def event(item: object, kind: str, by: Side, clock: int) -> StateEvent:
    return StateEvent(
        id=new_id(),
        by=by,
        clock=clock,
        at=T0 + timedelta(minutes=clock),
        event=kind,  # type: ignore[arg-type]
        item=item.id,  # type: ignore[attr-defined]
    )


def full_history(repository: Path) -> str:
    """Everything a repository holds, as text: every commit of every ref with its patch
    (`git log --all -p`), the reflogs, and every object in its database, reachable or not.
    A test asserts that no private text appears anywhere in it."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "--git-dir", str(repository), *args],
            capture_output=True,
            check=True,
            timeout=60,
        )
        return done.stdout.decode("utf-8", "replace")

    log = git("log", "--all", "--reflog", "-p", "--format=fuller", "--no-color", "--no-textconv")
    objects = git("cat-file", "--batch-all-objects", "--batch")
    return log + "\n" + objects


# -- git and spaces in tmp folders ---------------------------------------------------------------

GIT_USER = "[user]\n\tname = Test Person\n\temail = test@example.invalid\n"


def isolate_git(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """git reads a config of the test's own, never the machine's or the user's."""
    config = folder / "gitconfig"
    config.write_text(GIT_USER)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_AUTHOR_NAME"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def git_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate_git(monkeypatch, tmp_path)


def plain_git(*args: str, cwd: Path | None = None, input: bytes | None = None) -> str:
    """git as a person runs it by hand (for repositories the tests tamper with)."""
    done = subprocess.run(
        ["git", *args], cwd=cwd, input=input, capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode()


def init_bare(path: Path) -> Path:
    plain_git("init", "--bare", "--quiet", "--initial-branch=main", str(path))
    return path


@pytest.fixture(scope="session")
def space_templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Made once, then copied: a remote that Companion made a space, and the homes of the
    manager (Bob, whose space is with Anna) and the rep (Anna, with Bob) linked to it."""
    folder = tmp_path_factory.mktemp("templates")
    with pytest.MonkeyPatch.context() as patch:
        isolate_git(patch, folder)
        remote = init_bare(folder / "remote.git")
        link(folder, "manager-home", remote, "manager", "Anna")
        link(folder, "rep-home", remote, "rep", "Bob")
    return folder


@pytest.fixture
def space_template(space_templates: Path) -> Path:
    return space_templates / "remote.git"


@pytest.fixture
def remote(tmp_path: Path, space_template: Path, git_env: None) -> Path:
    copy = tmp_path / "remote.git"
    shutil.copytree(space_template, copy)
    return copy


def link(tmp_path: Path, home: str, remote: Path, side: Side, partner: str) -> Space:
    from companion.spaces.local import connect, spaces_root

    return connect(spaces_root(tmp_path / home), partner.lower(), str(remote), side, partner)


def copied_home(templates: Path, tmp_path: Path, home: str, space_id: str, remote: Path) -> Space:
    """A template home copied for one test, its space pointed at the test's remote."""
    from companion.spaces.local import open_space, spaces_root

    shutil.copytree(templates / home, tmp_path / home)
    space_file = spaces_root(tmp_path / home) / space_id / "space.json"
    info = json.loads(space_file.read_text())
    space_file.write_text(json.dumps({**info, "remote": str(remote)}))
    return open_space(spaces_root(tmp_path / home), space_id)


@pytest.fixture
def manager(tmp_path: Path, remote: Path, space_templates: Path) -> Space:
    """Bob, the manager, linked to Anna's space."""
    return copied_home(space_templates, tmp_path, "manager-home", "anna", remote)


@pytest.fixture
def rep(tmp_path: Path, remote: Path, space_templates: Path) -> Space:
    """Anna, the rep, who joined the space her manager Bob linked."""
    return copied_home(space_templates, tmp_path, "rep-home", "bob", remote)
