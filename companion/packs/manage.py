"""Validate, install, remove, scaffold and build packs.

Installing never writes a half pack: files are checked first, written to a private staging
folder inside <home>/packs, validated there, and only then moved into place with a rename.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from companion.errors import CompanionError
from companion.files.atomic import atomic_write_bytes
from companion.i18n import _, ngettext
from companion.models.content import ID_PATTERN, ContentItem, ItemKind, PackManifest, slugify
from companion.packs.archive import ALLOWED_NAMES, ALLOWED_SUFFIXES, read_archive, write_files
from companion.packs.kinds import KINDS, kind_of
from companion.packs.loader import MANIFEST, Pack, load_item, load_manifest, load_pack
from companion.packs.problems import Problem
from companion.packs.text import MAX_FILE_BYTES
from companion.text_safety import shown

ZIP_TIME = (2020, 1, 1, 0, 0, 0)  # fixed, so the same pack always builds the same zip

# How many items of a kind a pack holds, as `pack validate` and `pack list` say it
COUNTED = {
    ItemKind.REFLECTION: lambda n: ngettext("{count} reflection", "{count} reflections", n),
    ItemKind.SCRIPT: lambda n: ngettext("{count} script", "{count} scripts", n),
    ItemKind.CARD: lambda n: ngettext("{count} card", "{count} cards", n),
    ItemKind.QUESTIONS: lambda n: ngettext("{count} question bank", "{count} question banks", n),
}


def counted(kind: ItemKind, count: int) -> str:
    return COUNTED[kind](count).format(count=count)


@dataclass
class Report:
    """What `validate` found: the pack (if any), its items per kind, and every problem."""

    source: str
    pack: Pack | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def manifest(self) -> PackManifest | None:
        """The pack's manifest as read; None for one file, or a pack.toml that is missing or
        broken (the pack then has a stand-in named after its folder)."""
        pack = self.pack
        if pack is None or pack.origin == "file" or not pack.manifest_read:
            return None
        return pack.manifest

    @property
    def counts(self) -> Counter[str]:
        items = self.pack.items.values() if self.pack else []
        return Counter(item.kind.value for item in items)

    @property
    def items(self) -> list[ItemFacts]:
        """Each item with what it holds, kind by kind as the summary counts them."""
        order = [kind.kind for kind in KINDS]
        items = (
            sorted(self.pack.items.values(), key=lambda i: order.index(i.kind)) if self.pack else []
        )
        return [ItemFacts.of(item) for item in items]

    def summary(self) -> str:
        """'essentials 1.0: 2 reflections, 3 cards; 0 errors, 1 warning'."""
        return f"{self.name}: {self.contents()}"

    @property
    def name(self) -> str:
        manifest = self.manifest
        return self.source if manifest is None else f"{manifest.id} {manifest.version}"

    def contents(self) -> str:
        """What the pack holds and how many problems it has, without its name."""
        counts = self.counts
        parts = [
            counted(kind.kind, counts[kind.kind.value]) for kind in KINDS if counts[kind.kind.value]
        ]
        errors = len(self.errors)
        warnings = len(self.problems) - errors
        return _("{items}; {errors}, {warnings}").format(
            items=", ".join(parts) or _("no items"),
            errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
            warnings=ngettext("{count} warning", "{count} warnings", warnings).format(
                count=warnings
            ),
        )


@dataclass(frozen=True)
class ItemFacts:
    """What `validate` lists about an item: what it is, and what it holds, so a coach sees at
    once that a bank was read as 325 questions in 7 groups, or a script as one long step."""

    kind: str
    id: str
    title: str
    counts: dict[str, int | None]  # questions and groups, steps and minutes, or prompts
    holds: str  # the same in words: '325 questions in 7 groups'; '' for a card

    @classmethod
    def of(cls, item: ContentItem) -> ItemFacts:
        counts, holds = kind_of(item).holds(item)
        return cls(item.kind.value, item.id, item.title, counts, holds)

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind, "id": self.id, "title": self.title, **self.counts}


def version_key(version: str) -> tuple[int, ...]:
    """'1.10' -> (1, 10), compared as numbers; '1.0.0' is '1'."""
    parts = [int(part) for part in version.split(".") if part.isdigit()]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


# -- reading a source (folder, zip or single file) ----------------------------------------


def folder_files(root: Path) -> dict[PurePosixPath, bytes]:
    """The files a pack folder would ship: markdown, TOML and text, no links, no dotfiles."""
    files: dict[PurePosixPath, bytes] = {}
    real_root = root.resolve()
    for folder, dirs, names in os.walk(root, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(names):
            path = here / name
            relative = PurePosixPath(*path.relative_to(root).parts)
            wanted = path.suffix.lower() in ALLOWED_SUFFIXES or path.stem.lower() in ALLOWED_NAMES
            if name.startswith(".") or not wanted:
                continue
            if path.is_symlink() or not path.resolve().is_relative_to(real_root):
                raise CompanionError(_("{path}: links are not allowed in a pack").format(path=path))
            if path.stat().st_size > MAX_FILE_BYTES:
                problem = _("{path}: larger than {size} KB")
                raise CompanionError(problem.format(path=path, size=MAX_FILE_BYTES // 1024))
            files[relative] = path.read_bytes()
    return files


def repository_path(path: str, mode: str, source: str) -> PurePosixPath | None:
    """Where a file of a pack's git repository goes in the pack, by the rules of a pack
    folder (markdown, TOML and text; no dotfiles, no links); None if it is not shipped."""
    parts = path.split("/")
    if any(part.startswith(".") or part == "" for part in parts) or "\\" in path:
        return None
    relative = PurePosixPath(*parts)
    wanted = relative.suffix.lower() in ALLOWED_SUFFIXES or relative.stem.lower() in ALLOWED_NAMES
    if not wanted:
        return None
    if mode not in ("100644", "100755"):
        problem = _("{source}: {path} is a link or not a file; not installed")
        raise CompanionError(problem.format(source=source, path=shown(path)))
    return relative


def read_source(source: Path) -> dict[PurePosixPath, bytes]:
    if source.is_dir():
        if not (source / MANIFEST).is_file():
            problem = _("{source}: no {file} here; is this a pack folder?")
            raise CompanionError(problem.format(source=source, file=MANIFEST))
        return folder_files(source)
    if source.suffix.lower() == ".zip":
        return read_archive(source)
    if not source.exists():
        raise CompanionError(_("{source}: no such file or folder").format(source=source))
    problem = _("{source}: give a pack folder or a .zip made with `companion pack build`")
    raise CompanionError(problem.format(source=source))


def _relabel(problems: list[Problem], staging: Path, label: Path) -> list[Problem]:
    """Problem paths inside a staging folder, shown as the user's own source paths."""
    relabelled = []
    for problem in problems:
        try:
            path = label / problem.path.relative_to(staging)
        except ValueError:
            path = problem.path
        relabelled.append(Problem(path, problem.line, problem.message, problem.severity))
    return relabelled


@contextlib.contextmanager
def staged(files: dict[PurePosixPath, bytes], parent: Path | None = None):  # type: ignore[no-untyped-def]
    """The files written into a fresh private folder, removed again afterwards unless moved."""
    if parent is not None:
        parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".staging-", dir=parent))
    try:
        write_files(files, folder)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def validate(source: Path) -> Report:
    """Check a pack folder, a pack archive or one content file, without installing it."""
    if source.is_file() and source.suffix.lower() == ".md":
        manifest = PackManifest(
            id=slugify(source.parent.name or "pack"), title="(file)", version="0"
        )
        item, problems = load_item(source, manifest)
        pack = Pack(manifest, source.parent, "file", {item.id: item} if item else {}, problems)
        return Report(str(source), pack, problems)
    files = read_source(source)
    if source.is_dir():
        pack = load_pack(source, "folder")
        return Report(str(source), pack, pack.problems)
    with staged(files) as folder:
        pack = load_pack(folder, "archive")
        return Report(str(source), pack, _relabel(pack.problems, folder, source))


# -- install, remove, build, new ----------------------------------------------------------


@dataclass(frozen=True)
class Installed:
    pack: Pack
    replaced: str | None  # the version it replaced, if any


def install(source: Path, packs_dir: Path, taken: dict[str, str], force: bool = False) -> Installed:
    """Install a pack folder or archive into `packs_dir`.

    `taken` maps pack ids that are not installed packs (built-in, from Python packages) to
    where they come from: those ids are refused, never shadowed.
    """
    return install_files(read_source(source), source, packs_dir, taken, force)


def install_files(
    files: dict[PurePosixPath, bytes],
    source: Path | str,
    packs_dir: Path,
    taken: dict[str, str],
    force: bool = False,
) -> Installed:
    """Install a pack's checked files (from a folder, an archive or a git repository)."""
    label = Path(str(source))
    with staged(files, packs_dir) as folder:
        pack = load_pack(folder, "installed")  # type: ignore[has-type]
        errors = [p for p in _relabel(pack.problems, folder, label) if p.severity == "error"]
        if errors:
            listed = "\n".join(str(p) for p in errors[:20])
            problem = ngettext(
                "{source}: not installed, {count} problem:",
                "{source}: not installed, {count} problems:",
                len(errors),
            )
            raise CompanionError(problem.format(source=source, count=len(errors)) + "\n" + listed)
        if pack.id in taken:
            problem = _("{source}: the pack id {id} is already used by {owner}")
            raise CompanionError(
                problem.format(source=source, id=repr(pack.id), owner=taken[pack.id])
            )
        target = packs_dir / pack.id
        replaced = _check_replace(target, pack.manifest, force)
        _move_into_place(folder, target)
    return Installed(load_pack(target, "installed"), replaced)


def _check_replace(target: Path, new: PackManifest, force: bool) -> str | None:
    """The version being replaced, if any; only a newer version replaces without --force."""
    if not target.exists():
        return None
    old, _problems = load_manifest(target)
    if force or version_key(new.version) > version_key(old.version):
        return old.version
    if version_key(new.version) == version_key(old.version):
        problem = _("{id} {version} is already installed; use --force to install it again")
        raise CompanionError(problem.format(id=new.id, version=old.version))
    problem = _("{id} {version} is installed, newer than {new}; use --force to replace it anyway")
    raise CompanionError(problem.format(id=new.id, version=old.version, new=new.version))


def _move_into_place(folder: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".old-{target.name}-{os.getpid()}")
        os.replace(target, old)
    try:
        os.replace(folder, target)
    except OSError:
        if old is not None:
            os.replace(old, target)  # put the previous version back
        raise
    folder.mkdir()  # so the staging cleanup has something to remove
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def remove(pack_id: str, packs_dir: Path, taken: dict[str, str]) -> Path:
    if not re.fullmatch(ID_PATTERN, pack_id):
        problem = _("{id} is not a pack id (see `companion pack list`)")
        raise CompanionError(problem.format(id=shown(pack_id)))
    target = packs_dir / pack_id
    inside = target.resolve().parent == packs_dir.resolve()
    if not inside or not (target / MANIFEST).is_file() or target.is_symlink():
        if pack_id in taken:
            problem = _("{id} comes with {owner} and cannot be removed")
            raise CompanionError(problem.format(id=shown(pack_id), owner=taken[pack_id]))
        problem = _("no installed pack {id} (see `companion pack list`)")
        raise CompanionError(problem.format(id=shown(pack_id)))
    shutil.rmtree(target)
    return target


def build(source: Path, output: Path | None) -> tuple[Path, Report]:
    """A zip of a valid pack folder, ready to share."""
    if not source.is_dir():
        raise CompanionError(_("{source}: give the pack folder to build").format(source=source))
    report = validate(source)
    if report.errors or report.pack is None:
        listed = "\n".join(str(p) for p in report.errors[:20])
        problem = ngettext(
            "{source}: not built, {count} problem:",
            "{source}: not built, {count} problems:",
            len(report.errors),
        )
        raise CompanionError(
            problem.format(source=source, count=len(report.errors)) + "\n" + listed
        )
    manifest = report.pack.manifest
    target = output or Path.cwd() / f"{manifest.id}-{manifest.version}.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path, data in sorted(folder_files(source).items()):
            info = zipfile.ZipInfo(f"{manifest.id}/{path}", date_time=ZIP_TIME)
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, data)
    try:
        atomic_write_bytes(target, buffer.getvalue(), mode=0o644)
    except OSError as error:
        problem = _("{target}: cannot write the archive ({reason})")
        raise CompanionError(
            problem.format(target=target, reason=error.strerror or error)
        ) from None
    return target, report
