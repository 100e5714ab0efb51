"""The ``plansync.report/1`` JSON document: a stable, documented view of one or more plans."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

from ..model import Counts, Diagnostic, Phase, Plan, Section
from .check import diagnostic_json

if TYPE_CHECKING:
    from datetime import date

    from ..dates.dater import TaskDater

SCHEMA = "plansync.report/1"
NEXT_LIMIT = 5

Json = dict[str, Any]


def counts_json(counts: Counts) -> Json:
    return {
        "total": counts.total,
        "done": counts.done,
        "open": counts.open,
        "doing": counts.doing,
        "cancelled": counts.cancelled,
        "percent": counts.percent,
    }


#: A task's index in ``Plan.tasks`` -> its ISO completion date (None when unknown).
DoneOn: TypeAlias = Callable[[int], str | None]


def _no_dates(index: int) -> str | None:
    return None


def task_json(plan: Plan, index: int, done_on: DoneOn = _no_dates) -> Json:
    task = plan.tasks[index]
    return {
        "line": task.line,
        "text": task.text,
        "state": task.state.value,
        "section": plan.section_of(task),
        "done_on": done_on(index),
    }


def _section_json(section: Section) -> Json:
    h = section.heading
    return {"number": h.number, "title": h.title, "line": h.line, "counts": counts_json(section.counts)}


def _phase_json(phase: Phase, due: str | None = None, status: str | None = None) -> Json:
    h = phase.heading
    return {
        "number": h.number,
        "title": h.title,
        "line": h.line,
        "counts": counts_json(phase.counts),
        "sections": [_section_json(s) for s in phase.sections],
        "due": due,
        "status": status,
    }


@dataclass(frozen=True, slots=True)
class Schedule:
    """Per phase its due date and status, and the plan's start, forecast and checkpoints."""

    due: list[str | None]
    status: list[str | None]
    start: str | None = None
    pace_per_week: float = 0.0
    finish: str | None = None
    checkpoints: list[Json] = field(default_factory=list)

    def json(self, remaining: int) -> Json:
        return {
            "start": self.start,
            "forecast": {"pace_per_week": round(self.pace_per_week, 2), "remaining": remaining,
                         "finish": self.finish},
            "checkpoints": self.checkpoints,
        }  # fmt: skip


def schedule_of(plan: Plan, dater: TaskDater, today: str, start: str | None = None) -> Schedule:
    """Due dates from the plan's start and phase spans, status against completions and today,
    a forecast from the pace of the last four weeks, and the plan's own checkpoints."""
    from datetime import date, timedelta

    from ..dates.schedule import checkpoints, due_dates, forecast, start_date, status

    day = date.fromisoformat(today)
    begin = start_date(plan, start) or _first_commit(dater)
    dues = due_dates(plan, begin)
    statuses = []
    for phase, due in zip(plan.phases, dues, strict=True):
        finished = phase.counts.finished  # a phase of only cancelled tasks is finished too
        done_on = (
            dater.completed_on([i for s in phase.sections for i in s.tasks]) if finished and due else None
        )
        statuses.append(status(due, done_on, finished, day))
    done_days = [d for i in range(len(plan.tasks)) if (d := dater.done_on(i))]
    pace, finish = forecast(done_days, plan.counts.open + plan.counts.doing, day)
    by_number = {p.heading.number: due for p, due in zip(plan.phases, dues, strict=True)}
    marks = []
    for mark in checkpoints(dater.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        when = begin + timedelta(weeks=mark.week) if begin else None
        due = by_number.get(mark.phase) if mark.phase else None
        marks.append({
            "line": mark.line, "week": mark.week, "phase": mark.phase, "text": mark.text,
            "date": when.isoformat() if when else None, "phase_due": due.isoformat() if due else None,
            "agrees": (when >= due) if when and due else None,
        })  # fmt: skip
    return Schedule(
        [d.isoformat() if d else None for d in dues], statuses, begin.isoformat() if begin else None,
        pace, finish, marks,
    )  # fmt: skip


def _first_commit(dater: TaskDater) -> date | None:
    """The day the plan was first committed, when history may be read."""
    from datetime import date

    from ..dates.history import HistoryUnavailable, first_commit_day

    if not dater.use_history or dater.path is None:
        return None
    try:
        day = first_commit_day(dater.path)
    except HistoryUnavailable:
        return None
    return date.fromisoformat(day) if day else None


def file_json(
    path: str,
    plan: Plan,
    done_on: DoneOn = _no_dates,
    diagnostics: Sequence[Diagnostic] = (),
    schedule: Schedule | None = None,
) -> Json:
    current = plan.current_phase
    return {
        "path": path,
        "title": plan.title,
        "counts": counts_json(plan.counts),
        "phases": [
            _phase_json(p, schedule.due[i], schedule.status[i]) if schedule else _phase_json(p)
            for i, p in enumerate(plan.phases)
        ],
        "tasks": [task_json(plan, i, done_on) for i in range(len(plan.tasks))],
        "current_phase": current.key if current else None,
        "next": [task_json(plan, i, done_on) for i in plan.next_task_indices(NEXT_LIMIT)],
        "diagnostics": [diagnostic_json(d) for d in diagnostics],
        "schedule": schedule.json(plan.counts.open + plan.counts.doing) if schedule else None,
    }


def report_json(
    files: Sequence[tuple[str, Plan]],
    done_on: Sequence[DoneOn] | None = None,
    diagnostics: Sequence[Sequence[Diagnostic]] | None = None,
    schedules: Sequence[Schedule | None] | None = None,
) -> Json:
    """The whole report; per file, ``done_on`` dates each task and ``diagnostics`` are the rules' findings."""
    total = Counts()
    for _, plan in files:
        total = total + plan.counts
    dates = list(done_on) if done_on is not None else [_no_dates] * len(files)
    found = list(diagnostics) if diagnostics is not None else [()] * len(files)
    plans_schedules = list(schedules) if schedules is not None else [None] * len(files)
    body = [
        file_json(path, plan, when, diags, sched)
        for (path, plan), when, diags, sched in zip(files, dates, found, plans_schedules, strict=True)
    ]
    return {"schema": SCHEMA, "files": body, "counts": counts_json(total)}


def github_annotations(files: Sequence[tuple[str, Plan]], schedules: Sequence[Schedule]) -> str:
    """Workflow commands: a notice with each plan's progress, a warning per phase behind schedule."""
    from ..regions.escape import percent_text
    from .check import escape_data, escape_property

    lines = []
    for (path, plan), schedule in zip(files, schedules, strict=True):
        c = plan.counts
        current = plan.current_phase
        where = f"; current phase: {current.heading.title}" if current else ""
        message = f"{percent_text(c)} done ({c.done} of {c.total} tasks){where}"
        lines.append(f"::notice file={escape_property(path)},title=plansync::{escape_data(message)}")
        for phase, due, status in zip(plan.phases, schedule.due, schedule.status, strict=True):
            if status and status.startswith("behind"):
                text = f"{phase.heading.title}: {status} (due {due})"
                lines.append(
                    f"::warning file={escape_property(path)},line={phase.heading.line},title=plansync::"
                    f"{escape_data(text)}"
                )
    return "".join(line + "\n" for line in lines)
