"""`companion team`, `share`, `agenda`, `actions` and `pack install|update` from git, run as a
person would, with real git and local bare repositories in tmp folders."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest

from companion import sharing
from companion.context import Context
from companion.flows.one_on_one import OneOnOneFlow
from companion.models.coaching import OneOnOne
from companion.models.content import Script, ScriptStep
from companion.paths import Home
from tests.cli_helpers import one_line, run
from tests.conftest import NOW
from tests.spaces_helpers import full_history, git_env, init_bare, plain_git
from tests.test_spaces_git import crafted_push, hand_push, record_text

__all__ = ["git_env"]  # fixtures used here
pytestmark = pytest.mark.usefixtures("git_env")

SCRIPT = Script(
    id="weekly",
    pack="test",
    title="Weekly 1:1",
    steps=(ScriptStep(id="check-in", title="Check in"), ScriptStep(id="next", title="Next")),
)


class People:
    """The manager Bob and the rep Anna, each with a home, sharing one bare repository."""

    def __init__(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.tmp, self.capsys = tmp_path, capsys
        self.remote = init_bare(tmp_path / "anna-bob.git")
        self.manager, self.rep = tmp_path / "bob", tmp_path / "anna"

    def bob(self, *argv: str) -> tuple[int, str, str]:
        return run(self.capsys, "--home", str(self.manager), *argv)

    def anna(self, *argv: str) -> tuple[int, str, str]:
        return run(self.capsys, "--home", str(self.rep), *argv)

    def linked(self) -> People:
        assert self.bob("people", "add", "Anna de Vries")[0] == 0
        assert self.bob("team", "link", "anna de vries", str(self.remote))[0] == 0
        assert self.anna("team", "join", str(self.remote), "--manager", "Bob")[0] == 0
        return self

    def one_on_one(
        self, notes: str, private: str, actions: list[str], done: bool = False
    ) -> OneOnOne:
        """Bob runs a 1:1 with Anna and finishes it, as the app does: saved, then sent."""
        context = Context(Home(self.manager))
        journal = context.journal
        person = journal.find_person("Anna")
        open_actions = journal.actions(person.uid, open_only=True)
        flow = OneOnOneFlow(person, SCRIPT, open_actions, NOW)
        for action in open_actions:
            flow.review(action.uid, "done" if done else "keep")
        while flow.page.id != "check-in":
            flow.next()
        flow.set_notes(notes)
        flow.set_notes(private, private=True)
        for text in actions:
            flow.add_action(text, "rep", None, NOW)
        finished = flow.finish(NOW + timedelta(minutes=30))
        journal.save_one_on_one(finished.record, finished.new_actions, finished.status_changes)
        assert sharing.send_one_on_one(context.home, finished.record) is not None
        return finished.record


@pytest.fixture
def people(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> People:
    return People(tmp_path, capsys).linked()


def test_share_sync_agenda_from_the_command_line(people: People) -> None:
    code, out, _ = people.anna("share", "Could", "you", "join", "the", "#acme", "call?")
    assert code == 0
    assert "Shared with Bob for your next 1:1" in out
    journal = people.anna("journal")[1]
    assert "Could you join the #acme call?" in journal  # kept in her own journal too

    assert people.anna("team", "sync")[1].startswith("bob (with Bob): 1 sent, 0 received")
    code, out, _ = people.bob("team", "sync")
    assert "1 received" in out and "shared: Could you join the #acme call?" in out

    code, out, _ = people.bob("agenda", "--with", "anna de vries")
    assert out.splitlines()[0] == "On the agenda from Anna de Vries:"
    assert "Could you join the #acme call?" in out
    document = json.loads(people.bob("agenda", "--json")[1])
    assert [item["text"] for item in document["agenda"]] == ["Could you join the #acme call?"]
    assert document["with"] == "Anna de Vries"


def test_status_says_what_waits_and_what_came_in(people: People) -> None:
    people.anna("share", "first")
    out = people.anna("team", "status")[1]
    assert "bob: with Bob (you are the rep)" in out
    assert "1 item waits to go out" in out and "last sync: never" in out

    people.anna("team", "sync")
    people.bob("team", "sync")
    (status,) = json.loads(people.bob("team", "status", "--json")[1])
    assert status["partner"] == "Anna de Vries" and status["side"] == "manager"
    assert [record["text"] for record in status["incoming"]] == ["first"]
    assert status["outgoing"] == []


def test_a_share_can_be_withdrawn_until_it_is_discussed(people: People) -> None:
    out = people.anna("share", "never mind this one")[1]
    item = out.split("(id ")[1].split(")")[0]
    code, out, _ = people.anna("share", "--withdraw", item)
    assert code == 0 and out.startswith("Withdrawn")
    people.anna("team", "sync")
    people.bob("team", "sync")
    assert people.bob("agenda")[1] == "Nothing on the agenda from Anna de Vries.\n"


def test_the_loop_actions_reach_the_rep_and_done_reaches_the_next_review(people: People) -> None:
    people.one_on_one("We planned the Acme call", "Anna seems tired", ["Call Acme back"])
    people.bob("team", "sync")
    people.anna("team", "sync")

    code, out, _ = people.anna("actions")
    assert code == 0
    assert "○" in out and "Call Acme back" in out and "agreed with Bob; you own it" in out
    (row,) = json.loads(people.anna("actions", "--json")[1])
    assert row["text"] == "Call Acme back" and row["status"] == "open"

    code, out, _ = people.anna("actions", "done", row["id"][:6])
    assert code == 0 and "Marked done: Call Acme back" in out
    assert "✓" in people.anna("actions")[1]
    people.anna("team", "sync")
    people.bob("team", "sync")

    context = Context(Home(people.manager))
    (action,) = context.journal.actions(open_only=True)
    state = sharing.person_space(context.home, "Anna de Vries").state()  # type: ignore[union-attr]
    from companion.flows.sharing import done_in_space

    assert done_in_space([action.uid], state.items) == {action.uid}  # the review starts done
    people.one_on_one("Acme is signed", "", [], done=True)
    for home in (people.manager, people.rep):
        history = full_history(
            home / "spaces" / ("anna-de-vries" if home == people.manager else "bob") / "repo.git"
        )
        assert "Anna seems tired" not in history
    history = full_history(people.remote)
    assert "Anna seems tired" not in history and "We planned the Acme call" in history


def test_a_manager_marks_a_local_action_done_by_its_id(people: People) -> None:
    people.one_on_one("notes", "", ["Send the deck"])
    (action,) = json.loads(people.bob("actions", "--json")[1])
    code, out, _ = people.bob("actions", "done", action["uid"][:8])
    assert code == 0 and "Marked done: Send the deck" in out


def test_an_action_id_that_is_nowhere_is_one_line(people: People) -> None:
    code, _, err = people.anna("actions", "done", "abcdef")
    assert code == 1
    assert one_line(err) == (
        "companion: error: no action abcdef: `companion actions` lists them with their ids"
    )


# -- what can go wrong: one line, with what to do ------------------------------------------------


def test_sharing_without_a_space_says_how_to_get_one(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "--home", str(tmp_path / "h"), "share", "hello")
    assert code == 1
    assert "a rep joins it with `companion team join`" in one_line(err)
    code, out, _ = run(capsys, "--home", str(tmp_path / "h"), "team", "status")
    assert out.startswith("No shared spaces yet.")
    assert not (tmp_path / "h" / "spaces").exists()


def test_a_repository_that_is_not_a_space_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    other = init_bare(tmp_path / "other.git")
    work = tmp_path / "work"
    plain_git("clone", "--quiet", str(other), str(work))
    (work / "code.py").write_text("print(1)\n")
    plain_git("add", "-A", cwd=work)
    plain_git("-c", "user.name=X", "-c", "user.email=x@x", "commit", "-qm", "x", cwd=work)
    plain_git("push", "--quiet", "origin", "HEAD:main", cwd=work)

    code, _, err = run(capsys, "--home", str(tmp_path / "h"), "team", "link", "Anna", str(other))
    assert code == 1
    assert "is not a Companion space" in one_line(err)


def test_git_missing_is_one_line(people: People, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(people.tmp / "no-bin"))
    code, _, err = people.anna("team", "sync")
    assert code == 1
    assert "cannot run git (git): install git" in one_line(err)


def test_offline_keeps_the_work_and_the_next_sync_sends_it(people: People) -> None:
    people.anna("share", "written offline")
    hidden = people.remote.with_name("away.git")
    os.rename(people.remote, hidden)

    code, _, err = people.anna("team", "sync")
    assert code == 1
    line = one_line(err)
    assert "no access" in line and "check the address" in line
    assert "1 item waits to go out" in people.anna("team", "status")[1]
    assert "the last sync failed" in people.anna("team", "status")[1]

    os.rename(hidden, people.remote)
    assert "1 sent" in people.anna("team", "sync")[1]
    assert "the last sync failed" not in people.anna("team", "status")[1]


def test_a_remote_that_refuses_a_join_leaves_nothing(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "h"
    code, _, err = run(capsys, "--home", str(home), "team", "join", str(tmp_path / "nowhere.git"))
    assert code == 1
    assert "no access" in one_line(err)
    assert list((home / "spaces").iterdir()) == []


# -- a hostile remote, through the command line -----------------------------------------------


def test_a_hostile_remote_is_shown_literally_and_ignored_with_one_warning_each(
    people: People,
) -> None:
    hand_push(
        people.remote,
        people.tmp / "hand",
        {
            "notes.txt": "a foreign file\n",
            "manager/secrets/aaaaaaaaaaaa.md": record_text("secret", "aaaaaaaaaaaa", "manager"),
            "manager/actions/bbbbbbbbbbbb.md": record_text(
                "action", "bbbbbbbbbbbb", "manager", "x" * 70_000, "owner: rep\n"
            ),
            "manager/actions/cccccccccccc.md": record_text(
                "action",
                "cccccccccccc",
                "manager",
                "[bold red]Call[/]\x1b[2J\x1b]0;pwned\x07\n",
                "owner: rep\n",
            ),
        },
        links={"manager/actions/ffffffffffff.md": "/etc/passwd"},
    )
    crafted_push(people.remote, b"..", b"escaped?\n")

    code, out, _ = people.anna("team", "sync")
    assert code == 0
    warnings = sorted(line for line in out.splitlines() if line.startswith("warning: "))
    assert warnings == [
        "warning: ..: an unsafe path (absolute, '..' or empty parts), ignored",
        "warning: manager/actions/bbbbbbbbbbbb.md: larger than 64 KB, ignored",
        "warning: manager/actions/ffffffffffff.md: a symbolic link, ignored",
        "warning: manager/secrets/aaaaaaaaaaaa.md: unknown kind of file 'secrets', ignored",
        "warning: notes.txt: not a file Companion writes, ignored",
    ]
    code, out, _ = people.anna("actions")
    assert "[bold red]Call[/]\\x1b[2J\\x1b]0;pwned\\x07" in out  # shown, never obeyed
    assert "\x1b" not in out
    assert not (people.tmp / "escaped?").exists()
    assert sorted(p.name for p in (people.rep / "spaces" / "bob").iterdir()) == [
        "cache.json", "facts.json", "repo.git", "space.json", "sync.lock", "write.lock"
    ]  # fmt: skip


# -- content packs through git ------------------------------------------------------------------


def _publish(tmp_path: Path, capsys, version: str, remote: Path) -> None:  # type: ignore[no-untyped-def]
    """A coach makes a pack and pushes it to a repository."""
    work = tmp_path / "coach-work"
    if not work.exists():
        plain_git("clone", "--quiet", str(remote), str(work))
        assert run(capsys, "pack", "new", "Acme coaching", "--in", str(tmp_path))[0] == 0
        for path in (tmp_path / "acme-coaching").iterdir():
            os.rename(path, work / path.name)
    manifest = work / "pack.toml"
    text = manifest.read_text()
    lines = [
        f'version = "{version}"' if line.startswith("version") else line
        for line in text.splitlines()
    ]
    manifest.write_text("\n".join(lines) + "\n")
    plain_git("add", "-A", cwd=work)
    plain_git("-c", "user.name=Coach", "-c", "user.email=c@x", "commit", "-qm", version, cwd=work)
    plain_git("push", "--quiet", "origin", "HEAD:main", cwd=work)


def test_a_pack_is_installed_from_git_and_updated_when_the_coach_pushes(
    tmp_path: Path,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    remote = init_bare(tmp_path / "pack.git")
    _publish(tmp_path, capsys, "0.1.0", remote)
    home = str(tmp_path / "rep")

    code, out, err = run(capsys, "--home", home, "pack", "install", str(remote))
    assert code == 0, err
    assert "Installed acme-coaching 0.1.0" in out
    source = json.loads(
        (tmp_path / "rep" / "packs" / "acme-coaching" / ".companion-source.json").read_text()
    )
    assert source["kind"] == "git" and source["source"] == str(remote)

    assert run(capsys, "--home", home, "pack", "update")[1] == "acme-coaching is up to date.\n"
    _publish(tmp_path, capsys, "0.2.0", remote)
    code, out, _ = run(capsys, "--home", home, "pack", "update", "acme-coaching")
    assert code == 0
    assert out.startswith("Updated acme-coaching to version 0.2.0 from ")
    listing = run(capsys, "--home", home, "pack", "list")[1]
    assert "acme-coaching      0.2.0" in listing


def test_a_pack_repository_with_a_link_or_no_pack_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    remote = init_bare(tmp_path / "pack.git")
    _publish(tmp_path, capsys, "0.1.0", remote)
    work = tmp_path / "coach-work"
    os.symlink("/etc/passwd", work / "cards.md")
    plain_git("add", "-A", cwd=work)
    plain_git("-c", "user.name=C", "-c", "user.email=c@x", "commit", "-qm", "link", cwd=work)
    plain_git("push", "--quiet", "origin", "HEAD:main", cwd=work)

    code, _, err = run(capsys, "--home", str(tmp_path / "rep"), "pack", "install", str(remote))
    assert code == 1
    assert "cards.md' is a link or not a file; not installed" in one_line(err)
    assert not (tmp_path / "rep" / "packs" / "acme-coaching").exists()

    empty = init_bare(tmp_path / "empty.git")
    code, _, err = run(capsys, "--home", str(tmp_path / "rep"), "pack", "install", str(empty))
    assert code == 1
    assert str(empty) in one_line(err)


def test_a_pack_remote_that_cannot_be_reached_is_one_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(
        capsys, "--home", str(tmp_path / "rep"), "pack", "install", "http://127.0.0.1:1/pack.git"
    )
    assert code == 1
    assert "cannot reach it" in one_line(err)


def test_person_is_linked_by_the_name_the_people_list_has(people: People) -> None:
    info = json.loads((people.manager / "spaces" / "anna-de-vries" / "space.json").read_text())
    assert info["partner"] == "Anna de Vries"  # as the people list has it, not as typed


def test_a_dutch_rep_reads_the_team_commands_in_dutch(people: People) -> None:
    assert people.anna("config", "language", "nl")[0] == 0
    out = people.anna("share", "Hulp bij de offerte")[1]
    assert out.startswith("Gedeeld met Bob voor je volgende 1-op-1")
    assert "1 punt wacht om verstuurd te worden" in people.anna("team", "status")[1]
    code, _, err = people.anna("actions", "done", "abcdef")
    assert code == 1
    assert one_line(err).endswith("geen actiepunt abcdef: `companion actions` toont ze met hun id")
