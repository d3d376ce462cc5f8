"""Atomic, private file writes: a crash leaves the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

PRIVATE = 0o600
TEMP_SUFFIX = ".tmp"


def private_folder(folder: Path) -> None:
    """Create `folder` and any missing parent, each private to the user (0700, whatever
    the umask); an existing folder is left as it is."""
    if folder.is_dir():
        return
    private_folder(folder.parent)
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        return
    os.chmod(folder, 0o700)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable: without this a power cut can forget the replace."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # e.g. platforms without directory handles
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(
    path: Path,
    data: bytes | Sequence[bytes | memoryview],
    mode: int = PRIVATE,
    durable: bool = True,
) -> None:
    """Write to a temp file beside `path`, fsync it, then `os.replace` it over `path`.

    `data` may be a sequence of buffers written one after another, so that a big file made of
    parts of another need not be joined in memory first. On any failure (full disk,
    permissions, a signal) the temp file is removed and the old file is left exactly as it
    was. `durable=False` skips the fsyncs, for caches that can be rebuilt.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if durable:
        fsync_dir(path.parent)


def leftover_temp_files(path: Path) -> list[Path]:
    """Temp files an interrupted write of `path` may have left behind."""
    return sorted(path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"))


def _free_name(path: Path, label: str, now: datetime) -> Path:
    """`NAME.LABEL-<stamp>` beside `path`, numbered if that is taken."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    number = 1
    while target.exists() or target.is_symlink():
        number += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{number}")
    return target


def keep_beside(path: Path, label: str, now: datetime) -> Path:
    """Keep the file `path` as it is now under a new name beside it, before something
    replaces it: a hard link to the same file, so nothing is copied."""
    target = _free_name(path, label, now)
    try:
        os.link(path, target)
    except OSError:  # a file system without hard links: copy it
        atomic_write_bytes(target, path.read_bytes())
    fsync_dir(path.parent)
    return target


def move_aside(path: Path, label: str, now: datetime) -> Path:
    """Rename `path` (a file, a folder or a link) to a new name beside it; never over
    another file."""
    target = _free_name(path, label, now)
    os.rename(path, target)
    fsync_dir(path.parent)
    return target
