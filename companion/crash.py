"""An unexpected error, reported without showing anyone's journal on the terminal.

A traceback with its local variables is what it takes to fix a bug, and it holds whatever
the program was working on: answers, notes, names. So the full report goes to a private
file under `<home>/logs/`, and the terminal gets one line: what stopped, and where the
report is.
"""

from __future__ import annotations

import io
import os
import platform
import sys
from datetime import datetime
from pathlib import Path

from companion import __version__
from companion.files.atomic import atomic_write_bytes, private_folder
from companion.i18n import _

PROG = "companion"


def write_report(logs: Path, error: BaseException, now: datetime | None = None) -> Path:
    """The full report of `error` (traceback, locals, versions) in a new file, mode 0600."""
    from rich.console import Console
    from rich.traceback import Traceback

    when = now or datetime.now().astimezone()
    private_folder(logs)
    path = logs / f"crash-{when:%Y%m%d-%H%M%S}-{os.getpid()}.log"
    text = io.StringIO()
    console = Console(file=text, width=120, color_system=None, force_terminal=False)
    console.print(f"Companion {__version__}, Python {platform.python_version()}, {when}")
    console.print(f"{sys.platform}; argv: {sys.argv[1:]}\n")
    trace = Traceback.from_exception(
        type(error), error, error.__traceback__, show_locals=True, width=120
    )
    console.print(trace)
    atomic_write_bytes(path, text.getvalue().encode())
    return path


def report_line(logs: Path, error: BaseException) -> str:
    """Write the report and say in one line what happened and where the report is. The
    error's message is left out: it may quote what was being read or typed."""
    kind = type(error).__name__
    try:
        path = write_report(logs, error)
    except Exception as failure:  # a full disk, a read-only home: still one line
        reason = getattr(failure, "strerror", None) or type(failure).__name__
        line = _(
            "{prog}: error: an unexpected {kind} stopped Companion; "
            "no report could be written in {folder} ({reason})"
        )
        return line.format(prog=PROG, kind=kind, folder=logs, reason=reason)
    line = _(
        "{prog}: error: an unexpected {kind} stopped Companion; "
        "the full report (private) is in {path}"
    )
    return line.format(prog=PROG, kind=kind, path=path)
