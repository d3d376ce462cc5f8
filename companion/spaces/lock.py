"""A space's locks: exclusive `flock`s on files beside its repository.

Unlike the journal's lock, the descriptor is kept at hand: every git command an operation
starts inherits it, so if Companion is killed mid-sync, the git it left running still holds
the lock, and the next sync waits for that git to end instead of racing it. A lock left by
a process that is gone is released by the system with its last descriptor.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import TracebackType

from companion.spaces.errors import SpaceBusy

POLL_SECONDS = 0.02


class SpaceLock:
    def __init__(self, path: Path, timeout: float, busy: str) -> None:
        self.path = path
        self.timeout = timeout
        self.busy = busy  # the line to show if it stays taken
        self.fd: int | None = None
        self._other: object = None  # the lock used where flock does not exist

    def __enter__(self) -> SpaceLock:
        if os.name != "posix":  # pragma: no cover - exercised on Windows only
            from filelock import FileLock, Timeout

            self._other = FileLock(self.path, timeout=self.timeout)
            try:
                self._other.acquire()  # type: ignore[attr-defined]
            except Timeout:
                raise SpaceBusy(self.busy) from None
            return self
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise SpaceBusy(self.busy) from None
                time.sleep(POLL_SECONDS)
            except BaseException:
                os.close(fd)
                raise
        self.fd = fd
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._other is not None:  # pragma: no cover - Windows
            self._other.release()  # type: ignore[attr-defined]
            self._other = None
        if self.fd is not None:
            import fcntl

            try:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
            finally:
                os.close(self.fd)
                self.fd = None
