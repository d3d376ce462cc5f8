"""The wheel ships the built-in content, and an installed copy finds it without the source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
CONTENT = [
    "companion/_content/essentials/pack.toml",
    "companion/_content/essentials/reflections/daily.md",
]

CHECK = """
import json, sys
from pathlib import Path

repo_root = Path(sys.argv[1]).resolve()
# The editable install's .pth puts the repo root on sys.path; take it off so only the wheel counts.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != repo_root]

import companion
from companion.packs.library import Library, builtin_content_dir

library = Library.discover()
daily = library.get("essentials/daily")
print(json.dumps({
    "package": companion.__file__,
    "content": str(builtin_content_dir()),
    "daily": daily.address if daily else None,
    "prompts": len(getattr(daily, "prompts", ())),
    "problems": [str(p) for p in library.all_problems()],
    "repo_on_path": any(Path(p or ".").resolve() == repo_root for p in sys.path),
}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO_ROOT),
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=300,
    )
    [built] = out.glob("companion_coach-*.whl")
    return built


def test_wheel_contains_the_builtin_content(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()

    for name in CONTENT:
        assert name in names
    assert "companion/__init__.py" in names
    assert not any(name.startswith(("tests/", "content/")) for name in names)


def test_unpacked_wheel_finds_its_own_content(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}

    result = subprocess.run(
        [sys.executable, "-c", CHECK, str(REPO_ROOT)],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert not found["repo_on_path"]
    assert Path(found["package"]).is_relative_to(site)
    assert Path(found["content"]) == site / "companion" / "_content"
    assert found["daily"] == "essentials/daily"
    assert found["prompts"] >= 4
    assert found["problems"] == []
