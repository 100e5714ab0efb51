"""What hovering a task says: its state, the section holding it, and when it was done and how
plansync knows (a ✅ stamp, the milestones region, or git history)."""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types

from ..document.stamps import stamp_date
from ..model import Plan, Task, TaskState
from ..workspace.inputs import dater_for
from .positions import Lines

_STATE = {
    TaskState.OPEN: "open",
    TaskState.DONE: "done",
    TaskState.DOING: "in progress",
    TaskState.CANCELLED: "cancelled",
}

#: A done task's tick date from git history, by task index (None: history cannot tell, or is
#: not read yet).
HistoryDate = Callable[[int], str | None]


def task_at(plan: Plan, line: int) -> int | None:
    """The index of the task whose item starts on 0-based ``line``."""
    return next((i for i, t in enumerate(plan.tasks) if t.line == line + 1), None)


def hover(plan: Plan, lines: Lines, line: int, history: HistoryDate | None) -> types.Hover | None:
    index = task_at(plan, line)
    if index is None:
        return None
    task = plan.tasks[index]
    parts = [f"**{_STATE[task.state]}**"]
    if (section := plan.section_of(task)) is not None:
        parts.append(f"section {section}")
    if task.state is TaskState.DONE:
        parts.append(_done_on(plan, lines.text, index, task, history))
    return types.Hover(
        contents=types.MarkupContent(types.MarkupKind.Markdown, " · ".join(parts)),
        range=lines.line_range(line),
    )


def _done_on(plan: Plan, text: str, index: int, task: Task, history: HistoryDate | None) -> str:
    """When a done task was done, and where that date comes from."""
    if (day := stamp_date(task.stamp)) is not None:
        return f"done on {day} (✅ stamp)"
    recorded = dater_for(plan, text, None, False).recorded
    for phase in plan.phases:
        for group in (*(s.tasks for s in phase.sections), tuple(i for s in phase.sections for i in s.tasks)):
            if index in group and (day := recorded.get(tuple(group))) is not None:
                return f"its group was completed on {day} (milestones region)"
    if history is not None and (day := history(index)) is not None:
        return f"ticked on {day} (git history)"
    return "done on a day nothing records yet"
