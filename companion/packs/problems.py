"""Problems found in content, each tied to a file and a line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from companion.i18n import _


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        if self.severity == "error":
            return f"{self.path}:{self.line}: {self.message}"
        line = _("{path}:{line}: warning: {problem}")
        return line.format(path=self.path, line=self.line, problem=self.message)


class ContentError(Exception):
    """Raised when a content file cannot be turned into an item."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
