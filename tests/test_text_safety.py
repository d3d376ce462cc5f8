"""The one sanitiser for every text shown in a terminal (companion.text_safety)."""

from __future__ import annotations

import sys

import orjson
import pytest

from companion.text_safety import (
    UNSAFE,
    escape_controls,
    may_hold_controls,
    short,
    shown,
    strip_controls,
)

HOSTILE = {
    "OSC 52 (sets the clipboard)": "\x1b]52;c;aGVsbG8=\x07",
    "OSC 0 (sets the window title)": "\x1b]0;owned\x1b\\",
    "CSI 2J (clears the screen)": "\x1b[2J",
    "SGR red": "\x1b[31m",
    "8-bit CSI": "\x9b31m",
    "DCS": "\x1bPq#0;2;0;0;0\x1b\\",
    "8-bit OSC": "\x9d0;owned\x9c",
    "APC": "\x1b_hidden\x07",
    "RLO": "\u202e",
    "LRI, PDI": "\u2066\u2069",
    "ZWSP": "\u200b",
    "ZWJ": "\u200d",
    "BOM": "\ufeff",
    "soft hyphen": "\xad",
    "bell, backspace, CR": "\x07\x08\r",
    "tag character": "\U000e0041",
}


@pytest.mark.parametrize("sequence", HOSTILE.values(), ids=HOSTILE.keys())
def test_every_hostile_sequence_goes_whole(sequence: str) -> None:
    assert strip_controls(f"before {sequence}after") == "before after"


def test_an_unterminated_string_sequence_ends_at_the_line() -> None:
    assert strip_controls("title \x1b]0;owned\nnext line") == "title \nnext line"


def test_ordinary_text_is_left_as_it_is() -> None:
    text = "Café — “quoted” 👍 naïve\tcolumn\nline 2 [b]not markup[/b] 日本語"
    assert strip_controls(text) is text


def test_crlf_becomes_a_newline() -> None:
    assert strip_controls("one\r\ntwo\x1b[0m") == "one\ntwo"


def test_the_byte_check_sees_every_character_the_sanitiser_removes() -> None:
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        character = chr(code)
        if UNSAFE.match(character):
            assert may_hold_controls(f"a{character}b".encode()), hex(code)


def test_json_keeps_every_character_as_an_escape() -> None:
    text = "".join(HOSTILE.values()) + " plain ✓"
    escaped = escape_controls(orjson.dumps({"text": text}).decode())
    assert strip_controls(escaped) == escaped
    assert orjson.loads(escaped) == {"text": text}


def test_what_was_typed_is_echoed_short_and_safe() -> None:
    assert shown("x" * 5000) == repr("x" * 39 + "…")
    assert shown("\x1b[31mSam\u202e") == "'Sam'"
    assert short("a\n  b", 10) == "a b"
