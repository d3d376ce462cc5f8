"""The floor of the start-up figures: a Textual app with one screen and one line of text.

A module of its own so that the probe imports Textual only when a probe needs it.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static


class BareScreen(Screen[None]):
    def __init__(self, renderable: object = "Hello") -> None:
        super().__init__()
        self.renderable = renderable

    def compose(self) -> ComposeResult:
        yield Static(self.renderable)  # type: ignore[arg-type]


class BareApp(App[None]):
    def __init__(self, renderable: object = "Hello") -> None:
        super().__init__()
        self.renderable = renderable

    def on_mount(self) -> None:
        self.push_screen(BareScreen(self.renderable))
