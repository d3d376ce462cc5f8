"""The key bar at the bottom of every screen: the keys that work here, each also a click.

One widget that draws one line of text, where Textual's Footer builds a widget per key and
styles each: the Footer was a quarter of the time to the home screen's first frame. It shows
what the Footer shows: the screen's bindings marked `show`, one per action, dimmed when the
action is unavailable just now, each key's tooltip under the pointer, and the command
palette's key on the right. It is drawn again whenever the screen's bindings change (focus
moves, an action becomes available).
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from companion.i18n import N_, _

# How keys are spaced, roomiest first: (between two keys, around each key's name). The
# first that fits the width is used.
SPACINGS = ((" ", " "), ("", " "), (" ", ""))
HELP_KEY = "f1"  # kept in sight when the keys do not all fit: help lists every one
# Textual's own words on the bar, so that the catalogue holds them: every description and
# tooltip is a message marked N_() where its binding is declared, translated here when drawn.
TEXTUAL_WORDS = (
    # Translators: the key bar's label for Ctrl+P, which opens the command palette
    N_("palette"),
    N_("Open the command palette"),
)


class Key(NamedTuple):
    key: str  # as Textual names it, for simulate_key
    display: str  # as the user reads it, e.g. "^p"
    description: str
    enabled: bool
    tooltip: str  # shown while the pointer rests on the key


class KeyBar(Widget, can_focus=False):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--hover { background: $block-hover-background; }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--hover"}

    def __init__(self, show_command_palette: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_command_palette = show_command_palette
        self._hover: str | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def keys(self) -> tuple[list[Key], Key | None]:
        """The keys to show (the first binding of each action), and the palette's key."""
        shown: dict[str, Key] = {}
        palette: Key | None = None
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            display = self.app.get_key_display(binding)
            key = Key(binding.key, display, _(binding.description), enabled, _(tooltip))
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = key
            elif binding.show and binding.action not in shown:
                shown[binding.action] = key
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            palette = None
        return list(shown.values()), palette

    def render(self) -> Text:
        keys, palette = self.keys()
        width = self.size.width
        right = self._label(palette, " ") if palette else Text()
        for between, around in SPACINGS:
            line = Text(between).join(self._label(key, around) for key in keys)
            if line.cell_len + right.cell_len <= width:
                break
        else:  # too many keys: the help key, which lists them all, takes the palette's place
            line, right = self._cut(keys, width, between, around)
        line.pad_right(width - line.cell_len - right.cell_len)
        return line + right

    def _cut(self, keys: list[Key], width: int, between: str, around: str) -> tuple[Text, Text]:
        """The keys that fit before an ellipsis, and the help key on the right."""
        help_key = next((key for key in keys if key.key == HELP_KEY), None)
        right = Text(between) + self._label(help_key, around) if help_key else Text()
        line = Text(between).join(self._label(key, around) for key in keys if key is not help_key)
        line.truncate(max(width - right.cell_len, 0), overflow="ellipsis")
        return line, right

    def _label(self, key: Key, around: str) -> Text:
        """' ^p palette ': the key in bold, both parts one click, dimmed if unavailable."""
        meta = Style(meta={"key": key.key})
        key_style = self.get_component_rich_style("key-bar--key")
        text_style = self.get_component_rich_style("key-bar--description")
        if not key.enabled:
            key_style, text_style = key_style + Style(dim=True), text_style + Style(dim=True)
        elif key.key == self._hover:
            hover = self.get_component_rich_style("key-bar--hover")
            key_style, text_style = key_style + hover, text_style + hover
        name = f"{around}{key.display} "
        description = f"{key.description}{around}" if key.description else ""
        return Text.assemble((name, key_style + meta), (description, text_style + meta))

    def on_click(self, event: events.Click) -> None:
        key = event.style.meta.get("key")
        if key is None:
            return
        event.stop()
        if self._key_enabled(key):
            self.app.simulate_key(key)
        else:
            self.app.bell()

    def _key_enabled(self, key: str) -> bool:
        found = self._find(key)
        return found is not None and found.enabled

    def _find(self, key: str | None) -> Key | None:
        keys, palette = self.keys()
        return next((k for k in [*keys, *([palette] if palette else [])] if k.key == key), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(event.style.meta.get("key"))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, key: str | None) -> None:
        if key != self._hover:
            self._hover = key
            found = self._find(key)
            self.tooltip = (found.tooltip or found.description) if found else None
            self.refresh()
