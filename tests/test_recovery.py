"""A damaged journal is named, never overwritten, kept aside, and restored from a backup."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from companion.cli import main
from companion.context import Context
from companion.models.journal import Note
from companion.paths import Home
from companion.storage import backups
from companion.storage.backups import STARTS_KEPT, list_backups, newest_good, take_backups
from companion.storage.journal import Journal
from tests.conftest import NOW, Clock
from tests.journal_files import files_of, month_file, replace_bytes, rewrite

DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda good: good[: len(good) // 2],
    "empty": lambda good: b"",
    "nul-filled": lambda good: b"\0" * len(good),
    "trailing-garbage": lambda good: good + b"}\n{garbage",
    "invalid-utf8": lambda good: good.replace(b"kept", b"k\xff\xfet", 1),
}


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


@pytest.fixture
def backed_up(context: Context) -> Path:
    """A journal with entries and a good backup of it; returns the entries' month file."""
    context.journal.add(Note(created=NOW, text="kept safe"))
    take_backups(context.home.journal, context.home.backups, NOW, start=True)
    return month_file(context.home.journal)


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_every_kind_of_damage_is_named_kept_and_repaired(
    backed_up: Path,
    home: Home,
    damage: Callable[[bytes], bytes],
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = damage(backed_up.read_bytes())
    replace_bytes(backed_up, bad)
    root = str(home.root)

    assert main(["--home", root, "journal"]) == 1
    assert str(backed_up) in one_line(capsys.readouterr().err)
    assert backed_up.read_bytes() == bad  # never overwritten

    assert main(["--home", root, "doctor"]) == 1
    out = capsys.readouterr().out
    assert "DAMAGED" in out and "--repair" in out
    assert backed_up.read_bytes() == bad

    assert main(["--home", root, "doctor", "--repair"]) == 0
    capsys.readouterr()
    [kept] = list(home.root.glob("journal.damaged-*"))
    assert month_file(kept).read_bytes() == bad  # the damaged journal is kept as it was
    assert main(["--home", root, "journal"]) == 0
    assert "kept safe" in capsys.readouterr().out


def repair_sets_one_aside(
    home: Home, capsys: pytest.CaptureFixture[str], kept: bytes, month: str = f"{NOW:%Y-%m}"
) -> None:
    """`doctor --repair` sets the one invalid record aside, after keeping the file as it was."""
    assert main(["--home", str(home.root), "doctor", "--repair"]) == 0
    assert "Set 1 invalid record aside" in capsys.readouterr().out
    path = month_file(home.journal, month)
    [copy] = path.parent.glob(f"{path.name}.damaged-*")
    assert copy.read_bytes() == kept


def test_a_record_whose_key_is_not_a_number_is_one_line_then_set_aside(
    context: Context, home: Home, capsys: pytest.CaptureFixture[str]
) -> None:
    for text in ("one", "two"):
        context.journal.add(Note(created=NOW, text=text))
    path = month_file(home.journal)
    tables = orjson.loads(path.read_bytes())
    tables["entries"]["odd"] = tables["entries"].pop("1")  # as a hand edit might leave it
    replace_bytes(path, orjson.dumps(tables))
    odd = path.read_bytes()
    root = str(home.root)

    for command in (["journal"], ["journal", "--since", "30d"], ["export", "--format", "md"]):
        assert main(["--home", root, *command]) == 1
        assert "record 'odd' in 'entries' has a key that is not a number" in one_line(
            capsys.readouterr().err
        )
    assert path.read_bytes() == odd

    repair_sets_one_aside(home, capsys, kept=odd)
    assert main(["--home", root, "journal"]) == 0
    assert "two" in capsys.readouterr().out


def test_without_a_good_backup_nothing_is_touched(
    home: Home, capsys: pytest.CaptureFixture[str]
) -> None:
    month_file(home.journal).parent.mkdir(parents=True)
    month_file(home.journal).write_bytes(b"{broken")
    assert main(["--home", str(home.root), "doctor", "--repair"]) == 1
    assert "no good backup" in capsys.readouterr().err
    assert month_file(home.journal).read_bytes() == b"{broken"


def test_a_damaged_journal_never_replaces_a_good_backup(
    backed_up: Path, home: Home, clock: Clock
) -> None:
    before = {b.path: files_of(b.path) for b in list_backups(home.backups)}
    replace_bytes(backed_up, b"")
    clock.advance(days=1)
    assert take_backups(home.journal, home.backups, clock.now, start=True) == []
    assert {b.path: files_of(b.path) for b in list_backups(home.backups)} == before


def test_backups_rotate(context: Context, clock: Clock) -> None:
    for day in range(12):
        context.journal.add(Note(created=NOW, text=f"day {day}"))
        clock.advance(days=1, hours=1)
        take_backups(context.home.journal, context.home.backups, clock.now, start=True)
    backups = list_backups(context.home.backups)
    assert sum(b.kind == "daily" for b in backups) == 7
    assert sum(b.kind == "start" for b in backups) == STARTS_KEPT


def test_a_start_backup_is_taken_only_when_the_journal_changed(
    context: Context, clock: Clock
) -> None:
    context.journal.add(Note(created=NOW, text="x"))
    assert take_backups(context.home.journal, context.home.backups, clock.now, start=True)
    clock.advance(minutes=5)
    assert take_backups(context.home.journal, context.home.backups, clock.now, start=True) == []
    context.journal.add(Note(created=NOW, text="y"))
    clock.advance(minutes=5)
    (started,) = take_backups(context.home.journal, context.home.backups, clock.now, start=True)
    assert started.name.startswith("start-")


def test_a_start_with_the_journal_unchanged_reads_nothing(
    context: Context, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    context.journal.add(Note(created=NOW, text="x"))
    take_backups(context.home.journal, context.home.backups, clock.now, start=True)
    clock.advance(minutes=5)
    with monkeypatch.context() as patch:
        patch.setattr(backups, "_file_problem", lambda path: pytest.fail("read the journal"))
        assert take_backups(context.home.journal, context.home.backups, clock.now, True) == []
    context.journal.add(Note(created=NOW, text="y"))  # and a change is still seen
    clock.advance(minutes=5)
    (started,) = take_backups(context.home.journal, context.home.backups, clock.now, start=True)
    assert started.name.startswith("start-")


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_everything_private_even_under_umask_000(umask_000: None, tmp_path: Path) -> None:
    root = tmp_path / "home"
    assert main(["--home", str(root), "log", "private #x"]) == 0
    assert (
        main(["--home", str(root), "export", "--format", "json", "-o", str(tmp_path / "out.json")])
        == 0
    )
    take_backups(root / "journal", root / "backups", NOW, start=True)
    assert len(Journal.open(root / "journal").rows()) == 1  # what the journal view derives
    assert main(["--home", str(root), "log", "and a second"]) == 0
    assert (root / "cache" / "journal" / "summary.json").exists()
    for path in [root, *root.rglob("*"), tmp_path / "out.json"]:
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path


# -- a journal that reads, with records that fail validation ------------------------------


THIS_MONTH = f"{datetime.now():%Y-%m}"  # where `companion log` writes


def spoil(context: Context, when: datetime | None = None) -> bytes:
    """Three notes of this month (or of `when`), the second given a uid that is a number
    (as a buggy tool might write it); returns the month file's bytes as they are afterwards."""
    when = when or datetime.now().astimezone()
    for text in ("one", "two", "three"):
        context.journal.add(Note(created=when, text=text))
    path = month_file(context.home.journal, f"{when:%Y-%m}")
    return rewrite(path, lambda t: t["entries"]["2"].update(uid=42))


def spoiled_file(home: Home) -> Path:
    return month_file(home.journal, THIS_MONTH)


@pytest.fixture
def spoiled(context: Context) -> bytes:
    return spoil(context)


def test_a_write_over_an_invalid_record_keeps_the_file_first_once(
    spoiled: bytes, context: Context, home: Home
) -> None:
    journal = Journal(home.journal, cache=home.cache)
    path = spoiled_file(home)
    saved = journal.add(Note(created=datetime.now().astimezone(), text="four"))
    [kept] = path.parent.glob(f"{path.name}.damaged-*")
    assert kept.read_bytes() == spoiled
    assert kept.stat().st_mode & 0o777 == 0o600
    stored = orjson.loads(path.read_bytes())["entries"]
    assert stored["2"]["uid"] == 42  # the bad record is carried unchanged, never dropped
    assert journal.facts().unreadable and saved.kept_as == kept

    journal.add(Note(created=datetime.now().astimezone(), text="five"))
    assert list(path.parent.glob(f"{path.name}.damaged-*")) == [kept]  # one copy is enough


def test_log_warns_about_unreadable_entries(
    spoiled: bytes, home: Home, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--home", str(home.root), "log", "still works"]) == 0
    out = capsys.readouterr().out
    assert f"warning: 1 entry in {spoiled_file(home)} cannot be read" in out
    assert ".json.damaged-" in out and "companion doctor" in out


def test_doctor_sets_invalid_records_aside_and_keeps_the_file(
    spoiled: bytes, home: Home, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(home.root)
    assert main(["--home", root, "doctor"]) == 1
    out = capsys.readouterr().out
    assert "record 2 in 'entries' is invalid (uid" in out
    assert "--repair` to set the 1 invalid record aside" in out
    assert spoiled_file(home).read_bytes() == spoiled

    repair_sets_one_aside(home, capsys, kept=spoiled, month=THIS_MONTH)
    assert main(["--home", root, "doctor"]) == 0
    assert "OK, 2 entries" in capsys.readouterr().out
    assert main(["--home", root, "journal"]) == 0
    listed = capsys.readouterr().out
    assert "one" in listed and "three" in listed


def test_a_journal_holding_an_invalid_record_is_never_backed_up(
    context: Context, home: Home, clock: Clock
) -> None:
    context.journal.add(Note(created=NOW, text="before"))
    take_backups(home.journal, home.backups, clock.now, start=True)
    spoil(context)
    clock.advance(days=1)
    assert take_backups(home.journal, home.backups, clock.now, start=True) == []
    assert [b.good for b in list_backups(home.backups)] == [True, True]  # start, daily
    good = newest_good(home.backups)
    assert good is not None and good.taken.date() == NOW.date()


def test_a_backup_holding_an_invalid_record_is_not_offered(
    spoiled: bytes, home: Home, clock: Clock
) -> None:
    """A backup of schema 1 (one file), as an older Companion took it."""
    home.backups.mkdir()
    good = {"meta": {"1": {"schema_version": 1}}, "entries": {}}
    (home.backups / "daily-20261120-080000.json").write_bytes(orjson.dumps(good))
    bad = {**good, "entries": {"1": {"uid": 42}}}
    (home.backups / "daily-20261121-080000.json").write_bytes(orjson.dumps(bad))
    backups = list_backups(home.backups)
    assert [b.good for b in backups] == [False, True]
    assert "record 1 in 'entries' is invalid" in (backups[0].problem or "")
    assert newest_good(home.backups) == backups[1]
