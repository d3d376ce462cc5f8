"""The table of content kinds covers every kind a file may declare, each entry with the model
that kind's items are."""

from __future__ import annotations

from companion.models.content import ItemKind
from companion.packs.kinds import KINDS


def test_every_kind_a_file_may_declare_has_one_entry() -> None:
    assert sorted(kind.kind for kind in KINDS) == sorted(ItemKind)


def test_each_entry_builds_the_model_of_its_kind() -> None:
    for kind in KINDS:
        assert kind.model.model_fields["kind"].default is kind.kind


def test_every_kind_has_its_own_names() -> None:
    names = [name for kind in KINDS for name in (kind.one, kind.many)]

    assert len(set(names)) == len(names)
