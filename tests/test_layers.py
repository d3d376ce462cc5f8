"""The layers hold: the import-linter contracts in pyproject.toml, checked on every run.

models -> storage | packs | spaces -> flows -> tui and cli: the arrows point down only,
nothing below the tui imports textual, flows import no storage, spaces or files, and no
package has an import cycle. The contracts are also shown to break when someone adds the
imports they forbid, so a contract that quietly checks nothing cannot pass.
"""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import companion

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = ["layers", "textual-in-tui", "textual-direct", "pure-flows", "no-cycles"]
LINT = (
    "import sys\n"
    "from importlinter.cli import lint_imports\n"
    "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))\n"
)


def lint(where: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports on the `companion` folder inside `where` (its first place on the path)."""
    return subprocess.run(
        [sys.executable, "-c", LINT],
        capture_output=True,
        text=True,
        cwd=where,
        timeout=120,
    )


def contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = config["tool"]["importlinter"]["contracts"]
    return {contract["id"]: contract for contract in found}


def test_the_code_keeps_every_contract() -> None:
    result = lint(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in result.stdout


def test_every_contract_breaks_when_the_import_it_forbids_is_added(tmp_path: Path) -> None:
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    package = tmp_path / "companion"
    shutil.copytree(ROOT / "companion", package, ignore=shutil.ignore_patterns("__pycache__"))
    added = {
        "storage/records.py": "import textual.app",  # textual below the tui
        "cli.py": "import textual",  # textual outside the tui, even at the top
        "flows/progress.py": "import companion.storage.journal",  # a flow reading storage
        "models/tags.py": "import companion.flows.progress",  # a model importing upwards
        "files/lock.py": "import companion.files.cache",
        "files/cache.py": "import companion.files.lock",  # a cycle inside a package
    }
    for module, line in added.items():
        path = package / module
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")

    result = lint(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"Contracts: 0 kept, {len(CONTRACTS)} broken." in result.stdout
    assert "companion.models is not allowed to import companion.flows" in result.stdout


def test_the_contracts_name_every_module_outside_the_tui() -> None:
    """A new top-level module must be placed in a layer and checked for textual, or this
    fails (the layers contract is exhaustive, so lint-imports names it too)."""
    found = contracts()
    assert sorted(found) == sorted(CONTRACTS)
    modules = {name for _, name, _ in pkgutil.iter_modules(companion.__path__)}
    below_tui = {
        name.removeprefix("companion.") for name in found["textual-in-tui"]["source_modules"]
    }  # type: ignore[attr-defined]
    above = {name.removeprefix("companion.") for name in found["textual-direct"]["source_modules"]}  # type: ignore[attr-defined]

    assert below_tui | above | {"tui"} == modules
    assert not below_tui & above
    assert found["textual-in-tui"]["forbidden_modules"] == ["textual"]
    assert found["pure-flows"]["source_modules"] == ["companion.flows"]
    assert {"companion.storage", "companion.spaces.local", "companion.spaces.git"} <= set(
        found["pure-flows"]["forbidden_modules"]
    )  # type: ignore[arg-type]
