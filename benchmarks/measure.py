"""How a figure is measured: repeated runs, their median, and child processes timed from spawn.

Start-up figures are whole-process: the clock starts just before the child is spawned and stops
at the moment the child reports its first frame (CLOCK_MONOTONIC is shared by all processes on
Linux). Peak memory comes from the child's own rusage.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Run:
    seconds: float  # spawn -> the moment the child reported (or exited, if it reports nothing)
    reported: dict[str, float]


def spawn(args: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run a child to completion; its stdout lines `key=value` become `reported` figures."""
    started = time.monotonic()
    child = subprocess.Popen(
        list(args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    out, err = child.communicate()  # reads both pipes, then reaps the child
    ended = time.monotonic()
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({child.returncode}):\n{err.decode()[-2000:]}")
    reported = {}
    for line in out.decode().splitlines():
        key, sep, value = line.partition("=")
        if sep and key.startswith("bench."):
            reported[key.removeprefix("bench.")] = float(value)
    frame = reported.get("frame_at")
    return Run(
        seconds=(frame - started) if frame else ended - started,
        reported=reported,
    )


def probe(*args: str) -> list[str]:
    """The command line of a probe run in a fresh interpreter."""
    return [sys.executable, "-m", "benchmarks.probe", *args]


def median_of(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def repeat(count: int, measure: Callable[[], float], warmup: int = 1) -> list[float]:
    """`count` timed runs after `warmup` untimed ones (which fill the OS file cache)."""
    for _ in range(warmup):
        measure()
    return [measure() for _ in range(count)]


def interleaved(count: int, *measures: Callable[[], float], warmup: int = 1) -> list[list[float]]:
    """Runs the measures in turn, `count` rounds, so a figure and its floor see the same
    machine load (this machine is shared and noisy). Every other round runs them in the
    reverse order, so that neither always comes first (just after the previous round's
    last)."""
    for _ in range(warmup):
        for measure in measures:
            measure()
    results: list[list[float]] = [[] for _ in measures]
    order = list(enumerate(measures))
    for round_number in range(count):
        for index, measure in order if round_number % 2 == 0 else reversed(order):
            results[index].append(measure())
    return results


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started
