"""The one module that runs git: the user's own git, with their configuration, keys and
credential helpers, but never a prompt, never a hook and never without a time limit.

A space's local copy is a bare repository: nothing from the remote is ever checked out as a
file, so no symlink, filter or attribute of the repository can act on this machine. Items are
committed with `git fast-import` (one process, one atomic ref update), merges are computed in
a temporary index (`read-tree -m`), and contents are read from git's objects
(`ls-tree`, `cat-file --batch`). Every command:

- runs in a session of its own (no controlling terminal, so ssh cannot ask for a passphrase
  there) with GIT_TERMINAL_PROMPT=0 and SSH_ASKPASS_REQUIRE=never, and is killed with its
  children when it exceeds its time limit;
- has `core.hooksPath` pointed where no hook can exist, and automatic gc and maintenance off
  (they would run detached, outliving the command);
- ignores variables such as GIT_DIR that would point it at another repository;
- if it works on the local repository only, is given the descriptors of the space's locks,
  so a git left running by a Companion that was killed still holds them until it ends.
  Commands that talk to the remote are not (a credential cache daemon they start would hold
  the lock for many minutes); they fetch into a ref of their own, which Companion then
  moves to the tracking ref itself, so a fetch left running races no one.

Pushing to a repository on a path (a shared drive) runs that repository's receive hooks on
this machine; `--receive-pack` turns them off there too.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shlex
import signal
import subprocess
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from companion.i18n import N_, _
from companion.spaces.errors import (
    GitFailed,
    GitMissing,
    RemoteError,
    RemoteRefused,
    RemoteRejected,
    RemoteUnreachable,
)
from companion.spaces.text import visible

TIMEOUT_SECONDS = 60.0
BRANCH = "refs/heads/main"
TRACKING = "refs/remotes/origin/main"
SCRATCH = "refs/companion/incoming/"  # each fetch's own ref, moved to TRACKING by Companion
ZERO = "0" * 40
NO_HOOKS = os.devnull if os.name == "posix" else "companion-no-hooks"  # nothing can be in it
FALLBACK_IDENT = "Companion <companion@localhost>"

# Variables that point git at another repository, index or object store than ours.
REPOSITORY_VARIABLES = frozenset(
    {
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_INDEX_VERSION",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_COMMON_DIR",
        "GIT_NAMESPACE",
        "GIT_CEILING_DIRECTORIES",
        "GIT_DISCOVERY_ACROSS_FILESYSTEM",
        "GIT_QUARANTINE_PATH",
        "GIT_REPLACE_REF_BASE",
        "GIT_SHALLOW_FILE",
        "GIT_GRAFT_FILE",
    }
)
SAFETY_CONFIG = (
    f"core.hooksPath={NO_HOOKS}",
    "core.fsmonitor=false",
    "gc.auto=0",
    "maintenance.auto=false",
    "protocol.ext.allow=never",
    "credential.interactive=never",
)

UNREACHABLE = re.compile(
    r"could not resolve|connection refused|network is unreachable|no route to host|"
    r"timed out|failed to connect|couldn't connect|temporary failure in name resolution|"
    r"connection reset|connection closed|broken pipe|unable to look up",
    re.IGNORECASE,
)
REFUSED = re.compile(
    r"permission denied|authentication failed|could not read (username|password)|"
    r"terminal prompts disabled|access denied|access rights|not found|returned error: 40[134]|"
    r"does not appear to be a git repository|dubious ownership|no such file",
    re.IGNORECASE,
)
REJECTED = re.compile(r"\[rejected\]|non-fast-forward|fetch first", re.IGNORECASE)


def git_environment(base: Mapping[str, str]) -> dict[str, str]:
    env = {name: value for name, value in base.items() if name not in REPOSITORY_VARIABLES}
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GCM_INTERACTIVE="never",
        SSH_ASKPASS_REQUIRE="never",
        LC_ALL="C",
        LANGUAGE="C",
    )
    return env


def is_local_remote(url: str) -> bool:
    """Whether git reaches this remote through the file system (a path or file:// URL)."""
    if url.startswith("file://"):
        return True
    if "://" in url:
        return False
    colon, slash = url.find(":"), url.find("/")
    drive = len(url) > 1 and url[1] == ":" and url[0].isalpha()  # C:\... on Windows
    return colon < 0 or (0 <= slash < colon) or drive  # "host:path" is ssh's short form


KEPT_FOR_NEXT_SYNC = N_("check the network; your work is kept here and goes out with the next sync")


def remote_problem(remote: str, stderr: str, action: str) -> RemoteError:
    """The remote's refusal as one line, from git's (C locale) messages."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    detail = next(
        (line.removeprefix("fatal: ").removeprefix("error: ") for line in lines if "fatal" in line),
        lines[-1] if lines else _("git gave no reason"),
    )
    detail = visible(detail)[:200]  # a remote's words: never a terminal escape
    if REJECTED.search(stderr):
        return RemoteRejected(
            remote, _("it moved on while this sync sent its changes"), _("run the sync again")
        )
    if "dubious ownership" in stderr:
        return RemoteRefused(
            remote,
            _("git does not trust this repository: another user owns it"),
            _("if you trust it, run `git config --global --add safe.directory` with its path"),
        )
    if UNREACHABLE.search(stderr):
        return RemoteUnreachable(
            remote,
            _("cannot reach it ({detail})").format(detail=detail),
            _(KEPT_FOR_NEXT_SYNC),
        )
    if REFUSED.search(stderr):
        return RemoteRefused(
            remote,
            _("no access ({detail})").format(detail=detail),
            _("check the address, and that your git keys or credentials give you access"),
        )
    failed = _("git {action} failed ({detail})").format(action=action, detail=detail)
    return RemoteError(remote, failed, _("your work is kept here"))


@dataclass(frozen=True)
class TreeEntry:
    mode: str
    type: str
    sha: str
    path: str


@dataclass(frozen=True)
class Merge:
    """The tree of a merge, or the paths that both sides changed (then no tree)."""

    tree: str | None
    conflicts: tuple[str, ...] = ()


class Git:
    """Git commands on one bare repository (or on none, for `init`)."""

    def __init__(
        self,
        git_dir: Path,
        *,
        executable: str = "git",
        timeout: float = TIMEOUT_SECONDS,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.git_dir = git_dir
        self.executable = executable
        self.timeout = timeout
        self.env = git_environment(os.environ if environ is None else environ)
        self._held = threading.local()  # per thread: a sync in a worker, a write in the UI

    @property
    def keep_fds(self) -> tuple[int, ...]:
        return getattr(self._held, "fds", ())

    @contextlib.contextmanager
    def holding(self, *fds: int | None) -> Iterator[None]:
        """Commands this thread starts inside inherit these descriptors (the space's locks)."""
        before = self.keep_fds
        self._held.fds = (*before, *(fd for fd in fds if fd is not None))
        try:
            yield
        finally:
            self._held.fds = before

    # -- running ----------------------------------------------------------------------------

    def command(self, *args: str) -> list[str]:
        config = [part for setting in SAFETY_CONFIG for part in ("-c", setting)]
        return [self.executable, *config, f"--git-dir={self.git_dir}", *args]

    def run(
        self,
        *args: str,
        input: bytes | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float | None = None,
        local: bool = True,
    ) -> subprocess.CompletedProcess[bytes]:
        """Run git to completion or its time limit; the result whatever its exit status.
        Only `local` commands inherit the lock descriptors."""
        limit = self.timeout if timeout is None else timeout
        try:
            child = subprocess.Popen(
                self.command(*args),
                stdin=subprocess.DEVNULL if input is None else subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env={**self.env, **(env or {})},
                cwd=self.git_dir.parent if self.git_dir.parent.is_dir() else None,
                start_new_session=True,
                pass_fds=self.keep_fds if local else (),
            )
        except OSError as error:
            raise GitMissing(self.executable) from error
        try:
            out, err = child.communicate(input, timeout=limit)
        except subprocess.TimeoutExpired:
            _kill_group(child)
            problem = _("git {command} took longer than {seconds} s")
            raise TimeoutError(problem.format(command=args[0], seconds=f"{limit:g}")) from None
        except BaseException:
            _kill_group(child)
            raise
        return subprocess.CompletedProcess(child.args, child.returncode, out, err)

    def output(self, *args: str, input: bytes | None = None, **options: object) -> bytes:
        """Stdout of a local command that must succeed."""
        try:
            done = self.run(*args, input=input, **options)  # type: ignore[arg-type]
        except TimeoutError as error:
            raise GitFailed(args[0], str(error)) from None
        if done.returncode != 0:
            raise GitFailed(args[0], _last_line(done.stderr))
        return done.stdout

    def network(self, action: str, remote: str, *args: str) -> subprocess.CompletedProcess[bytes]:
        """A command that talks to the remote; its failures as RemoteError."""
        try:
            done = self.run(*args, local=False)
        except TimeoutError:
            raise RemoteUnreachable(
                remote,
                _("no answer within {seconds} s").format(seconds=f"{self.timeout:g}"),
                _(KEPT_FOR_NEXT_SYNC),
            ) from None
        if done.returncode != 0:
            raise remote_problem(remote, done.stderr.decode("utf-8", "replace"), action)
        return done

    # -- the repository ---------------------------------------------------------------------

    def init(self) -> None:
        """A new bare repository, without the template's sample hooks."""
        self.output(
            "init", "--bare", "--quiet", "--template=", "--initial-branch=main", str(self.git_dir)
        )
        self.output("config", "core.logAllRefUpdates", "true")  # a reflog, even in a bare repo

    def ident(self) -> str:
        """The user's name and email as git would commit with them, or a neutral one."""
        done = self.run("var", "GIT_COMMITTER_IDENT")
        if done.returncode != 0:
            return FALLBACK_IDENT
        ident = done.stdout.decode("utf-8", "replace").strip()
        return ident.rsplit(" ", 2)[0] if ident.count(" ") >= 2 else FALLBACK_IDENT

    def refs(self) -> dict[str, str]:
        """Our branch, the remote's as last fetched, and fetches' scratch refs."""
        out = self.output(
            "for-each-ref", "--format=%(refname) %(objectname)", BRANCH, TRACKING, SCRATCH
        ).decode()
        return dict(line.split(" ", 1) for line in out.splitlines())  # type: ignore[misc]

    def update_refs(self, moves: Mapping[str, tuple[str | None, str | None]]) -> None:
        """Move refs from old to new ids in one transaction, only if each still points at its
        old id (None: absent). A new id of None deletes the ref: if it still points at the
        old id, or whatever it points at if the old id is None too."""
        lines = []
        for ref, (old, new) in moves.items():
            if new is None:
                lines.append(f"delete {ref} {old or ''}".rstrip())
            else:
                lines.append(f"update {ref} {new} {old or ZERO}")
        self.output(
            "update-ref", "-m", "companion", "--stdin", input="\n".join(lines).encode() + b"\n"
        )

    def update_ref(self, ref: str, new: str, old: str | None) -> None:
        self.update_refs({ref: (old, new)})

    def is_ancestor(self, older: str, newer: str) -> bool:
        done = self.run("merge-base", "--is-ancestor", older, newer)
        if done.returncode > 1:
            raise GitFailed("merge-base", _last_line(done.stderr))
        return done.returncode == 0

    def merge_base(self, ours: str, theirs: str) -> str | None:
        """Their common ancestor; None for two unrelated histories."""
        done = self.run("merge-base", ours, theirs)
        if done.returncode > 1:
            raise GitFailed("merge-base", _last_line(done.stderr))
        return done.stdout.decode().strip() or None

    def commit(
        self,
        parent: str | None,
        files: Mapping[str, bytes],
        message: str,
        ident: str,
        when: datetime,
    ) -> str:
        """Commit `files` (added to the parent's tree) onto our branch in one atomic step;
        the new commit's id. git refuses if the branch moved off `parent` meanwhile."""
        stamp = f"{int(when.timestamp())} {when.strftime('%z') or '+0000'}"
        parts = [
            b"feature done\nfeature get-mark\n",
            f"commit {BRANCH}\nmark :1\ncommitter {ident} {stamp}\n".encode(),
            _data(message.encode()),
            f"from {parent}\n".encode() if parent else b"",
        ]
        for path, content in files.items():
            parts += [f"M 100644 inline {path}\n".encode(), _data(content)]
        parts.append(b"\nget-mark :1\ndone\n")
        out = self.output("fast-import", "--quiet", "--date-format=raw", input=b"".join(parts))
        return out.decode().split()[0]

    def merge(self, base: str, ours: str, theirs: str) -> Merge:
        """The three-way merge of two commits' trees, file by file: a path changed on both
        sides in different ways is a conflict, never merged line by line."""
        index = self.git_dir / "companion-merge.index"
        env = {"GIT_INDEX_FILE": str(index)}
        try:
            self.output("read-tree", "-m", "-i", "--aggressive", base, ours, theirs, env=env)
            unmerged = self.output("ls-files", "-u", "-z", env=env).split(b"\0")
            conflicts = sorted({entry.split(b"\t", 1)[1].decode() for entry in unmerged if entry})
            if conflicts:
                return Merge(None, tuple(conflicts))
            return Merge(self.output("write-tree", env=env).decode().strip())
        finally:
            with contextlib.suppress(FileNotFoundError):
                index.unlink()

    def commit_tree(self, tree: str, parents: Sequence[str], message: str, ident: str) -> str:
        name, _, email = ident.partition(" <")
        env = {"GIT_AUTHOR_NAME": name, "GIT_COMMITTER_NAME": name}
        env |= {"GIT_AUTHOR_EMAIL": email.rstrip(">"), "GIT_COMMITTER_EMAIL": email.rstrip(">")}
        args = [part for parent in parents for part in ("-p", parent)]
        return self.output("commit-tree", tree, *args, "-m", message, env=env).decode().strip()

    def list_tree(self, commit: str) -> list[TreeEntry]:
        """Every file of a commit's tree (without sizes: asking for them costs git a look
        at every object, and only files never read before need one; see `blob_sizes`)."""
        out = self.output("ls-tree", "-r", "-z", "--full-tree", commit)
        entries = []
        for line in out.split(b"\0"):
            if line:
                info, _, path = line.partition(b"\t")
                mode, kind, sha = info.decode().split()
                entries.append(TreeEntry(mode, kind, sha, path.decode("utf-8", "surrogateescape")))
        return entries

    def blob_sizes(self, shas: Sequence[str]) -> dict[str, int]:
        if not shas:
            return {}
        query = "".join(f"{sha}\n" for sha in shas).encode()
        out = self.output("cat-file", "--batch-check", input=query).decode()
        sizes = {}
        for line in out.splitlines():
            sha, _, rest = line.partition(" ")
            _kind, _, size = rest.partition(" ")
            if size.isdigit():
                sizes[sha] = int(size)
        return sizes

    def changed_paths(self, old: str | None, new: str) -> list[tuple[str, str]]:
        """(status letter, path) of every file that differs from `old` to `new`."""
        if old is None:
            return [("A", entry.path) for entry in self.list_tree(new)]
        out = self.output("diff-tree", "-r", "-z", "--no-renames", "--name-status", old, new)
        fields = out.split(b"\0")
        return [
            (fields[i].decode(), fields[i + 1].decode("utf-8", "surrogateescape"))
            for i in range(0, len(fields) - 1, 2)
        ]

    def read_blobs(self, shas: Sequence[str]) -> dict[str, bytes]:
        if not shas:
            return {}
        out = self.output("cat-file", "--batch", input="".join(f"{sha}\n" for sha in shas).encode())
        blobs, position = {}, 0
        while position < len(out):
            end = out.index(b"\n", position)
            header = out[position:end].decode().split()
            position = end + 1
            if len(header) < 3:  # "<sha> missing"
                continue
            size = int(header[2])
            blobs[header[0]] = out[position : position + size]
            position += size + 1
        return blobs

    def read_blob(self, commit: str, path: str) -> bytes | None:
        done = self.run("cat-file", "blob", f"{commit}:{path}")
        return done.stdout if done.returncode == 0 else None

    # -- the remote -------------------------------------------------------------------------

    def remote_heads(self, remote: str) -> dict[str, str]:
        """The remote's refs (name -> id); empty for an empty repository."""
        out = self.network("ls-remote", remote, "ls-remote", "--", remote).stdout.decode()
        return {ref: sha for sha, _, ref in (line.partition("\t") for line in out.splitlines())}

    def fetch(self, remote: str) -> str | None:
        """Fetch the remote's branch into a scratch ref of this fetch's own; its name, or
        None if the remote has no branch (it is empty). The caller moves it to TRACKING."""
        scratch = f"{SCRATCH}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            self.network(
                "fetch",
                remote,
                "fetch",
                "--quiet",
                "--no-tags",
                "--no-write-fetch-head",
                "--no-recurse-submodules",
                "--",
                remote,
                f"+{BRANCH}:{scratch}",
            )
        except RemoteError as error:
            if "couldn't find remote ref" in str(error):
                return None
            raise
        return scratch

    def fetch_head(self, remote: str) -> str:
        """Fetch the latest commit of the remote's default branch (HEAD), without its
        history, into a scratch ref; the commit's id. For a content pack's repository:
        nothing of it is checked out, its files are read from git's objects."""
        scratch = f"{SCRATCH}pack-{os.getpid()}-{secrets.token_hex(4)}"
        self.network(
            "fetch", remote, "fetch", "--quiet", "--no-tags", "--depth=1",
            "--no-write-fetch-head", "--no-recurse-submodules", "--", remote, f"+HEAD:{scratch}",
        )  # fmt: skip
        return self.output("rev-parse", "--verify", f"{scratch}^{{commit}}").decode().strip()

    def push(self, remote: str, commit: str) -> None:
        """Send our commit as the remote's branch (fast-forward only)."""
        extra = []
        if is_local_remote(remote):
            receive = [self.executable, "-c", f"core.hooksPath={NO_HOOKS}", "receive-pack"]
            extra = [f"--receive-pack={shlex.join(receive)}"]
        self.network(
            "push", remote, "push", "--quiet", "--no-verify", *extra, "--", remote,
            f"{commit}:{BRANCH}",
        )  # fmt: skip

    def gc(self) -> None:
        """Pack loose objects now and then (automatic gc is off in every other command)."""
        self.run("-c", "gc.auto=6700", "gc", "--auto", "--quiet")


def _data(payload: bytes) -> bytes:
    return b"data %d\n%s\n" % (len(payload), payload)


def _last_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    return visible(next((line for line in reversed(lines) if line), "no message"))[:200]


def _kill_group(child: subprocess.Popen[bytes]) -> None:
    """Kill git and whatever it started (ssh, remote helpers): they share its session."""
    if hasattr(os, "killpg"):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signal.SIGKILL)
    child.kill()
    child.communicate()
