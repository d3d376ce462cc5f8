"""Helpers for the shared-space tests: records made by hand, and a repository's whole history
as text (for the privacy checks: nothing private may ever appear in it)."""

from __future__ import annotations

import itertools
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from companion.models.space import (
    AgreedAction,
    Recognition,
    SharedItem,
    SharedSummary,
    Side,
    StateEvent,
)

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
