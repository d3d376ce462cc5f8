"""Where packs come from and in what order: built-in, then Python packages (found through entry
points without running their code), then installed; a clash is reported, never resolved
silently."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.packs.library import Library, builtin_content_dir
from tests.cli_helpers import one_line, run

BUILT_IN = ["essentials", "essentials-nl"]
CARD = "---\nkind: card\nid: {id}\ntitle: {title}\n---\n# {title}\n\nOne idea.\n"
NEVER_RUN = 'raise RuntimeError("pack code must never run")\n'


def make_pack(root: Path, pack_id: str, card_id: str = "idea", title: str = "An idea") -> Path:
    (root / "cards").mkdir(parents=True)
    (root / "pack.toml").write_text(f'id = "{pack_id}"\ntitle = "{title}"\nversion = "1.0.0"\n')
    (root / "cards" / f"{card_id}.md").write_text(CARD.format(id=card_id, title=title))
    return root


def distribution(site: Path, entry_points: str, name: str = "companion-test-pack") -> None:
    """An installed distribution's metadata, as pip leaves it in site-packages."""
    info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(entry_points)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on sys.path standing in for site-packages."""
    path = tmp_path / "site-packages"
    path.mkdir()
    monkeypatch.syspath_prepend(str(path))
    yield path
    for name in [m for m in sys.modules if m.startswith("companion_test_pack")]:
        del sys.modules[name]  # only if a test failed by importing it


@pytest.fixture
def package_pack(site: Path) -> Path:
    """The package companion_test_pack: a pack whose __init__ must never run."""
    root = make_pack(site / "companion_test_pack", "acme", "from-pypi", "From PyPI")
    (root / "__init__.py").write_text(NEVER_RUN)
    distribution(site, "[companion.packs]\nacme = companion_test_pack\n")
    return root


# -- order and clashes ------------------------------------------------------------------------


def test_built_in_then_packages_then_installed(tmp_path: Path, package_pack: Path) -> None:
    installed = tmp_path / "packs"
    make_pack(installed / "zeta", "zeta")
    make_pack(installed / "alpha", "alpha")

    library = Library.discover(installed=installed)

    assert [(pack.id, pack.origin) for pack in library.packs.values()] == [
        ("essentials", "built-in"),
        ("essentials-nl", "built-in"),
        ("acme", "package companion-test-pack"),
        ("alpha", "installed"),
        ("zeta", "installed"),
    ]
    assert library.all_problems() == []


def test_an_installed_pack_cannot_take_a_built_in_id(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    fake = make_pack(home / "packs" / "fake", "essentials", "fake-card", "Fake")
    builtin = builtin_content_dir() / "essentials"

    library = Library.discover(installed=home / "packs")

    assert library.packs["essentials"].root == builtin
    assert library.packs["essentials"].origin == "built-in"
    assert library.get("essentials/fake-card") is None
    [problem] = library.all_problems()
    assert problem.path == fake / "pack.toml"
    assert str(builtin) in problem.message
    assert "not loaded" in problem.message

    code, out, err = run(capsys, "--home", str(home), "pack", "list")

    assert (code, err) == (0, "")
    [warning] = [line for line in out.splitlines() if line.startswith("warning: ")]
    assert warning.startswith(f"warning: {fake / 'pack.toml'}:1: ")
    assert str(builtin) in warning


def test_two_installed_packs_with_one_id_the_first_folder_wins(tmp_path: Path) -> None:
    installed = tmp_path / "packs"
    second = make_pack(installed / "b-second", "acme", "second", "Second")  # made first
    first = make_pack(installed / "a-first", "acme", "first", "First")

    library = Library.discover(installed=installed)

    assert library.packs["acme"].root == first
    assert library.get("acme/first") is not None
    assert library.get("acme/second") is None
    [problem] = library.all_problems()
    assert problem.path == second / "pack.toml"
    assert f"clashes with the installed pack at {first}" in problem.message


def test_an_installed_pack_cannot_take_a_package_pack_id(
    tmp_path: Path, package_pack: Path
) -> None:
    installed = tmp_path / "packs"
    mine = make_pack(installed / "acme", "acme", "mine", "Mine")

    library = Library.discover(installed=installed)

    assert library.packs["acme"].root == package_pack
    assert library.get("acme/mine") is None
    [problem] = library.all_problems()
    assert problem.path == mine / "pack.toml"
    assert f"package companion-test-pack pack at {package_pack}" in problem.message


# -- packs from Python packages ---------------------------------------------------------------


def test_a_package_pack_is_found_without_running_its_code(package_pack: Path) -> None:
    library = Library.discover()

    pack = library.packs["acme"]
    assert (pack.origin, pack.root) == ("package companion-test-pack", package_pack)
    card = library.get("acme/from-pypi")
    assert card is not None and card.title == "From PyPI"
    assert library.all_problems() == []
    assert "companion_test_pack" not in sys.modules


def test_package_packs_through_the_cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, package_pack: Path
) -> None:
    home = tmp_path / "home"

    code, out, err = run(capsys, "--home", str(home), "pack", "list", "--json")

    assert (code, err) == (0, "")
    [row] = [row for row in json.loads(out) if row["id"] == "acme"]
    assert (row["origin"], row["path"], row["items"]) == (
        "package companion-test-pack",
        str(package_pack),
        {"card": 1},
    )

    code, out, err = run(capsys, "--home", str(home), "pack", "remove", "acme")

    assert (code, out) == (1, "")
    assert one_line(err) == (
        f"companion: error: 'acme' comes with the package companion-test-pack pack at "
        f"{package_pack} and cannot be removed"
    )
    assert (package_pack / "pack.toml").is_file()

    mine = make_pack(tmp_path / "mine", "acme", "mine", "Mine")
    code, out, err = run(capsys, "--home", str(home), "pack", "install", str(mine))

    assert (code, out) == (1, "")
    assert "the pack id 'acme' is already used by the package companion-test-pack" in one_line(err)
    assert not (home / "packs" / "acme").exists()
    assert "companion_test_pack" not in sys.modules


@pytest.mark.parametrize(
    "entry_point",
    [
        "ghost = companion_test_no_such_module",
        "ghost = companion_test_no_such_module.content",
        "ghost = companion_test_no_such_module:attribute",
        "ghost = ",
    ],
    ids=["missing-module", "missing-parent", "with-attribute", "empty"],
)
def test_an_entry_point_to_nothing_is_ignored_quietly(site: Path, entry_point: str) -> None:
    distribution(site, f"[companion.packs]\n{entry_point}\n", name="companion-ghost")

    library = Library.discover()

    assert list(library.packs) == BUILT_IN
    assert library.all_problems() == []


def test_an_entry_point_to_a_package_without_pack_toml_is_ignored(site: Path) -> None:
    (site / "companion_test_pack").mkdir()
    (site / "companion_test_pack" / "__init__.py").write_text(NEVER_RUN)
    distribution(site, "[companion.packs]\nacme = companion_test_pack\n")

    library = Library.discover()

    assert list(library.packs) == BUILT_IN
    assert "companion_test_pack" not in sys.modules


def test_a_pack_in_a_subpackage_is_found_without_running_code(site: Path) -> None:
    package = site / "companion_test_pack"
    package.mkdir()
    (package / "__init__.py").write_text(NEVER_RUN)
    content = make_pack(package / "content", "acme", "nested", "Nested")
    distribution(site, "[companion.packs]\nacme = companion_test_pack.content\n")

    library = Library.discover()

    assert library.packs["acme"].root == content
    assert "companion_test_pack" not in sys.modules
