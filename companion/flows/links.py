"""Links in content: found in the markdown, and opened only if they are https.

Content is shown with links as plain text; opening one is always the user's choice, made
through the app after seeing the full address.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark")


@dataclass(frozen=True)
class Link:
    text: str
    url: str

    @property
    def openable(self) -> bool:
        """Only https links to a real host; never file:, javascript:, data: or the like."""
        parts = urlsplit(self.url)
        return (
            parts.scheme == "https"
            and bool(parts.hostname)
            and not any(ch.isspace() or ord(ch) < 32 for ch in self.url)
        )


def find_links(text: str) -> list[Link]:
    """Every link in a markdown text, in order, each address once."""
    found: dict[str, Link] = {}
    for token in _PARSER.parse(text):
        children = token.children or []
        for index, child in enumerate(children):
            if child.type != "link_open":
                continue
            url = str(child.attrs.get("href", ""))
            label = children[index + 1].content if index + 1 < len(children) else url
            found.setdefault(url, Link(label or url, url))
    return list(found.values())
