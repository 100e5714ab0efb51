"""The exception family: every user-facing failure is a PlansyncError with a location.

The CLI turns these into ``path:line:col: message`` lines and an exit code; library
callers can catch the base class.
"""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One located problem in one file."""

    message: str
    #: 1-based line, or None when the problem concerns the whole file.
    line: int | None = None
    #: 1-based column.
    col: int = 1
    path: str = "<text>"

    def located(self, path: str) -> Problem:
        return Problem(self.message, self.line, self.col, path)

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class PlansyncError(Exception):
    """Base class: input plansync refuses to handle. Carries one or more problems."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[PlansyncError], tuple[list[Problem]]]:
        """Pickled by its problems, not its message: ``check``'s worker processes send it back."""
        return type(self), (self.problems,)

    @property
    def path(self) -> str:
        return self.problems[0].path

    @property
    def line(self) -> int | None:
        return self.problems[0].line

    def located(self, path: str) -> PlansyncError:
        """The same error with every problem attributed to ``path``."""
        return type(self)([p.located(path) for p in self.problems])


class DecodeError(PlansyncError):
    """The file is not UTF-8 text (or holds binary data)."""


class ConflictError(PlansyncError):
    """The file holds unresolved merge-conflict markers."""


class MarkerError(PlansyncError):
    """Region markers are malformed, unbalanced, crossed, duplicated or unknown."""


class NestingError(PlansyncError):
    """The document nests deeper than the parser can follow without dropping text."""


class WriteError(PlansyncError):
    """The file cannot be written safely (permissions, concurrent change, I/O)."""


class VerificationError(PlansyncError):
    """A rewrite failed its own safety checks; nothing was written. This is a bug."""

    exit_code = 3
