"""The ``plansync.diff/1`` JSON document: what a change did to each plan (DESIGN.md "Diff")."""

from __future__ import annotations

import json
from typing import Any

from ..delta.compare import Comparison, Completion, PlanChange
from ..model import Plan
from .report_json import counts_json

SCHEMA = "plansync.diff/1"

Json = dict[str, Any]


def diff_document(comparison: Comparison) -> Json:
    return {
        "schema": SCHEMA,
        "base": comparison.base,
        "head": comparison.head,
        "files": [file_json(change) for change in comparison.files],
    }


def file_json(change: PlanChange) -> Json:
    """One plan: counts on each side (null where the file did not exist), tasks, groups."""
    before, after = change.before, change.after
    found: Json = {
        "path": change.path,
        "old_path": change.old_path,
        "before": counts_json(before.counts) if before else None,
        "after": counts_json(after.counts) if after else None,
        "ticked": _tasks(after, change.ticked),
        "unticked": _tasks(after, change.unticked),
        "added": _tasks(after, change.added),
        "removed": _tasks(before, change.removed),
        "completed": [_completion(c) for c in change.completed],
        "reopened": [_completion(c) for c in change.reopened],
    }
    if change.schedule_before or change.schedule_after:
        found["schedule"] = {"before": change.schedule_before, "after": change.schedule_after}
    return found


def _tasks(plan: Plan | None, indices: tuple[int, ...]) -> list[Json]:
    if plan is None:
        return []
    return [task_json(plan, i) for i in indices]


def task_json(plan: Plan, index: int) -> Json:
    """A task as the report shows it, without ``done_on`` (history is not read here)."""
    task = plan.tasks[index]
    return {"line": task.line, "text": task.text, "state": task.state.value, "section": plan.section_of(task)}


def _completion(group: Completion) -> Json:
    return {"kind": group.kind, "number": group.number, "title": group.title}


def json_diff(comparison: Comparison, color: bool) -> str:
    """The document as ``diff --format json`` prints it."""
    return json.dumps(diff_document(comparison), ensure_ascii=False, indent=2) + "\n"
