"""Syncing the shared spaces from the app: in a thread worker, never in the way of typing.

A sync starts after the first frame when the home has a space, after a finished 1:1 or a
share, and when asked (a key on home and on the shared screen). One runs at a time; a sync
asked for while one runs is started once that one ends. While it runs, the screens that show
spaces say so (`SpacesSyncing`); when it ends they read the spaces' facts again
(`SpacesSynced`), and a notification says what came in or what went wrong, in one line.
A home without spaces starts nothing: not even a thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

from companion import sharing
from companion.i18n import _, ngettext

if TYPE_CHECKING:
    from textual.app import App

    from companion.paths import Home
    from companion.spaces.errors import SpaceError
    from companion.spaces.facts import SpaceInfo
    from companion.spaces.local import SyncReport

GROUP = "spaces-sync"
Results = list[tuple["SpaceInfo", "SyncReport | SpaceError"]]


class SpacesSyncing(Message):
    """A sync of the shared spaces has started."""


class SpacesSynced(Message):
    """A sync has ended; each space's report or error."""

    def __init__(self, results: Results) -> None:
        super().__init__()
        self.results = results


_running: set[int] = set()  # apps (by id) with a sync under way
_again: set[int] = set()  # apps that asked for a sync while one ran


def _home(app: App[Any]) -> Home:
    """The Companion app's home (screens reach it through `context_of`, which this module,
    below the screens, does not import)."""
    home: Home = app.context.home  # type: ignore[attr-defined]
    return home


def is_syncing(app: App[Any]) -> bool:
    return id(app) in _running


def sync_spaces(app: App[Any]) -> bool:
    """Start a sync of every space in a worker; whether there is any space to sync."""
    home = _home(app)
    if not sharing.linked(home):
        return False
    if is_syncing(app):
        _again.add(id(app))
        return True
    _running.add(id(app))
    _tell(app, SpacesSyncing())
    app.run_worker(lambda: _sync(app), thread=True, group=GROUP, name=GROUP, exit_on_error=False)
    return True


def _sync(app: App[Any]) -> None:
    from companion.spaces.local import sync_all

    try:
        results = sync_all(sharing.root(_home(app)))
    except BaseException:
        _running.discard(id(app))
        raise
    app.call_from_thread(_synced, app, results)


def _synced(app: App[Any], results: Results) -> None:
    _running.discard(id(app))
    for line, severity in _lines(results):
        app.notify(line, severity=severity, timeout=8 if severity == "information" else 15)
    _tell(app, SpacesSynced(results))
    if id(app) in _again:
        _again.discard(id(app))
        app.call_later(sync_spaces, app)


def _tell(app: App[Any], message: Message) -> None:
    for screen in app.screen_stack:
        screen.post_message(message)


def _lines(results: Results) -> list[tuple[str, str]]:
    """What a notification says about a sync: what came in, and each failure."""
    from companion.spaces.errors import SpaceError

    lines = []
    for info, result in results:
        if isinstance(result, SpaceError):
            lines.append(
                (
                    _("Sync with {name} failed: {error}").format(name=info.partner, error=result),
                    "warning",
                )
            )
        elif result.received:
            count = len(result.received)
            text = ngettext(
                "{count} new from {name}: press t on home to see it",
                "{count} new from {name}: press t on home to see them",
                count,
            )
            lines.append((text.format(count=count, name=info.partner), "information"))
        if not isinstance(result, SpaceError) and result.problems:
            count = len(result.problems)
            text = ngettext(
                "{count} file of the space with {name} was ignored: `companion team status` "
                "says why",
                "{count} files of the space with {name} were ignored: `companion team status` "
                "says why",
                count,
            )
            lines.append((text.format(count=count, name=info.partner), "warning"))
    return lines
