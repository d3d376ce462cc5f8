"""`companion pack install` of archives: every unsafe archive is refused whole, in one line, and
nothing on disk changes; good archives install, replace and are removed as a user expects."""

from __future__ import annotations

import json
import os
import random
import stat
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from companion.context import Context
from companion.pack_sources import SOURCE_FILE
from companion.packs.archive import MAX_MEMBERS, MAX_RATIO, UnsafeArchive, read_archive
from companion.packs.library import builtin_content_dir
from companion.packs.text import MAX_FILE_BYTES
from companion.paths import Home
from tests.cli_helpers import one_line, run

Member = tuple[str | zipfile.ZipInfo, bytes]

CARD = "---\nkind: card\nid: idea\ntitle: {title}\n---\n# {title}\n\nOne idea, in a few words.\n"


def manifest(pack_id: str = "acme", version: str = "1.0.0") -> bytes:
    return f'id = "{pack_id}"\ntitle = "Acme coaching"\nversion = "{version}"\n'.encode()


def card(title: str = "One idea") -> bytes:
    return CARD.format(title=title).encode()


def pack_members(
    pack_id: str = "acme", version: str = "1.0.0", title: str = "One idea", top: str = ""
) -> list[Member]:
    """A valid pack: pack.toml and one card, optionally inside a top folder."""
    return [(f"{top}pack.toml", manifest(pack_id, version)), (f"{top}cards/idea.md", card(title))]


def regular(name: str, compression: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    info.compress_type = compression
    return info


def special(name: str, file_type: int) -> zipfile.ZipInfo:
    info = regular(name)
    info.external_attr = (file_type | 0o777) << 16
    return info


def make_zip(path: Path, members: list[Member], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip of `members`; a plain name becomes a regular file (mode 0644)."""
    with zipfile.ZipFile(path, "w") as bundle, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": that is the point of one test
        for name, data in members:
            info = regular(name, compression) if isinstance(name, str) else name
            bundle.writestr(info, data)
    return path


def tree(root: Path) -> dict[str, bytes | str | None]:
    """Everything under root: files with their bytes, folders as None, links as their target."""
    found: dict[str, bytes | str | None] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        for name in dirs + files:
            path = here / name
            key = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[key] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                found[key] = None
            else:
                found[key] = path.read_bytes()
    return found


@pytest.fixture(autouse=True)
def cwd(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Run from a folder inside tmp_path, so a file written relative to it would be seen."""
    path = tmp_path / "cwd"
    path.mkdir()
    monkeypatch.chdir(path)
    return path


@pytest.fixture
def home(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    """A home with one pack ('other') already installed, so <home>/packs has content."""
    path = tmp_path / "home"
    other = make_zip(tmp_path / "other.zip", pack_members("other"))
    code, _, err = run(capsys, "--home", str(path), "pack", "install", str(other))
    assert (code, err) == (0, "")
    other.unlink()
    return path


def install(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> tuple[int, str, str]:
    return run(capsys, "--home", str(home), "pack", "install", *args)


def installed_ids(capsys: pytest.CaptureFixture[str], home: Path) -> dict[str, str]:
    code, out, err = run(capsys, "--home", str(home), "pack", "list", "--json")
    assert (code, err) == (0, "")
    return {row["id"]: row["origin"] for row in json.loads(out) if row["origin"] == "installed"}


def leftovers(home: Path) -> list[str]:
    return sorted(p.name for p in (home / "packs").iterdir() if p.name.startswith("."))


# -- unsafe archives: refused whole, one line, nothing written anywhere ---------------------

Build = Callable[[Path, Path], str | None]


def absolute_path(archive: Path, outside: Path) -> str:
    name = str(outside / "evil.md")
    make_zip(archive, [*pack_members(), (name, card())])
    return name


def drive_letter(archive: Path, outside: Path) -> str:
    make_zip(archive, [*pack_members(), ("C:\\Users\\Public\\evil.md", card())])
    return "C:\\Users\\Public\\evil.md"


def dot_dot(archive: Path, outside: Path) -> str:
    make_zip(archive, [*pack_members(), ("../evil.md", card())])
    return "../evil.md"


def dot_dot_inside_a_folder(archive: Path, outside: Path) -> str:
    make_zip(archive, [*pack_members(), ("cards/../../../evil.md", card())])
    return "cards/../../../evil.md"


def dot_dot_with_backslashes(archive: Path, outside: Path) -> str:
    make_zip(archive, [*pack_members(), ("..\\..\\evil.md", card())])
    return "..\\..\\evil.md"


def symlink(archive: Path, outside: Path) -> str:
    target = str(outside / "secret.md").encode()
    make_zip(archive, [*pack_members(), (special("cards/link.md", stat.S_IFLNK), target)])
    return "cards/link.md"


def fifo(archive: Path, outside: Path) -> str:
    make_zip(archive, [*pack_members(), (special("cards/pipe.md", stat.S_IFIFO), b"")])
    return "cards/pipe.md"


def char_device(archive: Path, outside: Path) -> str:
    make_zip(archive, [*pack_members(), (special("cards/tty.md", stat.S_IFCHR), b"")])
    return "cards/tty.md"


def python_file(archive: Path, outside: Path) -> str:
    code = f"open({str(outside / 'pwned')!r}, 'w').write('ran')\n".encode()
    make_zip(archive, [*pack_members(), ("cards/setup.py", code)])
    return "cards/setup.py"


def oversize(archive: Path, outside: Path) -> str:
    noise = random.Random(0).randbytes(MAX_FILE_BYTES + 1)  # incompressible: only size matters
    make_zip(archive, [*pack_members(), (regular("notes.txt", zipfile.ZIP_STORED), noise)])
    return "notes.txt"


def zip_bomb(archive: Path, outside: Path) -> str:
    make_zip(archive, [*pack_members(), ("notes.txt", bytes(200 * 1024))])
    return "notes.txt"


def too_many_members(archive: Path, outside: Path) -> None:
    notes = [(f"notes/{number}.txt", b"n") for number in range(MAX_MEMBERS - 1)]
    make_zip(archive, [*pack_members(), *notes])  # one member more than the limit


def duplicate_member(archive: Path, outside: Path) -> str:
    make_zip(archive, [*pack_members(), ("cards/idea.md", card("The other idea"))])
    return "cards/idea.md"


def not_a_zip(archive: Path, outside: Path) -> None:
    archive.write_text("# Acme coaching\n\nThis is markdown, not a zip.\n")


def truncated_zip(archive: Path, outside: Path) -> None:
    whole = make_zip(archive, pack_members()).read_bytes()
    archive.write_bytes(whole[: len(whole) // 2])


ATTACKS = [
    pytest.param(absolute_path, "has an absolute path", id="absolute-path"),
    pytest.param(drive_letter, "has an absolute path", id="drive-letter"),
    pytest.param(dot_dot, "points outside the pack", id="dot-dot"),
    pytest.param(dot_dot_inside_a_folder, "points outside the pack", id="dot-dot-in-folder"),
    pytest.param(dot_dot_with_backslashes, "points outside the pack", id="dot-dot-backslash"),
    pytest.param(symlink, "is a link", id="symlink"),
    pytest.param(fifo, "is a special file", id="fifo"),
    pytest.param(char_device, "is a special file", id="char-device"),
    pytest.param(python_file, "is not markdown, TOML or text", id="python-file"),
    pytest.param(oversize, f"is larger than {MAX_FILE_BYTES // 1024} KB", id="oversize"),
    pytest.param(zip_bomb, "compressed suspiciously well", id="zip-bomb"),
    pytest.param(too_many_members, f"more than {MAX_MEMBERS} files", id="too-many-members"),
    pytest.param(duplicate_member, "appears twice", id="duplicate-member"),
    pytest.param(not_a_zip, "not a zip archive", id="not-a-zip"),
    pytest.param(truncated_zip, "not a zip archive", id="truncated-zip"),
]


@pytest.mark.parametrize(("build", "reason"), ATTACKS)
def test_unsafe_archive_is_refused_and_nothing_changes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path, build: Build, reason: str
) -> None:
    archive = tmp_path / "evil.zip"
    outside = tmp_path / "outside"
    member = build(archive, outside)
    before = tree(tmp_path)

    code, out, err = install(capsys, home, str(archive))

    line = one_line(err)
    assert (code, out) == (1, "")
    assert line.startswith(f"companion: error: {archive}: ")
    assert reason in line
    if member is not None:
        assert repr(member) in line
    assert tree(tmp_path) == before  # the home, the working folder, the archive's folder
    assert not outside.exists()
    assert leftovers(home) == []
    assert installed_ids(capsys, home) == {"other": "installed"}


def test_validate_refuses_an_unsafe_archive_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    archive = tmp_path / "evil.zip"
    dot_dot(archive, tmp_path / "outside")
    before = tree(tmp_path)

    code, out, err = run(capsys, "pack", "validate", str(archive))

    assert (code, out) == (1, "")
    assert "'../evil.md' points outside the pack" in one_line(err)
    assert tree(tmp_path) == before


def test_zip_bomb_fits_the_size_limit_but_not_the_ratio(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    zip_bomb(archive, tmp_path)
    info = zipfile.ZipFile(archive).getinfo("notes.txt")
    assert info.file_size <= MAX_FILE_BYTES  # so only the ratio rule can refuse it
    assert info.file_size / info.compress_size > MAX_RATIO

    with pytest.raises(UnsafeArchive, match="compressed suspiciously well"):
        read_archive(archive)


def test_an_archive_of_exactly_the_member_limit_installs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    notes = [(f"notes/{number}.txt", b"n") for number in range(MAX_MEMBERS - 2)]
    archive = make_zip(tmp_path / "acme.zip", [*pack_members(), *notes])
    assert len(zipfile.ZipFile(archive).infolist()) == MAX_MEMBERS

    code, _, err = install(capsys, home, str(archive))

    assert (code, err) == (0, "")
    assert len(list((home / "packs" / "acme" / "notes").iterdir())) == MAX_MEMBERS - 2


def test_archive_with_a_file_where_a_folder_should_be_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    """A member 'cards/idea.md' and another 'cards/idea.md/more.md': one path, file and folder."""
    archive = make_zip(
        tmp_path / "acme.zip", [*pack_members(), ("cards/idea.md/more.md", card("More"))]
    )
    before = tree(tmp_path)

    code, out, err = install(capsys, home, str(archive))

    assert (code, out) == (1, "")
    assert "cards/idea.md" in one_line(err)
    assert tree(tmp_path) == before
    assert leftovers(home) == []


def encrypted(archive: Path) -> None:
    """Flag the member as encrypted (as `zip -e` does) in both headers."""
    data = bytearray(make_zip(archive, pack_members()).read_bytes())
    data[data.find(b"PK\x03\x04") + 6] |= 0x01
    data[data.find(b"PK\x01\x02") + 8] |= 0x01
    archive.write_bytes(bytes(data))


def unknown_method(archive: Path) -> None:
    """Compression method 99 (AES, as 7-Zip and WinZip write it) in both headers."""
    data = bytearray(make_zip(archive, pack_members()).read_bytes())
    data[data.find(b"PK\x03\x04") + 8] = 99
    data[data.find(b"PK\x01\x02") + 10] = 99
    archive.write_bytes(bytes(data))


def damaged_data(archive: Path) -> None:
    """The headers are intact but the deflated bytes of the first member are garbage."""
    data = bytearray(make_zip(archive, pack_members()).read_bytes())
    start = data.find(b"PK\x03\x04") + 30 + len("pack.toml")
    data[start : start + 8] = b"\xff" * 8
    archive.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [encrypted, unknown_method, damaged_data])
def test_an_archive_zipfile_cannot_read_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    home: Path,
    damage: Callable[[Path], None],
) -> None:
    archive = tmp_path / "acme.zip"
    damage(archive)
    before = tree(tmp_path)

    code, out, err = install(capsys, home, str(archive))

    assert (code, out) == (1, "")
    assert one_line(err).startswith(f"companion: error: {archive}: ")
    assert tree(tmp_path) == before


@pytest.mark.parametrize("name", ["", "\x00evil.md"], ids=["empty", "nul-first"])
def test_a_member_with_an_empty_name_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path, name: str
) -> None:
    archive = make_zip(tmp_path / "acme.zip", [*pack_members(), (name, card())])
    before = tree(tmp_path)

    code, out, err = install(capsys, home, str(archive))

    assert (code, out) == (1, "")
    assert one_line(err).startswith(f"companion: error: {archive}: ")
    assert tree(tmp_path) == before


# -- good archives ----------------------------------------------------------------------------


def test_archive_with_one_top_folder_installs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    archive = make_zip(tmp_path / "acme.zip", pack_members(top="acme-1.0.0/"))

    code, out, err = install(capsys, home, str(archive))

    assert (code, err) == (0, "")
    target = home / "packs" / "acme"
    assert out.splitlines()[0] == f"Installed acme 1.0.0 into {target}"
    installed = tree(target)
    source = json.loads(installed.pop(SOURCE_FILE))  # where `pack update` fetches it again
    assert installed == {"pack.toml": manifest(), "cards": None, "cards/idea.md": card()}
    assert source == {"kind": "path", "source": str(archive)}
    assert installed_ids(capsys, home) == {"other": "installed", "acme": "installed"}
    assert leftovers(home) == []
    item = Context(Home(home)).library.get("acme/idea")
    assert item is not None and item.title == "One idea"


def test_archive_written_with_zipfile_writestr_installs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    archive = tmp_path / "acme.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for name, data in pack_members():
            bundle.writestr(str(name), data)

    code, _, err = install(capsys, home, str(archive))

    assert (code, err) == (0, "")
    assert (home / "packs" / "acme" / "cards" / "idea.md").read_bytes() == card()


@pytest.fixture
def open_umask() -> Iterator[None]:
    """umask 000, as some shells and containers have: modes are what the code asks for."""
    old = os.umask(0)
    yield
    os.umask(old)


def modes(root: Path) -> set[tuple[str, int]]:
    """('dir' or 'file', permission bits) of everything under root, root included."""
    found = {("dir", stat.S_IMODE(root.stat().st_mode))}
    for path in root.rglob("*"):
        found.add(("dir" if path.is_dir() else "file", stat.S_IMODE(path.stat().st_mode)))
    return found


@pytest.mark.parametrize("source", ["folder", "zip"])
def test_installed_files_are_private_whatever_the_source_modes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, open_umask: None, source: str
) -> None:
    members = [*pack_members(), ("cards/deep/er/more.md", card("More").replace(b"idea", b"more"))]
    if source == "zip":
        infos = [(regular(name), data) for name, data in members]
        for info, _ in infos:
            info.external_attr = (stat.S_IFREG | 0o666) << 16
        path = make_zip(tmp_path / "acme.zip", list(infos))
    else:
        path = tmp_path / "acme"
        for name, data in members:
            (path / name).parent.mkdir(mode=0o777, parents=True, exist_ok=True)
            (path / name).write_bytes(data)
            (path / name).chmod(0o666)

    code, _, err = install(capsys, tmp_path / "home", str(path))

    assert (code, err) == (0, "")
    assert modes(tmp_path / "home" / "packs") == {("dir", 0o700), ("file", 0o600)}


def test_pack_with_validation_errors_is_refused_with_each_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    broken_card = "---\nkind: card\nid: idea\ncolour: blue\n---\n# Idea\n\nText.\n"
    broken_reflection = (
        "---\nkind: reflection\nid: daily\n---\n# Daily\n\n## Mood\n\nAnswer: banana\n"
    )
    archive = make_zip(
        tmp_path / "acme.zip",
        [
            ("pack.toml", manifest()),
            ("cards/idea.md", broken_card.encode()),
            ("reflections/daily.md", broken_reflection.encode()),
        ],
    )
    before = tree(tmp_path)

    code, out, err = install(capsys, home, str(archive))

    assert (code, out) == (1, "")
    first, *problems = err.splitlines()
    assert first.startswith(f"companion: error: {archive}: not installed, 2 problems")
    assert problems == [
        f"{archive}/cards/idea.md:4: unknown key 'colour' in frontmatter",
        f"{archive}/reflections/daily.md:9: unknown answer kind 'banana'; "
        "use one of: scale, text, choice, tags, commitment",
    ]
    assert tree(tmp_path) == before
    assert leftovers(home) == []


def test_same_version_again_needs_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    first = make_zip(tmp_path / "first.zip", pack_members(title="First idea"))
    second = make_zip(tmp_path / "second.zip", pack_members(version="1.0", title="Second idea"))
    assert install(capsys, home, str(first))[0] == 0
    target = home / "packs" / "acme"
    before = tree(target)

    code, out, err = install(capsys, home, str(second))  # 1.0 is 1.0.0

    assert (code, out) == (1, "")
    assert one_line(err) == (
        "companion: error: acme 1.0.0 is already installed; use --force to install it again"
    )
    assert tree(target) == before

    code, out, err = install(capsys, home, str(second), "--force")

    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"Installed acme 1.0 (replaced 1.0.0) into {target}"
    assert (target / "cards" / "idea.md").read_bytes() == card("Second idea")
    assert sorted(p.name for p in (home / "packs").iterdir()) == ["acme", "other"]
    item = Context(Home(home)).library.get("acme/idea")
    assert item is not None and item.title == "Second idea"


def test_older_version_needs_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    newer = make_zip(tmp_path / "newer.zip", pack_members(version="1.10.0", title="Newer"))
    older = make_zip(tmp_path / "older.zip", pack_members(version="1.9.0", title="Older"))
    assert install(capsys, home, str(newer))[0] == 0
    before = tree(tmp_path)

    code, out, err = install(capsys, home, str(older))  # 1.9 < 1.10: numbers, not text

    assert (code, out) == (1, "")
    assert one_line(err) == (
        "companion: error: acme 1.10.0 is installed, newer than 1.9.0; "
        "use --force to replace it anyway"
    )
    assert tree(tmp_path) == before

    code, out, err = install(capsys, home, str(older), "--force")

    assert (code, err) == (0, "")
    target = home / "packs" / "acme"
    assert out.splitlines()[0] == f"Installed acme 1.9.0 (replaced 1.10.0) into {target}"
    assert (target / "pack.toml").read_bytes() == manifest(version="1.9.0")
    assert (target / "cards" / "idea.md").read_bytes() == card("Older")
    assert leftovers(home) == []


def test_newer_version_replaces_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    assert install(capsys, home, str(make_zip(tmp_path / "a.zip", pack_members())))[0] == 0
    newer = make_zip(tmp_path / "b.zip", pack_members(version="1.0.1", title="Newer"))

    code, out, err = install(capsys, home, str(newer))

    assert (code, err) == (0, "")
    assert "(replaced 1.0.0)" in out.splitlines()[0]
    assert (home / "packs" / "acme" / "cards" / "idea.md").read_bytes() == card("Newer")


def test_pack_with_a_built_in_id_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    archive = make_zip(tmp_path / "fake.zip", pack_members("essentials", "9.9.9"))
    before = tree(tmp_path)

    code, out, err = install(capsys, home, str(archive), "--force")

    assert (code, out) == (1, "")
    builtin = builtin_content_dir() / "essentials"
    assert one_line(err) == (
        f"companion: error: {archive}: the pack id 'essentials' is already used by "
        f"the built-in pack at {builtin}"
    )
    assert tree(tmp_path) == before
    assert Context(Home(home)).library.packs["essentials"].root == builtin


# -- remove -----------------------------------------------------------------------------------


def test_remove_an_installed_pack(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    assert install(capsys, home, str(make_zip(tmp_path / "a.zip", pack_members())))[0] == 0

    code, out, err = run(capsys, "--home", str(home), "pack", "remove", "acme")

    assert (code, err) == (0, "")
    assert out == f"Removed acme ({home / 'packs' / 'acme'})\n"
    assert not (home / "packs" / "acme").exists()
    assert installed_ids(capsys, home) == {"other": "installed"}


def test_remove_a_built_in_pack_is_refused(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    builtin = builtin_content_dir() / "essentials"

    code, out, err = run(capsys, "--home", str(home), "pack", "remove", "essentials")

    assert (code, out) == (1, "")
    assert one_line(err) == (
        f"companion: error: 'essentials' comes with the built-in pack at {builtin} "
        "and cannot be removed"
    )
    assert (builtin / "pack.toml").is_file()


def test_remove_an_unknown_pack(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    before = tree(home)

    code, out, err = run(capsys, "--home", str(home), "pack", "remove", "nope")

    assert (code, out) == (1, "")
    assert one_line(err) == (
        "companion: error: no installed pack 'nope' (see `companion pack list`)"
    )
    assert tree(home) == before


@pytest.mark.parametrize("kind", ["link-to-a-pack", "folder-without-pack-toml"])
def test_remove_touches_only_installed_packs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path, kind: str
) -> None:
    """A link in <home>/packs to the coach's own pack folder, or a folder that is no pack,
    is not an installed pack: refused, and nothing behind it is deleted."""
    source = tmp_path / "work" / "acme"
    for name, data in pack_members():
        (source / str(name)).parent.mkdir(parents=True, exist_ok=True)
        (source / str(name)).write_bytes(data)
    if kind == "link-to-a-pack":
        (home / "packs" / "acme").symlink_to(source, target_is_directory=True)
    else:
        (home / "packs" / "acme").mkdir()
        (home / "packs" / "acme" / "notes.md").write_text("my notes\n")
    before = tree(tmp_path)

    code, out, err = run(capsys, "--home", str(home), "pack", "remove", "acme")

    assert (code, out) == (1, "")
    assert one_line(err) == "companion: error: no installed pack 'acme' (see `companion pack list`)"
    assert tree(tmp_path) == before


@pytest.mark.parametrize("how", ["absolute", "relative"])
def test_remove_never_deletes_a_folder_outside_the_packs_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path, how: str
) -> None:
    source = tmp_path / "work" / "acme"
    for name, data in pack_members():
        (source / str(name)).parent.mkdir(parents=True, exist_ok=True)
        (source / str(name)).write_bytes(data)
    argument = str(source) if how == "absolute" else "../../work/acme"
    before = tree(tmp_path)

    code, out, err = run(capsys, "--home", str(home), "pack", "remove", argument)

    assert (code, out) == (1, "")
    one_line(err)
    assert tree(tmp_path) == before
