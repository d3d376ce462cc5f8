"""A space on disk, as the two people using it would: link, share, sync, agree, sync back,
offline and in any order, with real git and local bare repositories."""

from __future__ import annotations

import json
import random
import shutil
import threading
from datetime import date
from pathlib import Path

import pytest

from companion.spaces.errors import (
    NotAllowed,
    NotASpace,
    RemoteRefused,
    SpaceError,
    SpaceNotFound,
)
from companion.spaces.facts import list_spaces
from companion.spaces.git import BRANCH
from companion.spaces.layout import MARKER_TEXT
from companion.spaces.local import (
    NewEvent,
    NewItem,
    Space,
    SyncReport,
    connect,
    find_space,
    open_space,
    suggest_id,
    sync_all,
)
from tests.spaces_helpers import (
    full_history,
    git_env,
    init_bare,
    link,
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


def texts(space: Space, kind: str | None = None) -> list[str]:
    return [
        item.item.text  # type: ignore[union-attr]
        for item in space.state().items.values()
        if kind is None or item.kind == kind
    ]


def remote_head(remote: Path) -> str:
    return plain_git("--git-dir", str(remote), "rev-parse", "main").strip()


def finish_one_on_one(manager: Space, discussed: list[str]) -> None:
    manager.record(
        [
            NewItem("summary", "We planned the Acme renewal.", {"held": date(2026, 12, 3)}),
            NewItem("action", "Send Acme the new quote", {"owner": "rep"}),
            NewItem("recognition", "You kept Acme calm under pressure. Thank you."),
            *(NewEvent(item, "discussed") for item in discussed),
        ]
    )


# -- linking ------------------------------------------------------------------------------------


def test_linking_an_empty_remote_makes_it_a_space_with_a_marker(tmp_path: Path) -> None:
    empty = init_bare(tmp_path / "empty.git")

    space = link(tmp_path, "home", empty, "manager", "Anna")

    assert plain_git("--git-dir", str(empty), "show", "main:README.md") == MARKER_TEXT
    assert space.state().items == {} and space.state().problems == ()
    assert [info.partner for info in list_spaces(tmp_path / "home" / "spaces")] == ["Anna"]


def test_joining_a_space_clones_what_is_there(manager: Space, tmp_path: Path, remote: Path) -> None:
    manager.record([NewItem("recognition", "Welcome to the team!")])
    manager.sync()

    rep = link(tmp_path, "rep-home", remote, "rep", "Bob")

    assert texts(rep) == ["Welcome to the team!"]
    assert (rep.info.side, rep.info.partner, rep.info.remote) == ("rep", "Bob", str(remote))


def test_a_repository_that_is_not_a_space_is_refused_and_nothing_is_left(tmp_path: Path) -> None:
    work = tmp_path / "work"
    plain_git("init", "--quiet", "--initial-branch=main", str(work))
    (work / "notes.md").write_text("my own notes\n")
    plain_git("add", ".", cwd=work)
    plain_git("commit", "--quiet", "-m", "notes", cwd=work)
    root = tmp_path / "home" / "spaces"

    with pytest.raises(NotASpace, match="is not a Companion space"):
        connect(root, "anna", str(work), "manager", "Anna")

    assert list(root.iterdir()) == []  # no half-made space, no temp folder


def test_a_repository_without_a_main_branch_is_refused(tmp_path: Path) -> None:
    other = init_bare(tmp_path / "other.git")
    work = tmp_path / "work"
    plain_git("clone", "--quiet", str(other), str(work))
    (work / "x").write_text("x")
    plain_git("add", ".", cwd=work)
    plain_git("commit", "--quiet", "-m", "x", cwd=work)
    plain_git("push", "--quiet", "origin", "HEAD:refs/heads/trunk", cwd=work)

    with pytest.raises(NotASpace, match="no main branch"):
        connect(tmp_path / "spaces", "anna", str(other), "manager", "Anna")


def test_names_and_remotes_are_checked_before_anything_is_made(
    manager: Space, remote: Path, tmp_path: Path
) -> None:
    root = manager.folder.parent

    with pytest.raises(SpaceError, match="exists already"):
        connect(root, manager.id, str(tmp_path / "x.git"), "manager", "Anna")
    with pytest.raises(SpaceError, match="is linked already, as space 'anna'"):
        connect(root, "anna-2", str(remote), "manager", "Anna")
    with pytest.raises(SpaceError, match="cannot name a space"):
        connect(root, "../evil", str(remote), "manager", "Evil")
    with pytest.raises(SpaceNotFound):
        open_space(root, "nobody")
    assert suggest_id(root, "Anna") == "anna-2"
    assert suggest_id(root, "Zoë de Vries!") == "zoe-de-vries"
    assert suggest_id(root, "张伟") == "space"


def test_a_relative_path_to_a_remote_is_kept_as_an_absolute_one(
    tmp_path: Path, space_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drive = tmp_path / "shared-drive"
    shutil.copytree(space_template, drive / "anna.git")
    monkeypatch.chdir(drive)

    space = connect(tmp_path / "home" / "spaces", "anna", "anna.git", "manager", "  Anna  ")

    assert space.info.remote == str(drive / "anna.git")
    assert space.info.partner == "Anna"
    monkeypatch.chdir(tmp_path)
    space.record([NewItem("recognition", "Thanks for the demo")])
    assert space.sync().sent == 1
    with pytest.raises(SpaceError, match="give the name of the person"):
        connect(tmp_path / "home" / "spaces", "x", str(drive / "anna.git"), "manager", " ")


# -- the round trip -------------------------------------------------------------------------------


def test_a_share_is_committed_at_once_and_goes_out_with_the_next_sync(
    rep: Space, remote: Path
) -> None:
    before = remote_head(remote)

    item = rep.share("Can we talk about my pipeline?", prompt="What help would you ask for?")

    assert remote_head(remote) == before  # offline is normal: nothing left the machine
    assert [record.id for record in rep.status().outgoing] == [item.id]
    assert rep.status().info.facts.outgoing == 1
    report = rep.sync()
    assert report.sent == 1
    assert rep.status().outgoing == ()
    assert "Can we talk about my pipeline?" in full_history(remote)


def test_the_whole_loop_share_agenda_one_on_one_actions_done_review(
    rep: Space, manager: Space
) -> None:
    from_reflection = rep.share(
        "I am stuck on the Acme renewal", prompt="Obstacles", reflection=date(2026, 12, 1)
    )
    rep.share("Could we role-play the price talk?")
    rep.sync()

    assert manager.sync().received[0].id == from_reflection.id
    agenda = manager.state().agenda()
    assert [item.item.text for item in agenda] == [  # type: ignore[union-attr]
        "I am stuck on the Acme renewal",
        "Could we role-play the price talk?",
    ]
    finish_one_on_one(manager, [item.id for item in agenda])
    manager.sync()

    received = rep.sync().received
    assert {record.kind for record in received} == {"summary", "action", "recognition", "event"}
    state = rep.state()
    assert [item.item.text for item in state.summaries()] == ["We planned the Acme renewal."]  # type: ignore[union-attr]
    assert [item.item.text for item in state.recognitions()] == [  # type: ignore[union-attr]
        "You kept Acme calm under pressure. Thank you."
    ]
    (action,) = state.open_actions("rep")
    assert state.agenda() == []
    rep.mark(action.id[:6], "done")
    rep.sync()

    manager.sync()
    assert manager.state().items[action.id].status == "done"
    assert manager.state().open_actions() == []


def test_a_second_reps_items_never_reach_the_first_reps_space(
    tmp_path: Path, space_template: Path, manager: Space, rep: Space, remote: Path
) -> None:
    other_remote = tmp_path / "other.git"
    shutil.copytree(space_template, other_remote)
    other_rep = link(tmp_path, "carl-home", other_remote, "rep", "Bob")
    managers_view = link(tmp_path, "manager-home", other_remote, "manager", "Carl")
    other_rep.share("Carl's worry about his targets")
    rep.share("Anna's question about training")
    other_rep.sync()
    rep.sync()
    managers_view.sync()
    manager.sync()

    assert texts(manager) == ["Anna's question about training"]
    assert texts(managers_view) == ["Carl's worry about his targets"]
    assert "Carl" not in full_history(remote)
    assert "Anna's question" not in full_history(other_remote)


def test_both_sides_offline_writing_and_syncing_in_any_order_agree(
    rep: Space, manager: Space
) -> None:
    chooser = random.Random(21)
    written: list[str] = []
    for round_number in range(6):
        text = f"share {round_number}"
        rep.share(text)
        written.append(text)
        open_items = manager.state().agenda()
        if open_items:
            manager.mark(chooser.choice(open_items).id, "discussed")
        manager.record([NewItem("action", f"action {round_number}", {"owner": "manager"})])
        written.append(f"action {round_number}")
        for space in chooser.sample([rep, manager], k=chooser.randint(0, 2)):
            space.sync()
    for space in (rep, manager, rep):
        space.sync()

    assert rep.state() == manager.state()
    assert sorted(texts(rep)) == sorted(written)
    assert rep.state().problems == ()


def test_two_syncs_at_once_are_safe(rep: Space, manager: Space) -> None:
    for number in range(3):
        rep.share(f"item {number}")
    twin = open_space(rep.folder.parent, rep.id)
    errors: list[BaseException] = []

    def sync(space: Space) -> None:
        try:
            space.sync()
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=sync, args=(space,)) for space in (rep, twin)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    manager.sync()
    assert sorted(texts(manager)) == ["item 0", "item 1", "item 2"]


# -- what each side may do ------------------------------------------------------------------------


def test_each_side_writes_only_its_own_kinds_and_changes(rep: Space, manager: Space) -> None:
    item = rep.share("A share")
    rep.sync()
    manager.sync()
    head = rep.git.refs()[BRANCH]

    with pytest.raises(NotAllowed, match="the rep side cannot write a summary"):
        rep.record([NewItem("summary", "I summarise myself", {"held": date(2026, 1, 1)})])
    with pytest.raises(NotAllowed, match="the rep side cannot mark a shared item discussed"):
        rep.mark(item.id, "discussed")
    with pytest.raises(NotAllowed, match="the manager side cannot mark a shared item withdrawn"):
        manager.mark(item.id, "withdrawn")
    with pytest.raises(NotAllowed, match="text"):
        rep.share("   ")
    assert rep.git.refs()[BRANCH] == head  # nothing was written

    manager.mark(item.id, "discussed")
    manager.sync()
    rep.sync()
    with pytest.raises(NotAllowed, match="that is discussed cannot be marked withdrawn"):
        rep.mark(item.id, "withdrawn")


def test_a_share_can_be_withdrawn_before_it_is_discussed(rep: Space, manager: Space) -> None:
    item = rep.share("Never mind this one")
    rep.sync()
    manager.sync()
    rep.mark(item.id, "withdrawn")
    rep.sync()
    manager.sync()

    assert manager.state().agenda() == []
    assert manager.state().items[item.id].status == "withdrawn"


def test_ids_are_typed_by_their_first_characters(rep: Space) -> None:
    item = rep.share("one")

    assert rep.resolve(item.id[:4].upper()).id == item.id
    with pytest.raises(SpaceNotFound, match="no item 'zzzz'"):
        rep.resolve("zzzz")


# -- status and what came in ----------------------------------------------------------------------


def test_status_says_what_waits_and_what_came_in_since_last_looked(
    rep: Space, manager: Space
) -> None:
    rep.share("first")
    rep.sync()
    manager.sync()
    finish_one_on_one(manager, [])
    manager.sync()
    rep.sync()

    status = rep.status()
    assert sorted(record.kind for record in status.incoming) == ["action", "recognition", "summary"]
    assert status.info.facts.incoming == 3
    assert status.info.facts.latest_summary == "2026-12-03"
    assert status.info.facts.open_actions == 1
    assert status.info.facts.last_sync is not None

    rep.mark_seen()
    assert rep.status().incoming == ()
    (facts,) = list_spaces(rep.folder.parent)
    assert facts.facts.incoming == 0 and facts.facts.recognitions == 1


def test_the_space_file_is_plain_json_home_can_read_without_git(rep: Space) -> None:
    data = json.loads((rep.folder / "space.json").read_text())

    assert data["side"] == "rep" and data["partner"] == "Bob"
    assert data["ident"] == "Test Person <test@example.invalid>"


def test_the_cache_only_saves_time(rep: Space) -> None:
    rep.share("cached")
    before = rep.state()
    (rep.folder / "cache.json").write_text("{not json")

    assert rep.state() == before
    (rep.folder / "cache.json").unlink()
    assert rep.state() == before


def test_privacy_only_what_was_given_is_in_the_history(
    rep: Space, manager: Space, remote: Path
) -> None:
    private_note = "PRIVATE: I might quit if this goes on"
    rep.share("Shared: I need help with prospecting")
    rep.sync()
    manager.sync()
    finish_one_on_one(manager, [])
    manager.sync()

    history = full_history(remote)
    assert "Shared: I need help with prospecting" in history
    assert private_note not in history
    assert private_note not in full_history(rep.repository)


# -- what the CLI needs -----------------------------------------------------------------------------


def test_a_space_is_found_by_its_partner_and_side(
    manager: Space, tmp_path: Path, space_template: Path
) -> None:
    root = manager.folder.parent
    shutil.copytree(space_template, tmp_path / "carl.git")
    link(tmp_path, "manager-home", tmp_path / "carl.git", "manager", "Carl")

    assert find_space(root, partner="ANNA").id == "anna"
    assert find_space(root, partner=" Carl ", side="manager").id == "carl"
    with pytest.raises(SpaceError, match="there are spaces with Anna, Carl: say which"):
        find_space(root, side="manager")
    with pytest.raises(SpaceNotFound, match="no shared space with Dirk yet"):
        find_space(root, partner="Dirk")


def test_syncing_every_space_goes_on_past_one_that_fails(
    manager: Space, tmp_path: Path, space_template: Path
) -> None:
    broken = tmp_path / "carl.git"
    shutil.copytree(space_template, broken)
    link(tmp_path, "manager-home", broken, "manager", "Carl")
    shutil.rmtree(broken)

    results = {info.id: outcome for info, outcome in sync_all(manager.folder.parent)}

    assert isinstance(results["anna"], SyncReport)
    assert isinstance(results["carl"], RemoteRefused)
    assert open_space(manager.folder.parent, "carl").status().info.facts.last_error == str(
        results["carl"]
    )


def test_status_as_json_holds_the_texts_as_written(rep: Space) -> None:
    rep.share("[b]escapes\x1b[2J stay data[/b]")

    data = json.loads(json.dumps(rep.status().as_json()))

    assert data["partner"] == "Bob" and data["side"] == "rep"
    assert [record["text"] for record in data["outgoing"]] == ["[b]escapes\x1b[2J stay data[/b]"]
    assert "ident" not in data
