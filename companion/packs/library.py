"""All packs the user has: built-in, installed in <home>/packs, and from Python packages.

Items are addressed `pack-id/item-id`. When two packs share an id the first found wins and
the clash is reported as a problem: never silently resolved.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.machinery import PathFinder
from importlib.metadata import entry_points
from pathlib import Path
from typing import TypeVar

from companion.errors import CompanionError
from companion.i18n import N_, _
from companion.models.content import ContentItem, ReflectionTemplate
from companion.packs.card_cache import builtin_content_dir
from companion.packs.item_cache import ItemCache
from companion.packs.loader import MANIFEST, Pack, load_manifest, load_pack
from companion.packs.problems import Problem
from companion.text_safety import shown

Item = TypeVar("Item", bound=ContentItem)
DEFAULT_REFLECTION = "essentials/daily"
ENTRY_POINT_GROUP = "companion.packs"

# Where a pack comes from, as `pack list` and messages say it ("package NAME" for the rest)
ORIGIN_NAMES = {
    "built-in": N_("built-in"),
    "installed": N_("installed"),
    "folder": N_("folder"),
    "archive": N_("archive"),
    "file": N_("file"),
}
NOT_FOUND = {
    "ReflectionTemplate": N_("no reflection {reference} (available: {known})"),
    "Script": N_("no script {reference} (available: {known})"),
    "": N_("no {kind} {reference} (available: {known})"),
}


def pack_at(origin: str, root: Path) -> str:
    """'the built-in pack at ROOT', as a message names a pack (its origin inflects in Dutch)."""
    if origin == "built-in":
        return _("the built-in pack at {folder}").format(folder=root)
    if origin == "installed":
        return _("the installed pack at {folder}").format(folder=root)
    if origin.startswith("package "):
        name = origin.removeprefix("package ")
        return _("the package {name} pack at {folder}").format(name=name, folder=root)
    return _("the pack at {folder}").format(folder=root)


def origin_name(origin: str) -> str:
    """A pack's origin in the interface's language."""
    if origin.startswith("package "):
        return _("package {name}").format(name=origin.removeprefix("package "))
    return _(ORIGIN_NAMES[origin]) if origin in ORIGIN_NAMES else origin


def entry_point_packs() -> list[tuple[Path, str]]:
    """Packs shipped by Python packages: an entry point in the group `companion.packs` names a
    package whose folder holds a pack.toml. The folder is found without importing anything,
    so no package code runs."""
    found: list[tuple[Path, str]] = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        name = entry.value.split(":")[0].strip()
        try:
            root = _package_folder(name)
        except Exception:  # a broken package is skipped, never fatal
            root = None
        if root is not None and (root / MANIFEST).is_file():
            found.append((root, f"package {entry.dist.name if entry.dist else name}"))
    return found


def _package_folder(dotted: str) -> Path | None:
    """The folder of a package (or a folder inside it), found on sys.path without importing."""
    top, *rest = dotted.split(".")
    spec = PathFinder.find_spec(top)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    for part in rest:
        folder = folder / part
        if not folder.is_dir() or folder.is_symlink():
            return None
    return folder


def fixed_sources() -> list[tuple[Path, str]]:
    """The packs a user does not install: built-in ones, then those from Python packages."""
    return [(root, "built-in") for root in pack_folders(builtin_content_dir())] + (
        entry_point_packs()
    )


def fixed_pack_ids() -> dict[str, str]:
    """The ids an installed pack may not take, each with the pack that holds it (read from
    the manifests only: installing a pack need not parse every other pack's content)."""
    taken: dict[str, str] = {}
    for root, origin in fixed_sources():
        manifest, _problems = load_manifest(root)
        taken.setdefault(manifest.id, pack_at(origin, root))
    return taken


def pack_folders(parent: Path) -> list[Path]:
    if not parent.is_dir():
        return []
    return sorted(
        p
        for p in parent.iterdir()
        if p.is_dir()
        and not p.is_symlink()
        and not p.name.startswith(".")
        and (p / MANIFEST).exists()
    )


@dataclass
class Library:
    packs: dict[str, Pack] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    language: str = "en"  # items in this language come first and are the defaults

    @classmethod
    def load(
        cls,
        sources: Iterable[tuple[Path, str]],
        language: str = "en",
        cache: ItemCache | None = None,
    ) -> Library:
        library = cls(language=language)
        for root, origin in sources:
            library.add(load_pack(root, origin, cache))
        if cache is not None:
            cache.save()
        return library

    @classmethod
    def discover(
        cls, installed: Path | None = None, language: str = "en", cache: ItemCache | None = None
    ) -> Library:
        """Built-in packs first, then packs from Python packages, then those installed in
        `installed`; a later pack with an id already taken is reported, not loaded. Items of
        files unchanged since last time come from `cache`, if given."""
        sources = fixed_sources()
        if installed is not None:
            sources += [(root, "installed") for root in pack_folders(installed)]
        return cls.load(sources, language, cache)

    def add(self, pack: Pack) -> None:
        if pack.id in self.packs:
            kept = self.packs[pack.id]
            self.problems.append(
                Problem(
                    pack.root / MANIFEST,
                    1,
                    _("pack id {id} clashes with {pack}; this one was not loaded").format(
                        id=repr(pack.id), pack=pack_at(kept.origin, kept.root)
                    ),
                )
            )
            return
        self.packs[pack.id] = pack

    def items(self) -> Iterator[ContentItem]:
        for pack in self.packs.values():
            yield from pack.items.values()

    def of_kind(self, kind: type[Item]) -> list[Item]:
        """Items of a kind, those in the content language first."""
        found = [item for item in self.items() if isinstance(item, kind)]
        return sorted(found, key=lambda item: item.language != self.language)

    def get(self, address: str) -> ContentItem | None:
        pack_id, _slash, item_id = address.partition("/")
        pack = self.packs.get(pack_id)
        return pack.items.get(item_id) if pack else None

    def reflection(self, address: str | None = None) -> ReflectionTemplate | None:
        """The reflection at `address`, else the default one in the content language, else
        the first there is."""
        if address and isinstance(item := self.get(address), ReflectionTemplate):
            return item
        reflections = self.of_kind(ReflectionTemplate)
        for item in reflections:
            if item.id == DEFAULT_REFLECTION.split("/")[1] and item.language == self.language:
                return item
        default = self.get(DEFAULT_REFLECTION)
        if isinstance(default, ReflectionTemplate) and not any(
            r.language == self.language for r in reflections
        ):
            return default
        return reflections[0] if reflections else None

    def find(self, reference: str, kind: type[Item], language: str | None = None) -> Item:
        """An item by 'pack/id', or by its bare id: the one pack that has it, else the one
        in the user's language."""
        if "/" in reference:
            item = self.get(reference)
            if isinstance(item, kind):
                return item
        else:
            matches = [i for i in self.of_kind(kind) if i.id == reference]
            preferred = [i for i in matches if i.language == (language or self.language)]
            for candidates in (matches, preferred):
                if len(candidates) == 1:
                    return candidates[0]
            if matches:
                options = ", ".join(i.address for i in matches)
                problem = _("{reference} is in several packs: use one of {options}")
                raise CompanionError(problem.format(reference=shown(reference), options=options))
        known = ", ".join(i.address for i in self.of_kind(kind)) or _("none installed")
        missing = _(NOT_FOUND.get(kind.__name__, NOT_FOUND[""]))
        raise CompanionError(
            missing.format(kind=kind.__name__.lower(), reference=shown(reference), known=known)
        )

    def all_problems(self) -> list[Problem]:
        return self.problems + [p for pack in self.packs.values() for p in pack.problems]
