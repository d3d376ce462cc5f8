"""`companion team sync`, the command a person runs, killed (SIGKILL) at random moments more
than a hundred times, on two homes sharing one bare repository, with shares written between
the kills. A sync that fails says so in one line; afterwards one ordinary `team sync` on each
side completes, and every share either side was told was written is on both, exactly once.
(tests/test_spaces_crash.py does the same to the engine's own calls.)"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.spaces.local import open_space, spaces_root
from tests.cli_helpers import run
from tests.spaces_helpers import full_history, git_env, init_bare, plain_git
from tests.test_spaces_crash import kill, texts

__all__ = ["git_env"]  # fixtures used here
pytestmark = [
    pytest.mark.slow,
    pytest.mark.usefixtures("git_env"),
    pytest.mark.skipif(sys.platform != "linux", reason="walks /proc to find git's children"),
]

KILLS = 110
MAX_ROUNDS = 400
SEED = 2112
CHILD = """
import sys
from companion.cli import main
import companion.team_commands, companion.spaces.local  # what `team sync` imports
print("go", flush=True)  # from here on, every moment is a git moment
sys.exit(main(sys.argv[1:]))
"""


def start(home: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, "--home", str(home), "team", "sync"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def began(child: subprocess.Popen[bytes]) -> float:
    assert child.stdout is not None and child.stdout.readline() == b"go\n", child.stderr
    return time.monotonic()


def uncut(home: Path) -> float:
    child = start(home)
    at = began(child)
    assert child.wait(timeout=60) == 0, child.stderr.read()  # type: ignore[union-attr]
    return time.monotonic() - at


def test_team_sync_killed_at_random_loses_nothing_and_the_next_one_completes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    remote = init_bare(tmp_path / "remote.git")
    rep_home, manager_home = tmp_path / "anna", tmp_path / "bob"
    assert run(capsys, "--home", str(manager_home), "team", "link", "Anna", str(remote))[0] == 0
    assert run(capsys, "--home", str(rep_home), "team", "join", str(remote))[0] == 0
    homes = [rep_home, manager_home]
    chooser = random.Random(SEED)
    confirmed: list[str] = []
    figures = {"syncs killed": 0, "syncs completed": 0, "syncs failed": 0}
    window = 0.9 * statistics.median(uncut(home) for home in homes * 3)
    started, number = time.monotonic(), 0
    while figures["syncs killed"] < KILLS and number < MAX_ROUNDS:
        number += 1
        home = chooser.choice(homes)
        if chooser.random() < 0.4:
            text = f"item {number}"
            if home == rep_home:
                code, _out, err = run(capsys, "--home", str(home), "share", text)
            else:
                from companion.spaces.local import NewItem

                space = open_space(spaces_root(home), "anna")
                space.record([NewItem("recognition", text)])
                code, err = 0, ""
            if code == 0:
                confirmed.append(text)
            else:  # a killed git may still hold the write lock for a moment: one line
                assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
        child = start(home)
        at = began(child)
        cut = chooser.random() < 0.85  # some run to the end: they must complete
        limit = at + chooser.uniform(0, window) - time.monotonic() if cut else 60
        try:
            child.wait(timeout=max(0.0, limit))
        except subprocess.TimeoutExpired:
            kill(child, everything=chooser.random() < 0.5)
            figures["syncs killed"] += 1
        else:
            if child.returncode == 0:
                figures["syncs completed"] += 1
            else:
                figures["syncs failed"] += 1
                err = child.stderr.read().decode()  # type: ignore[union-attr]
                assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    for home in (rep_home, manager_home, rep_home):
        code, _out, err = run(capsys, "--home", str(home), "team", "sync")
        assert code == 0, err

    print(
        f"\n{figures} in {number} rounds, {time.monotonic() - started:.0f} s, "
        f"window {window:.3f} s",
        file=sys.stderr,
    )
    rep = open_space(spaces_root(rep_home), "your-manager")
    manager = open_space(spaces_root(manager_home), "anna")
    assert figures["syncs killed"] >= KILLS
    assert rep.state() == manager.state()
    everything = texts(rep)
    assert len(everything) == len(set(everything))  # nothing twice
    assert set(everything) == set(confirmed)  # nothing lost, nothing made up
    assert rep.state().problems == ()  # no half-written file
    for repository in (remote, rep.repository, manager.repository):
        plain_git("--git-dir", str(repository), "fsck", "--no-dangling", "--no-progress")
    assert all(text in full_history(remote) for text in confirmed)
