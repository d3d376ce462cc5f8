"""Every schema version the journal ever had stays readable: a fixture of each lives in
tests/fixtures (schema 1 one file, schema 2 a folder), and each must open and read whole; an
older one is kept, then migrated, so that a kill at any point loses and duplicates nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import orjson
import pytest

from companion.errors import NewerJournal
from companion.models.journal import Note
from companion.storage import migrate
from companion.storage.journal import SCHEMA_VERSION, Journal
from companion.storage.layout import Layout
from tests.journal_files import coaching_file, files_of, rewrite

FIXTURES = sorted(Path(__file__).parent.joinpath("fixtures").glob("journal-schema-*"))


def version_of(fixture: Path) -> int:
    return int(fixture.name.removesuffix(".json").rsplit("-", 1)[1])


def placed(fixture: Path, home: Path) -> Path:
    """The fixture as a home's journal (schema 1: journal.json); returns the folder."""
    if fixture.is_dir():
        shutil.copytree(fixture, home / "journal")
    else:
        home.mkdir(exist_ok=True)
        shutil.copy(fixture, home / "journal.json")
    return home / "journal"


def test_there_is_a_fixture_for_every_schema_version() -> None:
    assert {version_of(path) for path in FIXTURES} == set(range(1, SCHEMA_VERSION + 1))


def reads_everything(journal: Journal) -> None:
    assert journal.schema_version == SCHEMA_VERSION
    summary = journal.summary()
    assert "0 entries" not in summary and "0 1:1s" not in summary
    assert journal.entries()  # every entry validates
    [sam] = journal.people()
    [one_on_one] = journal.one_on_ones()
    assert one_on_one.person_uid == sam.uid
    assert [a.text for a in journal.actions(open_only=True)] == ["Send proposal"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_each_schema_version_opens_and_reads_everything(fixture: Path, tmp_path: Path) -> None:
    reads_everything(Journal.open(placed(fixture, tmp_path)))


def test_schema_1_is_kept_then_migrated_into_the_folder(tmp_path: Path) -> None:
    folder = placed(FIXTURES[0], tmp_path)
    original = (tmp_path / "journal.json").read_bytes()

    journal = Journal.open(folder)

    assert (tmp_path / "journal.json.schema-1.bak").read_bytes() == original
    assert not (tmp_path / "journal.json").exists()
    ours = files_of(folder)
    fixture = files_of(FIXTURES[1])
    assert ours.keys() == fixture.keys()
    assert [orjson.loads(ours[name]) for name in ours if name != "coaching.json"] == [
        orjson.loads(fixture[name]) for name in fixture if name != "coaching.json"
    ]
    reads_everything(journal)


def stop_after(monkeypatch: pytest.MonkeyPatch, calls: int) -> None:
    """The migration dies (as from a kill) at its `calls`-th rename."""
    real_rename = os.rename
    seen = []

    def rename(src: object, dst: object) -> None:
        seen.append(dst)
        if len(seen) == calls:
            raise KeyboardInterrupt  # like a kill: nothing after it runs
        real_rename(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(migrate.os, "rename", rename)


@pytest.mark.parametrize("calls", [1, 2], ids=["before-ready", "before-swap"])
def test_a_migration_killed_halfway_is_redone_or_finished_at_the_next_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, calls: int
) -> None:
    folder = placed(FIXTURES[0], tmp_path)
    with monkeypatch.context() as patch:
        stop_after(patch, calls)
        with pytest.raises(KeyboardInterrupt):
            Journal.open(folder)
    assert (tmp_path / "journal.json").exists()  # the old journal is still the one in use
    assert not folder.exists()

    journal = Journal.open(folder)

    reads_everything(journal)
    assert len(journal.entries()) == 2  # nothing lost, nothing twice
    assert not Layout(folder).building.exists() and not Layout(folder).ready.exists()
    assert not (tmp_path / "journal.json").exists()


def test_a_migration_killed_while_building_leaves_a_folder_that_is_removed(
    tmp_path: Path,
) -> None:
    folder = placed(FIXTURES[0], tmp_path)
    half = Layout(folder).building / "entries" / "2026"
    half.mkdir(parents=True)
    (half / "11.json").write_bytes(b'{"entries": {"1": ')

    reads_everything(Journal.open(folder))
    assert not Layout(folder).building.exists()


def test_a_newer_journal_is_read_only_and_untouched(tmp_path: Path) -> None:
    folder = placed(FIXTURES[-1], tmp_path)
    rewrite(coaching_file(folder), lambda t: t["meta"]["1"].update(schema_version=99))
    before = files_of(folder)
    journal = Journal.open(folder)
    assert journal.read_only
    assert journal.entries()  # still readable
    with pytest.raises(NewerJournal, match="newer Companion"):
        journal.add(Note(created=journal.entries()[0].created, text="no"))
    assert files_of(folder) == before
