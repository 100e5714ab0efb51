"""The ``plansync.report/1`` JSON document: a stable, documented view of one or more plans."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .model import Counts, Phase, Plan, Section, Task

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


def task_json(plan: Plan, task: Task) -> Json:
    return {
        "line": task.line,
        "text": task.text,
        "state": task.state.value,
        "section": plan.section_of(task),
        "done_on": None,
    }


def _section_json(section: Section) -> Json:
    h = section.heading
    return {"number": h.number, "title": h.title, "line": h.line, "counts": counts_json(section.counts)}


def _phase_json(phase: Phase) -> Json:
    h = phase.heading
    return {
        "number": h.number,
        "title": h.title,
        "line": h.line,
        "counts": counts_json(phase.counts),
        "sections": [_section_json(s) for s in phase.sections],
    }


def file_json(path: str, plan: Plan) -> Json:
    current = plan.current_phase
    return {
        "path": path,
        "title": plan.title,
        "counts": counts_json(plan.counts),
        "phases": [_phase_json(p) for p in plan.phases],
        "tasks": [task_json(plan, t) for t in plan.tasks],
        "current_phase": current.key if current else None,
        "next": [task_json(plan, t) for t in plan.next_tasks(NEXT_LIMIT)],
        "diagnostics": [],
    }


def report_json(files: Sequence[tuple[str, Plan]]) -> Json:
    total = Counts()
    for _, plan in files:
        total = total + plan.counts
    return {
        "schema": SCHEMA,
        "files": [file_json(path, plan) for path, plan in files],
        "counts": counts_json(total),
    }
