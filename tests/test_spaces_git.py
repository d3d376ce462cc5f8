"""git as the engine: errors in one line, no prompt, no hook, no endless wait, and a hostile or
hand-edited remote never acting on this machine."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.spaces.errors import (
    GitMissing,
    NewerSpace,
    NotASpace,
    RemoteRefused,
    RemoteRejected,
    RemoteUnreachable,
    SpaceConflict,
)
from companion.spaces.git import BRANCH, SCRATCH, Git, is_local_remote, remote_problem
from companion.spaces.layout import MARKER_TEXT, MAX_FILE_BYTES
from companion.spaces.local import NewItem, Space, connect, open_space
from tests.spaces_helpers import (
    git_env,
    init_bare,
    manager,
    plain_git,
    remote,
    rep,
    space_template,
    space_templates,
)

__all__ = [
    "git_env",
    "manager",
    "remote",
    "rep",
    "space_template",
    "space_templates",
]  # fixtures used here
pytestmark = pytest.mark.usefixtures("git_env")

# the id quoted: a random id can be all digits, which YAML would read as a number
ITEM = "---\nkind: {kind}\nid: '{id}'\nby: {by}\nclock: 3\nat: 2026-11-23 09:30:00+00:00\n{extra}---\n{body}"


def record_text(kind: str, id: str, by: str, body: str = "text\n", extra: str = "") -> str:
    return ITEM.format(kind=kind, id=id, by=by, body=body, extra=extra)


def hand_push(remote: Path, work: Path, files: dict[str, str | bytes], *, links=None) -> None:  # type: ignore[no-untyped-def]
    """Someone edits the remote with plain git: adds or changes files, commits, pushes."""
    if work.exists():
        plain_git("pull", "--quiet", "--ff-only", cwd=work)
    else:
        plain_git("clone", "--quiet", str(remote), str(work))
    for path, content in files.items():
        target = work / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode())
    for path, destination in (links or {}).items():
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(destination, work / path)
    plain_git("add", "-A", cwd=work)
    plain_git("-c", "user.name=Hand", "-c", "user.email=h@x", "commit", "-qm", "by hand", cwd=work)
    plain_git("push", "--quiet", "origin", "HEAD:main", cwd=work)


def crafted_push(remote: Path, name: bytes, content: bytes) -> None:
    """A commit whose tree holds an entry git itself would never write (such as '..')."""

    def run(*args: str, input: bytes | None = None) -> bytes:
        done = subprocess.run(
            ["git", "--git-dir", str(remote), *args], input=input, capture_output=True, check=True
        )
        return done.stdout

    blob = run("hash-object", "-w", "--stdin", input=content).strip().decode()
    base_tree = run("rev-parse", "main^{tree}").strip().decode()
    entries = run("cat-file", "tree", base_tree)
    tree_bytes = entries + b"100644 " + name + b"\0" + bytes.fromhex(blob)
    tree = run("hash-object", "-t", "tree", "--literally", "-w", "--stdin", input=tree_bytes)
    parent = run("rev-parse", "main").strip().decode()
    commit = run(
        "-c", "user.name=Evil", "-c", "user.email=e@x",
        "commit-tree", tree.strip().decode(), "-p", parent, "-m", "crafted",
    )  # fmt: skip
    run("update-ref", "refs/heads/main", commit.strip().decode())


# -- errors in one line -----------------------------------------------------------------------


def test_git_missing_is_one_line_that_says_what_to_do(rep: Space) -> None:
    broken = open_space(rep.folder.parent, rep.id, executable="/nonexistent/git")

    with pytest.raises(GitMissing) as missing:
        broken.state()

    assert str(missing.value) == (
        "cannot run git (/nonexistent/git): install git (https://git-scm.com) "
        "or put it on PATH, then try again"
    )


def test_a_remote_that_does_not_exist_is_no_access(tmp_path: Path) -> None:
    with pytest.raises(RemoteRefused) as refused:
        connect(tmp_path / "spaces", "anna", str(tmp_path / "missing.git"), "manager", "Anna")

    assert "no access" in str(refused.value)
    assert "check the address" in str(refused.value)
    assert "\n" not in str(refused.value)
    assert list((tmp_path / "spaces").iterdir()) == []


def test_a_network_that_is_down_keeps_the_work_for_the_next_sync(rep: Space, remote: Path) -> None:
    rep.share("written offline")
    info = json.loads((rep.folder / "space.json").read_text())
    (rep.folder / "space.json").write_text(json.dumps({**info, "remote": "http://127.0.0.1:1/x"}))
    offline = open_space(rep.folder.parent, rep.id)

    with pytest.raises(RemoteUnreachable) as down:
        offline.sync()

    assert "cannot reach it" in str(down.value) and "goes out with the next sync" in str(down.value)
    assert offline.status().info.facts.last_error == str(down.value)
    (rep.folder / "space.json").write_text(json.dumps({**info, "remote": str(remote)}))
    back = open_space(rep.folder.parent, rep.id)
    assert back.sync().sent == 1
    assert back.status().info.facts.last_error is None


@pytest.mark.parametrize(
    ("stderr", "kind", "words"),
    [
        (
            "git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.",
            RemoteRefused,
            "no access",
        ),
        (
            "remote: Repository not found.\nfatal: repository 'https://x/y.git/' not found",
            RemoteRefused,
            "no access",
        ),
        (
            "fatal: could not read Username for 'https://x': terminal prompts disabled",
            RemoteRefused,
            "no access",
        ),
        (
            "ssh: Could not resolve hostname x: Name or service not known",
            RemoteUnreachable,
            "cannot reach",
        ),
        (" ! [rejected]        main -> main (fetch first)", RemoteRejected, "run the sync again"),
        (
            "fatal: detected dubious ownership in repository at '/srv/x.git'",
            RemoteRefused,
            "safe.directory",
        ),
        (
            "remote: \x1b[2Jgotcha\nfatal: unable to access 'x': Failed to connect \x1b]0;t\x07",
            RemoteUnreachable,
            "cannot reach it (unable to access 'x': Failed to connect \\x1b]0;t\\x07)",
        ),
    ],
)
def test_remote_refusals_are_told_apart(stderr: str, kind: type, words: str) -> None:
    problem = remote_problem("origin", stderr, "fetch")

    assert type(problem) is kind
    assert words in str(problem) and "\n" not in str(problem) and "\x1b" not in str(problem)


def test_local_remotes_are_told_from_ssh_and_urls() -> None:
    assert is_local_remote("/srv/spaces/anna.git")
    assert is_local_remote("file:///srv/anna.git")
    assert is_local_remote("../anna.git")
    assert not is_local_remote("git@github.com:team/anna.git")
    assert not is_local_remote("https://github.com/team/anna.git")


# -- never a prompt, never a hook, never forever --------------------------------------------------

SPY = """#!{python}
import json, os, sys
try:
    os.open("/dev/tty", os.O_RDWR)
    tty = True
except OSError:
    tty = False
names = ["GIT_TERMINAL_PROMPT", "GIT_DIR", "GIT_INDEX_FILE", "SSH_ASKPASS_REQUIRE"]
print(json.dumps({{"args": sys.argv[1:], "tty": tty, "env": {{n: os.environ.get(n) for n in names}}}}))
"""


def test_git_runs_without_a_terminal_prompts_or_a_foreign_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = tmp_path / "git"
    spy.write_text(SPY.format(python=sys.executable))
    spy.chmod(0o755)
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "someone-elses.git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(tmp_path / "index"))

    seen = json.loads(Git(tmp_path / "repo.git", executable=str(spy)).output("status"))

    assert seen["tty"] is False
    assert seen["env"] == {
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_DIR": None,
        "GIT_INDEX_FILE": None,
        "SSH_ASKPASS_REQUIRE": "never",
    }
    assert f"core.hooksPath={os.devnull}" in seen["args"]
    assert f"--git-dir={tmp_path / 'repo.git'}" in seen["args"]


SLOW_GIT = """#!/bin/sh
for arg in "$@"; do
  case "$arg" in
    ls-remote|fetch|push) sleep 30 & echo $! > "{pidfile}"; wait; exit 1;;
  esac
done
exec git "$@"
"""


def test_a_remote_that_never_answers_is_given_up_on_and_its_children_killed(
    tmp_path: Path,
) -> None:
    pidfile = tmp_path / "sleep.pid"
    slow = tmp_path / "slow-git"
    slow.write_text(SLOW_GIT.format(pidfile=pidfile))
    slow.chmod(0o755)
    started = time.monotonic()

    with pytest.raises(RemoteUnreachable, match=r"no answer within 0\.5 s"):
        connect(
            tmp_path / "spaces", "a", "ssh://x/y", "rep", "A", executable=str(slow), timeout=0.5
        )

    assert time.monotonic() - started < 10
    pid = int(pidfile.read_text())
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def test_hooks_of_a_remote_on_a_path_do_not_run_on_this_machine(
    rep: Space, remote: Path, tmp_path: Path
) -> None:
    ran = tmp_path / "hook-ran"
    for hook in ("pre-receive", "update", "post-receive", "post-update"):
        script = remote / "hooks" / hook
        script.write_text(f"#!/bin/sh\ntouch {ran}\nexit 1\n")
        script.chmod(0o755)

    rep.share("through a hostile shared drive")
    assert rep.sync().sent == 1

    assert not ran.exists()


def test_variables_that_point_git_elsewhere_are_ignored(
    rep: Space, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = init_bare(tmp_path / "elsewhere.git")
    monkeypatch.setenv("GIT_DIR", str(elsewhere))
    monkeypatch.setenv("GIT_WORK_TREE", str(tmp_path))
    again = open_space(rep.folder.parent, rep.id)

    again.share("into the right repository")

    assert plain_git("--git-dir", str(elsewhere), "for-each-ref") == ""
    assert [item.item.text for item in again.state().items.values()] == [  # type: ignore[union-attr]
        "into the right repository"
    ]


# -- a hostile or hand-edited remote ---------------------------------------------------------------


def test_anything_but_records_is_ignored_with_one_line_each_and_never_written_out(
    rep: Space, remote: Path, tmp_path: Path
) -> None:
    hand_push(
        remote,
        tmp_path / "hand",
        {
            "notes.txt": "a foreign file\n",
            "manager/secrets/aaaaaaaaaaaa.md": record_text("secret", "aaaaaaaaaaaa", "manager"),
            "manager/actions/bbbbbbbbbbbb.md": record_text(
                "action", "bbbbbbbbbbbb", "manager", "x" * MAX_FILE_BYTES, "owner: rep\n"
            ),
            "manager/actions/cccccccccccc.md": "---\nkind: action\n",
            "manager/recognitions/dddddddddddd.md": record_text(
                "recognition",
                "dddddddddddd",
                "manager",
                "[bold red]Well done[/]\x1b[2J\x1b]0;x\x07\n",
            ),
            "rep/events/eeeeeeeeeeee.md": record_text(
                "event", "eeeeeeeeeeee", "rep", "", "event: discussed\nitem: dddddddddddd\n"
            ).replace("clock: 3", "clock: 4"),
        },
        links={"manager/actions/ffffffffffff.md": "/etc/passwd"},
    )
    crafted_push(remote, b"..", b"escaped?\n")
    report = rep.sync()

    lines = sorted(str(problem) for problem in report.problems)
    assert lines == [
        "..: an unsafe path (absolute, '..' or empty parts), ignored",
        "manager/actions/bbbbbbbbbbbb.md: larger than 64 KB, ignored",
        "manager/actions/cccccccccccc.md: the frontmatter is not closed by a '---' line, ignored",
        "manager/actions/ffffffffffff.md: a symbolic link, ignored",
        "manager/secrets/aaaaaaaaaaaa.md: unknown kind of file 'secrets', ignored",
        "notes.txt: not a file Companion writes, ignored",
        "rep/events/eeeeeeeeeeee.md: changed on the remote, though only this side writes it",
        "rep/events/eeeeeeeeeeee.md: the rep side cannot mark a recognition discussed, ignored",
    ]
    state = rep.state()
    (thanks,) = state.recognitions()
    assert thanks.item.text == "[bold red]Well done[/]\x1b[2J\x1b]0;x\x07"  # type: ignore[union-attr]
    assert sorted(path.name for path in rep.folder.iterdir()) == [
        "cache.json", "facts.json", "repo.git", "space.json", "sync.lock", "write.lock"
    ]  # fmt: skip
    assert not (tmp_path / "escaped?").exists()
    assert len(state.problems) == 7


def test_a_hand_edit_of_my_file_on_the_remote_is_reported(
    rep: Space, remote: Path, tmp_path: Path
) -> None:
    item = rep.share("what I wrote")
    rep.sync()
    path = f"rep/shared/{item.id}.md"
    hand_push(remote, tmp_path / "hand", {path: record_text("shared", item.id, "rep", "forged\n")})

    report = rep.sync()

    assert [str(problem) for problem in report.problems] == [
        f"{path}: changed on the remote, though only this side writes it"
    ]


def test_a_hand_made_conflict_is_reported_and_nothing_is_merged(
    rep: Space, remote: Path, tmp_path: Path
) -> None:
    item = rep.share("the original")
    rep.sync()
    path = f"rep/shared/{item.id}.md"
    hand_push(remote, tmp_path / "theirs", {path: record_text("shared", item.id, "rep", "one\n")})
    hand_push(
        rep.repository, tmp_path / "ours", {path: record_text("shared", item.id, "rep", "two\n")}
    )
    ours, theirs = rep.git.refs()[BRANCH], plain_git("--git-dir", str(remote), "rev-parse", "main")

    with pytest.raises(SpaceConflict) as conflict:
        rep.sync()

    assert conflict.value.paths == [path]
    assert f"{path} changed on both sides by hand; nothing was merged" in str(conflict.value)
    assert rep.git.refs()[BRANCH] == ours
    assert plain_git("--git-dir", str(remote), "rev-parse", "main") == theirs


def test_a_remote_that_moved_while_we_pushed_is_merged_and_pushed_again(
    rep: Space, manager: Space, monkeypatch: pytest.MonkeyPatch
) -> None:
    fetch = rep.git.fetch
    moves: list[int] = []

    def fetch_then_the_manager_pushes(remote: str) -> str | None:
        fetched = fetch(remote)
        if len(moves) < 1:
            moves.append(1)
            manager.record([NewItem("recognition", "Well done")])
            manager.sync()
        return fetched

    monkeypatch.setattr(rep.git, "fetch", fetch_then_the_manager_pushes)
    rep.share("mine")

    report = rep.sync()

    assert report.sent == 1
    assert [record.text for record in report.received] == ["Well done"]  # type: ignore[union-attr]
    manager.sync()
    assert len(manager.state().items) == 2


def test_a_remote_that_keeps_moving_is_one_line_and_loses_nothing(
    rep: Space, manager: Space, monkeypatch: pytest.MonkeyPatch
) -> None:
    fetch = rep.git.fetch

    def fetch_then_the_manager_pushes(remote: str) -> str | None:
        fetched = fetch(remote)
        manager.record([NewItem("recognition", "again")])
        manager.sync()
        return fetched

    monkeypatch.setattr(rep.git, "fetch", fetch_then_the_manager_pushes)
    item = rep.share("mine")

    with pytest.raises(RemoteRejected, match="moved on while this sync sent its changes"):
        rep.sync()

    assert [record.id for record in rep.status().outgoing] == [item.id]
    monkeypatch.undo()
    assert open_space(rep.folder.parent, rep.id).sync().sent == 1


def test_a_remote_replaced_by_another_history_is_refused(
    rep: Space, remote: Path, tmp_path: Path
) -> None:
    shutil.rmtree(remote)
    init_bare(remote)
    hand_push(remote, tmp_path / "other", {"README.md": MARKER_TEXT})

    with pytest.raises(NotASpace, match="holds another history"):
        rep.sync()


def test_a_remote_that_lost_everything_gets_it_back(rep: Space, remote: Path) -> None:
    rep.share("keep me")
    rep.sync()
    shutil.rmtree(remote)
    init_bare(remote)

    rep.sync()

    assert "keep me" in plain_git("--git-dir", str(remote), "log", "-p", "main")


def test_a_newer_format_is_read_by_no_one_older(rep: Space, remote: Path, tmp_path: Path) -> None:
    hand_push(
        remote, tmp_path / "hand", {"README.md": MARKER_TEXT.replace("format: 1", "format: 2")}
    )
    head = rep.git.refs()[BRANCH]

    with pytest.raises(NewerSpace, match="format 2, newer than this Companion reads"):
        rep.sync()

    assert rep.git.refs()[BRANCH] == head
    rep.share("still written here, in the format this Companion knows")


def test_leftovers_of_a_killed_git_are_cleared_by_the_next_sync(rep: Space) -> None:
    rep.share("before the crash")
    head = rep.git.refs()[BRANCH]
    rep.git.update_ref(f"{SCRATCH}123-dead", head, None)
    for leftover in ("refs/heads/main.lock", "packed-refs.lock", "companion-merge.index.lock"):
        (rep.repository / leftover).write_text("")

    assert rep.sync().sent == 1

    assert not any(ref.startswith(SCRATCH) for ref in rep.git.refs())
    assert not list(rep.repository.glob("**/*.lock"))
