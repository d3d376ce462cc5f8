"""Run a callback once things have been quiet for a moment (e.g. write a draft after typing)."""

from __future__ import annotations

from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer


class Debouncer:
    def __init__(self, owner: MessagePump, delay: float, callback: Callable[[], object]) -> None:
        self.owner = owner
        self.delay = delay
        self.callback = callback
        self._timer: Timer | None = None

    def schedule(self) -> None:
        """Call back `delay` seconds from now, replacing any call already scheduled."""
        self.cancel()
        self._timer = self.owner.set_timer(self.delay, self.callback)

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
