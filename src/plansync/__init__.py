"""plansync: a Markdown plan's checkboxes drive its progress regions.

The public API. Names are imported on first use so that the command line, which imports
this package, stays fast for files that need no parsing.

    >>> import plansync
    >>> plan = plansync.parse("# Plan\\n\\n- [x] one\\n- [ ] two\\n")
    >>> (plan.counts.done, plan.counts.total)
    (1, 2)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import check_file, load, sync_file
    from .errors import (
        ConflictError,
        DecodeError,
        MarkerError,
        NestingError,
        PlansyncError,
        Problem,
        VerificationError,
        WriteError,
    )
    from .model import Counts, Heading, Phase, Plan, Region, Section, Task, TaskState
    from .pipeline import SyncResult, check_text, parse, sync_text

_HOMES = {
    **dict.fromkeys(("check_file", "load", "sync_file"), "api"),
    **dict.fromkeys(("SyncResult", "check_text", "parse", "sync_text"), "pipeline"),
    **dict.fromkeys(
        (
            "ConflictError",
            "DecodeError",
            "MarkerError",
            "NestingError",
            "PlansyncError",
            "Problem",
            "VerificationError",
            "WriteError",
        ),
        "errors",
    ),
    **dict.fromkeys(
        ("Counts", "Heading", "Phase", "Plan", "Region", "Section", "Task", "TaskState"), "model"
    ),
}
__all__ = [
    "ConflictError",
    "Counts",
    "DecodeError",
    "Heading",
    "MarkerError",
    "NestingError",
    "Phase",
    "Plan",
    "PlansyncError",
    "Problem",
    "Region",
    "Section",
    "SyncResult",
    "Task",
    "TaskState",
    "VerificationError",
    "WriteError",
    "check_file",
    "check_text",
    "load",
    "parse",
    "sync_file",
    "sync_text",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'plansync' has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value
