"""A shared space on this machine: `<home>/spaces/<id>/`, holding

```
space.json   how it is linked: remote, my side, the partner's name (see facts.py)
facts.json   what the last look found, for home and `team status` without git
repo.git/    a bare clone of the remote: the space's files live only in git's objects
cache.json   files already parsed, by blob id (deleting it only costs a re-read)
sync.lock    held for a whole sync
write.lock   held while a ref moves (a write, a merge): writes never wait for the network
```

Writing commits at once, locally: offline is normal, and the next sync sends it. A sync
fetches, merges (the two sides never write the same file, so only a hand edit can make a
conflict, and that is reported, never resolved), and pushes, once more if the remote moved
meanwhile. Every step that changes the repository ends in one atomic ref update, so a sync
killed at any moment leaves the branch as it was or as it was meant to become.

A sync with nothing new needs no YAML and no pydantic: the modules that parse files are
imported when a file is to be parsed.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from companion.files.atomic import private_folder
from companion.i18n import N_, _
from companion.models.space_changes import Change, NewEvent, NewItem
from companion.spaces.errors import (
    GitFailed,
    NewerSpace,
    NotAllowed,
    NotASpace,
    RemoteRejected,
    SpaceBusy,
    SpaceConflict,
    SpaceError,
    SpaceNotFound,
)
from companion.spaces.facts import FACTS_FILE, SPACE_FILE, SpaceInfo, list_spaces, read_info
from companion.spaces.git import BRANCH, SCRATCH, TIMEOUT_SECONDS, TRACKING, Git, is_local_remote
from companion.spaces.layout import (
    CREATES,
    FORMAT_VERSION,
    MARKER_PATH,
    MARKER_TEXT,
    MAX_FILE_BYTES,
    Place,
    Problem,
    check_entry,
    check_size,
    printable_path,
    record_path,
)
from companion.spaces.lock import SpaceLock

if TYPE_CHECKING:
    from companion.models.space import EventKind, Record, Side
    from companion.spaces.replay import ItemState, SpaceState

SPACES = "spaces"
REPO = "repo.git"
CACHE_FILE = "cache.json"
SPACE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
WRITE_WAIT_SECONDS = 30.0
NOT_A_SPACE = N_("link an empty repository, or one another Companion linked")


def _now() -> datetime:
    return datetime.now().astimezone()


def spaces_root(home: Path) -> Path:
    """Where a home keeps its spaces."""
    return home / SPACES


@dataclass(frozen=True)
class SyncReport:
    received: tuple[Record, ...]  # the partner's records that came in with this sync
    sent: int  # my records that went out
    problems: tuple[Problem, ...]  # about files that came in with this sync


@dataclass(frozen=True)
class SpaceStatus:
    info: SpaceInfo  # with its facts
    outgoing: tuple[Record, ...]  # mine, not yet on the remote
    incoming: tuple[Record, ...]  # the partner's, since I last looked (`mark_seen`)
    problems: tuple[Problem, ...]  # every file of the space that is ignored

    def as_json(self) -> dict[str, object]:
        """For `team status --json`: plain values only, the texts as they are."""
        info = asdict(self.info)
        info.pop("ident")
        return {
            **info,
            "outgoing": [record.model_dump(mode="json") for record in self.outgoing],
            "incoming": [record.model_dump(mode="json") for record in self.incoming],
            "problems": [str(problem) for problem in self.problems],
        }


@dataclass(frozen=True)
class Loaded:
    """The records and problems of one commit's tree, and their state, replayed once."""

    records: list[Record]
    problems: list[Problem]

    @cached_property
    def state(self) -> SpaceState:
        from companion.spaces.replay import replay

        return replay(self.records, self.problems)


def suggest_id(root: Path, partner: str) -> str:
    """A free space id made of the partner's name: 'Anna de Vries' -> 'anna-de-vries'."""
    ascii_name = unicodedata.normalize("NFKD", partner).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:36].strip("-") or "space"
    candidate, number = base, 1
    while (root / candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def connect(
    root: Path,
    space_id: str,
    remote: str,
    side: Side,
    partner: str,
    *,
    now: Callable[[], datetime] = _now,
    executable: str = "git",
    timeout: float = TIMEOUT_SECONDS,
) -> Space:
    """Link a space to `remote`, as `side`: an empty remote is made a space (its marker is
    pushed), a space is cloned, any other repository is refused; a failure leaves nothing."""
    if not SPACE_ID.fullmatch(space_id):
        problem = _("'{id}' cannot name a space: use lowercase letters, digits and -")
        raise SpaceError(problem.format(id=space_id))
    partner = " ".join(partner.split())
    if not partner:
        raise SpaceError(_("give the name of the person you share this space with"))
    if is_local_remote(remote) and not remote.startswith("file://"):
        remote = str(Path(remote).expanduser().absolute())  # git runs in the space's folder
    if side not in CREATES:
        raise SpaceError(_("'{side}' is not a side of a space: rep or manager").format(side=side))
    if (root / space_id).exists():
        problem = _("a space named '{id}' exists already: choose another name")
        raise SpaceError(problem.format(id=space_id))
    for info in list_spaces(root):
        if info.remote == remote:
            problem = _("{remote} is linked already, as space '{id}'")
            raise SpaceError(problem.format(remote=remote, id=info.id))
    private_folder(root)
    for leftover in root.glob(f".{space_id}.*.tmp"):  # of a link that was interrupted
        shutil.rmtree(leftover, ignore_errors=True)
    building = root / f".{space_id}.{secrets.token_hex(4)}.tmp"
    building.mkdir(mode=0o700)
    try:
        git = Git(building / REPO, executable=executable, timeout=timeout)
        git.init()
        ident = git.ident()
        _clone_or_initialise(git, remote, ident, now())
        info = SpaceInfo(space_id, remote, side, partner, ident)
        _write_durably(building / SPACE_FILE, info.to_json())
        os.rename(building, root / space_id)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    space = open_space(root, space_id, now=now, executable=executable, timeout=timeout)
    with space._writing():
        space._write_facts(**space._fresh_facts())
    return space


def _clone_or_initialise(git: Git, remote: str, ident: str, when: datetime) -> None:
    heads = git.remote_heads(remote)
    if heads and BRANCH not in heads:
        problem = _("{remote} is not a Companion space (it has no main branch): {hint}")
        raise NotASpace(problem.format(remote=remote, hint=_(NOT_A_SPACE)))
    if not heads:
        marker = git.commit(None, {MARKER_PATH: MARKER_TEXT.encode()}, "A space", ident, when)
        try:
            git.push(remote, marker)
        except RemoteRejected:  # the other side made it a space a moment ago: join theirs
            git.update_refs({BRANCH: (marker, None)})
        else:
            git.update_ref(TRACKING, marker, None)
            return
    scratch = git.fetch(remote)
    fetched = git.refs().get(scratch) if scratch else None
    if fetched is None:
        problem = _("{remote} has no main branch to join: {hint}")
        raise NotASpace(problem.format(remote=remote, hint=_(NOT_A_SPACE)))
    version = _marker_version(git.read_blob(fetched, MARKER_PATH))
    if version is None:
        problem = _("{remote} is not a Companion space (no {marker} marker): {hint}")
        raise NotASpace(problem.format(remote=remote, marker=MARKER_PATH, hint=_(NOT_A_SPACE)))
    if version > FORMAT_VERSION:
        raise NewerSpace(_newer(remote, version))
    git.update_refs({scratch: (None, None), TRACKING: (None, fetched), BRANCH: (None, fetched)})  # type: ignore[dict-item]


def _marker_version(data: bytes | None) -> int | None:
    from companion.spaces.format import BadRecord, parse_marker

    try:
        return None if data is None else parse_marker(data)
    except BadRecord:
        return None


def _newer(name: str, version: int) -> str:
    return _(
        "{name} is written in format {version}, newer than this Companion reads "
        "({known}): update Companion, then sync again"
    ).format(name=name, version=version, known=FORMAT_VERSION)


def open_space(
    root: Path,
    space_id: str,
    *,
    now: Callable[[], datetime] = _now,
    executable: str = "git",
    timeout: float = TIMEOUT_SECONDS,
) -> Space:
    folder = root / space_id
    if not SPACE_ID.fullmatch(space_id) or not (folder / SPACE_FILE).is_file():
        problem = _("no space '{id}': `companion team status` lists them")
        raise SpaceNotFound(problem.format(id=space_id))
    try:
        info = read_info(folder)
    except (OSError, ValueError, TypeError) as error:
        problem = _("{path}: cannot be read ({reason})")
        raise SpaceError(problem.format(path=folder / SPACE_FILE, reason=error)) from None
    git = Git(folder / REPO, executable=executable, timeout=timeout)
    return Space(folder, info, git, now)


def find_space(
    root: Path, *, partner: str | None = None, side: Side | None = None, **options: object
) -> Space:
    """The one space with this partner (by name or id, any case) and on this side: what
    `agenda --with NAME` or a rep's `share` (with one manager) opens."""
    wanted = " ".join(partner.split()).casefold() if partner else None
    found = [
        info
        for info in list_spaces(root)
        if (side is None or info.side == side)
        and (wanted is None or wanted in (info.partner.casefold(), info.id))
    ]
    if len(found) == 1:
        return open_space(root, found[0].id, **options)  # type: ignore[arg-type]
    if not found:
        if partner:
            problem = _("no shared space with {name} yet: link one with `companion team link`")
        else:
            problem = _(
                "no shared space yet: a manager links one with `companion team link`, "
                "a rep joins it with `companion team join`"
            )
        raise SpaceNotFound(problem.format(name=partner))
    names = ", ".join(info.partner for info in found)
    problem = _("there are spaces with {names}: say which with --with NAME")
    raise SpaceError(problem.format(names=names))


def sync_all(root: Path, **options: object) -> list[tuple[SpaceInfo, SyncReport | SpaceError]]:
    """Sync every space, each on its own: one that fails (offline, refused) does not stop
    the others; its error is in the list, and in its facts."""
    results: list[tuple[SpaceInfo, SyncReport | SpaceError]] = []
    for info in list_spaces(root):
        try:
            results.append((info, open_space(root, info.id, **options).sync()))  # type: ignore[arg-type]
        except SpaceError as error:
            results.append((info, error))
    return results


def _write_durably(path: Path, data: bytes) -> None:
    from companion.files.atomic import atomic_write_bytes

    atomic_write_bytes(path, data)


class Space:
    """One space: read its state, write items and events, sync it with its remote."""

    def __init__(
        self, folder: Path, info: SpaceInfo, git: Git, now: Callable[[], datetime] = _now
    ) -> None:
        self.folder = folder
        self.info = info
        self.git = git
        self.now = now
        self._memo: tuple[str, Loaded] | None = None  # the last commit loaded

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def side(self) -> Side:
        return self.info.side  # type: ignore[return-value]

    @property
    def partner_side(self) -> Side:
        return "manager" if self.side == "rep" else "rep"

    @property
    def repository(self) -> Path:
        return self.folder / REPO

    # -- reading ----------------------------------------------------------------------------

    def state(self) -> SpaceState:
        """The replayed state of everything here (mine, and the partner's as last synced)."""
        return self._load(self.git.refs().get(BRANCH)).state

    def resolve(self, typed: str) -> ItemState:
        """The item a person means by an id or its first characters."""
        found = self.state().find(typed)
        if len(found) == 1:
            return found[0]
        if not found:
            problem = _("no item '{id}' in space {space}")
            raise SpaceNotFound(problem.format(id=typed, space=self.id))
        problem = _("'{id}' is the start of {count} items: type more of the id")
        raise SpaceError(problem.format(id=typed, count=len(found)))

    def status(self) -> SpaceStatus:
        """What waits to go out and what came in since I last looked, by local git alone."""
        self.info = read_info(self.folder)
        refs = self.git.refs()
        head = refs.get(BRANCH)
        loaded = self._load(head)
        by_path = {record_path(record): record for record in loaded.records}
        outgoing = self._added(refs.get(TRACKING), head, self.side)
        incoming = self._added(self.info.seen, head, self.partner_side)
        return SpaceStatus(
            self.info,
            _in_order(by_path[path] for path in outgoing if path in by_path),
            _in_order(by_path[path] for path in incoming if path in by_path),
            loaded.state.problems,
        )

    def mark_seen(self) -> None:
        """What came in so far has been looked at."""
        with self._writing():
            self.info = replace(self.info, seen=self.git.refs().get(BRANCH))
            _write_durably(self.folder / SPACE_FILE, self.info.to_json())
            self._write_facts(incoming=0)

    # -- writing ----------------------------------------------------------------------------

    def share(
        self, text: str, *, prompt: str | None = None, reflection: date | None = None
    ) -> Record:
        """Put `text` on the agenda of the next 1:1 (the rep side)."""
        fields = {"prompt": prompt, "reflection": reflection}
        (item,) = self.record([NewItem("shared", text, fields)])
        return item

    def mark(self, typed: str, event: EventKind) -> Record:
        """Mark an item (by its id or the first characters of it) discussed, done, ..."""
        (change,) = self.record([NewEvent(self.resolve(typed).id, event)])
        return change

    def record(self, changes: Sequence[Change]) -> tuple[Record, ...]:
        """Write these items and events as one local commit (e.g. a finished 1:1: its
        summary, the actions agreed, the items discussed): exactly what is given, nothing
        else. NotAllowed if this side may not make one of them; then nothing is written."""
        from companion.spaces.format import BadRecord, render_record

        if not changes:
            return ()
        with self._writing():
            head = self.git.refs().get(BRANCH)
            loaded = self._load(head)
            records = self._build(loaded.state, changes)
            try:
                files = {record_path(record): render_record(record) for record in records}
            except BadRecord as error:
                raise NotAllowed(_("cannot write it: {problem}").format(problem=error)) from None
            commit = self.git.commit(
                head, files, self._message(records), self.info.ident, self.now()
            )
            after = Loaded([*loaded.records, *records], loaded.problems)
            self._memo = (commit, after)
            outgoing = self.info.facts.outgoing + len(records)
            self._write_facts(outgoing=outgoing, **_counts(after.state))
        return tuple(records)

    def _build(self, state: SpaceState, changes: Sequence[Change]) -> list[Record]:
        """The records of these changes, checked against the state and against each other."""
        from pydantic import ValidationError

        from companion.models.space import StateEvent, record_adapter
        from companion.spaces.format import first_error
        from companion.spaces.replay import KIND_NAMES, SIDE_NAMES, ItemState, refusal

        items = dict(state.items)
        clock, at, records = state.clock, self.now(), []
        for change in changes:
            clock += 1
            # 48 random bits: a clash is most unlikely, and replay would report it, not merge it
            given = change.id if isinstance(change, NewItem) else None
            if given is not None and given in items:
                raise NotAllowed(
                    _("item {id} is in space {space} already").format(id=given, space=self.id)
                )
            fields = {
                "id": given or secrets.token_hex(6),
                "by": self.side,
                "clock": clock,
                "at": at,
            }
            if isinstance(change, NewEvent):
                target = items.get(change.item)
                if target is None:
                    problem = _("no item '{id}' in space {space}")
                    raise SpaceNotFound(problem.format(id=change.item, space=self.id))
                why = refusal(self.side, change.event, target)
                if why:
                    raise NotAllowed(f"{why} ({change.item})")
                record: Record = StateEvent(**fields, event=change.event, item=change.item)
                items[change.item] = target.after(record)  # type: ignore[assignment, arg-type]
            else:
                if change.kind not in CREATES[self.side]:
                    what = _(KIND_NAMES[change.kind]) if change.kind in KIND_NAMES else change.kind
                    problem = _("the {side} side cannot write {item}")
                    raise NotAllowed(problem.format(side=_(SIDE_NAMES[self.side]), item=what))
                data = {**change.fields, **fields, "kind": change.kind, "text": change.text}
                try:
                    record = record_adapter.validate_python(
                        {key: value for key, value in data.items() if value is not None}
                    )
                except ValidationError as error:
                    problem = _("cannot write {kind}: {problem}")
                    raise NotAllowed(
                        problem.format(kind=change.kind, problem=first_error(error))
                    ) from None
                items[record.id] = ItemState(record)  # type: ignore[arg-type]
            records.append(record)
        return records

    def _message(self, records: Sequence[Record]) -> str:
        """A commit message of kinds and ids only: the text is in the files, once."""
        words = [f"{getattr(record, 'event', record.kind)} {record.id}" for record in records]
        extra = f" (+{len(words) - 4} more)" if len(words) > 4 else ""
        return f"{self.side}: {', '.join(words[:4])}{extra}"

    # -- syncing ----------------------------------------------------------------------------

    def sync(self) -> SyncReport:
        """Fetch, merge, push (once more if the remote moved meanwhile). A failure is kept
        as the space's last error, and nothing local is lost."""
        busy = _("another sync of space {space} is still running: try again in a minute")
        busy = busy.format(space=self.id)
        try:
            with (
                SpaceLock(self.folder / "sync.lock", 2 * self.git.timeout + 30, busy) as lock,
                self.git.holding(lock.fd),
            ):
                return self._sync()
        except SpaceError as error:
            if not isinstance(error, SpaceBusy):
                with contextlib.suppress(SpaceError, OSError), self._writing():
                    self._write_facts(last_error=str(error))
            raise

    def _sync(self) -> SyncReport:
        with self._writing():  # both locks held: any git lock file is a killed git's
            self._clear_lock_files()
        received: list[Record] = []
        problems: list[Problem] = []
        sent = 0
        for attempt in (1, 2):
            scratch = self.git.fetch(self.info.remote)
            with self._writing():
                ours, theirs, got, found = self._take_in(scratch)
            received += got
            problems += found
            if ours is None or ours == theirs:
                break
            try:
                sent = self._send(ours, theirs)
                break
            except RemoteRejected:
                if attempt == 2:
                    raise
        with self._writing():
            facts = self._fresh_facts() if received or sent or problems else {}
            stamp = self.now().isoformat(timespec="seconds")
            self._write_facts(**facts, last_sync=stamp, last_error=None)
            if received or sent:
                self.git.gc()
        return SyncReport(tuple(received), sent, tuple(problems))

    def _take_in(
        self, scratch: str | None
    ) -> tuple[str | None, str | None, list[Record], list[Problem]]:
        """Under the write lock: note what was fetched as the remote's, merge it into our
        branch, and clear every fetch's scratch ref, in one ref transaction. Our branch and
        the remote's after it, and what came in."""
        refs = self.git.refs()
        fetched = refs.get(scratch) if scratch else None
        if scratch and fetched is None:
            raise GitFailed("fetch", _("the fetched branch is missing ({ref})").format(ref=scratch))
        moves: dict[str, tuple[str | None, str | None]] = {
            ref: (None, None) for ref in refs if ref.startswith(SCRATCH)
        }
        tracked, ours = refs.get(TRACKING), refs.get(BRANCH)
        if fetched != tracked:
            moves[TRACKING] = (tracked, fetched)
        new, received, problems = self._merged(ours, fetched)
        if new != ours:
            moves[BRANCH] = (ours, new)
        if moves:
            self.git.update_refs(moves)
        return new, fetched, received, problems

    def _merged(
        self, ours: str | None, theirs: str | None
    ) -> tuple[str | None, list[Record], list[Problem]]:
        """Our branch with the remote's commit merged in (made, not yet moved to), and what
        came in with it."""
        if theirs is None or ours == theirs:
            return ours, [], []
        base = None if ours is None else self.git.merge_base(ours, theirs)
        if ours is not None and base is None:
            problem = _(
                "{remote} holds another history than space {space}: "
                "was it replaced? Link the new one as a new space"
            )
            raise NotASpace(problem.format(remote=self.info.remote, space=self.id))
        if base == theirs:
            return ours, [], []  # we are ahead: nothing came in
        changes = self.git.changed_paths(base, theirs)
        if ours is None or base == ours:
            new = theirs
        else:
            merge = self.git.merge(base, ours, theirs)  # type: ignore[arg-type]
            if merge.tree is None:
                raise SpaceConflict(self.id, list(merge.conflicts))
            new = self.git.commit_tree(merge.tree, [ours, theirs], "Merge", self.info.ident)
        loaded = self._load(new)  # a newer format is refused here, before our branch moves
        arrived = {path for status, path in changes if status == "A"}
        received = _in_order(
            record
            for record in loaded.records
            if record.by == self.partner_side and record_path(record) in arrived
        )
        shown = {printable_path(path) for _, path in changes}
        problems = [problem for problem in loaded.state.problems if problem.path in shown]
        problems += [
            Problem(
                printable_path(path), _("changed on the remote, though only this side writes it")
            )
            for _status, path in changes
            if path.startswith(f"{self.side}/")
        ]
        return new, list(received), problems

    def _send(self, ours: str, theirs: str | None) -> int:
        """Push our branch; how many of my records went."""
        sent = len(self._added(theirs, ours, self.side))
        self.git.push(self.info.remote, ours)
        with self._writing():
            self.git.update_refs({TRACKING: (theirs, ours)})
        return sent

    # -- helpers ----------------------------------------------------------------------------

    def _added(self, old: str | None, new: str | None, side: Side) -> list[str]:
        """Record files of `side` in `new` but not in `old`."""
        if new is None or old == new:
            return []
        if old is None:  # everything in `new`: its records, most likely loaded already
            return [record_path(record) for record in self._load(new).records if record.by == side]
        prefix = f"{side}/"
        return [
            path
            for status, path in self.git.changed_paths(old, new)
            if status == "A" and path.startswith(prefix)
        ]

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the write lock (passed on to git), clear what a killed git left in the way
        of a write, and read the local files afresh."""
        busy = _("space {space} is busy (a sync is merging): try again in a moment")
        busy = busy.format(space=self.id)
        with (
            SpaceLock(self.folder / "write.lock", WRITE_WAIT_SECONDS, busy) as lock,
            self.git.holding(lock.fd),
        ):
            for leftover in ("refs/heads/main.lock", "companion-merge.index.lock"):
                with contextlib.suppress(FileNotFoundError):
                    (self.repository / leftover).unlink()
            self.info = read_info(self.folder)
            yield

    def _clear_lock_files(self) -> None:
        """Lock files of git itself (HEAD.lock, packed-refs.lock, a ref's .lock) left by a
        git that was killed: with both locks held, no git of ours is running."""
        for leftover in [*self.repository.glob("*.lock"), *self.repository.glob("refs/**/*.lock")]:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()

    def _write_facts(self, **changes: object) -> None:
        """Change facts.json (under the write lock, which read it afresh)."""
        from companion.files.atomic import atomic_write_bytes

        facts = replace(self.info.facts, **changes)
        atomic_write_bytes(self.folder / FACTS_FILE, facts.to_json(), durable=False)
        self.info = replace(self.info, facts=facts)

    def _fresh_facts(self) -> dict[str, object]:
        refs = self.git.refs()
        head = refs.get(BRANCH)
        return {
            "outgoing": len(self._added(refs.get(TRACKING), head, self.side)),
            "incoming": len(self._added(self.info.seen, head, self.partner_side)),
            **_counts(self._load(head).state),
        }

    def _load(self, commit: str | None) -> Loaded:
        """The records of a commit's tree, parsing only files not seen before."""
        if commit is None:
            return Loaded([], [])
        if self._memo is not None and self._memo[0] == commit:
            return self._memo[1]
        from companion.spaces.cache import ParsedFiles

        cache = ParsedFiles(self.folder / CACHE_FILE)
        records: list[Record] = []
        problems: list[Problem] = []
        unread: list[tuple[str, str, Place | None]] = []
        marker = False
        for entry in self.git.list_tree(commit):
            place = check_entry(entry.path, entry.mode)
            if isinstance(place, Problem):
                problems.append(place)
                continue
            marker = marker or place is None
            known = cache.get(entry.sha, entry.path)
            if known is None:
                unread.append((entry.sha, entry.path, place))
            else:
                self._sort(known, records, problems)
        sizes = self.git.blob_sizes([sha for sha, _, _ in unread])
        small = {sha for sha, size in sizes.items() if size <= MAX_FILE_BYTES}
        blobs = self.git.read_blobs(sorted(small))
        for sha, path, place in unread:
            parsed = (
                _parse(path, place, blobs[sha])
                if sha in blobs
                else check_size(path, sizes.get(sha, 0))
            )
            if parsed is None:  # gone between the two reads: only a damaged clone does that
                raise GitFailed(
                    "cat-file", _("cannot read {path}").format(path=printable_path(path))
                )
            cache.put(sha, path, parsed)
            self._sort(parsed, records, problems)
        if not marker:
            problems.append(Problem(MARKER_PATH, _("the marker of a Companion space is missing")))
        cache.save()
        loaded = Loaded(records, problems)
        self._memo = (commit, loaded)
        return loaded

    def _sort(self, parsed: object, records: list[Record], problems: list[Problem]) -> None:
        """A parsed file into its list; a marker of a newer format stops everything."""
        if isinstance(parsed, Problem):
            problems.append(parsed)
        elif isinstance(parsed, int):
            if parsed > FORMAT_VERSION:
                raise NewerSpace(_newer(_("space {space}").format(space=self.id), parsed))
        else:
            records.append(parsed)  # type: ignore[arg-type]


def _parse(path: str, place: Place | None, data: bytes) -> Record | Problem | int:
    """A file's record, the marker's format version, or why the file is ignored."""
    from companion.spaces.format import BadRecord, parse_marker, parse_record

    try:
        return parse_marker(data) if place is None else parse_record(place, data)
    except BadRecord as error:
        return Problem(printable_path(path), _("{problem}, ignored").format(problem=error))


def _in_order(records: Iterable[Record]) -> tuple[Record, ...]:
    from companion.spaces.replay import replay_key

    return tuple(sorted(records, key=replay_key))


def _counts(state: SpaceState) -> dict[str, object]:
    summaries = state.summaries()
    return {
        "agenda": len(state.agenda()),
        "open_actions": len(state.open_actions()),
        "latest_summary": summaries[0].item.held.isoformat() if summaries else None,  # type: ignore[union-attr]
        "recognitions": len(state.recognitions()),
        "problems": len(state.problems),
    }
