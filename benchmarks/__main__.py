"""`python -m benchmarks`: measure every figure against its floor and print whether each meets
its target.

Data is generated in a temporary folder, and every child gets `--home` inside it (and no
$COMPANION_HOME), so the user's own journal is never read or touched. Exit status: 0 when every
row meets its target, 1 when one fails, 2 when one could not be measured (skipped rows, such as
jrnl's when jrnl is not installed, count as neither).
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import figures
from benchmarks.figures import Setup, Skip
from benchmarks.filters import filter_rows
from benchmarks.report import (
    ERROR,
    FAIL,
    Row,
    Spec,
    format_amount,
    format_compared,
    format_facts,
    format_table,
    machine_facts,
    write_json,
)
from benchmarks.spaces import space_rows

PROCESS_REPEAT = 31  # rounds of figures that spawn a process: a pair differs by up to 1.5x here,
# and with 21 rounds a ratio of medians moved by 0.05-0.1 from one run to the next
IN_PROCESS_REPEAT = 21
QUICK_REPEAT = 3


@dataclass(frozen=True)
class Benchmark:
    """One measurement and the rows it gives: those of `specs`, or for rows not known in
    advance, any whose key starts with `prefix`."""

    run: Callable[[Setup], list[Row]]
    specs: tuple[Spec, ...] = ()
    prefix: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(spec.key for spec in self.specs) or (f"{self.prefix}*",)

    def wanted(self, only: str | None) -> bool:
        if not only:
            return True
        by_prefix = bool(self.prefix) and only.startswith(self.prefix)
        return by_prefix or any(only in key for key in self.keys)

    def skipped(self, reason: str) -> list[Row]:
        return [spec.skipped_row(reason) for spec in self.specs]

    def failed(self, message: str) -> list[Row]:
        specs = self.specs or (Spec(self.keys[0], "-", "-", math.nan),)
        return [spec.error_row(message) for spec in specs]


BENCHMARKS = (
    Benchmark(figures.startup_empty, (figures.STARTUP_EMPTY,)),
    Benchmark(figures.startup_10k, (figures.STARTUP_10K,)),
    Benchmark(figures.startup_packs, (figures.STARTUP_PACKS,)),
    Benchmark(figures.log_10k, (figures.LOG_10K,)),
    Benchmark(figures.log_100k, (figures.LOG_100K,)),
    Benchmark(figures.log_jrnl, (figures.LOG_JRNL,)),
    Benchmark(figures.write_10k, (figures.write_spec("10k"),)),
    Benchmark(figures.write_50k, (figures.write_spec("50k"),)),
    Benchmark(figures.view_and_memory, (figures.VIEW_10K, figures.MEMORY_10K)),
    Benchmark(figures.view_and_memory_100k, (figures.VIEW_100K, figures.MEMORY_100K)),
    Benchmark(figures.progress_view, (figures.PROGRESS_10K,)),
    Benchmark(figures.progress_cli, (figures.PROGRESS_CLI_10K,)),
    Benchmark(filter_rows, prefix="filter."),
    Benchmark(figures.content_500, (figures.CONTENT_500, figures.CONTENT_500_CACHED)),
    Benchmark(figures.markdown_5k, (figures.MARKDOWN_5K,)),
    Benchmark(space_rows, prefix="spaces."),
)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure Companion's figures against their floors, in one run.",
    )
    rounds = parser.add_mutually_exclusive_group()
    rounds.add_argument(
        "--repeat",
        type=int,
        metavar="N",
        help=f"timed rounds for every figure (default {PROCESS_REPEAT} for figures that "
        f"spawn a process, {IN_PROCESS_REPEAT} for those measured in process)",
    )
    rounds.add_argument(
        "--quick", action="store_true", help=f"{QUICK_REPEAT} rounds each: a smoke test"
    )
    parser.add_argument("--only", metavar="SUBSTRING", help="only rows whose key contains it")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write results as JSON")
    parser.add_argument(
        "--jrnl", metavar="PATH", help="the jrnl executable (default: jrnl on $PATH)"
    )
    args = parser.parse_args(argv)
    if args.repeat is not None and args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def repeats(args: argparse.Namespace) -> tuple[int, int]:
    """Timed rounds for process-level and in-process figures."""
    if args.quick:
        return QUICK_REPEAT, QUICK_REPEAT
    if args.repeat:
        return args.repeat, args.repeat
    return PROCESS_REPEAT, IN_PROCESS_REPEAT


def jrnl_version(jrnl: str | None) -> str:
    if jrnl is None:
        return "not installed"
    try:
        done = subprocess.run(
            [jrnl, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"{jrnl} (no version: {error})"
    first = done.stdout.strip().splitlines()[:1]
    return f"{first[0] if first else 'unknown version'} ({jrnl})"


def measure(benchmark: Benchmark, setup: Setup) -> list[Row]:
    """The benchmark's rows; a crash gives ERROR rows instead of ending the whole run."""
    try:
        return benchmark.run(setup)
    except Skip as skip:
        return benchmark.skipped(str(skip))
    except Exception as error:  # a probe broken by a change must not hide the other rows
        message = f"{type(error).__name__}: {error}"
        progress(f"  failed: {message}")
        return benchmark.failed(message)


def describe(row: Row) -> str:
    if row.skipped or row.error:
        return f"  {row.key}: {row.status}"
    median = format_amount(row.median, row.unit)
    floor = format_amount(row.floor_median, row.unit)
    return f"  {row.key}: {median} vs {floor}, ratio {format_compared(row)}: {row.status}"


def run_all(benchmarks: Sequence[Benchmark], setup: Setup, only: str | None) -> list[Row]:
    rows: list[Row] = []
    for number, benchmark in enumerate(benchmarks, start=1):
        progress(f"[{number}/{len(benchmarks)}] {', '.join(benchmark.keys)}")
        started = time.monotonic()
        measured = [row for row in measure(benchmark, setup) if not only or only in row.key]
        for row in measured:
            progress(describe(row))
        progress(f"  ({time.monotonic() - started:.0f} s)")
        rows += measured
    return rows


def exit_status(rows: Sequence[Row]) -> int:
    statuses = {row.status for row in rows}
    if ERROR in statuses:
        return 2
    return 1 if FAIL in statuses else 0


def compile_companion() -> None:
    """Byte-compile Companion's modules first, as pip does when it installs a package. Run
    from a checkout (an editable install), and with $PYTHONDONTWRITEBYTECODE set, every child
    would otherwise compile every module it imports, while Textual's are compiled already."""
    import compileall

    import companion

    compileall.compile_dir(Path(companion.__file__).parent, quiet=1)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.pop("COMPANION_HOME", None)  # children get --home, and nothing else
    compile_companion()
    process_repeat, in_process_repeat = repeats(args)
    jrnl = shutil.which(args.jrnl or "jrnl")
    facts = {**machine_facts(), "jrnl": jrnl_version(jrnl)}
    settings = {
        "repeat": process_repeat,
        "repeat_in_process": in_process_repeat,
        "warmup": figures.WARMUP,
        "only": args.only,
    }
    print(format_facts(facts))
    print(
        f"rounds: {process_repeat} per figure that spawns a process, {in_process_repeat} "
        f"in process, each after {figures.WARMUP} untimed; medians of figure and floor, "
        "measured in turn\n",
        flush=True,
    )
    chosen = [benchmark for benchmark in BENCHMARKS if benchmark.wanted(args.only)]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="companion-benchmarks-") as workdir:
        setup = Setup(Path(workdir), process_repeat, in_process_repeat, jrnl, progress)
        rows = run_all(chosen, setup, args.only)
    seconds = time.monotonic() - started
    print(format_table(rows) if rows else "no rows match --only")
    print(f"\nmeasured in {seconds:.0f} s")
    for row in rows:
        if row.error:
            print(f"{row.key}: {row.error.splitlines()[0]}")
    if args.json:
        write_json(args.json, facts, {**settings, "seconds": round(seconds, 1)}, rows)
    return exit_status(rows)


if __name__ == "__main__":
    sys.exit(main())
