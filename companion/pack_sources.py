"""Where an installed pack came from, so `companion pack update` can fetch it again: a pack
folder, a .zip, or a git repository a coach publishes it in by pushing.

A repository is fetched as a space is (`companion.spaces.git`: the user's own git and keys,
no hooks, no prompt, a time limit) into a temporary bare repository, and only its latest
commit: nothing is checked out, so no link, filter or attribute of it acts on this machine.
Its files are read from git's objects and go through the checks of any pack (kinds of file,
sizes, validation) before anything is installed.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from companion.errors import CompanionError
from companion.files.atomic import atomic_write_bytes
from companion.i18n import _
from companion.packs import manage
from companion.packs.library import fixed_pack_ids
from companion.packs.loader import MANIFEST, load_manifest
from companion.packs.text import MAX_FILE_BYTES
from companion.text_safety import shown

SOURCE_FILE = ".companion-source.json"  # in the installed pack's folder; a dotfile, never shipped
MAX_FILES = 2000


def is_git_source(text: str) -> bool:
    """A URL, ssh's host:path, or a local git repository that is not itself a pack folder."""
    from companion.spaces.git import is_local_remote

    if not is_local_remote(text) or text.startswith("file://"):
        return True
    path = Path(text).expanduser()
    if not path.is_dir() or (path / MANIFEST).is_file():
        return False
    return (path / ".git").exists() or ((path / "HEAD").is_file() and (path / "objects").is_dir())


def fetch_files(remote: str) -> tuple[str, dict[PurePosixPath, bytes]]:
    """The latest commit of a pack's repository and the files a pack folder would ship."""
    from companion.spaces.git import Git

    scratch = Path(tempfile.mkdtemp(prefix="companion-pack-"))
    try:
        git = Git(scratch / "repo.git")
        git.init()
        commit = git.fetch_head(remote)
        chosen: dict[str, PurePosixPath] = {}
        for entry in git.list_tree(commit):
            relative = manage.repository_path(entry.path, entry.mode, remote)
            if relative is not None:
                chosen[entry.sha + "\0" + entry.path] = relative
        if len(chosen) > MAX_FILES:
            problem = _("{archive}: more than {count} files; nothing was installed")
            raise CompanionError(problem.format(archive=remote, count=MAX_FILES))
        shas = sorted({key.split("\0", 1)[0] for key in chosen})
        sizes = git.blob_sizes(shas)
        for key, relative in chosen.items():
            if sizes.get(key.split("\0", 1)[0], 0) > MAX_FILE_BYTES:
                problem = _("{archive}: {name} is larger than {size} KB; nothing was installed")
                raise CompanionError(
                    problem.format(archive=remote, name=relative, size=MAX_FILE_BYTES // 1024)
                )
        blobs = git.read_blobs(shas)
        return commit, {relative: blobs[key.split("\0", 1)[0]] for key, relative in chosen.items()}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _remember(root: Path, source: dict[str, str]) -> None:
    atomic_write_bytes(root / SOURCE_FILE, json.dumps(source, indent=2).encode() + b"\n")


def remembered(root: Path) -> dict[str, str] | None:
    try:
        data = json.loads((root / SOURCE_FILE).read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("source"), str) else None


def install_from(text: str, packs_dir: Path, force: bool = False) -> manage.Installed:
    """Install a pack from a folder, a .zip or a git repository, and remember where from."""
    if is_git_source(text):
        remote = _absolute(text)
        commit, files = fetch_files(remote)
        installed = manage.install_files(files, remote, packs_dir, fixed_pack_ids(), force)
        _remember(installed.pack.root, {"kind": "git", "source": remote, "commit": commit})
        return installed
    path = Path(text).expanduser().absolute()
    installed = manage.install(path, packs_dir, fixed_pack_ids(), force)
    _remember(installed.pack.root, {"kind": "path", "source": str(path)})
    return installed


def _absolute(remote: str) -> str:
    from companion.spaces.git import is_local_remote

    if is_local_remote(remote) and not remote.startswith("file://"):
        return str(Path(remote).expanduser().absolute())
    return remote


@dataclass(frozen=True)
class Updated:
    pack_id: str
    source: str
    installed: manage.Installed | None = None  # None: it was up to date
    problem: str | None = None


def update(packs_dir: Path, pack_id: str | None = None) -> list[Updated]:
    """Fetch every installed pack that remembers its source (or the one named) again; a
    newer or changed pack replaces the installed one, an older one is refused."""
    if pack_id is not None:
        root = packs_dir / pack_id
        if remembered(root) is None:
            if not (root / MANIFEST).is_file():
                raise CompanionError(
                    _("no installed pack {pack} (see `companion pack list`)").format(
                        pack=shown(pack_id)
                    )
                )
            raise CompanionError(
                _(
                    "{pack} was installed before Companion remembered sources: "
                    "install it again with `companion pack install`"
                ).format(pack=pack_id)
            )
        roots = [root]
    else:
        found = sorted(packs_dir.iterdir()) if packs_dir.is_dir() else []
        roots = [root for root in found if remembered(root) is not None]
    return [_update_one(root, packs_dir) for root in roots]


def _update_one(root: Path, packs_dir: Path) -> Updated:
    source = remembered(root) or {}
    where = source.get("source", "")
    try:
        if source.get("kind") == "git":
            commit, files = fetch_files(where)
            if commit == source.get("commit"):
                return Updated(root.name, where)
        else:
            files = manage.read_source(Path(where))
            commit = ""
            if files == manage.folder_files(root):
                return Updated(root.name, where)
        problem = _older(root, files)
        if problem:
            return Updated(root.name, where, problem=problem)
        installed = manage.install_files(files, where, packs_dir, fixed_pack_ids(), force=True)
        if installed.pack.id != root.name:
            return Updated(
                root.name,
                where,
                problem=_("{source} now holds the pack {other}; it was installed beside it").format(
                    source=where, other=installed.pack.id
                ),
            )
        _remember(installed.pack.root, {**source, **({"commit": commit} if commit else {})})
        return Updated(root.name, where, installed)
    except CompanionError as error:
        return Updated(root.name, where, problem=str(error))


def _older(root: Path, files: dict[PurePosixPath, bytes]) -> str | None:
    """Why the fetched pack does not replace the installed one, if it is older."""
    try:
        version = str(tomllib.loads(files[PurePosixPath(MANIFEST)].decode())["version"])
    except (KeyError, ValueError, UnicodeDecodeError):
        return None  # the install says what is wrong with it
    installed, _problems = load_manifest(root)
    if manage.version_key(version) < manage.version_key(installed.version):
        return _(
            "the source has version {new}, older than the installed {old}; not updated"
        ).format(new=version, old=installed.version)
    return None
