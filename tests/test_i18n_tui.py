"""Every word the app shows goes through the catalogue: no bare English literal in the tui.

An AST check of companion/tui (and the flows it shows the messages of): a string literal with
words in it, passed where a person reads it (a notification, a label, a button, a key's
description or tooltip, a placeholder, a screen's title or help), must be wrapped in `_()`,
`ngettext()` or `N_()`. A literal that is not a message (a CSS id, a style) never reaches
these places; the few that do and are no words of ours are in ALLOWED, each with its reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKED = sorted(
    [*(ROOT / "companion" / "tui").rglob("*.py"), *(ROOT / "companion" / "flows").glob("*.py")]
)

# Calls whose arguments a person reads: name -> the positions checked (None: every one)
SHOWN_ARGUMENTS: dict[str, tuple[int, ...] | None] = {
    "notify": (0,),
    "Static": (0,),
    "Label": (0,),
    "Button": (0,),
    "RadioButton": (0,),
    "Option": (0,),
    "plain": (0,),
    "update": (0,),
    "append": (0,),
    "Binding": (2,),  # key, action, description
    "Choice": (1,),  # key, label
    "ConfirmScreen": (0, 1),
    "SystemCommand": (0, 1),
    "DiscoveryHit": (0,),
    "AnswerError": (0,),
    "CoachingError": (0,),
    "QueryError": (0,),
    "DateError": (0,),
    "EditError": (0,),
}
SHOWN_KEYWORDS = {"placeholder", "tooltip", "title", "help", "description", "label"}
SHOWN_ATTRIBUTES = {"SUB_TITLE", "HELP", "TITLE", "border_title", "border_subtitle"}
WRAPPERS = {"_", "N_", "ngettext"}
WORDS = re.compile(r"[A-Za-z]{2,}")

# (file, literal): shown, yet no message to translate
ALLOWED = {
    ("app.py", "Companion"),  # the app's name, in every language
    ("recovery.py", "  esc"),  # the name of a key, as the key bar writes it
}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _literal_words(node: ast.expr) -> str | None:
    """The words of a bare literal (or f-string) with words in it; None otherwise."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if WORDS.search(node.value) else None
    if isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
        text = "".join(str(part) for part in parts)
        return text if WORDS.search(text) else None
    if isinstance(node, ast.BinOp):  # "a" + "b"
        return _literal_words(node.left) or _literal_words(node.right)
    if isinstance(node, ast.IfExp):
        return _literal_words(node.body) or _literal_words(node.orelse)
    return None


def unwrapped_literals(path: Path) -> list[str]:
    """'file:line: text' for each shown literal of `path` that is not wrapped."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found: list[tuple[int, str]] = []

    def check(node: ast.expr) -> None:
        text = _literal_words(node)
        if text is not None and (path.name, text) not in ALLOWED:
            found.append((node.lineno, text))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) not in WRAPPERS:
            positions = SHOWN_ARGUMENTS.get(_name(node.func), ())
            for index, argument in enumerate(node.args):
                if positions is None or index in positions:
                    check(argument)
            for keyword in node.keywords:
                if keyword.arg in SHOWN_KEYWORDS:
                    check(keyword.value)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if node.value is not None and any(_name(t) in SHOWN_ATTRIBUTES for t in targets):
                check(node.value)
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    return [f"{shown}:{line}: {text!r}" for line, text in sorted(found)]


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(ROOT / "companion")))
def test_every_shown_literal_is_a_message(path: Path) -> None:
    assert unwrapped_literals(path) == [], "wrap these in _() / N_() / ngettext()"


def test_the_check_finds_a_bare_literal(tmp_path: Path) -> None:
    """The check itself: it notices each way a bare word can reach the screen."""
    path = tmp_path / "sample.py"
    path.write_text(
        'self.notify("Saved.")\n'
        'Binding("s", "save", "Save", tooltip="Save now")\n'
        'x = Static(f"Hello {name}")\n'
        'SUB_TITLE = "Home"\n'
        'ok = Label(_("Fine"))\n'
        'style = plain(text, "bold")\n'
    )
    found = [line.split(": ", 1)[1] for line in unwrapped_literals(path)]
    assert found == ["'Saved.'", "'Save'", "'Save now'", "'Hello '", "'Home'"]
