"""Proof that the journal never loses a word: kills mid-write, many writers, a full disk.

These run many processes and rewrite a 10 MB file hundreds of times, so they are marked
slow: `pytest -m slow` runs them (CI does).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import resource
import signal
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from companion.errors import JournalError
from companion.files.atomic import leftover_temp_files
from companion.models.journal import Note
from companion.storage.journal import Journal
from companion.storage.layout import ENTRIES
from tests.journal_files import files_of, month_file

pytestmark = pytest.mark.slow

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
FORK = multiprocessing.get_context("fork")


def big_journal(path: Path, entries: int = 10_000, size: int = 1_000) -> Journal:
    """A journal of about entries x size bytes, written in one go."""
    journal = Journal.open(path)
    filler = "x" * size
    notes = [Note(created=T0, text=f"seed {n} {filler}") for n in range(entries)]
    journal.import_entries(notes)
    return journal


def writer(path: str, seed: int, reports) -> None:  # type: ignore[no-untyped-def]
    """Grow and shrink the journal forever. An addition is reported after it returned; a
    deletion is announced before it starts (it may complete just before a kill, unreported)
    and confirmed after it returned."""
    rng = random.Random(seed)
    journal = Journal.open(Path(path))
    mine: list[str] = []
    while True:
        if mine and rng.random() < 0.3:
            gone = rng.sample(mine, k=min(len(mine), rng.randint(1, 20)))
            reports.send(("deleting", gone))
            for uid in gone:
                journal.delete(uid)
            for uid in gone:
                mine.remove(uid)
            reports.send(("deleted", gone))
        else:
            sizes = [rng.randint(100, 50_000) for _ in range(rng.randint(1, 5))]
            # a batch spans months: an import that writes several files
            batch = [
                Note(created=T0 + timedelta(days=rng.randint(0, 70)), text=f"w{seed} " + "y" * size)
                for size in sizes
            ]
            journal.import_entries(batch)
            uids = [note.uid for note in batch]
            mine += uids
            reports.send(("added", uids))


def read_uids(folder: Path) -> set[str]:
    """Every entry's uid, from every month file (each must parse: never a half-written
    file); a uid stored twice is a failure."""
    uids: list[str] = []
    for path in sorted((folder / ENTRIES).rglob("[0-9][0-9].json")):
        tables = orjson.loads(path.read_bytes())
        uids += [doc["uid"] for doc in tables[ENTRIES].values()]
    assert len(uids) == len(set(uids)), "an entry is stored twice"
    return set(uids)


def size_of(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*.json"))


class Ledger:
    """What the writers said: entries that must be there, and entries that must not."""

    def __init__(self) -> None:
        self.present: set[str] = set()  # reported added, not announced for deletion
        self.deleted: set[str] = set()  # reported deleted after the deletion returned

    def take(self, message: tuple[str, list[str]]) -> None:
        what, uids = message
        if what == "added":
            self.present.update(uids)
        elif what == "deleting":
            self.present.difference_update(uids)
        else:
            self.deleted.update(uids)

    def drain(self, receive, until: float | None = None) -> None:  # type: ignore[no-untyped-def]
        """Read reports until `until` (a monotonic time), or all that are waiting."""
        while True:
            timeout = 0.0 if until is None else until - time.monotonic()
            if timeout < 0 or not receive.poll(timeout):
                return
            try:
                self.take(receive.recv())
            except EOFError:
                return


def test_sigkill_at_random_points_never_loses_a_reported_entry(tmp_path: Path) -> None:
    path = tmp_path / "journal"
    big_journal(path)
    assert size_of(path) >= 10 * 2**20
    rng = random.Random(20261123)
    ledger = Ledger()
    kills = unreadable = missing = resurrected = 0
    sizes = []
    for round_number in range(200):
        receive, send = FORK.Pipe(duplex=False)
        process = FORK.Process(target=writer, args=(str(path), round_number, send))
        process.start()
        send.close()
        ledger.drain(receive, until=time.monotonic() + rng.uniform(0.05, 0.6))
        os.kill(process.pid, signal.SIGKILL)
        process.join()
        kills += 1
        ledger.drain(receive)  # reports sent just before the kill still count
        receive.close()
        try:
            on_disk = read_uids(path)
        except orjson.JSONDecodeError:
            unreadable += 1
            continue
        missing += len(ledger.present - on_disk)
        resurrected += len(ledger.deleted & on_disk)
        sizes.append(size_of(path))
    Journal.open(path).add(Note(created=T0, text="after"))  # a write cleans what kills left
    assert list(month_file(path, f"{T0:%Y-%m}").parent.glob(".*.tmp")) == []
    print(
        f"\nkills={kills} unreadable={unreadable} missing={missing} resurrected={resurrected} "
        f"reported={len(ledger.present)} size={min(sizes) / 2**20:.1f}-{max(sizes) / 2**20:.1f} MB"
    )
    assert (kills, unreadable, missing, resurrected) == (200, 0, 0, 0)
    assert min(sizes) != max(sizes)  # it really grew and shrank


def many_writes(path: str, worker: int, count: int, errors) -> None:  # type: ignore[no-untyped-def]
    journal = Journal.open(Path(path), lock_timeout=120)
    for number in range(count):
        try:
            journal.add(Note(created=T0, text=f"worker {worker} note {number}"))
        except Exception as error:  # counted, not raised: the test reports every one
            errors.put(f"{type(error).__name__}: {error}")


def test_eight_processes_writing_250_entries_each_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "journal"
    Journal.open(path)
    errors = FORK.Queue()
    workers = [FORK.Process(target=many_writes, args=(str(path), w, 250, errors)) for w in range(8)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
    found = []
    while not errors.empty():
        found.append(errors.get())
    texts = [n.text for n in Journal.open(path).entries()]  # type: ignore[union-attr]
    print(f"\nwrites={len(texts)} errors={len(found)}")
    assert found == []
    assert sorted(texts) == sorted(f"worker {w} note {n}" for w in range(8) for n in range(250))
    assert all(process.exitcode == 0 for process in workers)


def write_with_small_disk(path: str, limit: int, result) -> None:  # type: ignore[no-untyped-def]
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG, as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        Journal.open(Path(path)).add(Note(created=T0, text="z" * (2 * limit)))
    except JournalError as error:
        result.put(("JournalError", str(error)))
    except BaseException as error:
        result.put((type(error).__name__, str(error)))
    else:
        result.put(("written", ""))


def test_a_full_disk_leaves_the_journal_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "journal"
    journal = Journal.open(path)
    journal.import_entries([Note(created=T0, text=f"kept {n}") for n in range(100)])
    before = files_of(path)
    result = FORK.Queue()
    process = FORK.Process(
        target=write_with_small_disk,
        args=(str(path), sum(map(len, before.values())) + 4096, result),
    )
    process.start()
    process.join()
    kind, message = result.get(timeout=10)
    assert kind == "JournalError", message
    assert "cannot write the journal" in message
    assert files_of(path) == before
    assert leftover_temp_files(month_file(path, f"{T0:%Y-%m}")) == []
    assert len(Journal.open(path).entries()) == 100
