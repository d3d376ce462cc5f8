"""Cards reach home as styled blocks worked out once, not as markdown parsed at every start."""

from __future__ import annotations

from companion.flows.card_blocks import card_blocks
from companion.tui.text import blocks_text

BODY = """Ask, **don't tell**: *listen* first. See [the guide](https://example.com).

## Three moves

- Open with `what`
- Stay curious
  - one level down

1. First
2. Second

> Coaching is a habit.
"""


def test_a_card_keeps_its_structure_and_emphasis() -> None:
    blocks = card_blocks(BODY)
    kinds = [kind for kind, _ in blocks]
    assert kinds == ["p", "h", "li", "li", "li", "gap", "li", "li", "quote"]
    assert blocks[0][1][:4] == [
        ("Ask, ", ""),
        ("don't tell", "bold"),
        (": ", ""),
        ("listen", "italic"),
    ]
    assert ("the guide", "link") in blocks[0][1]  # the text of a link, never its address
    assert blocks[2][1] == [("• ", ""), ("Open with ", ""), ("what", "code")]
    assert blocks[4][1][0] == ("  • ", "")  # nested one level
    assert [runs[0][0] for kind, runs in blocks[6:8]] == ["1. ", "2. "]


def test_the_text_shown_reads_like_the_card() -> None:
    text = blocks_text(card_blocks(BODY))
    assert text.plain.splitlines() == [
        "Ask, don't tell: listen first. See the guide.",
        "",
        "Three moves",
        "",
        "• Open with what",
        "• Stay curious",
        "  • one level down",
        "",
        "1. First",
        "2. Second",
        "",
        "▌ Coaching is a habit.",
    ]
    assert "https" not in text.plain


def test_pack_text_is_never_markup_nor_escapes() -> None:
    text = blocks_text(card_blocks("[@click=app.quit]Click[/] me \x1b]0;owned\x07 now"))
    assert text.plain == "[@click=app.quit]Click[/] me  now"
    assert not text.spans
