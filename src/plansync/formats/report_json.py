"""The ``plansync.report/1`` JSON document: a stable, documented view of one or more plans."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from ..model import Counts, Diagnostic, Phase, Plan, Section, total_counts
from .check import diagnostic_json

if TYPE_CHECKING:
    from ..dates.schedule import DatedCheckpoint, PhaseStatus, Schedule
    from .report_input import PlanReport

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


def schedule_json(schedule: Schedule, remaining: int) -> Json:
    """A file's ``schedule``: its start, the forecast for the ``remaining`` tasks, its checkpoints."""
    return {
        "start": schedule.start,
        "forecast": {"pace_per_week": round(schedule.pace_per_week, 2), "remaining": remaining,
                     "finish": schedule.finish},
        "checkpoints": [_checkpoint_json(mark) for mark in schedule.checkpoints],
    }  # fmt: skip


def _checkpoint_json(mark: DatedCheckpoint) -> Json:
    return {
        "line": mark.line, "week": mark.week, "phase": mark.phase, "text": mark.text,
        "date": mark.date, "phase_due": mark.phase_due, "agrees": mark.agrees,
    }  # fmt: skip


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
            _phase_json(p, schedule.due[i], _words(schedule.status[i])) if schedule else _phase_json(p)
            for i, p in enumerate(plan.phases)
        ],
        "tasks": [task_json(plan, i, done_on) for i in range(len(plan.tasks))],
        "current_phase": current.key if current else None,
        "next": [task_json(plan, i, done_on) for i in plan.next_task_indices(NEXT_LIMIT)],
        "diagnostics": [diagnostic_json(d) for d in diagnostics],
        "schedule": schedule_json(schedule, plan.counts.open + plan.counts.doing) if schedule else None,
    }


def report_json(
    files: Sequence[tuple[str, Plan]],
    done_on: Sequence[DoneOn] | None = None,
    diagnostics: Sequence[Sequence[Diagnostic]] | None = None,
    schedules: Sequence[Schedule | None] | None = None,
) -> Json:
    """The whole report; per file, ``done_on`` dates each task and ``diagnostics`` are the rules' findings."""
    total = total_counts(plan.counts for _, plan in files)
    dates = list(done_on) if done_on is not None else [_no_dates] * len(files)
    found = list(diagnostics) if diagnostics is not None else [()] * len(files)
    plans_schedules = list(schedules) if schedules is not None else [None] * len(files)
    body = [
        file_json(path, plan, when, diags, sched)
        for (path, plan), when, diags, sched in zip(files, dates, found, plans_schedules, strict=True)
    ]
    return {"schema": SCHEMA, "files": body, "counts": counts_json(total)}


def json_report(plans: Sequence[PlanReport], color: bool) -> str:
    """The ``plansync.report/1`` document of ``plans``, as ``report --format json`` prints it."""
    import json

    document = report_json(
        [(r.path, r.plan) for r in plans],
        [r.dater.done_on for r in plans],
        [r.diagnostics for r in plans],
        [r.schedule for r in plans],
    )
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _words(status: PhaseStatus | None) -> str | None:
    return str(status) if status is not None else None
