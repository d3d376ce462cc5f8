"""The CLI in Dutch: every command's --help, its messages and errors, and a 1:1 summary,
whether the language comes from `companion config language nl` or from LANG."""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from companion import i18n
from companion.cli import COMMANDS
from companion.context import Context
from companion.flows.one_on_one import OneOnOneFlow
from companion.models.coaching import OneOnOne, Person
from companion.models.content import Script
from companion.packs.library import Library
from companion.storage.export import one_on_one_markdown
from companion.storage.journal import Journal
from tests.cli_helpers import one_line, run

STARTED = datetime(2026, 11, 30, 9, 30, tzinfo=timezone(timedelta(hours=1)))

# Words that give away an English page; none of them is Dutch, nor a command's name
ENGLISH = re.compile(
    r"\b(usage|options|show|the|and|print|entries|journal|default|folder|file|help|exit|"
    r"positional|arguments|error|only|person|settings|this|from|with|into)\b",
    re.IGNORECASE,
)
COMMAND_NAMES = {name for name in COMMANDS} | {
    sub for command in COMMANDS.values() for sub in command.commands
}


def every_command() -> list[list[str]]:
    """`[]` (the program), and every command and sub-command, as typed before --help."""
    found: list[list[str]] = [[]]
    for name, command in COMMANDS.items():
        found.append([name])
        found += [[name, sub] for sub in command.commands]
    return found


def said(page: str) -> str:
    """What a page says in words: without what is typed literally (backticked commands, the
    examples, options, command names and the choices of an argument)."""
    lines = [line for line in page.splitlines() if not line.startswith("  companion ")]
    text = re.sub(r"`[^`]*`", " ", "\n".join(lines))
    text = re.sub(
        r"\{[^}]*\}|(?<!\w)--?[\w-]+|<[\w-]+>|\$\w+|[\w.-]+\.(md|zip|toml|json)", " ", text
    )
    words = [w for w in re.split(r"(\W+)", text) if w.lower() not in COMMAND_NAMES]
    return "".join(words)


@pytest.fixture
def dutch_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Dutch locale and no language setting: the interface follows LANG."""
    for variable in i18n.LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")


@pytest.fixture
def dutch_home(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch) -> Path:
    """A home whose settings say `language = nl`, in an English locale."""
    for variable in i18n.LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    home = tmp_path / "home"
    assert run(capsys, "--home", str(home), "config", "language", "nl") == (
        0,
        "language = 'nl'\n",
        "",
    )
    return home


@pytest.mark.parametrize("words", every_command(), ids=lambda words: " ".join(words) or "-")
def test_every_help_page_is_dutch_with_lang(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, dutch_locale: None, words: list[str]
) -> None:
    code, out, err = run(capsys, "--home", str(tmp_path / "home"), *words, "--help")

    assert (code, err) == (0, "")
    assert out.startswith("gebruik: companion")
    assert "opties:" in out
    assert ENGLISH.findall(said(out)) == [], out


def test_help_is_dutch_with_the_setting(
    capsys: pytest.CaptureFixture[str], dutch_home: Path
) -> None:
    for words in (["--help"], ["log", "--help"], ["pack", "install", "--help"]):
        code, out, err = run(capsys, "--home", str(dutch_home), *words)

        assert (code, err) == (0, "")
        assert out.startswith("gebruik: companion")
        assert ENGLISH.findall(said(out)) == [], out


def test_the_top_help_lists_the_commands_in_dutch(
    capsys: pytest.CaptureFixture[str], dutch_home: Path
) -> None:
    code, out, _ = run(capsys, "--home", str(dutch_home), "--help")

    assert code == 0
    assert "    log       zet snel een notitie in je dagboek, zonder de app" in out
    assert "voorbeelden:" in out
    assert "--home MAP" in out


def test_messages_and_errors_are_dutch_with_the_setting(
    capsys: pytest.CaptureFixture[str], dutch_home: Path
) -> None:
    home = str(dutch_home)

    assert run(capsys, "--home", home, "journal") == (0, "Geen items.\n", "")
    code, out, err = run(capsys, "--home", home, "log", "Deal met Acme gesloten #succes")
    assert (code, err) == (0, "")
    assert out == f"Opgeslagen in {dutch_home / 'journal'} (tags: #succes)\n"
    code, out, _ = run(capsys, "--home", home, "journal")
    assert "  notitie     Deal met Acme gesloten #succes" in out
    assert run(capsys, "--home", home, "actions") == (0, "Nog geen actiepunten.\n", "")

    code, _, err = run(capsys, "--home", home, "log")
    assert code == 1
    assert one_line(err).startswith("companion: fout: niets te noteren: schrijf de notitie na ")
    code, _, err = run(capsys, "--home", home, "actions", "--with", "Bob")
    assert one_line(err) == "companion: fout: niemand die 'Bob' heet (mensen: nog niemand)"
    code, _, err = run(capsys, "--home", home, "journal", "--since")
    assert code == 2
    assert one_line(err) == (
        "companion journal: fout: argument --since: verwachtte één argument "
        "(zie `companion journal --help`)"
    )


def test_doctor_reports_in_dutch(capsys: pytest.CaptureFixture[str], dutch_home: Path) -> None:
    home = str(dutch_home)
    assert run(capsys, "--home", home, "people", "add", "Sam de Vries")[0] == 0

    code, out, err = run(capsys, "--home", home, "doctor")

    assert (code, err) == (0, "")
    first = out.splitlines()[0]
    journal = dutch_home / "journal"
    assert (
        first
        == f"dagboek: {journal}: in orde, 0 items, 1 persoon, 0 1-op-1's, 0 actiepunten; schema 2"
    )
    assert out.splitlines()[1].startswith(f"back-ups in {dutch_home / 'backups'}: ")


def test_a_pack_report_is_dutch(capsys: pytest.CaptureFixture[str], dutch_home: Path) -> None:
    code, out, _ = run(capsys, "--home", str(dutch_home), "pack", "list")

    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("essentials-nl "))
    assert " ingebouwd " in line
    assert re.search(r"\d+ reflecties, \d+ gespreksleidraden, \d+ kaarten", line)
    assert line.endswith("; 0 fouten, 0 waarschuwingen")


def test_messages_are_dutch_with_lang(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, dutch_locale: None
) -> None:
    home = str(tmp_path / "home")

    assert run(capsys, "--home", home, "people") == (
        0,
        'Nog niemand. Voeg iemand toe met `companion people add "Sam Rivera" --role "Account executive"`.\n',
        "",
    )
    code, _, err = run(capsys, "--home", home, "config", "nope")
    assert code == 1
    assert one_line(err).startswith("companion: fout: onbekende instelling 'nope'; instellingen: ")


def test_the_setting_wins_over_lang(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, dutch_locale: None
) -> None:
    home = str(tmp_path / "home")
    assert run(capsys, "--home", home, "config", "language", "en")[0] == 0

    assert run(capsys, "--home", home, "journal") == (0, "No entries.\n", "")
    _code, out, _ = run(capsys, "--home", home, "log", "--help")
    assert out.startswith("usage: companion log")


def a_1on1_with_sam(journal: Journal) -> OneOnOne:
    """A finished 1:1 on the Dutch weekly script, with one action for the rep, saved."""
    journal.add_person(Person(name="Sam de Vries", created=STARTED))
    sam = journal.find_person("Sam")
    script = Library.discover(language="nl").get("essentials-nl/weekly-1on1")
    assert isinstance(script, Script)
    flow = OneOnOneFlow(sam, script, [], STARTED)
    flow.set_notes("Twee demo's gepland")
    flow.add_action("Acme terugbellen", "rep", date(2026, 12, 4), STARTED)
    finished = flow.finish(STARTED + timedelta(minutes=30))
    journal.save_one_on_one(finished.record, finished.new_actions, finished.status_changes)
    return finished.record


def test_actions_are_listed_in_dutch(
    capsys: pytest.CaptureFixture[str], dutch_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = a_1on1_with_sam(Journal.open(dutch_home / "journal"))
    (action,) = record.agreed
    later = functools.partial(Context, clock=lambda: STARTED + timedelta(days=7))
    monkeypatch.setattr("companion.context.Context", later)  # past the due date, 4 Dec

    code, out, err = run(capsys, "--home", str(dutch_home), "actions", "--open")

    assert (code, err) == (0, "")
    assert out == (
        f"○ {action.uid[:8]}  Acme terugbellen  "
        "(Sam de Vries; ligt bij de verkoper, te laat sinds 4 dec)\n"
    )


def test_a_1on1_summary_in_dutch_has_a_dutch_date(tmp_path: Path) -> None:
    record = a_1on1_with_sam(Journal.open(tmp_path / "journal"))
    i18n.set_language("nl")

    text = one_on_one_markdown(record)

    assert text.startswith("# 1-op-1 met Sam de Vries\n")
    assert "Wekelijkse 1-op-1 · maandag 30 november 2026, 09:30 · " in text
    assert "## Afgesproken actiepunten" in text
    assert "- [ ] Acme terugbellen (verkoper, uiterlijk 4 dec)" in text


def test_a_new_pack_has_dutch_examples_that_validate(
    capsys: pytest.CaptureFixture[str], dutch_home: Path, tmp_path: Path
) -> None:
    code, out, err = run(
        capsys, "--home", str(dutch_home), "pack", "new", "Acme coaching", "--in", str(tmp_path)
    )
    assert (code, err) == (0, "")
    root = tmp_path / "acme-coaching"
    assert 'language = "nl"' in (root / "pack.toml").read_text(encoding="utf-8")

    code, out, err = run(capsys, "--home", str(dutch_home), "pack", "validate", str(root))

    assert (code, err) == (0, "")
    assert "  leidraad   quick-check-in: Korte check-in · 2 stappen, 15 min" in out
    assert out.splitlines()[-1] == (
        "acme-coaching 0.1.0: 1 reflectie, 1 gespreksleidraad, 1 kaart, 1 vragenbank; "
        "0 fouten, 0 waarschuwingen"
    )


def test_a_validation_problem_is_said_in_dutch_and_in_pydantics_english(
    capsys: pytest.CaptureFixture[str], dutch_home: Path, tmp_path: Path
) -> None:
    card = tmp_path / "card.md"
    card.write_text("---\nkind: kaart\nid: x\n---\n# X\n\nText.\n", encoding="utf-8")

    code, out, _ = run(capsys, "--home", str(dutch_home), "pack", "validate", str(card))
    assert code == 1
    assert (
        out.splitlines()[0]
        == f"{card}:2: kind: moet 'reflection', 'script', 'card' of 'questions' zijn"
    )
    code, _, err = run(capsys, "--home", str(dutch_home), "people", "add", " ")
    assert (
        one_line(err)
        == "companion: fout: kan '' niet toevoegen: name: moet minstens 1 teken lang zijn"
    )

    i18n.set_language("en")
    from companion.errors import validation_message

    detail = {
        "type": "string_too_short",
        "msg": "String should have at least 2 characters",
        "ctx": {"min_length": 2},
    }
    assert validation_message(detail) == "String should have at least 2 characters"
    worded_otherwise = {**detail, "msg": "Too short"}  # another pydantic: its words, as they are
    i18n.set_language("nl")
    assert validation_message(worded_otherwise) == "Too short"
    assert validation_message(detail) == "moet minstens 2 tekens lang zijn"


def test_the_crash_line_is_dutch(tmp_path: Path) -> None:
    from companion.crash import report_line

    i18n.set_language("nl")

    line = report_line(tmp_path / "logs", ValueError("what was typed"))

    assert line.startswith("companion: fout: een onverwachte ValueError heeft Companion gestopt; ")
    assert "het volledige rapport (privé) staat in " in line
    assert "what was typed" not in line


def test_the_program_speaks_dutch_from_lang(tmp_path: Path) -> None:
    """The console script as a person runs it: LANG alone makes `--help` Dutch."""
    import os
    import subprocess
    import sys

    environment = {k: v for k, v in os.environ.items() if k not in i18n.LOCALE_VARIABLES}
    done = subprocess.run(
        [sys.executable, "-m", "companion", "--home", str(tmp_path / "home"), "log", "--help"],
        env={**environment, "LANG": "nl_NL.UTF-8"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("gebruik: companion log")
    assert ENGLISH.findall(said(done.stdout)) == []


def test_what_the_system_refuses_is_said_in_dutch(
    capsys: pytest.CaptureFixture[str], dutch_home: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.json"

    code, _, err = run(capsys, "--home", str(dutch_home), "import", str(missing))

    assert code == 1
    assert (
        one_line(err)
        == f"companion: fout: {missing}: kan het niet lezen (bestand of map bestaat niet)"
    )
