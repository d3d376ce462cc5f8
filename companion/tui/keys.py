"""Keys handled in the order they were typed: each is done before the next one is routed.

Textual routes a key as soon as the App takes it from its queue. A priority binding (PgDn,
Ctrl+S) runs there and then; any other key is posted to the focused widget's queue, and its
binding (Tab, Enter) runs only when the key has bubbled back up to the App; a focus change a
handler asks for waits in the App's queue. Keys that arrive together (a paste without
bracketed paste, a text expander, ssh lag, a loaded machine) are therefore routed before the
keys ahead of them are done: a save runs before the last letters reach the text box, and
letters typed after a step key or a Tab go to the old field, or to none.

`KeyOrder` holds each key (and paste) the terminal sends and lets Textual route it only once
the app has settled: the widget the last key went to, the focused widget, their ancestors up
to the screen, and the App have handled everything queued for them, including the messages
the earlier keys caused. A binding then finds every field holding the keys typed before it,
and a key typed after a Tab, a step change or a new dialog goes to the field focused by then.

One shortcut keeps a long burst of text as fast as Textual makes it: a run of printable
characters typed into a text box goes on without waiting between them, since the box takes
each as text (Textual's Input and TextArea stop such a key) and nothing else sees it.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable

from textual import events
from textual.app import App
from textual.message_pump import MessagePump

# A pump that has not answered by then is taken as stuck: the keyboard must never freeze.
STUCK_SECONDS = 2.0

Route = Callable[[events.Event], Awaitable[None]]


class KeyOrder:
    """Routes the App's keys one at a time, through `route` (Textual's own dispatch)."""

    def __init__(self, app: App[object], route: Route) -> None:
        self._app = app
        self._route = route
        self._held: deque[events.Event] = deque()
        self._routing = False
        self._sent_to: MessagePump | None = None  # where the last key went

    @staticmethod
    def holds(event: events.Event) -> bool:
        """Whether `event` is typed input arriving from the terminal (not bubbling back)."""
        return isinstance(event, events.Key | events.Paste) and not event.is_forwarded

    def hold(self, event: events.Event) -> None:
        self._held.append(event)
        if not self._routing:
            self._routing = True
            self._app.run_worker(self._route_held(), name="keys in order", group="keys")

    async def _route_held(self) -> None:
        """Route the held keys in turn, each once the app has settled; end settled."""
        try:
            while True:
                await self._settle()
                if not self._held:
                    return
                done = asyncio.get_running_loop().create_future()
                if not self._app.call_later(self._route_next, done):
                    return  # the app is closing
                await done
        finally:
            self._routing = False

    async def _route_next(self, done: asyncio.Future[None]) -> None:
        """Textual's routing of the next key, run by the App as it would run it itself;
        then of the text that follows it into the same box."""
        try:
            while True:
                event = self._held.popleft()
                target = self._sent_to = self._app.focused or self._app.screen
                await self._route(event)
                if not self._more_text_for(event, target):
                    return
        finally:
            _resolve(done)

    def _more_text_for(self, event: events.Event, target: MessagePump) -> bool:
        """Whether the next held key is more text for the box `event` was typed into: it
        needs no wait, as the box took `event` itself and nothing else will see it."""
        return (
            bool(self._held)
            and _is_text(self._held[0])
            and target is self._app.focused
            and _typed_text(event, target)
        )

    async def _settle(self) -> None:
        """Until every pump that can still act on the keys so far has nothing queued."""
        while True:
            for pump in self._pumps():
                await _handled(pump)
            if not any(pump.message_queue_size for pump in self._pumps()):
                return

    def _pumps(self) -> list[MessagePump]:
        """The last key's target and the focused widget with their ancestors, bottom up,
        then the App (last: their messages bubble up to it)."""
        app = self._app
        starts = (self._sent_to, app.focused, app.screen) if app.screen_stack else ()
        chains: dict[MessagePump, None] = {}
        for start in starts:
            for node in start.ancestors_with_self if start is not None else ():
                if node is not app and node.is_running:  # a closed one holds nothing to wait for
                    chains.setdefault(node)
        return [*chains, app]


def _is_text(event: events.Event) -> bool:
    return isinstance(event, events.Key) and event.is_printable


def _typed_text(event: events.Event, target: MessagePump) -> bool:
    """Whether `event` went to `target` as text: printable, forwarded to it (no priority
    binding took it), and `target` a text box (which stops such a key: it inserts it)."""
    from textual.widgets import Input, TextArea  # not on home's start-up path

    takes_text = isinstance(target, Input) or (
        isinstance(target, TextArea) and not target.read_only
    )
    return event.is_forwarded and _is_text(event) and takes_text


async def _handled(pump: MessagePump) -> None:
    """Return once `pump` has handled everything queued for it before this call."""
    handled = asyncio.get_running_loop().create_future()
    if pump.call_later(_resolve, handled):
        try:
            await asyncio.wait_for(handled, STUCK_SECONDS)
        except TimeoutError:
            pump.log.warning("KeyOrder: no answer; routing keys without waiting for it")


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
