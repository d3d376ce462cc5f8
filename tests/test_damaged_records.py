"""Damaged records (issue 16, items 7-12): one line naming the file and record, never a
traceback, never lost data, and doctor, the views and every write agree on what reads."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from companion.cli import main
from companion.storage.journal import Journal
from tests.journal_files import files_of, month_file, write_journal

META = {"meta": {"1": {"schema_version": 2}}}
MONTH = f"{datetime.now():%Y-%m}"  # where `companion log` writes
GOOD = {"uid": "a" * 32, "created": f"{MONTH}-01T09:00:00+01:00", "kind": "note", "text": "kept"}


def run(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


REFLECTION = {
    "uid": "b" * 32,
    "created": f"{MONTH}-02T09:00:00+01:00",
    "kind": "reflection",
    "answers": [{"prompt_id": "energy", "prompt": "Energy", "kind": "scale", "value": 4}],
}
BAD_RECORDS = {
    "created-without-timezone": {**GOOD, "uid": "b" * 32, "created": f"{MONTH}-02T09:00:00"},
    "created-a-number": {**GOOD, "uid": "b" * 32, "created": 123},
    "no-uid": {k: v for k, v in GOOD.items() if k != "uid"},
    "a-bare-number": 7,
    "an-extra-field": {**GOOD, "uid": "b" * 32, "mood": "odd"},
    "answers-not-a-list": {**REFLECTION, "answers": "energy 4"},
    "an-answer-without-its-prompt": {**REFLECTION, "answers": [{"kind": "scale", "value": 4}]},
    "an-answer-of-no-known-kind": {
        **REFLECTION,
        "answers": [{"prompt_id": "energy", "prompt": "Energy", "kind": "mood", "value": 4}],
    },
    "an-answer-that-is-a-list-of-lists": {**REFLECTION, "answers": [[1, 2]]},
}


@pytest.mark.parametrize("bad", BAD_RECORDS.values(), ids=BAD_RECORDS.keys())
def test_a_damaged_record_is_named_by_every_reader_and_kept_by_every_writer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bad: object
) -> None:
    home = tmp_path / "home"
    write_journal(home / "journal", META, {MONTH: {"1": GOOD, "2": bad}})
    path = month_file(home / "journal", MONTH)

    code, _, err = run(capsys, home, "journal")
    assert code == 1 and str(path) in one_line(err) and "record 2" in err
    code, out, _ = run(capsys, home, "doctor")
    assert code == 1 and "record 2" in out and "DAMAGED" in out
    listed = Journal.open(home / "journal", cache=tmp_path / "cache").rows()  # the view's
    (problem,) = listed.unreadable
    assert "record 2" in problem and path.name in problem
    assert [row.summary for row in listed] == (["kept"] if isinstance(bad, dict) else [])
    code, out, _ = run(capsys, home, "people", "add", "Sam Rivera")
    assert code == 0

    code, out, err = run(capsys, home, "log", "still works")
    if isinstance(bad, dict):  # a record TinyDB can hold: kept as it is, the file kept first
        assert code == 0 and "cannot be read" in out
        [kept] = path.parent.glob(f"{path.name}.damaged-*")
        assert orjson.loads(kept.read_bytes())["entries"]["2"] == bad
        assert orjson.loads(path.read_bytes())["entries"]["2"] == bad
    else:  # not even an object: the file is refused, untouched
        assert code == 1 and str(path) in one_line(err)

    code, out, _ = run(capsys, home, "doctor", "--repair")
    assert code == 0
    code, out, _ = run(capsys, home, "journal")
    assert code == 0 and "kept" in out


def test_a_doc_id_found_twice_is_named_and_repair_keeps_both(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    write_journal(home / "journal", META)
    path = month_file(home / "journal", MONTH)
    path.parent.mkdir(parents=True)
    other = {**GOOD, "uid": "c" * 32, "text": "also kept"}
    path.write_bytes(
        b'{"entries": {"1": ' + orjson.dumps(GOOD) + b', "1": ' + orjson.dumps(other) + b"}}"
    )
    code, out, _ = run(capsys, home, "doctor")
    assert code == 1 and "record 1 in 'entries' appears twice" in out
    assert run(capsys, home, "import", str(path))[0] == 1  # never drops one silently
    assert run(capsys, home, "doctor", "--repair")[0] == 0
    code, out, _ = run(capsys, home, "journal")
    assert "kept" in out and "also kept" in out


def test_a_deeply_nested_record_and_a_folder_for_a_file_are_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    write_journal(home / "journal", META, {MONTH: {"1": GOOD}})
    path = month_file(home / "journal", MONTH)
    path.write_bytes(b'{"entries": {"1": ' + b"[" * 200_000 + b"]" * 200_000 + b"}}")
    for argv in (["journal"], ["log", "x"], ["doctor"], ["doctor", "--repair"]):
        code, _out, err = run(capsys, home, *argv)
        assert code == 1
    path.unlink()
    path.mkdir()
    code, _, err = run(capsys, home, "journal")
    assert code == 1 and str(path) in one_line(err)


def test_a_dangling_journal_symlink_is_refused_and_nothing_is_created(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    os.symlink(tmp_path / "unmounted" / "journal", home / "journal")
    for argv in (["journal"], ["log", "x"]):
        code, _, err = run(capsys, home, *argv)
        assert code == 1 and "does not exist" in one_line(err)
    assert [p.name for p in home.iterdir()] == ["journal"]


def test_a_journal_symlink_leading_out_of_home_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    elsewhere = tmp_path / "elsewhere"
    write_journal(elsewhere, META, {MONTH: {"1": GOOD}})
    before = files_of(elsewhere)
    os.symlink(elsewhere, home / "journal")
    code, _, err = run(capsys, home, "log", "x")
    assert code == 1 and "outside" in one_line(err)
    assert files_of(elsewhere) == before


def test_reading_a_fresh_home_creates_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    assert run(capsys, home, "journal")[0] == 0
    assert not home.exists() or not any(home.rglob("*"))


BIG_ID = str(2**64 + 5)  # beyond any 64-bit integer


def test_a_doc_id_beyond_64_bits_takes_a_note_once_and_nothing_fails_after(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Issue 16.9: `log` used to write the note and then crash, so a retry wrote it twice.
    Every command after the write reads the journal, its rows and home's facts."""
    home = tmp_path / "home"
    person = {"uid": "p" * 32, "name": "Sam Rivera", "created": GOOD["created"]}
    write_journal(home / "journal", {**META, "people": {BIG_ID: person}}, {MONTH: {BIG_ID: GOOD}})
    path = month_file(home / "journal", MONTH)

    code, out, err = run(capsys, home, "log", "first try")
    assert code == 0 and err == "" and "Logged" in out
    stored = orjson.loads(path.read_bytes())["entries"]
    assert [record["text"] for record in stored.values()] == ["kept", "first try"]
    assert int(max(stored, key=int)) > 2**64  # the new id follows the big one

    assert run(capsys, home, "people", "add", "Ana Lopez")[0] == 0
    code, out, _ = run(capsys, home, "journal")
    assert code == 0 and out.count("first try") == 1 and "kept" in out
    assert run(capsys, home, "people")[1].count("Sam Rivera") == 1
    code, out, _ = run(capsys, home, "doctor")
    assert code == 0 and "OK, 2 entries, 2 people" in out
    journal = Journal.open(home / "journal", cache=home / "cache")
    assert journal.facts().notes == 2 and len(journal.rows()) == 2
