"""The real `companion` program in a pseudo-terminal of 80x24, as a person runs it: keys go
in as bytes, the screen comes out as bytes, and the test waits for what the screen shows."""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

DEADLINE = 60.0  # seconds: only a hung or broken app takes this long


class Terminal:
    """`companion --home HOME ARGS...`; `before`, if given, is Python run first in the
    same process (to break something on purpose)."""

    def __init__(self, home: Path, *args: str, before: str = "") -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
        program = f"{before}\nfrom companion.__main__ import *"
        self.process = subprocess.Popen(
            [sys.executable, "-c", program, "--home", str(home), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """However the test ended, the app does not outlive it: a process whose test failed
        before it quit would go on running, with nobody reading its terminal."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        with contextlib.suppress(OSError):
            os.close(self.master)

    def _read(self, timeout: float) -> bool:
        """Read what the app wrote meanwhile; False once the terminal is closed."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the app has closed its side
            return False
        self.output += chunk
        return bool(chunk)

    def wait_for(self, text: str) -> None:
        """Until `text` has been drawn (each run of text is written in one piece)."""
        wanted, end = text.encode(), time.monotonic() + DEADLINE
        while wanted not in self.output:
            assert time.monotonic() < end, f"{text!r} never appeared"
            assert self._read(0.1), f"the app ended before showing {text!r}"

    def type(self, keys: str | bytes) -> None:
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)

    def signal(self, number: int) -> int:
        """Send the signal and return the exit status."""
        self.process.send_signal(number)
        return self.wait()

    def wait(self) -> int:
        """The exit status, once the app ends; the screen is read meanwhile, so that the
        app never blocks on a full terminal."""
        end = time.monotonic() + DEADLINE
        while self.process.poll() is None:
            assert time.monotonic() < end, "the app did not end"
            self._read(0.05)
        while select.select([self.master], [], [], 0)[0] and self._read(0):
            pass  # what it wrote last
        return self.process.returncode
