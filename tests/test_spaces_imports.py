"""The layers hold: no space module imports textual, home can list spaces without git, YAML
or pydantic, and a sync with nothing new loads neither of the parsers."""

from __future__ import annotations

import subprocess
import sys

import pytest

from companion.spaces.local import Space
from tests.spaces_helpers import git_env, remote, rep, space_template, space_templates

__all__ = ["git_env", "remote", "rep", "space_template", "space_templates"]  # fixtures used here
pytestmark = pytest.mark.usefixtures("git_env")

HEAVY = ("textual", "pydantic", "yaml")
REPORT = f"import sys; print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))"


def loaded_after(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{REPORT}"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    "module",
    [
        "companion.spaces.format",
        "companion.spaces.replay",
        "companion.spaces.git",
        "companion.spaces.text",
    ],
)
def test_no_space_module_imports_textual(module: str) -> None:
    assert "textual" not in loaded_after(f"import {module}")


def test_home_lists_spaces_and_their_facts_without_the_parsers(rep: Space) -> None:
    root = str(rep.folder.parent)
    code = (
        "from pathlib import Path\n"
        "from companion.spaces.facts import list_spaces\n"
        f"assert [info.id for info in list_spaces(Path({root!r}))] == ['bob']\n"
    )

    assert loaded_after(code) == "[]"


def test_a_sync_with_nothing_new_loads_no_parser(rep: Space) -> None:
    rep.sync()
    root = str(rep.folder.parent)
    code = (
        "from pathlib import Path\n"
        "from companion.spaces.local import open_space\n"
        f"report = open_space(Path({root!r}), 'bob').sync()\n"
        "assert report.sent == 0 and report.received == ()\n"
    )

    assert loaded_after(code) == "[]"


def test_the_check_can_see_what_a_parse_loads(rep: Space) -> None:
    (rep.folder / "cache.json").unlink(missing_ok=True)  # every file is parsed again
    root = str(rep.folder.parent)
    code = (
        "from pathlib import Path\n"
        "from companion.spaces.local import open_space\n"
        f"open_space(Path({root!r}), 'bob').state()\n"
    )

    assert loaded_after(code) == "['pydantic', 'yaml']"
