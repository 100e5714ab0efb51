"""PS3xx: consistency -- boxes that contradict their subtasks, headings or stamps."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document.outline import tasks_below
from ..document.stamps import stamp_date
from ..model import Counts, Severity, TaskState
from .base import Finding, RuleContext, rule

# "(3/5)" or "60%" written by hand; a "[3/5]" cookie is sync's to keep true (PS504), not a claim.
_FRACTION = re.compile(r"[(（](\d+)\s*/\s*(\d+)[)）]")
_PERCENT = re.compile(r"(?<![\w.\[])(\d{1,3}(?:\.\d+)?)\s*%(?!\])")
_UNFINISHED = (TaskState.OPEN, TaskState.DOING)


def _subtasks(ctx: RuleContext) -> dict[int, list[int]]:
    """Task index -> indices of all its descendants."""
    below: dict[int, list[int]] = {}
    for i, task in enumerate(ctx.plan.tasks):
        parent = task.parent
        while parent is not None:
            below.setdefault(parent, []).append(i)
            parent = ctx.plan.tasks[parent].parent
    return below


@rule("PS301", "done-with-open-subtasks", Severity.ERROR)
def done_with_open_subtasks(ctx: RuleContext) -> Iterator[Finding]:
    """A task is ticked while some of its subtasks are still open.

    Bad:

        - [x] add the formatter
          - [ ] configure the formatter

    Good:

        - [ ] add the formatter
          - [ ] configure the formatter
    """
    tasks = ctx.plan.tasks
    for parent, below in _subtasks(ctx).items():
        if tasks[parent].state is TaskState.DONE:
            open_lines = [tasks[i].line for i in below if tasks[i].state in _UNFINISHED]
            if open_lines:
                where = ", ".join(map(str, open_lines[:3])) + (", ..." if len(open_lines) > 3 else "")
                yield Finding(tasks[parent].line, 1, f"task is done but subtasks on line {where} are not")


@rule("PS302", "open-with-done-subtasks", Severity.WARNING, fixable=True)
def open_with_done_subtasks(ctx: RuleContext) -> Iterator[Finding]:
    """A task is still open although every one of its subtasks is done (fix: tick it).

    Bad:

        - [ ] ship the release
          - [x] tag it
          - [x] publish it

    Good:

        - [x] ship the release
          - [x] tag it
          - [x] publish it
    """
    tasks = ctx.plan.tasks
    for parent, below in _subtasks(ctx).items():
        if tasks[parent].state is not TaskState.OPEN:
            continue
        states = [tasks[i].state for i in below if tasks[i].state is not TaskState.CANCELLED]
        if states and all(s is TaskState.DONE for s in states):
            line = ctx.lines[tasks[parent].line - 1]
            box = line.find("[ ]")
            fixed = line[:box] + "[x]" + line[box + 3 :] if box >= 0 else None
            yield Finding(
                tasks[parent].line,
                box + 1 if box >= 0 else 1,
                "every subtask is done but this task is open",
                fixed,
            )


@rule("PS303", "stale-hand-progress", Severity.WARNING)
def stale_hand_progress(ctx: RuleContext) -> Iterator[Finding]:
    """A heading states progress, '(3/5)' or '60%', that its boxes do not bear out.

    Bad:

        ## Phase 1 (3/5)
        - [x] one
        - [ ] two

    Good (or let a `progress` region say it):

        ## Phase 1 (1/2)
        - [x] one
        - [ ] two
    """
    claims = [
        i for i, h in enumerate(ctx.plan.headings) if _FRACTION.search(h.title) or _PERCENT.search(h.title)
    ]
    if not claims:
        return
    below = tasks_below(ctx.plan)
    count = ctx.count or (lambda indices: Counts.of([ctx.plan.tasks[i].state for i in indices]))
    for i in claims:
        heading, actual = ctx.plan.headings[i], count(below[i])
        if actual.total == 0:
            continue
        if (m := _FRACTION.search(heading.title)) and (int(m[1]), int(m[2])) != (actual.done, actual.total):
            yield Finding(
                heading.line, 1, f"heading says {m[1]}/{m[2]} but its boxes say {actual.done}/{actual.total}"
            )
        elif (m := _PERCENT.search(heading.title)) and abs(float(m[1]) - (actual.percent or 0.0)) >= 1:
            yield Finding(heading.line, 1, f"heading says {m[1]}% but its boxes say {actual.percent}%")


@rule("PS304", "bad-stamp", Severity.WARNING)
def bad_stamp(ctx: RuleContext) -> Iterator[Finding]:
    """A task's ✅ completion stamp is not a real date, or lies in the future.

    Bad:

        - [x] write the parser ✅ 2025-13-40

    Good:

        - [x] write the parser ✅ 2025-10-22
    """
    seen: set[int] = set()
    for task in ctx.plan.tasks:
        # The parse read the stamp closing the item's first source line (``Task.stamp``).
        token = task.stamp
        if token is None or task.line in seen:
            continue
        seen.add(task.line)
        col = ctx.lines[task.line - 1].rfind("✅") + 1 or 1
        if stamp_date(token) is None:
            yield Finding(task.line, col, f"stamp '✅ {token}' is not a date (YYYY-MM-DD)")
        elif ctx.today is not None and token > ctx.today:
            yield Finding(task.line, col, f"stamp date {token} is in the future")
