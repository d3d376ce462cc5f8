"""The garbage collector is paused while the app starts and runs again from its first frame."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from companion.startup import pause_collector, resume_collector
from companion.tui.app import CompanionApp


@pytest.fixture
def collector() -> Iterator[None]:
    """Whatever a test does, the collector is left running, with nothing frozen."""
    yield
    resume_collector()
    gc.enable()
    gc.unfreeze()


def test_a_pause_ends_with_everything_so_far_in_the_permanent_generation(collector) -> None:
    pause_collector()
    assert not gc.isenabled()
    resume_collector()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_resuming_without_a_pause_changes_nothing(collector) -> None:
    gc.disable()  # someone else's choice: not ours to undo
    resume_collector()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


async def test_the_app_resumes_the_collector_after_its_first_frame(collector, make_app) -> None:
    pause_collector()
    app: CompanionApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
