"""Every schema version the journal ever had stays readable: a fixture of each lives in
tests/fixtures, and each must open, validate and (if older) migrate after a backup."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest

from companion.errors import NewerJournal
from companion.models.journal import Note
from companion.storage import journal as journal_module
from companion.storage.journal import SCHEMA_VERSION, Journal

FIXTURES = sorted(Path(__file__).parent.joinpath("fixtures").glob("journal-schema-*.json"))


def test_there_is_a_fixture_for_every_schema_version() -> None:
    versions = {int(path.stem.rsplit("-", 1)[1]) for path in FIXTURES}
    assert versions == set(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_each_schema_version_opens_and_reads_everything(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    shutil.copy(fixture, path)
    journal = Journal.open(path)
    assert journal.schema_version == SCHEMA_VERSION
    summary = journal.summary()
    assert "0 entries" not in summary and "0 1:1s" not in summary
    assert journal.entries()  # every entry validates
    [sam] = journal.people()
    [one_on_one] = journal.one_on_ones()
    assert one_on_one.person_uid == sam.uid
    assert [a.text for a in journal.actions(open_only=True)] == ["Send proposal"]


def test_an_older_journal_is_backed_up_then_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pretend today's schema is 2 with a migration that tags every entry."""
    path = tmp_path / "journal.json"
    shutil.copy(FIXTURES[0], path)
    original = path.read_bytes()

    def to_2(tables: dict) -> dict:  # type: ignore[type-arg]
        for doc in tables["entries"].values():
            doc["tags"] = [*doc.get("tags", []), "migrated"]
        return tables

    monkeypatch.setattr(journal_module, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(journal_module.MIGRATIONS, 1, to_2)
    journal = Journal.open(path)
    assert journal.schema_version == 2
    assert path.with_name("journal.json.schema-1.bak").read_bytes() == original
    stored = orjson.loads(path.read_bytes())
    assert stored["meta"]["1"]["schema_version"] == 2
    assert all("migrated" in doc["tags"] for doc in stored["entries"].values())


def test_a_newer_journal_is_read_only_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    tables = orjson.loads(FIXTURES[-1].read_bytes())
    tables["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    path.write_bytes(orjson.dumps(tables))
    before = path.read_bytes()
    journal = Journal.open(path)
    assert journal.read_only
    assert journal.entries()  # still readable
    with pytest.raises(NewerJournal, match="newer Companion"):
        journal.add(Note(created=journal.entries()[0].created, text="no"))
    assert path.read_bytes() == before
