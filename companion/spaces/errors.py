"""What can go wrong with a shared space, each as one line that says what to do next.

None of these leaves local data changed: a failed sync keeps every local commit, and what was
written offline goes out on the next sync.
"""

from __future__ import annotations

from companion.errors import CompanionError
from companion.i18n import _


class SpaceError(CompanionError):
    """A shared space could not do what was asked; `str()` is the line to show."""


class GitMissing(SpaceError):
    def __init__(self, executable: str) -> None:
        message = _(
            "cannot run git ({executable}): install git (https://git-scm.com) "
            "or put it on PATH, then try again"
        )
        super().__init__(message.format(executable=executable))


class GitFailed(SpaceError):
    """A local git command failed where it should not (a damaged clone, a full disk)."""

    def __init__(self, command: str, detail: str) -> None:
        self.detail = detail
        super().__init__(_("git {command} failed: {detail}").format(command=command, detail=detail))


class RemoteError(SpaceError):
    """The remote could not be reached or refused; the space here is untouched."""

    def __init__(self, remote: str, problem: str, hint: str) -> None:
        self.remote = remote
        super().__init__(f"{remote}: {problem}; {hint}")


class RemoteUnreachable(RemoteError):
    pass


class RemoteRefused(RemoteError):
    pass


class RemoteRejected(RemoteError):
    """The remote moved on while we pushed (non-fast-forward)."""


class NotASpace(SpaceError):
    pass


class NewerSpace(SpaceError):
    pass


class SpaceConflict(SpaceError):
    """Files were changed by hand on both sides; nothing is merged until a person decides."""

    def __init__(self, space: str, paths: list[str]) -> None:
        self.paths = paths
        shown = ", ".join(paths[:3])
        if len(paths) > 3:
            shown = _("{paths} and {count} more").format(paths=shown, count=len(paths) - 3)
        message = _(
            "space {space}: {paths} changed on both sides by hand; nothing was merged and "
            "your items are kept: undo the hand edit on the remote, then sync again"
        )
        super().__init__(message.format(space=space, paths=shown))


class SpaceBusy(SpaceError):
    pass


class SpaceNotFound(SpaceError):
    pass


class NotAllowed(SpaceError):
    """A change this side may not make, or not in the item's present state."""
