"""What a benchmark child process runs: `python -m benchmarks.probe NAME [ARGS]`.

Each probe prints `bench.KEY=VALUE` lines: `frame_at` (CLOCK_MONOTONIC when the first frame of
the screen being measured was drawn), other timings, and `rss_kb` (its own peak memory).
The companion probes run the real `companion` entry point; they only make the app headless at
80x24 and have it exit once the measured screen has drawn its first frame.
"""

from __future__ import annotations

import inspect
import resource
import sys
import time
from collections.abc import Callable, Sequence
from functools import partialmethod
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen


def headless() -> None:
    """Every Textual app runs headless at 80x24 (this imports Textual)."""
    from textual.app import App

    App.run = partialmethod(App.run, headless=True, size=(80, 24))  # type: ignore[method-assign]


def report(**figures: float) -> None:
    for key, value in figures.items():
        print(f"bench.{key}={value}", flush=True)


def peak_rss_kb() -> int:
    """This process's own peak resident memory. Not ru_maxrss on Linux: it survives exec, so
    a child spawned by a big parent (the benchmark, after its in-process rows) reports the
    parent's peak. VmHWM belongs to the memory map that exec gave this program."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def after_first_frame(
    screen_class: type[Screen[object]], then: Callable[[Screen[object]], object]
) -> None:
    """Call `then(screen)` once a `screen_class` screen has mounted and drawn its first frame
    (after its own on_mount, which may be async: Textual awaits what a handler returns)."""
    original = screen_class.__dict__.get("on_mount")

    def on_mount(self: Screen[object]) -> object:
        result = original(self) if original is not None else None
        if inspect.isawaitable(result):

            async def mounted() -> None:
                await result
                self.call_after_refresh(then, self)

            return mounted()
        self.call_after_refresh(then, self)
        return None

    screen_class.on_mount = on_mount  # type: ignore[attr-defined]


def finish(screen: Screen[object]) -> None:
    report(frame_at=time.monotonic(), rss_kb=peak_rss_kb())
    screen.app.exit()


def bare() -> None:
    headless()
    _show_bare("Hello")


def markdown(path: str) -> None:
    """The bare app showing a markdown file through Companion's own renderer."""
    headless()
    from companion.tui.text import markdown as render

    _show_bare(render(Path(path).read_text(encoding="utf-8")))


def _show_bare(renderable: object) -> None:
    """The bare app showing `renderable`, until its first frame."""
    from benchmarks.bare import BareApp, BareScreen

    after_first_frame(BareScreen, finish)
    BareApp(renderable).run()


def run_companion(args: Sequence[str], hooks: Callable[[], None]) -> None:
    """Run `companion ARGS` as the console script does, after `hooks()` set up what the probe
    watches. `companion` pauses the garbage collector before it imports the app (see
    companion/startup.py); the probe pauses it the same way a little earlier, since its
    hooks import Textual first."""
    from companion.cli import console
    from companion.startup import pause_collector

    pause_collector()
    headless()
    hooks()
    sys.argv = ["companion", *args]
    sys.exit(console())


def home(home_dir: str) -> None:
    """`companion --home DIR` until the home screen (with its card of the day) is drawn."""

    def hooks() -> None:
        from companion.tui.screens.home import HomeScreen

        after_first_frame(HomeScreen, finish)

    run_companion(["--home", home_dir], hooks)


def journal_view(home_dir: str) -> None:
    """From the home screen, open the journal view: time to its first frame; then wait for
    any loading in the background to end and report the peak memory."""
    opened: list[float] = []

    def open_journal(screen: Screen[object]) -> None:
        from companion.tui.destinations import Destination

        opened.append(time.monotonic())
        Destination.JOURNAL.open(screen.app)

    async def shown(screen: Screen[object]) -> None:
        report(view_seconds=time.monotonic() - opened[0])
        await screen.app.workers.wait_for_complete()
        report(rss_kb=peak_rss_kb())
        screen.app.exit()

    def hooks() -> None:
        from companion.tui.screens.home import HomeScreen
        from companion.tui.screens.journal import JournalScreen

        after_first_frame(HomeScreen, open_journal)
        after_first_frame(JournalScreen, shown)

    run_companion(["--home", home_dir], hooks)


def progress_view(home_dir: str) -> None:
    """From the home screen, open the progress screen: time to its first frame, with every
    part drawn (its figures are computed as it mounts)."""
    opened: list[float] = []

    def open_progress(screen: Screen[object]) -> None:
        from companion.tui.destinations import Destination

        opened.append(time.monotonic())
        Destination.PROGRESS.open(screen.app)

    def shown(screen: Screen[object]) -> None:
        report(view_seconds=time.monotonic() - opened[0], rss_kb=peak_rss_kb())
        screen.app.exit()

    def hooks() -> None:
        from companion.tui.screens.home import HomeScreen
        from companion.tui.screens.progress import ProgressScreen

        after_first_frame(HomeScreen, open_progress)
        after_first_frame(ProgressScreen, shown)

    run_companion(["--home", home_dir], hooks)


PROBES: dict[str, Callable[..., None]] = {
    "bare": bare,
    "markdown": markdown,
    "home": home,
    "journal-view": journal_view,
    "progress-view": progress_view,
}

if __name__ == "__main__":
    PROBES[sys.argv[1]](*sys.argv[2:])
