"""The journal's inter-process lock: an exclusive `flock` on a file beside the journal.

filelock does the same, but importing it is a cost paid by every `companion log` and
every start; on POSIX the lock is a few lines over `fcntl.flock`. Elsewhere (Windows)
filelock does the work. The lock is re-entrant within a thread, and threads of one process
take turns, as with filelock.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from types import TracebackType

POLL_SECONDS = 0.05


class LockTimeout(Exception):
    """Another process held the lock for longer than the timeout."""


class JournalLock:
    def __init__(self, path: Path, timeout: float, mode: int = 0o600) -> None:
        self.path = path
        self.timeout = timeout
        self.mode = mode
        self._threads = threading.RLock()
        self._depth = 0  # how many times the holding thread entered
        self._held: _Held | None = None

    def __enter__(self) -> JournalLock:
        if not self._threads.acquire(timeout=self.timeout):
            raise LockTimeout(self.path)
        try:
            if self._depth == 0:
                self._held = _hold(self.path, self.timeout, self.mode)
            self._depth += 1
        except BaseException:
            self._threads.release()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._depth -= 1
        try:
            if self._depth == 0 and self._held is not None:
                self._held.release()
                self._held = None
        finally:
            self._threads.release()


class _Held:
    """The lock as held on this platform."""

    def release(self) -> None:
        raise NotImplementedError


if os.name == "posix":
    import fcntl

    class _Flock(_Held):
        def __init__(self, fd: int) -> None:
            self.fd = fd

        def release(self) -> None:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
            finally:
                os.close(self.fd)

    def _hold(path: Path, timeout: float, mode: int) -> _Held:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, mode)
        deadline = time.monotonic() + timeout
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return _Flock(fd)
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeout(path) from None
                    time.sleep(POLL_SECONDS)
        except BaseException:
            os.close(fd)
            raise

else:  # pragma: no cover - exercised on Windows only

    class _FileLockHeld(_Held):
        def __init__(self, lock: object) -> None:
            self.lock = lock

        def release(self) -> None:
            self.lock.release()  # type: ignore[attr-defined]

    def _hold(path: Path, timeout: float, mode: int) -> _Held:
        from filelock import FileLock, Timeout

        lock = FileLock(path, timeout=timeout, mode=mode)
        try:
            lock.acquire()
        except Timeout as error:
            raise LockTimeout(path) from error
        return _FileLockHeld(lock)
