"""``plansync diff``'s data: the plans that changed between two revisions, compared.

Both sides come from git's objects (the work tree for a missing HEAD), decoded and parsed with
the configuration the command line would use for the file, then compared by ``delta``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..config import config_for
from ..dates.schedule import current_status, schedule_of
from ..delta.compare import Comparison, PlanChange, compare_plans
from ..document.text import decode
from ..errors import PlansyncError
from ..model import Plan
from ..pipeline import parse
from .discovery import MARKDOWN_SUFFIXES
from .git import toplevel
from .inputs import dater_for
from .revisions import ChangedFile, changed_files, read_blobs, read_worktree, refusal, resolve

#: A GFM task box at a list item's start: a cheap test whether a file is a plan at all.
_TASK_BOX = re.compile(rb"(?m)^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+\[[ xX/-]\]")


def compare_revisions(
    directory: Path, base: str, head: str | None, paths: Sequence[str], today: str
) -> Comparison:
    """Every plan changed from ``base`` to ``head`` (None: the work tree) under ``paths``
    (relative to ``directory``; none: the whole repository), compared."""
    top = toplevel(directory)
    if top is None:
        raise refusal(f"{directory}: not inside a git repository")
    base_id = resolve(top, base)
    head_id = resolve(top, head) if head is not None else None
    wanted = [_relative(top, directory / p) for p in paths]
    files = [
        f for f in changed_files(top, base_id, head_id)
        if f.path.endswith(MARKDOWN_SUFFIXES) and _selected(f, wanted)
    ]  # fmt: skip
    old = read_blobs(top, [(base_id, f.old_path or f.path) for f in files if f.status != "A"])
    new = (
        read_blobs(top, [(head_id, f.path) for f in files if f.status != "D"])
        if head_id is not None
        else [read_worktree(top, f.path) for f in files if f.status != "D"]
    )
    olds, news = iter(old), iter(new)
    changes = []
    for f in files:
        before = next(olds) if f.status != "A" else None
        after = next(news) if f.status != "D" else None
        change = _compare_file(top, f, before, after, today)
        if change is not None and not change.empty:
            changes.append(change)
    return Comparison(base_id, head_id, tuple(changes))


def _relative(top: Path, path: Path) -> str:
    """``path`` relative to the repository's root, as git names it ("" for the root)."""
    try:
        relative = path.resolve().relative_to(top).as_posix()
    except ValueError:
        raise refusal(f"{path}: outside the repository at {top}") from None
    return "" if relative == "." else relative


def _selected(changed: ChangedFile, wanted: Sequence[str]) -> bool:
    """Whether the file (at either of its paths) is one of ``wanted`` or lies under one."""
    if not wanted:
        return True
    names = [changed.path, *([changed.old_path] if changed.old_path else [])]
    return any(not w or n == w or n.startswith(w.rstrip("/") + "/") for n in names for w in wanted)


def _compare_file(
    top: Path, changed: ChangedFile, before: bytes | None, after: bytes | None, today: str
) -> PlanChange | None:
    """One file's comparison; None when neither side holds a task (it is no plan)."""
    if not any(data is not None and _TASK_BOX.search(data) for data in (before, after)):
        return None
    old = _plan(top, changed.old_path or changed.path, before, today)
    new = _plan(top, changed.path, after, today)
    change = compare_plans(changed.path, changed.old_path, old[0] if old else None, new[0] if new else None)
    return change._replace(schedule_before=old[1] if old else None, schedule_after=new[1] if new else None)


def _plan(top: Path, path: str, data: bytes | None, today: str) -> tuple[Plan, str | None] | None:
    """``data`` (the file at ``path``) parsed with its configuration, and its schedule's words."""
    if data is None:
        return None
    where = top / path
    config = config_for(where)
    try:
        text = decode(data).text
        plan = parse(text, config)
    except PlansyncError as exc:
        raise exc.located(path) from None
    return plan, _schedule_words(plan, text, config.start, today)


def _schedule_words(plan: Plan, text: str, start: str | None, today: str) -> str | None:
    """Where the plan stands against its schedule: its current (else last) dated phase's status.

    No history is read: a past revision's completion dates would need the history up to it.
    """
    schedule = schedule_of(plan, dater_for(plan, text, None, history=False), today, start)
    statuses = [s for s in schedule.status if s is not None]
    if not statuses:
        return None
    return str(current_status(plan, schedule) or statuses[-1])
