"""Reading a pack archive safely: every member is checked before anything is written.

Refused, whole: absolute paths, '..', links, special files, files that are not markdown,
TOML or text, oversized members, suspicious compression ratios, too many members.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from companion.errors import CompanionError
from companion.i18n import _
from companion.packs.text import MAX_FILE_BYTES

ALLOWED_SUFFIXES = {".md", ".toml", ".txt"}
ALLOWED_NAMES = {"license", "licence", "readme", "changelog"}
MAX_MEMBERS = 500
MAX_TOTAL_BYTES = 20 * 1024 * 1024
MAX_RATIO = 100
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


class UnsafeArchive(CompanionError):
    """An archive we refuse to read, with the member and the reason."""


def _member_path(info: zipfile.ZipInfo, archive: Path) -> PurePosixPath | None:
    """The member's path if it is a file we may read; None for a folder; else UnsafeArchive."""
    name = info.filename.replace("\\", "/")

    def refuse(message: str) -> UnsafeArchive:
        return UnsafeArchive(message.format(archive=archive, name=repr(info.filename)))

    if not name:
        raise refuse(_("{archive}: a member has no name; nothing was installed"))
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise refuse(_("{archive}: {name} has an absolute path; nothing was installed"))
    path = PurePosixPath(name)
    if ".." in path.parts:
        raise refuse(_("{archive}: {name} points outside the pack ('..'); nothing was installed"))
    kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when a tool stored only permission bits
    if kind == stat.S_IFLNK:
        raise refuse(_("{archive}: {name} is a link; nothing was installed"))
    if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
        raise refuse(_("{archive}: {name} is a special file; nothing was installed"))
    if info.flag_bits & 0x1:
        raise refuse(_("{archive}: {name} is encrypted; nothing was installed"))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise refuse(
            _("{archive}: {name} uses a compression Companion cannot read; nothing was installed")
        )
    if name.endswith("/"):
        return None
    return path


def _check_content(info: zipfile.ZipInfo, path: PurePosixPath, archive: Path) -> None:
    if path.suffix.lower() not in ALLOWED_SUFFIXES and path.stem.lower() not in ALLOWED_NAMES:
        problem = _(
            "{archive}: {name} is not markdown, TOML or text; a pack holds only those "
            "(nothing was installed)"
        )
        raise UnsafeArchive(problem.format(archive=archive, name=repr(info.filename)))
    if info.file_size > MAX_FILE_BYTES:
        problem = _("{archive}: {name} is larger than {size} KB; nothing was installed")
        raise UnsafeArchive(
            problem.format(archive=archive, name=repr(info.filename), size=MAX_FILE_BYTES // 1024)
        )
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
        problem = _(
            "{archive}: {name} is compressed suspiciously well (a zip bomb?); nothing was installed"
        )
        raise UnsafeArchive(problem.format(archive=archive, name=repr(info.filename)))


def _read_member(bundle: zipfile.ZipFile, info: zipfile.ZipInfo, archive: Path) -> bytes:
    try:
        return bundle.read(info)
    except (zlib.error, EOFError, RuntimeError, NotImplementedError, zipfile.BadZipFile) as error:
        problem = _(
            "{archive}: {name} is damaged or cannot be read ({reason}); nothing was installed"
        )
        raise UnsafeArchive(
            problem.format(archive=archive, name=repr(info.filename), reason=error)
        ) from None


def _strip_top_folder(files: dict[PurePosixPath, bytes]) -> dict[PurePosixPath, bytes]:
    """`my-pack/pack.toml` -> `pack.toml` when everything sits in one top folder."""
    if PurePosixPath("pack.toml") in files:
        return files
    tops = {path.parts[0] for path in files if len(path.parts) > 1}
    if len(tops) == 1 and all(len(path.parts) > 1 for path in files):
        return {PurePosixPath(*path.parts[1:]): data for path, data in files.items()}
    return files


def read_archive(archive: Path) -> dict[PurePosixPath, bytes]:
    """Every member's bytes, or UnsafeArchive; nothing is written anywhere."""
    try:
        with zipfile.ZipFile(archive) as bundle:
            infos = bundle.infolist()
            if len(infos) > MAX_MEMBERS:
                problem = _("{archive}: more than {count} files; nothing was installed")
                raise UnsafeArchive(problem.format(archive=archive, count=MAX_MEMBERS))
            checked = [(info, _member_path(info, archive)) for info in infos]
            members = [(info, path) for info, path in checked if path is not None]
            for info, path in members:
                _check_content(info, path, archive)
            if sum(info.file_size for info, _ in members) > MAX_TOTAL_BYTES:
                problem = _("{archive}: larger than {size} MB unpacked")
                raise UnsafeArchive(problem.format(archive=archive, size=MAX_TOTAL_BYTES // 2**20))
            files: dict[PurePosixPath, bytes] = {}
            folders = {parent for _, path in members for parent in path.parents}
            for info, path in members:
                if path in files:
                    problem = _("{archive}: {name} appears twice; nothing was installed")
                    raise UnsafeArchive(problem.format(archive=archive, name=repr(info.filename)))
                if path in folders:
                    problem = _(
                        "{archive}: {name} is both a file and a folder; nothing was installed"
                    )
                    raise UnsafeArchive(problem.format(archive=archive, name=repr(info.filename)))
                data = _read_member(bundle, info, archive)
                if len(data) > MAX_FILE_BYTES:  # the header may lie about the size
                    problem = _("{archive}: {name} is larger than it says")
                    raise UnsafeArchive(problem.format(archive=archive, name=repr(info.filename)))
                files[path] = data
    except zipfile.BadZipFile as error:
        problem = _("{archive}: not a zip archive ({reason})")
        raise CompanionError(problem.format(archive=archive, reason=error)) from None
    except OSError as error:
        problem = _("{archive}: cannot read it ({reason})")
        raise CompanionError(
            problem.format(archive=archive, reason=error.strerror or error)
        ) from None
    return _strip_top_folder(files)


def write_files(files: dict[PurePosixPath, bytes], root: Path) -> None:
    """Write checked members under `root` (a fresh, private folder), every folder 0700 and
    every file 0600 whatever the source's modes or the umask: this is the one way any pack
    source (folder, archive) gets into <home>/packs."""
    for path, data in sorted(files.items()):
        target = root.joinpath(*path.parts)
        if not target.resolve().is_relative_to(root.resolve()):
            raise UnsafeArchive(_("{path} would land outside the pack").format(path=path))
        try:
            _private_folders(root, path.parts[:-1])
            _write_private(target, data)
        except OSError as error:
            problem = _("{path}: cannot be unpacked ({reason})")
            raise CompanionError(
                problem.format(path=path, reason=error.strerror or error)
            ) from None


def _private_folders(root: Path, parts: tuple[str, ...]) -> None:
    """Each folder on the way, made one at a time: `mkdir(parents=True)` would make the
    ones in between with the umask's mode."""
    folder = root
    for part in parts:
        folder = folder / part
        if not folder.is_dir():
            folder.mkdir(mode=PRIVATE_FOLDER)


def _write_private(target: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(target, flags, PRIVATE_FILE), "wb") as file:
        file.write(data)
