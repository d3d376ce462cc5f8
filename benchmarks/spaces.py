"""Shared spaces: `python -m benchmarks.spaces [--repeat N | --quick]`, or `space_rows(setup)`
from the benchmark run.

Everything lives in a temporary folder: a bare remote and two homes (a rep's, a manager's).
Each figure is measured in turn with its floor (`measure.interleaved`), in this process, so
Python's start-up is in neither:

- `spaces.sync.nothing-new`: a sync with nothing to do, against the `git fetch` and `git push`
  it wraps, run as plain git commands on the same clone and remote;
- `spaces.sync.3y`: the same sync on a space holding three years of weekly 1:1s and 500 shared
  items, against a new space: it must not grow with the space;
- `spaces.receive.3y`: a sync that brings in one new item, on the three-year space, against
  the same on a new space. The state is every event replayed, so this one grows with the
  space (its files are parsed once, then come from the cache);
- `spaces.state.3y`: the state (what `agenda` and `actions` show) of the three-year space as
  a new process reads it, against the least any reader of the files needs: `git ls-tree` and
  `git cat-file --batch` of every file, with nothing parsed.

With `processes` (the run of `python -m benchmarks`, and `--processes` here), whole commands
as a person runs them, each in a new process:

- `spaces.cli-sync.3y`: `companion team sync` with nothing new on the three-year space,
  against the same command on a new space;
- `spaces.agenda.3y`: `companion agenda` on the three-year space, against a new space;
- `startup.space.3y`: start to the home screen in the manager's home holding the three-year
  space, against an empty home: home reads the spaces' facts only, never a repository.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

from benchmarks.measure import interleaved, timed
from benchmarks.report import Row, Spec, format_table

SYNC_NOTHING_NEW = Spec("spaces.sync.nothing-new", "sync, nothing new", "git fetch + git push", 1.5)
SYNC_3Y = Spec("spaces.sync.3y", "sync, nothing new, 3 years", "same, new space", 1.3)
RECEIVE_3Y = Spec("spaces.receive.3y", "sync receiving 1 item, 3 years", "same, new space", 3.0)
STATE_3Y = Spec("spaces.state.3y", "state, 3 years (cached)", "ls-tree + cat-file, 3 years", 3.0)
CLI_SYNC_3Y = Spec("spaces.cli-sync.3y", "`companion team sync`, 3 years", "same, new space", 1.3)
AGENDA_3Y = Spec("spaces.agenda.3y", "`companion agenda`, 3 years", "same, new space", 1.5)
STARTUP_3Y = Spec(
    "startup.space.3y", "start to home screen, 3-year space", "start, empty home", 1.1
)
WEEKS = 3 * 52
SHARED_ITEMS = 500
START = datetime(2023, 1, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))


class Clock:
    """The time the generated history is written at, moved on by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def pair(folder: Path, clock: Clock | None = None) -> tuple[object, object, Path]:
    """A bare remote, and a rep and a manager linked to it."""
    from companion.spaces.local import connect

    remote = folder / "remote.git"
    subprocess.run(["git", "init", "--bare", "--quiet", str(remote)], check=True)
    options = {"now": clock} if clock else {}
    # each in the `spaces` folder of a home, so the commands and the app can use them too
    manager = connect(
        folder / "manager" / "spaces", "anna", str(remote), "manager", "Anna", **options
    )
    rep = connect(folder / "rep" / "spaces", "bob", str(remote), "rep", "Bob", **options)
    return rep, manager, remote


def write_three_years(  # type: ignore[no-untyped-def]
    rep, manager, clock: Clock, progress: Callable[[str], None], weeks: int, shared_items: int
) -> None:
    """Three years of weekly 1:1s: each week the rep shares a few items (500 in all), the
    manager holds the 1:1 (a summary, two actions, the items discussed, and a recognition
    every fourth week), and the rep marks done the actions that came back; the two sync
    every other week, as people who are sometimes offline."""
    from companion.spaces.local import NewEvent, NewItem

    shared = 0
    for week in range(weeks):
        clock.now = START + timedelta(weeks=week)
        count = shared_items * (week + 1) // weeks - shared
        for number in range(count):
            rep.share(f"Week {week}: something to talk about ({number})", prompt="Obstacles")
        shared += count
        clock.now += timedelta(days=3)
        held = clock.now.date()
        changes = [NewEvent(item.id, "discussed") for item in manager.state().agenda()]
        changes += [
            NewItem("summary", f"Summary of week {week}: what we agreed.", {"held": held}),
            NewItem("action", f"Rep's action of week {week}", {"owner": "rep", "due": held}),
            NewItem("action", f"Manager's action of week {week}", {"owner": "manager"}),
        ]
        if week % 4 == 0:
            changes.append(NewItem("recognition", f"Well done in week {week}!"))
        manager.record(changes)
        clock.now += timedelta(days=1)
        done = [NewEvent(item.id, "done") for item in rep.state().open_actions("rep")]
        if done:
            rep.record(done)
        if week % 2 == 1:
            for space in (manager, rep, manager):
                space.sync()
        if week % 26 == 25:
            progress(f"  {week + 1} weeks written")
    for space in (rep, manager, rep):
        space.sync()


def read_every_file(repository: Path) -> None:
    """The floor of reading a state: every file's bytes out of git, nothing parsed."""
    git = ["git", "--git-dir", str(repository)]
    listing = subprocess.run([*git, "ls-tree", "-r", "-z", "main"], capture_output=True, check=True)
    shas = [line.split(b"\t")[0].split()[2] for line in listing.stdout.split(b"\0") if line]
    subprocess.run(
        [*git, "cat-file", "--batch"],
        input=b"\n".join(shas) + b"\n",
        capture_output=True,
        check=True,
    )


def git_fetch_and_push(repository: Path, remote: Path) -> None:
    """The floor: what a sync wraps, as plain git commands."""
    git = ["git", "--git-dir", str(repository)]
    subprocess.run(
        [*git, "fetch", "--quiet", str(remote), "+refs/heads/main:refs/remotes/origin/main"],
        check=True,
    )
    subprocess.run(
        [*git, "push", "--quiet", str(remote), "refs/heads/main:refs/heads/main"], check=True
    )


def space_rows(setup: object) -> list[Row]:
    """The rows, for `benchmarks/__main__.py` (its `Setup` gives the folder and rounds)."""
    return measure(
        setup.folder("spaces"),  # type: ignore[attr-defined]
        setup.repeat_in_process,  # type: ignore[attr-defined]
        setup.progress,  # type: ignore[attr-defined]
        processes=setup.repeat,  # type: ignore[attr-defined]
    )


def measure(
    folder: Path,
    repeat: int,
    progress: Callable[[str], None],
    weeks: int = WEEKS,
    shared_items: int = SHARED_ITEMS,
    processes: int = 0,
) -> list[Row]:
    """The in-process rows, and with `processes` rounds the whole-command rows too."""
    from companion.spaces.local import open_space

    small_rep, small_manager, small_remote = pair(folder / "new")
    small_manager.record([_recognition("Welcome!")])
    small_manager.sync()
    small_rep.sync()
    clock = Clock()
    progress(f"  writing {weeks} weekly 1:1s and {shared_items} shared items")
    big_rep, big_manager, _big_remote = pair(folder / "3y", clock)
    write_three_years(big_rep, big_manager, clock, progress, weeks, shared_items)
    items = len(big_rep.state().items)
    progress(f"  the three-year space holds {items} items")

    def fresh(space):  # type: ignore[no-untyped-def]
        """The space as a new process opens it (nothing kept in memory)."""
        return open_space(space.folder.parent, space.id)

    nothing_new, floor = interleaved(
        repeat,
        lambda: timed(small_rep.sync),
        lambda: timed(lambda: git_fetch_and_push(small_rep.repository, small_remote)),
    )
    big_sync, small_sync = interleaved(
        repeat, lambda: timed(fresh(big_rep).sync), lambda: timed(fresh(small_rep).sync)
    )

    def receive(rep, manager) -> float:  # type: ignore[no-untyped-def]
        manager.record([_recognition("One more")])
        manager.sync()
        return timed(fresh(rep).sync)

    big_receive, small_receive = interleaved(
        repeat, lambda: receive(big_rep, big_manager), lambda: receive(small_rep, small_manager)
    )
    big_state, raw_read = interleaved(
        repeat,
        lambda: timed(lambda: fresh(big_rep).state().agenda()),
        lambda: timed(lambda: read_every_file(big_rep.repository)),
    )
    rows = [
        SYNC_NOTHING_NEW.row(nothing_new, floor),
        SYNC_3Y.row(big_sync, small_sync),
        RECEIVE_3Y.row(big_receive, small_receive),
        STATE_3Y.row(big_state, raw_read),
    ]
    if processes:
        progress("  whole commands, each in a new process")
        rows += process_rows(folder, processes)
    return rows


def process_rows(folder: Path, repeat: int) -> list[Row]:
    """`team sync`, `agenda` and the home screen's start, on the three-year space and on a
    new one (or an empty home), as a person runs them."""
    from benchmarks.figures import Recorder, companion
    from benchmarks.measure import probe

    big, small = folder / "3y" / "manager", folder / "new" / "manager"
    empty = folder / "empty-home"
    empty.mkdir()

    def pair_of(*args: str) -> tuple[list[float], list[float]]:
        return interleaved(
            repeat, Recorder(companion(big, *args)), Recorder(companion(small, *args))
        )

    cli_sync, cli_sync_floor = pair_of("team", "sync")
    agenda, agenda_floor = pair_of("agenda")
    start, start_floor = interleaved(
        repeat, Recorder(probe("home", str(big))), Recorder(probe("home", str(empty)))
    )
    return [
        CLI_SYNC_3Y.row(cli_sync, cli_sync_floor),
        AGENDA_3Y.row(agenda, agenda_floor),
        STARTUP_3Y.row(start, start_floor),
    ]


def _recognition(text: str) -> object:
    from companion.spaces.local import NewItem

    return NewItem("recognition", text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.spaces", description=__doc__)
    rounds = parser.add_mutually_exclusive_group()
    rounds.add_argument("--repeat", type=int, default=21, metavar="N", help="timed rounds")
    rounds.add_argument("--quick", action="store_true", help="3 rounds: a smoke test")
    parser.add_argument(
        "--processes", action="store_true", help="also the whole-command rows (slower)"
    )
    args = parser.parse_args(argv)
    repeat = 3 if args.quick else args.repeat
    with tempfile.TemporaryDirectory(prefix="companion-spaces-") as workdir:
        rows = measure(Path(workdir), repeat, print, processes=repeat if args.processes else 0)
    print(format_table(rows))
    return 0 if all(row.ok for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
