"""All packs the user has: built-in, installed in <home>/packs, and from Python packages.

Items are addressed `pack-id/item-id`. When two packs share an id the first found wins and
the clash is reported as a problem: never silently resolved.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from companion.errors import CompanionError
from companion.models.content import ContentItem, ReflectionTemplate
from companion.packs.loader import MANIFEST, Pack, load_pack
from companion.packs.problems import Problem

Item = TypeVar("Item", bound=ContentItem)
DEFAULT_REFLECTION = "essentials/daily"


def builtin_content_dir() -> Path:
    """`content/` as shipped in the wheel (companion/_content), or beside the source tree."""
    package = Path(__file__).resolve().parents[1]
    shipped = package / "_content"
    return shipped if shipped.is_dir() else package.parent / "content"


def pack_folders(parent: Path) -> list[Path]:
    if not parent.is_dir():
        return []
    return sorted(
        p for p in parent.iterdir() if p.is_dir() and not p.is_symlink() and (p / MANIFEST).exists()
    )


@dataclass
class Library:
    packs: dict[str, Pack] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def load(cls, sources: Iterable[tuple[Path, str]]) -> Library:
        library = cls()
        for root, origin in sources:
            library.add(load_pack(root, origin))
        return library

    @classmethod
    def discover(cls, installed: Path | None = None) -> Library:
        """Built-in packs first, then those installed in `installed`."""
        sources = [(root, "built-in") for root in pack_folders(builtin_content_dir())]
        if installed is not None:
            sources += [(root, "installed") for root in pack_folders(installed)]
        return cls.load(sources)

    def add(self, pack: Pack) -> None:
        if pack.id in self.packs:
            kept = self.packs[pack.id]
            self.problems.append(
                Problem(
                    pack.root / MANIFEST,
                    1,
                    f"pack id {pack.id!r} clashes with the {kept.origin} pack at {kept.root}; "
                    "this one was not loaded",
                )
            )
            return
        self.packs[pack.id] = pack

    def items(self) -> Iterator[ContentItem]:
        for pack in self.packs.values():
            yield from pack.items.values()

    def of_kind(self, kind: type[Item]) -> list[Item]:
        return [item for item in self.items() if isinstance(item, kind)]

    def get(self, address: str) -> ContentItem | None:
        pack_id, _, item_id = address.partition("/")
        pack = self.packs.get(pack_id)
        return pack.items.get(item_id) if pack else None

    def reflection(self, address: str | None = None) -> ReflectionTemplate | None:
        """The reflection at `address`, else the default one, else the first there is."""
        for candidate in (address, DEFAULT_REFLECTION):
            item = self.get(candidate) if candidate else None
            if isinstance(item, ReflectionTemplate):
                return item
        reflections = self.of_kind(ReflectionTemplate)
        return reflections[0] if reflections else None

    def find(self, reference: str, kind: type[Item], language: str = "en") -> Item:
        """An item by 'pack/id', or by its bare id: the one pack that has it, else the one
        in the user's language."""
        if "/" in reference:
            item = self.get(reference)
            if isinstance(item, kind):
                return item
        else:
            matches = [i for i in self.of_kind(kind) if i.id == reference]
            preferred = [i for i in matches if i.language == language]
            for candidates in (matches, preferred):
                if len(candidates) == 1:
                    return candidates[0]
            if matches:
                options = ", ".join(i.address for i in matches)
                raise CompanionError(f"{reference!r} is in several packs: use one of {options}")
        known = ", ".join(i.address for i in self.of_kind(kind)) or "none installed"
        raise CompanionError(f"no {kind.__name__.lower()} {reference!r} (available: {known})")

    def all_problems(self) -> list[Problem]:
        return self.problems + [p for pack in self.packs.values() for p in pack.problems]
