"""One walk over a pack folder, in the same order everywhere: a folder's entries in name
order, then its subfolders', depth first. Links are never entered."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path


def sorted_tree(
    folder: Path | str, enter: Callable[[os.DirEntry[str]], bool] = lambda entry: True
) -> Iterator[os.DirEntry[str]]:
    """Every entry under `folder` (files, folders and links alike), entering each real
    folder `enter` accepts. An unreadable folder yields nothing."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return
    yield from entries
    for entry in entries:
        if entry.is_dir(follow_symlinks=False) and enter(entry):
            yield from sorted_tree(entry.path, enter)
