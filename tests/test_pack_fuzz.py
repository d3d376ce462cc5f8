"""Whatever member names an archive holds, read_archive returns only relative paths inside the
pack, or refuses the archive with a CompanionError; it never fails in any other way."""

from __future__ import annotations

import io
import stat
import warnings
import zipfile
from pathlib import Path, PurePosixPath

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.errors import CompanionError
from companion.packs.archive import ALLOWED_NAMES, ALLOWED_SUFFIXES, read_archive

# Pieces that make names dangerous, mixed with plain text (no surrogates: a zip stores UTF-8).
PIECES = st.sampled_from(
    [
        *("", ".", "..", "...", "/", "//", "\\", "..\\", "../", "C:", "c:\\", "C:/", "\\\\srv"),
        *("\x00", "~", "pack.toml", "x.md", "README", "a.py", "notes.txt", "é", " ", ".md"),
    ]
)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
# zipfile cuts a name at its first NUL; a name that is empty then is a known bug, kept apart in
# test_pack_archives.py::test_a_member_with_an_empty_name_is_refused_in_one_line.
NAMES = st.tuples(
    st.lists(st.one_of(PIECES, TEXT), min_size=1, max_size=6).map("".join),
    st.sampled_from(["", ".md", ".toml", ".txt", "/x.md", "/README", "\\card.MD"]),
).map("".join)
REGULAR = stat.S_IFREG | 0o644
MODES = st.sampled_from(
    [0, 0o600, REGULAR, stat.S_IFDIR | 0o755, stat.S_IFLNK | 0o777, stat.S_IFIFO | 0o600]
)


@st.composite
def members(draw: st.DrawFn) -> list[tuple[str, bytes, int, bool]]:
    """Up to five members; in half the archives all are regular files, so names alone decide."""
    odd_modes = draw(st.booleans())
    found = []
    for _ in range(draw(st.integers(1, 5))):
        name = draw(NAMES.filter(lambda name: name.split("\x00")[0] != ""))
        mode = draw(MODES) if odd_modes else REGULAR
        found.append((name, draw(st.binary(max_size=64)), mode, draw(st.booleans())))
    return found


def make_zip(members: list[tuple[str, bytes, int, bool]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are part of the game
        for name, data, mode, deflate in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.external_attr = mode << 16
            info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
            bundle.writestr(info, data)
    return buffer.getvalue()


def check_paths(files: dict[PurePosixPath, bytes]) -> None:
    for path in files:
        assert isinstance(path, PurePosixPath)
        assert path.parts, path
        assert not path.is_absolute(), path
        assert ".." not in path.parts, path
        assert "\\" not in str(path) and "\x00" not in str(path), path
        assert path.suffix.lower() in ALLOWED_SUFFIXES or path.stem.lower() in ALLOWED_NAMES


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(members())
def test_read_archive_returns_safe_paths_or_refuses(
    tmp_path: Path, members: list[tuple[str, bytes, int, bool]]
) -> None:
    archive = tmp_path / "fuzz.zip"
    archive.write_bytes(make_zip(members))

    try:
        files = read_archive(archive)
    except CompanionError as error:
        assert str(error).startswith(f"{archive}: ")
        assert "\n" not in str(error)  # one line for the user, whatever the names hold
        return
    check_paths(files)
    assert len(files) <= len(members)
