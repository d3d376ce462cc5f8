"""What every screen and dialog of Companion is built on.

A screen (`CompanionScreen`) yields only its own widgets, in `compose_body`: the title bar
above them and the key bar below come from here. A dialog (`CompanionDialog`) is a modal
screen and has neither. Both have:

- `context`: the app's `Context` (journal, library, settings, drafts, clock), typed;
- `HELP`: what the help screen (F1) says about it;
- `keep_draft()`: writes what was typed and not saved yet, now. The app calls it on every
  screen it has open when the user quits, when the terminal closes (SIGHUP) or the process
  is told to end (SIGTERM), and after an unexpected error;
- a check, when the class is created, that every one of its `BINDINGS` has an `id`: help and
  the palette list Companion's keys by their id, so a key without one would be missing from
  both without a word.

A screen another can open by name (a key on home, the palette) is listed in
`tui/destinations.py`; `open()` says how it opens (by default, a new instance on top).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Protocol, cast

from textual import events
from textual.binding import Binding
from textual.screen import ModalScreen, Screen, ScreenResultType
from textual.widgets import Button

from companion.i18n import N_
from companion.tui.widgets.key_bar import KeyBar
from companion.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from textual.app import App, ComposeResult

    from companion.context import Context


class _HasContext(Protocol):
    context: Context


class _OnScreen(Protocol):
    @property
    def app(self) -> App[Any]: ...


def context_of(app: App[Any]) -> Context:
    """The context the Companion app was given (for code that has the app, not a screen)."""
    return cast(_HasContext, app).context


def refuse_bindings_without_id(cls: type) -> None:
    """Raise if a binding the class declares has no id (see the module's docstring)."""
    for binding in cls.__dict__.get("BINDINGS", ()):
        if not isinstance(binding, Binding) or not binding.id:
            key = binding.key if isinstance(binding, Binding) else binding[0]
            raise TypeError(
                f"{cls.__qualname__}: the binding of {key!r} needs an id= "
                "(help and the palette list a key by its id)"
            )


class Companion:
    """What a screen and a dialog share; mixed into `Screen` and `ModalScreen` below."""

    HELP: ClassVar[str | None] = None  # Textual's own attribute, declared here to be seen
    """What this screen is for and how to use it, shown by F1 above its keys."""

    def __init_subclass__(cls, **options: Any) -> None:
        super().__init_subclass__(**options)
        refuse_bindings_without_id(cls)

    @property
    def context(self: _OnScreen) -> Context:
        return context_of(self.app)

    def keep_draft(self) -> None:
        """Write what was typed and not saved yet, at once. Nothing to keep by default."""

    def language_changed(self) -> None:
        """The interface's language changed (in the settings): show this screen's words in
        it. The title and the keys are translated as they are drawn, so redrawing the bars
        does; a screen that shows more words of its own redraws them too."""
        for bar in cast(Screen[Any], self).query("TitleBar, KeyBar"):
            bar.refresh()


class CompanionScreen(Companion, Screen[ScreenResultType]):
    """A full screen: the title bar, what `compose_body` yields, the key bar."""

    PALETTE_KEY: ClassVar[bool] = True
    """Whether the key bar shows the palette's key on its right (room for more keys if not)."""

    def __init_subclass__(cls, **options: Any) -> None:
        super().__init_subclass__(**options)
        if "compose" in cls.__dict__:
            raise TypeError(
                f"{cls.__qualname__}: yield its widgets from compose_body(); compose() "
                "adds the title and key bars around them"
            )

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield from self.compose_body()
        yield KeyBar(show_command_palette=self.PALETTE_KEY)

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets, between the title bar and the key bar."""
        yield from ()

    @classmethod
    def open(cls, app: App[Any], subject: str | None = None) -> None:
        """Show this screen, as another part of the app asked (see tui/destinations.py);
        `subject` names what to show, for a screen that shows one thing (a person's uid,
        an item's address). A screen that needs more than a new instance says how."""
        app.push_screen(cls())


class CompanionDialog(Companion, ModalScreen[ScreenResultType]):
    """A dialog over the screen that opened it; it ends with `dismiss(result)`.

    Its buttons follow the arrow keys: on a button, Left/Up moves the focus to the button
    before it among its neighbours, Right/Down to the one after (no wrapping round: an
    extra press stays on the last), as Tab and Shift+Tab do. Enter presses the button that
    has the focus.

    A terminal lower than 24 lines gives it the class `-low` (`-tall` otherwise): its .tcss
    can then spare the blank lines it has room for at 80x24."""

    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-low"), (24, "-tall")]

    # A modal screen hides the app's keys, F1 too: each dialog answers it itself.
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("f1", "app.help", N_("Help"), show=False, id="dialog.help"),
    ]

    def on_key(self, event: events.Key) -> None:
        step = _BUTTON_STEPS.get(event.key)
        focused = self.focused
        if step is None or not isinstance(focused, Button) or focused.parent is None:
            return
        row = [node for node in focused.parent.children if isinstance(node, Button)]
        if len(row) < 2:
            return
        event.stop()
        event.prevent_default()
        at = row.index(focused) + step
        if 0 <= at < len(row):
            row[at].focus()


_BUTTON_STEPS = {"left": -1, "up": -1, "right": 1, "down": 1}
