"""The shared-space benchmark runs: a small space, one round, every row measured."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.spaces import measure
from tests.spaces_helpers import git_env

__all__ = ["git_env"]  # fixtures used here
pytestmark = pytest.mark.usefixtures("git_env")


def test_every_row_is_measured_against_its_floor(tmp_path: Path) -> None:
    said: list[str] = []

    rows = measure(tmp_path, repeat=1, progress=said.append, weeks=2, shared_items=3)

    assert [row.key for row in rows] == [
        "spaces.sync.nothing-new",
        "spaces.sync.3y",
        "spaces.receive.3y",
        "spaces.state.3y",
    ]
    assert all(row.median and row.floor_median and not row.error for row in rows)
    assert said[0] == "  writing 2 weekly 1:1s and 3 shared items"
    assert said[-1].endswith("holds 10 items")  # 3 shared, 2 summaries, 4 actions, 1 recognition
