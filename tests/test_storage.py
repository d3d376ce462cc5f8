"""The journal on disk and the draft store: what survives crashes, corruption and other processes."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from companion.errors import CorruptJournal, JournalBusy, JournalError, NewerJournal
from companion.files import atomic
from companion.files.atomic import atomic_write_bytes
from companion.files.lock import JournalLock
from companion.flows.journal_query import parse_query
from companion.models.content import AnswerKind
from companion.models.drafts import ReflectionDraft
from companion.models.journal import Answer, CommitmentReview, Note, Reflection
from companion.storage.drafts import DraftStore
from companion.storage.journal import SCHEMA_VERSION, Journal
from tests.journal_files import coaching_file, files_of, month_file, tables, write_journal

T0 = datetime(2026, 11, 23, 8, 30, tzinfo=UTC)


# -- helpers -------------------------------------------------------------------------------


def note(text: str = "Closed the Acme deal #win", minutes: int = 0) -> Note:
    return Note(created=T0 + timedelta(minutes=minutes), text=text, tags=["win"])


def reflection(minutes: int = 0) -> Reflection:
    return Reflection(
        created=T0 + timedelta(minutes=minutes),
        source="essentials/daily",
        title="Daily reflection",
        answers=[
            Answer(
                prompt_id="energy", prompt="Energy", kind=AnswerKind.SCALE, value=4, scale_max=5
            ),
            Answer(prompt_id="focus", prompt="Focus", kind=AnswerKind.TAGS, value=["prospecting"]),
            Answer(
                prompt_id="commitment",
                prompt="My commitment",
                kind=AnswerKind.COMMITMENT,
                value="Call Acme back",
            ),
        ],
        review=CommitmentReview(text="Send the proposal", kept="partly"),
        tags=["prospecting"],
    )


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


@pytest.fixture
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under the umask given as the parameter, and restore the old one after."""
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


# -- creating, adding, reading --------------------------------------------------------------


def test_a_new_journal_is_created_by_its_first_write_with_schema_version_2(
    journal_path: Path,
) -> None:
    journal = Journal.open(journal_path)
    assert not journal_path.exists()  # opening (and reading) creates nothing
    assert journal.entries() == []
    assert not journal_path.exists()

    journal.add(note())

    [meta] = tables(coaching_file(journal_path))["meta"].values()
    assert meta["schema_version"] == 2 == SCHEMA_VERSION
    assert journal.schema_version == 2
    assert not journal.read_only
    assert len(tables(month_file(journal_path))["entries"]) == 1


def test_note_and_reflection_round_trip(journal: Journal, journal_path: Path) -> None:
    first, second = note(minutes=5), reflection(minutes=1)
    journal.add(first)
    journal.add(second)

    entries = Journal.open(journal_path).entries()

    assert entries == [second, first]  # oldest first, whatever the order of writing
    assert isinstance(entries[0], Reflection)
    assert entries[0].commitment == "Call Acme back"
    assert entries[0].review == CommitmentReview(text="Send the proposal", kept="partly")


@pytest.mark.parametrize("umask", [0o022, 0o000], indirect=True, ids=["umask022", "umask000"])
def test_journal_and_lock_file_are_private(umask: int, journal_path: Path) -> None:
    journal = Journal.open(journal_path)
    journal.add(note())

    assert mode_of(journal_path) == 0o700
    assert mode_of(month_file(journal_path)) == 0o600
    assert mode_of(month_file(journal_path).parent) == 0o700
    assert mode_of(coaching_file(journal_path)) == 0o600
    assert mode_of(journal.layout.lock) == 0o600


# -- atomic writes --------------------------------------------------------------------------


class DiskFull(OSError):
    def __init__(self) -> None:
        super().__init__(errno.ENOSPC, "No space left on device")


def fail_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    def replace(*_: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", replace)


def fail_half_way_through_writing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The temp file gets half the data, then the disk is full."""
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def writelines(self, parts: list[bytes | memoryview]) -> None:
            self.write(b"".join(parts))

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise DiskFull()

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: HalfWriter(real_fdopen(fd, *a, **k)))


def fail_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(_: int) -> None:
        raise DiskFull()

    monkeypatch.setattr(os, "fsync", fsync)


def interrupt_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(_: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", fsync)


FAILURES = {
    "replace-fails": (fail_replace, OSError),
    "write-fails-half-way": (fail_half_way_through_writing, OSError),
    "fsync-fails": (fail_fsync, OSError),
    "interrupted": (interrupt_fsync, KeyboardInterrupt),
}


@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES.keys())
def test_failed_atomic_write_leaves_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: tuple[Any, type[BaseException]]
) -> None:
    break_it, expected = failure
    target = tmp_path / "data.json"
    target.write_bytes(b'{"old": true}')

    with monkeypatch.context() as patch:
        break_it(patch)
        with pytest.raises(expected):
            atomic_write_bytes(target, b'{"new": true, "padding": "' + b"x" * 10_000 + b'"}')

    assert target.read_bytes() == b'{"old": true}'
    assert temp_files(tmp_path) == []


def test_atomic_write_replaces_the_file_privately(tmp_path: Path) -> None:
    target = tmp_path / "data.json"
    target.write_bytes(b"old")
    target.chmod(0o644)

    atomic_write_bytes(target, b"new")

    assert target.read_bytes() == b"new"
    assert mode_of(target) == 0o600
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES.keys())
def test_failed_journal_write_keeps_the_journal_as_it_was(
    journal: Journal,
    journal_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: tuple[Any, type[BaseException]],
) -> None:
    break_it, expected = failure
    kept = journal.add(note("kept")).entry
    before = files_of(journal_path)
    # The journal reports a failed write as one clear JournalError; an interrupt stays one.
    reported = JournalError if expected is OSError else expected

    with monkeypatch.context() as patch:
        break_it(patch)
        with pytest.raises(reported):
            journal.add(note("lost"))

    assert files_of(journal_path) == before
    assert temp_files(month_file(journal_path).parent) == []
    assert journal.entries() == [kept]


def test_a_write_removes_the_temp_files_a_killed_write_left(
    journal: Journal, journal_path: Path
) -> None:
    journal.add(note())
    folder = month_file(journal_path).parent
    leftovers = [folder / ".11.json.abc123.tmp", folder / ".11.json.x_9.tmp"]
    for leftover in leftovers:
        leftover.write_bytes(b'{"half": ')
    unrelated = folder / ".other.json.abc.tmp"
    unrelated.write_bytes(b"not ours")

    journal.add(note("second"))

    assert not any(leftover.exists() for leftover in leftovers)
    assert unrelated.exists()
    assert len(journal.entries()) == 2


# -- corruption -----------------------------------------------------------------------------

VALID = b'{"meta": {"1": {"schema_version": 2}}, "people": {}}'
CORRUPT = {
    "empty": b"",
    "whitespace": b"  \n\n",
    "truncated": VALID[:30],
    "nul-bytes": b"\x00" * 512,
    "trailing-garbage": VALID + b"\x00garbage",
    "invalid-utf8": b'{"meta": {"1": {"schema_version": 2, "by": "\xff\xfe"}}, "people": {}}',
    "not-tables": b"[1, 2, 3]",
    "no-meta": b'{"people": {}}',
}


@pytest.mark.parametrize("raw", CORRUPT.values(), ids=CORRUPT.keys())
def test_corrupt_journal_is_refused_and_left_untouched(journal_path: Path, raw: bytes) -> None:
    coaching_file(journal_path).parent.mkdir()
    coaching_file(journal_path).write_bytes(raw)

    with pytest.raises(CorruptJournal) as caught:
        Journal.open(journal_path)

    assert str(coaching_file(journal_path)) in str(caught.value)
    assert "\n" not in str(caught.value)
    assert coaching_file(journal_path).read_bytes() == raw


def test_journal_corrupted_after_open_refuses_writes(journal: Journal, journal_path: Path) -> None:
    journal.add(note())
    damaged = month_file(journal_path).read_bytes()[:-7]
    month_file(journal_path).write_bytes(damaged)

    with pytest.raises(CorruptJournal):
        journal.add(note("more"))
    with pytest.raises(CorruptJournal):
        journal.entries()

    assert month_file(journal_path).read_bytes() == damaged


def test_invalid_record_names_the_record(journal_path: Path) -> None:
    good = note().model_dump(mode="json")
    bad = {**note("second").model_dump(mode="json"), "created": "yesterday-ish"}
    raw = write_journal(
        journal_path, {"meta": {"1": {"schema_version": 2}}}, {"2026-11": {"1": good, "2": bad}}
    )
    journal = Journal.open(journal_path)

    for read in (
        journal.entries,
        lambda: journal.entries(parse_query("since:2026-11-01", T0.date())),
    ):
        with pytest.raises(CorruptJournal) as caught:
            read()

        message = str(caught.value)
        assert str(month_file(journal_path)) in message
        assert "record 2 in 'entries' is invalid" in message
        assert "created" in message
    assert files_of(journal_path) == raw


def test_newer_journal_opens_read_only(journal_path: Path) -> None:
    existing = note()
    raw = write_journal(
        journal_path,
        {"meta": {"1": {"schema_version": 99}}},
        {"2026-11": {"1": existing.model_dump(mode="json")}},
    )

    journal = Journal.open(journal_path)

    assert journal.read_only
    assert journal.entries() == [existing]
    with pytest.raises(NewerJournal) as caught:
        journal.add(note("new"))
    assert "99" in str(caught.value)
    with pytest.raises(NewerJournal):
        journal.import_entries([note("new")])
    assert files_of(journal_path) == raw


# -- import -----------------------------------------------------------------------------


def test_import_skips_entries_already_present(journal: Journal) -> None:
    batch = [note("one", minutes=1), reflection(minutes=2), note("three", minutes=3)]

    assert journal.import_entries(batch) == 3
    assert journal.import_entries(batch) == 0
    assert journal.import_entries([batch[0], batch[0], note("four", minutes=4)]) == 1

    entries = journal.entries()
    assert len(entries) == 4
    assert len({entry.uid for entry in entries}) == 4


# -- locking --------------------------------------------------------------------------------

WORKER = """
import sys
from datetime import datetime, timezone
from pathlib import Path

from companion.models.journal import Note
from companion.storage.journal import Journal

path, worker, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
journal = Journal.open(path)
sys.stdin.readline()  # start together: the parent writes a line once every worker is ready
for number in range(count):
    journal.add(Note(created=datetime.now(timezone.utc), text=f"worker {worker} note {number}"))
"""


def test_a_journal_opened_during_its_first_write_is_never_read_as_damaged(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another terminal opening the journal while the first entry is being written sees
    either no journal yet or one with its schema version, never months without it."""
    from companion.storage import durable

    seen: list[str] = []
    commit = durable.DurableStorage.commit

    def open_between_files(storage: durable.DurableStorage) -> None:
        commit(storage)
        try:
            Journal.open(journal_path).entries()
            seen.append("readable")
        except CorruptJournal as error:
            seen.append(str(error))

    monkeypatch.setattr(durable.DurableStorage, "commit", open_between_files)
    Journal.open(journal_path).add(Note(created=datetime.now(UTC), text="first"))

    assert seen and set(seen) == {"readable"}


def test_lock_excludes_other_processes(journal_path: Path) -> None:
    workers, per_worker = 4, 25
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(journal_path), str(worker), str(per_worker)],
            stdin=subprocess.PIPE,
        )
        for worker in range(workers)
    ]
    for process in processes:
        assert process.stdin is not None
        process.stdin.write(b"go\n")
        process.stdin.close()
    assert [process.wait(timeout=60) for process in processes] == [0] * workers

    entries = Journal.open(journal_path).entries()

    expected = {f"worker {w} note {n}" for w in range(workers) for n in range(per_worker)}
    assert len(entries) == workers * per_worker
    assert {entry.text for entry in entries if isinstance(entry, Note)} == expected
    assert len({entry.uid for entry in entries}) == workers * per_worker


def test_busy_lock_gives_journal_busy(journal: Journal, journal_path: Path) -> None:
    journal.add(note())
    before = files_of(journal_path)
    impatient = Journal(journal_path, lock_timeout=0.05)

    with JournalLock(journal.layout.lock, timeout=1):
        with pytest.raises(JournalBusy) as caught:
            impatient.add(note("blocked"))
        reader = Journal.open(journal_path, lock_timeout=0.05)  # reading never waits
        assert [row.summary for row in reader.rows()] == ["Closed the Acme deal #win"]

    message = str(caught.value)
    assert str(journal_path) in message
    assert "another Companion" in message
    assert journal.layout.lock.name in message  # says which file to remove if nothing runs
    assert files_of(journal_path) == before
    impatient.add(note("after"))  # the lock is free again
    assert len(journal.entries()) == 2


def test_the_lock_is_reentrant_and_threads_take_turns(journal: Journal) -> None:
    inside: list[str] = []

    def writer(name: str) -> None:
        with journal.locked():
            inside.append(f"{name} in")
            journal.add(note(name))  # takes the lock again, in the same thread
            inside.append(f"{name} out")

    threads = [threading.Thread(target=writer, args=(f"t{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(journal.entries()) == 4
    order = [event.split()[0] for event in inside[::2]]
    assert inside == [event for name in order for event in (f"{name} in", f"{name} out")]


# -- drafts ---------------------------------------------------------------------------------


def draft(step: int = 2) -> ReflectionDraft:
    return ReflectionDraft(
        uid="5a1e" * 8,
        source="essentials/daily",
        started=T0,
        updated=T0 + timedelta(minutes=3),
        step=step,
        answers={"energy": 4, "focus": ["prospecting", "closing"], "win": "Acme said yes"},
    )


def test_draft_save_load_delete(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")

    assert store.load("daily", ReflectionDraft) is None
    store.save("daily", draft())
    assert store.load("daily", ReflectionDraft) == draft()
    assert mode_of(store.path("daily")) == 0o600

    store.save("daily", draft(step=5))
    assert store.load("daily", ReflectionDraft) == draft(step=5)

    store.delete("daily")
    assert store.load("daily", ReflectionDraft) is None
    store.delete("daily")  # deleting what is gone is fine


def test_a_draft_already_saved_is_deleted_not_resumed(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    store.save("daily", draft())

    assert store.load_unsaved("daily", ReflectionDraft, lambda d: False) == draft()
    assert store.load_unsaved("daily", ReflectionDraft, lambda d: d.uid == "5a1e" * 8) is None
    assert not store.path("daily").exists()


@pytest.mark.parametrize(
    "raw",
    [b'{"source": "essentials/da', b'{"source": 3}', b"\xff\xfe\x00"],
    ids=["truncated", "wrong-fields", "binary"],
)
def test_unreadable_draft_is_set_aside_not_deleted(tmp_path: Path, raw: bytes) -> None:
    store = DraftStore(tmp_path / "drafts")
    store.save("daily", draft())
    store.path("daily").write_bytes(raw)

    assert store.load("daily", ReflectionDraft) is None

    aside = tmp_path / "drafts" / "daily.unreadable.json"
    assert aside.read_bytes() == raw
    assert not store.path("daily").exists()
    assert store.load("daily", ReflectionDraft) is None


def test_second_unreadable_draft_does_not_destroy_the_first(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    store.folder.mkdir()
    store.path("daily").write_bytes(b"first broken draft")
    store.load("daily", ReflectionDraft)
    store.path("daily").write_bytes(b"second broken draft")
    store.load("daily", ReflectionDraft)

    kept = {path.read_bytes() for path in store.folder.iterdir()}
    assert kept == {b"first broken draft", b"second broken draft"}


def test_draft_store_uses_atomic_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = DraftStore(tmp_path / "drafts")
    store.save("daily", draft())

    def replace(*_: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(OSError):
        store.save("daily", draft(step=6))
    monkeypatch.undo()

    assert store.load("daily", ReflectionDraft) == draft()
    assert temp_files(store.folder) == []
