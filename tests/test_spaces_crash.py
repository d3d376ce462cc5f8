"""Crash safety: syncs and writes killed (SIGKILL) at random moments, again and again, on two
homes sharing one bare repository. Afterwards one ordinary sync on each side completes, and
every item either side was told was written is there on both, exactly once; a write that was
killed is there once or not at all, never half."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.spaces.local import Space
from tests.spaces_helpers import (
    full_history,
    git_env,
    link,
    plain_git,
    remote,
    space_template,
    space_templates,
)

__all__ = ["git_env", "remote", "space_template", "space_templates"]  # fixtures used here
pytestmark = [
    pytest.mark.slow,
    pytest.mark.usefixtures("git_env"),
    pytest.mark.skipif(sys.platform != "linux", reason="walks /proc to find git's children"),
]

KILLS = 120  # syncs to kill mid-way
MAX_ROUNDS = 400
SEED = 2026
CHILD = """
import sys
from pathlib import Path
from companion.spaces.local import NewItem, open_space

space = open_space(Path(sys.argv[1]), sys.argv[2])
print("go", flush=True)  # imports done: from here on, every moment is a git moment
if sys.argv[3] == "sync":
    space.sync()
elif space.side == "rep":
    space.share(sys.argv[4])
else:
    space.record([NewItem("recognition", sys.argv[4])])
"""


def descendants(pid: int) -> list[int]:
    """Every process started by `pid`, however deep (git runs in sessions of its own)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def kill(child: subprocess.Popen[bytes], everything: bool) -> None:
    """SIGKILL Companion, and with `everything` the git processes it started too (as a power
    cut would); else they run on, orphaned, as after a closed terminal."""
    victims = descendants(child.pid) if everything else []
    for pid in [child.pid, *victims]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    child.wait()


def start(space: Space, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(space.folder.parent), space.id, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def started_work(child: subprocess.Popen[bytes]) -> float:
    """Wait until the child has imported everything and begins; when it did."""
    assert child.stdout is not None and child.stdout.readline() == b"go\n", child.stderr
    return time.monotonic()


def uncut_sync(space: Space) -> float:
    """How long a sync takes from its start, when nothing kills it."""
    child = start(space, "sync")
    began = started_work(child)
    assert child.wait(timeout=60) == 0
    return time.monotonic() - began


def texts(space: Space) -> list[str]:
    return sorted(item.item.text for item in space.state().items.values())  # type: ignore[union-attr]


def test_syncs_and_writes_killed_at_random_lose_nothing_and_the_next_sync_completes(
    tmp_path: Path, remote: Path
) -> None:
    rep = link(tmp_path, "rep-home", remote, "rep", "Bob")
    manager = link(tmp_path, "manager-home", remote, "manager", "Anna")
    chooser = random.Random(SEED)
    confirmed: list[str] = []  # writes that reported success
    maybe: list[str] = []  # writes that were killed
    figures = {"syncs killed": 0, "syncs completed": 0, "syncs failed": 0, "writes killed": 0}
    rep.share("first")
    confirmed.append("first")
    window = 0.9 * statistics.median(uncut_sync(space) for space in [rep, manager] * 3)
    started = time.monotonic()
    number = 0
    while figures["syncs killed"] < KILLS and number < MAX_ROUNDS:
        number += 1
        space = chooser.choice([rep, manager])
        if chooser.random() < 0.5:
            text = f"{space.side} item {number}"
            child = start(space, "write", text)
            began = started_work(child)
            if chooser.random() < 0.3:
                time.sleep(max(0.0, began + chooser.uniform(0, window / 2) - time.monotonic()))
                if child.poll() is None:
                    kill(child, everything=chooser.random() < 0.5)
                    figures["writes killed"] += 1
                    maybe.append(text)
                    continue
            assert child.wait(timeout=60) == 0, child.stderr.read()  # type: ignore[union-attr]
            confirmed.append(text)
        child = start(space, "sync")
        began = started_work(child)
        cut = chooser.random() < 0.8
        try:
            limit = began + chooser.uniform(0, window) - time.monotonic() if cut else 60
            child.wait(timeout=max(0.0, limit))
        except subprocess.TimeoutExpired:
            kill(child, everything=chooser.random() < 0.5)
            figures["syncs killed"] += 1
        else:
            # a sync may fail while a killed one's git still holds a lock: that is allowed,
            # as long as the next ordinary sync completes
            figures["syncs completed" if child.returncode == 0 else "syncs failed"] += 1
    for space in (rep, manager, rep):
        space.sync()

    print(
        f"\n{figures} in {time.monotonic() - started:.0f} s, window {window:.3f} s", file=sys.stderr
    )
    assert figures["syncs killed"] >= KILLS
    assert rep.state() == manager.state()
    everything = texts(rep)
    assert len(everything) == len(set(everything))  # nothing twice
    assert set(confirmed) <= set(everything)  # nothing that was confirmed is lost
    assert set(everything) <= set(confirmed) | set(maybe)  # nothing that was not written
    assert rep.state().problems == ()  # no half-written file anywhere
    for repository in (remote, rep.repository, manager.repository):
        plain_git("--git-dir", str(repository), "fsck", "--no-dangling", "--no-progress")
    assert all(text in full_history(remote) for text in confirmed)
