"""The content library: every pack and its items on the left, the highlighted one to read.

A search above the list narrows it as you type; on a reflection, `u` makes it the one `r`
opens. Pages come from `packs.content_text`, and each kind's part of them from its entry in
`packs.kinds`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from companion.errors import CompanionError
from companion.flows.links import find_links
from companion.i18n import N_, _, ngettext
from companion.models.content import ContentItem, ReflectionTemplate
from companion.packs.content_text import (
    item_markdown,
    matches,
    pack_markdown,
    problem_line,
    rank,
    search_text,
)
from companion.packs.kinds import KINDS
from companion.packs.library import Library
from companion.packs.loader import Pack
from companion.tui.screens.base import CompanionScreen
from companion.tui.screens.confirm import Choice, ConfirmScreen
from companion.tui.screens.links import LinkPicker
from companion.tui.text import kind_name, markdown, plain

if TYPE_CHECKING:
    from textual.app import App

SEARCH_HINT = N_("search titles and text: all words must match")
OTHER_LANGUAGES = N_("Other languages")  # the heading above packs not in the content language
NOT_LOADED = "not-loaded"
CONTEXT_ROWS = 4  # rows kept above an item the list jumps to


@dataclass(frozen=True)
class Row:
    """What one line of the list stands for: a pack, an item, or packs that did not load."""

    id: str
    pack: Pack | None = None
    item: ContentItem | None = None


class LibraryScreen(CompanionScreen[None]):
    SUB_TITLE = N_("Library")
    CSS_PATH = "library.tcss"
    HELP = N_(
        "Every content pack you have, built-in and installed, with its reflections, 1:1 "
        "scripts, cards and question banks. Move through the list to read an item on the "
        "right; Enter moves into the page so you can scroll it. / searches titles and the "
        "text of every item (all words must match). Esc steps back: it clears the search, "
        "leaves the page, then goes back. Packs in your content language come first, the others "
        "under 'Other languages'. On a reflection, u makes it the one r "
        "opens; u on the default reflection goes back to the default. A ⚠ marks a pack with "
        "problems: select the pack to see them, with file and line."
    )
    BINDINGS = [
        Binding(
            "slash,ctrl+f",
            "focus_search",
            N_("Search"),
            tooltip=N_("Search titles and text of every item"),
            id="library.search",
        ),
        Binding(
            "u",
            "use_reflection",
            N_("Use reflection"),
            tooltip=N_("Make this the reflection r opens (on the default: back to the default)"),
            id="library.use",
        ),
        Binding(
            "o",
            "open_link",
            N_("Links"),
            tooltip=N_("The links on this page; https ones open in your browser after you confirm"),
            id="library.links",
        ),
        Binding(
            "escape",
            "back",
            N_("Back"),
            tooltip=N_("Clear the search, leave the page, then go back"),
            id="library.back",
        ),
    ]

    def __init__(self, select: str | None = None) -> None:
        super().__init__()
        self.select_address = select
        self.rows: list[Row | None] = []  # None for the kind headings
        self.query_text = ""
        self.page_source = ""  # the markdown on the right, as shown
        self._has_links = False
        self._on_reflection = False
        self._texts: dict[str, str] = {}

    @classmethod
    def open(cls, app: App[Any], subject: str | None = None) -> None:
        """The library, on the item whose address is `subject` if given (the one already
        open, if it is)."""
        if isinstance(app.screen, LibraryScreen):
            if subject:
                app.screen.select(subject)
            return
        app.push_screen(cls(select=subject))

    @property
    def library(self) -> Library:
        return self.context.library

    def compose_body(self) -> ComposeResult:
        with Vertical(id="library"):
            yield Input(placeholder=_(SEARCH_HINT), id="search")
            with Horizontal(id="panes"):
                yield OptionList(id="items")
                with VerticalScroll(id="reader"):
                    yield Static(id="page")
            yield Label(id="count")

    def on_mount(self) -> None:
        self._texts = {item.address: search_text(item) for item in self.library.items()}
        wanted = f"item:{self.select_address}" if self.select_address else None
        self.apply_search("", keep=wanted)
        self.query_one("#items", OptionList).focus()

    # -- the list --------------------------------------------------------------------------

    def packs(self) -> list[Pack]:
        """Packs in the content language first, otherwise in the library's order."""
        language = self.library.language
        return sorted(self.library.packs.values(), key=lambda p: p.manifest.language != language)

    def apply_search(self, text: str, keep: str | None = None) -> None:
        """Show what matches `text`; keep the highlight on `keep` (or the current row)."""
        self.query_text = text
        items = self.query_one("#items", OptionList)
        if keep is None:
            current = self.current()
            keep = current.id if current and (current.item or not text) else None
        options: list[Option] = []
        self.rows = []
        in_use = self.in_use()
        found = {
            pack.id: [
                item for item in pack.items.values() if matches(self._texts[item.address], text)
            ]
            for pack in self.packs()
        }

        def best(items: list[ContentItem]) -> int:
            return min((rank(item, text) for item in items), default=3)

        language = self.library.language
        packs = (  # the content language's packs first, even when searching
            sorted(self.packs(), key=lambda p: (p.manifest.language != language, best(found[p.id])))
            if text
            else self.packs()
        )
        others_shown = False
        for pack in packs:
            shown = found[pack.id]
            about = f"{pack.id} {pack.manifest.title} {pack.manifest.description} {pack.origin}"
            if not shown and not matches(about.casefold(), text):
                continue
            if pack.manifest.language != language and not others_shown:
                others_shown = True
                options.append(Option(plain(_(OTHER_LANGUAGES), "bold italic"), disabled=True))
                self.rows.append(None)
            self._add(options, Row(f"pack:{pack.id}", pack=pack), self._pack_label(pack))
            groups = [(kind, [item for item in shown if item.kind is kind.kind]) for kind in KINDS]
            if text:  # the kind with the best match first, and in it the best match first
                groups.sort(key=lambda group: best(group[1]))
            for kind, items_of_kind in groups:
                of_kind = sorted(
                    items_of_kind,
                    key=lambda item: (rank(item, text) if text else 0, item.title.casefold()),
                )
                if not of_kind:
                    continue
                heading = plain(f" {kind_name(kind.kind, many=True)} ({len(of_kind)})", "italic")
                options.append(Option(heading, disabled=True))
                self.rows.append(None)
                for item in of_kind:
                    label = self._label(item, in_use)
                    self._add(options, Row(f"item:{item.address}", item=item), label)
        if self.library.problems and not text:
            count = len(self.library.problems)
            label = plain("⚠ " + _("Not loaded ({count})").format(count=count), "bold")
            self._add(options, Row(NOT_LOADED), label)
        items.set_options(options)
        self._highlight(keep, prefer_item=bool(text))

    def _add(self, options: list[Option], row: Row, label: Text) -> None:
        options.append(Option(label, id=row.id))
        self.rows.append(row)

    def _pack_label(self, pack: Pack) -> Text:
        label = plain(pack.manifest.title, "bold")
        label.append(plain(f"\n{pack.manifest.language} · {pack.origin}", "dim"))
        if pack.problems:
            label.append(plain(f" · ⚠ {len(pack.problems)}", "yellow"))
        return label

    @staticmethod
    def _label(item: ContentItem, in_use: str | None) -> Text:
        """An item's line; ✓ marks the reflection `r` opens."""
        label = plain("   ")
        if item.address == in_use:
            label = plain(" ✓ ", "green")
        label.append(plain(item.title))
        return label

    def _highlight(self, keep: str | None, prefer_item: bool) -> None:
        items = self.query_one("#items", OptionList)
        ids = [row.id if row else "" for row in self.rows]
        index = ids.index(keep) if keep and keep in ids else None
        if index is None and prefer_item:
            index = next((i for i, row in enumerate(self.rows) if row and row.item), None)
        if index is None:
            index = next((i for i, row in enumerate(self.rows) if row), None)
        items.highlighted = index
        if index is not None:
            self.call_after_refresh(self._reveal)  # once the list has its size
        self.show(self.rows[index] if index is not None else None)

    def _reveal(self) -> None:
        """Scroll the highlighted row near the top, a few rows (its pack, its kind) above it."""
        items = self.query_one("#items", OptionList)
        items.scroll_to_highlight(top=True)
        items.scroll_to(y=max(0, items.scroll_y - CONTEXT_ROWS), animate=False, immediate=True)

    def current(self) -> Row | None:
        index = self.query_one("#items", OptionList).highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index]

    def select(self, address: str) -> None:
        """Highlight the item at `address` (clearing a search that hides it)."""
        search = self.query_one("#search", Input)
        if search.value:
            with search.prevent(Input.Changed):
                search.value = ""
        self.apply_search("", keep=f"item:{address}")
        self.query_one("#items", OptionList).focus()

    # -- the page --------------------------------------------------------------------------

    def in_use(self) -> str | None:
        """The address of the reflection `r` opens."""
        context = self.context
        chosen = self.library.reflection(context.settings.reflection or None)
        return chosen.address if chosen else None

    def show(self, row: Row | None) -> None:
        self._count()
        self.query_one("#reader", VerticalScroll).scroll_home(animate=False)
        self.page_source = self._page(row)
        page = self.query_one("#page", Static)
        if self.page_source:
            page.update(markdown(self.page_source))
        elif row is not None:
            lines = [problem_line(problem) for problem in self.library.problems]
            not_loaded = _("These packs were not loaded:")
            page.update(plain(not_loaded + "\n\n" + "\n".join(lines)))
        else:
            nothing = _("Nothing matches the search.") if self.query_text else _("No packs.")
            page.update(plain(nothing))
        on_reflection = row is not None and isinstance(row.item, ReflectionTemplate)
        has_links = bool(find_links(self.page_source))
        if (on_reflection, has_links) != (self._on_reflection, self._has_links):
            self._on_reflection, self._has_links = on_reflection, has_links
            self.refresh_bindings()  # the footer redraws only when `u` or `o` changes

    def _page(self, row: Row | None) -> str:
        """The markdown for an item or a pack ('' for anything else)."""
        if row is not None and row.item is not None:
            return item_markdown(row.item, self._use_note(row.item))
        if row is not None and row.pack is not None:
            pack = row.pack
            items = list(pack.items.values())
            return pack_markdown(pack.manifest, pack.origin, items, pack.problems, pack.root)
        return ""

    def _use_note(self, item: ContentItem) -> str:
        if not isinstance(item, ReflectionTemplate):
            return ""
        if item.address == self.in_use():
            return "✓ " + _("**In use:** r opens this reflection.")
        return _("Press **u** to make r open this reflection.")

    def _count(self) -> None:
        total = len(self._texts)
        shown = sum(1 for row in self.rows if row and row.item)
        packs = len(self.library.packs)
        items = ngettext("{count} item", "{count} items", total).format(count=total)
        text = ngettext("{items} in {count} pack", "{items} in {count} packs", packs).format(
            items=items, count=packs
        )
        if self.query_text.strip():
            text = ngettext(
                "{shown} of {total} item matches", "{shown} of {total} items match", total
            ).format(shown=shown, total=total)
        self.query_one("#count", Label).update(plain(text))

    # -- events and actions ----------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.apply_search(event.value)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one("#items", OptionList).focus()

    def on_key(self, event: events.Key) -> None:
        if event.key in ("down", "up") and self.query_one("#search", Input).has_focus:
            self.query_one("#items", OptionList).focus()
            event.stop()

    @on(OptionList.OptionHighlighted, "#items")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if 0 <= event.option_index < len(self.rows):
            self.show(self.rows[event.option_index])

    @on(OptionList.OptionSelected, "#items")
    def _selected(self) -> None:
        self.query_one("#reader").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "use_reflection":
            return True if self._on_reflection else None
        if action == "open_link":
            return True if self._has_links else None
        return True

    def action_open_link(self) -> None:
        links = find_links(self.page_source)
        if links:
            self.app.push_screen(LinkPicker(links), self._confirm_link)

    def _confirm_link(self, url: str | None) -> None:
        if not url:
            return
        choices = [
            Choice("o", _("Open"), "open", "primary"),
            Choice("escape", _("Cancel"), None),
        ]
        dialog = ConfirmScreen(_("Open this link in your browser?"), url, choices)

        def opened(choice: str | None) -> None:
            if choice == "open":
                self.app.open_url(url)

        self.app.push_screen(dialog, opened)

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_use_reflection(self) -> None:
        row = self.current()
        if row is None or not isinstance(row.item, ReflectionTemplate):
            return
        context = self.context
        item = row.item
        default = self.library.reflection()
        was, was_in_use = context.settings.reflection, self.in_use()
        is_default = default is not None and item.address == default.address
        context.settings.reflection = "" if is_default else item.address
        try:
            kept = context.save_settings()
        except CompanionError as error:
            context.settings.reflection = was
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        if is_default and not was:
            message = _("{title} is the default: r already opens it.")
        elif is_default:
            message = _("Back to the default: r opens {title} ({address}).")
        else:
            message = _("r now opens {title} ({address}).")
        message = message.format(title=item.title, address=item.address)
        if kept:
            message = f"{message} {kept}."
        self.notify(message, title=_("Reflection"), markup=False)
        self._relabel(was_in_use)
        self._relabel(item.address)
        self.show(row)

    def _relabel(self, address: str | None) -> None:
        """Redraw one item's line (its ✓), if it is in the list."""
        item = self.library.get(address) if address else None
        items = self.query_one("#items", OptionList)
        if item is not None and f"item:{address}" in {row.id for row in self.rows if row}:
            items.replace_option_prompt(f"item:{address}", self._label(item, self.in_use()))

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        items = self.query_one("#items", OptionList)
        if search.value:
            search.value = ""  # the Changed event shows the whole list again
            items.focus()
        elif not items.has_focus:
            items.focus()
        else:
            self.dismiss(None)
