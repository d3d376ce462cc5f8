"""Each figure with its floor: the data it needs, and how both are measured in one run.

Every function here takes the `Setup` of the run and returns its rows. Figure and floor are
always measured in turn (`measure.interleaved`), after one untimed round of each, so both see
the same machine load.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import orjson
import yaml

from benchmarks.content import write_generated_pack, write_installed_packs, write_markdown_card
from benchmarks.data import write_month_files
from benchmarks.jrnl_data import write_jrnl_home
from benchmarks.measure import Run, interleaved, probe, spawn, timed
from benchmarks.report import Row, Spec

LOG_TEXT = "Called Acme about the renewal #win"
WARMUP = 1  # untimed rounds `interleaved` runs first (its default)


class Skip(Exception):
    """A row that cannot be measured on this machine (not a failure)."""


@dataclass
class Setup:
    """What every measurement needs: where to put its data, how often to run, what to run."""

    workdir: Path
    repeat: int  # timed rounds for figures that spawn processes
    repeat_in_process: int  # timed rounds for figures measured inside this process
    jrnl: str | None = None
    progress: Callable[[str], None] = field(default=lambda message: None)

    def folder(self, name: str) -> Path:
        """A new, empty folder for one measurement's data."""
        path = self.workdir / name
        path.mkdir(parents=True)
        return path

    def journal_home(self, name: str, entries: int) -> Path:
        """A new home folder whose journal holds `entries` entries (none if 0: the app creates
        an empty journal on its first start)."""
        home = self.folder(name)
        if entries:
            self.progress(f"  writing a {entries:,}-entry journal in {home.name}/")
            write_month_files(home, entries)
        return home


# -- child processes ---------------------------------------------------------------------------


class Recorder:
    """A measure for `interleaved` that spawns a command and keeps every run it made (the
    warm-up first). It returns the seconds from spawn to the child's first frame (or its
    exit), or a figure the child reported."""

    def __init__(
        self, command: Sequence[str], env: dict[str, str] | None = None, figure: str = ""
    ) -> None:
        self.command = list(command)
        self.env = env
        self.figure = figure
        self.runs: list[Run] = []

    def __call__(self) -> float:
        run = spawn(self.command, self.env)
        self.runs.append(run)
        return run.reported[self.figure] if self.figure else run.seconds

    def reported(self, key: str) -> list[float]:
        """A reported figure of every timed run."""
        return [run.reported[key] for run in self.runs[WARMUP:]]


def companion(home: Path, *args: str) -> list[str]:
    """The `companion` command as a user runs it: the console script beside this Python."""
    script = Path(sys.executable).parent / "companion"
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "companion"]
    return [*command, "--home", str(home), *args]


def compare_processes(setup: Setup, spec: Spec, figure: Recorder, floor: Recorder) -> Row:
    samples, floor_samples = interleaved(setup.repeat, figure, floor, warmup=WARMUP)
    return spec.row(samples, floor_samples)


# -- start-up ----------------------------------------------------------------------------------

STARTUP_EMPTY = Spec("startup.empty", "start to home screen, empty home", "bare Textual app", 1.15)
STARTUP_10K = Spec("startup.10k", "start to home screen, 10k entries", "bare Textual app", 1.15)
STARTUP_PACKS = Spec(
    "startup.packs", "start to home screen, 20 packs x 25", "start, empty home", 1.05
)


def startup_empty(setup: Setup) -> list[Row]:
    home = setup.folder("startup-empty")
    figure = Recorder(probe("home", str(home)))
    return [compare_processes(setup, STARTUP_EMPTY, figure, Recorder(probe("bare")))]


def startup_10k(setup: Setup) -> list[Row]:
    home = setup.journal_home("startup-10k", 10_000)
    figure = Recorder(probe("home", str(home)))
    return [compare_processes(setup, STARTUP_10K, figure, Recorder(probe("bare")))]


def check_packs(folders: Sequence[Path], items: int) -> None:
    """Refuse to measure packs that do not load cleanly: the figure would mean nothing."""
    from companion.packs.loader import load_pack

    for folder in folders:
        pack = load_pack(folder, "installed")
        if pack.errors or len(pack.items) != items:
            first = pack.errors[0] if pack.errors else f"{len(pack.items)} items, not {items}"
            raise RuntimeError(f"generated pack {folder} does not validate: {first}")


def startup_packs(setup: Setup) -> list[Row]:
    """Start-up must not grow with the packs installed. The untimed warm-up round starts each
    home once, so anything cached on a first start is in place, as on a user's second start."""
    home = setup.folder("startup-packs")
    setup.progress("  writing 20 packs of 25 items")
    check_packs(write_installed_packs(home, packs=20, items=25), items=25)
    empty = setup.folder("startup-packs-empty")
    figure, floor = Recorder(probe("home", str(home))), Recorder(probe("home", str(empty)))
    return [compare_processes(setup, STARTUP_PACKS, figure, floor)]


# -- companion log, and jrnl ----------------------------------------------------------------

LOG_10K = Spec("log.10k", "`companion log`, 10k entries", "`companion log`, empty", 1.25)
LOG_JRNL = Spec(
    "log.jrnl",
    "`companion log`, 10k entries",
    "jrnl add, 10k entries",
    8.0,
    direction="higher",
    ratio_label="jrnl/ours",
    inverse=True,
)


LOG_100K = Spec("log.100k", "`companion log`, 100k entries", "`companion log`, empty", 1.3)


def log_entries(setup: Setup, spec: Spec, entries: int) -> list[Row]:
    """Whole-process `companion log`. The first command of the day in a home takes the daily
    backup of the journal; the untimed warm-up round takes it in each home, so the timed runs
    are the ordinary ones. Each run adds an entry: the journal grows by a few, no matter."""
    full = setup.journal_home(spec.key, entries)
    empty = setup.folder(f"{spec.key}-empty")
    figure = Recorder(companion(full, "log", LOG_TEXT))
    floor = Recorder(companion(empty, "log", LOG_TEXT))
    return [compare_processes(setup, spec, figure, floor)]


def log_10k(setup: Setup) -> list[Row]:
    return log_entries(setup, LOG_10K, 10_000)


def log_100k(setup: Setup) -> list[Row]:
    """An add rewrites one month's file, so its cost must not grow with the years behind it."""
    return log_entries(setup, LOG_100K, 100_000)


def jrnl_env(folder: Path) -> dict[str, str]:
    """Keep jrnl away from the user's own config and data folders."""
    return {
        "HOME": str(folder),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CACHE_HOME": str(folder / "cache"),
    }


def log_jrnl(setup: Setup) -> list[Row]:
    """How many times faster `companion log` is than jrnl adding the same note to a journal of
    the same size. jrnl's warm-up run also rewrites its config to its own version once."""
    if not setup.jrnl:
        raise Skip("jrnl not installed")
    ours = setup.journal_home("jrnl-companion", 10_000)
    folder = setup.folder("jrnl")
    setup.progress("  writing a 10,000-entry jrnl journal")
    config = write_jrnl_home(folder, 10_000)
    figure = Recorder(companion(ours, "log", LOG_TEXT))
    floor = Recorder([setup.jrnl, "--config-file", str(config), LOG_TEXT], jrnl_env(folder))
    return [compare_processes(setup, LOG_JRNL, figure, floor)]


# -- writing one entry, in process ------------------------------------------------------------


def write_spec(label: str) -> Spec:
    floor = "write, fsync, replace, fsync dir"
    return Spec(f"write.{label}", f"Journal.add, {label} entries", floor, 2.0)


def replace_durably(path: Path, tables: dict[str, object]) -> None:
    """The least an atomic, durable write of the tables needs: the new file synced, put in
    the old one's place, and the folder synced so that the replace itself survives a crash."""
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as handle:
        handle.write(orjson.dumps(tables))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def write_entries(setup: Setup, entries: int, label: str) -> list[Row]:
    """`Journal.add` of one note (the journal grows by one entry per run) against serialising
    the tables of the month file it goes into and replacing a file beside it durably."""
    from companion.models.journal import Note
    from companion.models.tags import extract_tags
    from companion.storage.journal import Journal

    home = setup.journal_home(f"write-{label}", entries)
    journal = Journal.open(home / "journal")
    beside = home / "floor.json"
    current = journal.layout.month_file(f"{datetime.now(UTC):%Y-%m}")

    def add_note() -> float:
        note = Note(created=datetime.now(UTC), text=LOG_TEXT, tags=extract_tags(LOG_TEXT))
        return timed(lambda: journal.add(note))

    def floor() -> float:
        tables = orjson.loads(current.read_bytes())  # untimed: the floor only writes
        return timed(lambda: replace_durably(beside, tables))

    samples, floor_samples = interleaved(setup.repeat_in_process, add_note, floor, warmup=WARMUP)
    return [write_spec(label).row(samples, floor_samples)]


def write_10k(setup: Setup) -> list[Row]:
    return write_entries(setup, 10_000, "10k")


def write_50k(setup: Setup) -> list[Row]:
    return write_entries(setup, 50_000, "50k")


# -- the journal view and memory --------------------------------------------------------------

VIEW_10K = Spec("view.10k", "open journal view, 10k entries", "open journal view, empty", 1.3)
MEMORY_10K = Spec(
    "memory.10k", "peak RSS, journal view 10k", "peak RSS, bare Textual app", 1.5, unit="KB"
)
VIEW_100K = Spec("view.100k", "open journal view, 100k entries", "open journal view, empty", 1.5)
MEMORY_100K = Spec(
    "memory.100k", "peak RSS, journal view 100k", "peak RSS, bare Textual app", 2.0, unit="KB"
)


def view_and_memory_of(setup: Setup, view: Spec, memory: Spec, entries: int) -> list[Row]:
    """Both rows come from the same journal-view runs: the time from the home screen to the
    journal view's first frame, and the peak memory once background loading has ended."""
    full = setup.journal_home(view.key, entries)
    empty = setup.folder(f"{view.key}-empty")
    figure = Recorder(probe("journal-view", str(full)), figure="view_seconds")
    floor = Recorder(probe("journal-view", str(empty)), figure="view_seconds")
    bare = Recorder(probe("bare"))
    samples, floor_samples, _ = interleaved(setup.repeat, figure, floor, bare, warmup=WARMUP)
    return [
        view.row(samples, floor_samples),
        memory.row(figure.reported("rss_kb"), bare.reported("rss_kb")),
    ]


def view_and_memory(setup: Setup) -> list[Row]:
    return view_and_memory_of(setup, VIEW_10K, MEMORY_10K, 10_000)


def view_and_memory_100k(setup: Setup) -> list[Row]:
    """A journal of 100,000 entries (a thousand month files): the view's first frame and the
    process's memory must stay close to an empty journal's and a bare app's."""
    return view_and_memory_of(setup, VIEW_100K, MEMORY_100K, 100_000)


# -- progress: the screen, and the command ----------------------------------------------------

PROGRESS_10K = Spec(
    "progress.10k", "open progress screen, 10k entries", "open progress screen, empty", 1.3
)
PROGRESS_CLI_10K = Spec(
    "progress.cli.10k", "`companion progress`, 10k entries", "`companion journal`, 10k", 1.0
)


def progress_view(setup: Setup) -> list[Row]:
    """From the home screen to the progress screen's first frame, with its default period
    (12 weeks) drawn from the journal's derived files. The untimed warm-up round derives
    them on a first open, as a user's first look would."""
    full = setup.journal_home("progress-10k", 10_000)
    empty = setup.folder("progress-empty")
    figure = Recorder(probe("progress-view", str(full)), figure="view_seconds")
    floor = Recorder(probe("progress-view", str(empty)), figure="view_seconds")
    return [compare_processes(setup, PROGRESS_10K, figure, floor)]


def progress_cli(setup: Setup) -> list[Row]:
    """`companion progress` against `companion journal`, the other command that reads the
    whole period's entries, both on the same 10k-entry journal (output to a pipe)."""
    home = setup.journal_home("progress-cli-10k", 10_000)
    figure = Recorder(companion(home, "progress"))
    floor = Recorder(companion(home, "journal"))
    return [compare_processes(setup, PROGRESS_CLI_10K, figure, floor)]


# -- loading content, in process --------------------------------------------------------------

# Parsed from scratch, markdown-it reads the body of every script, reflection and bank (cards
# need no outline), which the floor (frontmatter only) does not: CommonMark decides every
# case, and the app pays for it once per changed file, loading from the cache otherwise.
CONTENT_500 = Spec("content.500", "load_pack, 500 items, parsed", "read+yaml+pydantic", 6.0)
CONTENT_500_CACHED = Spec(
    "content.500.cached", "load_pack, 500 items, cached", "read+yaml+pydantic", 1.2
)
FENCE = "---\n"


def frontmatter_text(text: str) -> str:
    """The YAML between the opening `---` line and the next one."""
    if not text.startswith(FENCE):
        raise ValueError("no frontmatter")
    yaml_text, _, _body = text[len(FENCE) :].partition("\n" + FENCE)
    return yaml_text


def load_frontmatters(root: Path) -> int:
    """The floor of loading a pack: every file read, its frontmatter parsed and validated."""
    from companion.models.content import Frontmatter

    count = 0
    for path in sorted(root.glob("*/*.md")):
        data = yaml.load(
            frontmatter_text(path.read_text(encoding="utf-8")), Loader=yaml.CSafeLoader
        )
        Frontmatter.model_validate(data)
        count += 1
    return count


def content_500(setup: Setup) -> list[Row]:
    """Loading a pack of 500 items: parsed from scratch (the first time, or with every file
    changed), and as the app loads it again (each item from the cache, stamped with its
    file's size and mtime). Both against the floor of reading and validating the same files'
    frontmatter."""
    from companion.packs.item_cache import ItemCache
    from companion.packs.loader import load_pack

    folder = setup.folder("content")
    root = folder / "generated"
    setup.progress("  writing a pack of 500 items")
    write_generated_pack(root, count=500)
    check_packs([root], items=500)
    cache_file = folder / "items.json"

    def cached() -> int:
        cache = ItemCache(cache_file)
        pack = load_pack(root, "installed", cache)
        cache.save()
        return len(pack.items)

    if cached() != 500:  # fills the cache
        raise RuntimeError("the cache did not give back 500 items")
    samples, cached_samples, floor_samples = interleaved(
        setup.repeat_in_process,
        lambda: timed(lambda: load_pack(root, "installed")),
        lambda: timed(cached),
        lambda: timed(lambda: load_frontmatters(root)),
        warmup=WARMUP,
    )
    return [
        CONTENT_500.row(samples, floor_samples),
        CONTENT_500_CACHED.row(cached_samples, floor_samples),
    ]


# -- a long markdown card ------------------------------------------------------------------------

MARKDOWN_5K = Spec(
    "markdown.5k",
    "start, showing a 5 KB markdown card",
    "bare Textual app",
    0.20,
    compare="difference",
)


def markdown_5k(setup: Setup) -> list[Row]:
    card = write_markdown_card(setup.folder("markdown") / "card.md")
    figure = Recorder(probe("markdown", str(card)))
    return [compare_processes(setup, MARKDOWN_5K, figure, Recorder(probe("bare")))]
