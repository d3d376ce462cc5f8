"""The non-UI layers never import textual: commands start fast and work without a terminal UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

NON_UI_MODULES = [
    "companion.models",
    "companion.storage.journal",
    "companion.storage.export",
    "companion.packs.library",
    "companion.flows.reflection",
    "companion.flows.journal_query",
    "companion.packs.content_text",
    "companion.flows.daily_card",
    "companion.flows.links",
    "companion.flows.one_on_one",
    "companion.packs.manage",
    "companion.commands",
]

REPORT = "import sys; print('textual' in sys.modules, sorted(m for m in sys.modules if m.startswith('textual'))[:3])"


def run_python(code: str, cwd: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("module", NON_UI_MODULES)
def test_module_does_not_import_textual(module: str, tmp_path: Path) -> None:
    code = f"import importlib; importlib.import_module({module!r}); {REPORT}"

    assert run_python(code, tmp_path) == "False []"


def test_the_check_itself_can_see_textual(tmp_path: Path) -> None:
    assert run_python(f"import textual.app; {REPORT}", tmp_path).startswith("True")


def test_companion_log_does_not_import_textual(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['companion', '--home', {str(home)!r}, 'log', 'hi']\n"
        "try:\n"
        "    runpy.run_module('companion', run_name='__main__', alter_sys=True)\n"
        "except SystemExit as exit_:\n"
        "    assert exit_.code in (0, None), exit_.code\n"
        f"{REPORT}\n"
    )

    assert run_python(code, tmp_path) == "False []"
    assert (home / "journal").exists()  # the command really ran


def test_python_dash_m_companion_log_never_imports_textual(tmp_path: Path) -> None:
    """The literal entry point, watched with -X importtime (one stderr line per import)."""
    home = tmp_path / "home"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "companion", "--home", str(home), "log", "hi"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert "companion.commands" in imported  # the report is what we think it is
    assert not [name for name in imported if name.split(".")[0] == "textual"]
    assert (home / "journal").exists()


@pytest.mark.parametrize(
    "module",
    ["companion.tui.app", "companion.tui.screens.home", "companion.tui.screens.journal"],
)
def test_home_and_the_journal_view_do_not_load_pydantic(module: str, tmp_path: Path) -> None:
    """Drawing home and listing or filtering entries use cached facts and light rows; the
    models (and pydantic's ~60 ms import) wait for a reflection, a 1:1 or an export."""
    code = f"import importlib, sys; importlib.import_module({module!r}); print('pydantic' in sys.modules)"

    assert run_python(code, tmp_path) == "False"


HEAVY_FOR_HOME = ("pydantic", "yaml", "markdown_it")  # TinyDB reads the schema version
FIRST_FRAME_REPORT = f"""
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
from benchmarks.probe import after_first_frame, run_companion

def hooks():
    from companion.tui.screens.home import HomeScreen

    def report(screen):
        print(sorted(name for name in sys.modules if name.split('.')[0] in {HEAVY_FOR_HOME!r}))
        screen.app.exit()

    after_first_frame(HomeScreen, report)

run_companion(['--home', sys.argv[1]], hooks)
"""


def test_a_start_with_nothing_new_draws_home_without_the_journal_readers(tmp_path: Path) -> None:
    """Home is drawn from cached facts and cards: pydantic, YAML and markdown wait until
    something needs them."""
    home = tmp_path / "home"
    first, second = (
        subprocess.run(
            [sys.executable, "-c", FIRST_FRAME_REPORT, str(home)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
        )
        for _ in range(2)
    )

    assert first.returncode == 0, first.stderr
    assert "pydantic" in first.stdout  # the first start validates what it derives (none here)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip().splitlines()[-1] == "[]"
