"""Shared fixtures: a private home per test, a frozen clock, and the app built on them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from companion.context import Context
from companion.paths import Home
from companion.storage.journal import Journal

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=CET)


class Clock:
    """A clock the test moves by hand: the wall time and a monotonic reading for timers."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now
        self.seconds = 1000.0

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.seconds

    def advance(self, **delta: float) -> None:
        step = timedelta(**delta)
        self.now += step
        self.seconds += step.total_seconds()


@pytest.fixture(autouse=True)
def env_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """$COMPANION_HOME points at a private folder, so a forgotten --home never reaches the
    real data folder, and tests can check that --home wins over it."""
    path = tmp_path / "env-home"
    monkeypatch.setenv("COMPANION_HOME", str(path))
    return path


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts in English, whatever the machine's locale or the test before."""
    from companion import i18n

    i18n.set_language("en")
    i18n.warm_dates()  # as just after the first frame: a picture never catches a date missing
    yield
    i18n.set_language("en")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path / "home").ensure()


def role_asked(context: Context, role: str = "") -> Context:
    """Someone who has answered home's first question (who they are), or skipped it."""
    context.settings.role = role
    context.settings.role_asked = True
    context.save_settings()
    return context


@pytest.fixture
def context(home: Home, clock: Clock) -> Context:
    """A user past the first start: home's one-time question about their role is answered
    (tests of that question make a context of their own)."""
    return role_asked(Context(home, clock=clock, monotonic=clock.monotonic))


@pytest.fixture
def make_app(context: Context) -> Callable[..., object]:
    from companion.tui.app import CompanionApp

    def build(start: str = "home", **options: str | None) -> CompanionApp:
        return CompanionApp(context, start=start, **options)

    return build


def visible_text(app: object) -> str:
    """What a person would read on the screen right now (from Textual's SVG screenshot)."""
    import html
    import re

    svg = app.export_screenshot()  # type: ignore[attr-defined]
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    return html.unescape(" ".join(lines)).replace("\xa0", " ")


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal"


@pytest.fixture
def journal(journal_path: Path) -> Journal:
    return Journal.open(journal_path)
