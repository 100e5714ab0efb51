"""What ``plansync diff`` does, free of click: compare the plans at two revisions and print it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .console import EXIT_OK, echo


def run_diff(base: str, head: str | None, paths: Sequence[str], fmt: str, color: bool) -> int:
    """``plansync diff BASE [HEAD] [PATHS]``: the plans changed from BASE to HEAD (None: the
    work tree), in format ``fmt``. A revision git cannot find is a refused input (exit 2)."""
    from ..dates.today import local_today
    from ..formats.registry import formatter
    from ..workspace.plan_diff import compare_revisions

    comparison = compare_revisions(Path.cwd(), base, head, paths, local_today())
    echo(formatter("diff", fmt)(comparison, color))
    return EXIT_OK


def split_revisions(args: Sequence[str]) -> tuple[str | None, list[str]]:
    """``[HEAD] [PATHS]``: the first argument is HEAD unless it names an existing file or
    directory (then there is no HEAD: the work tree); the rest are paths."""
    if not args or Path(args[0]).exists():
        return None, list(args)
    return args[0], list(args[1:])
