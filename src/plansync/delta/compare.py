"""Compare two versions of one plan: tasks ticked, unticked, added, removed; groups completed or reopened.

Pure: both sides arrive parsed, and what comes back names tasks by their index in the plan
they belong to (``removed`` in the old plan, every other list in the new one), so each output
format can show lines, texts and sections as it likes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ..model import Plan, TaskState
from .matching import pair_tasks


class Completion(NamedTuple):
    """A section or phase that became finished (or stopped being finished)."""

    #: ``"section"`` or ``"phase"``.
    kind: str
    number: str | None
    title: str


class PlanChange(NamedTuple):
    """What one plan file's change did; a side is None where the file did not exist."""

    path: str
    old_path: str | None
    before: Plan | None
    after: Plan | None
    #: Indices into ``after.tasks``.
    ticked: tuple[int, ...] = ()
    unticked: tuple[int, ...] = ()
    added: tuple[int, ...] = ()
    #: Indices into ``before.tasks``.
    removed: tuple[int, ...] = ()
    completed: tuple[Completion, ...] = ()
    reopened: tuple[Completion, ...] = ()
    #: The schedule's words for where the plan stands before and after (None: no schedule).
    schedule_before: str | None = None
    schedule_after: str | None = None

    @property
    def empty(self) -> bool:
        """True when nothing a reader of the progress cares about changed."""
        counts = [p.counts if p else None for p in (self.before, self.after)]
        events = (self.ticked, self.unticked, self.added, self.removed, self.completed, self.reopened)
        return not any(events) and counts[0] == counts[1] and self.old_path is None


class Comparison(NamedTuple):
    """Every changed plan between two revisions."""

    #: The base revision's full commit id.
    base: str
    #: The head revision's full commit id; None for the work tree.
    head: str | None
    files: tuple[PlanChange, ...]


def compare_plans(path: str, old_path: str | None, before: Plan | None, after: Plan | None) -> PlanChange:
    """What changed from ``before`` to ``after`` (either None for a file added or deleted)."""
    old_tasks = before.tasks if before else ()
    new_tasks = after.tasks if after else ()
    pairing = pair_tasks([t.text for t in old_tasks], [t.text for t in new_tasks])
    done = TaskState.DONE
    ticked = [j for i, j in pairing.pairs if old_tasks[i].state != done and new_tasks[j].state == done]
    unticked = [j for i, j in pairing.pairs if old_tasks[i].state == done and new_tasks[j].state != done]
    # Groups are known by kind and number (else title): a title's wording may change too.
    was = {_key(c): finished for c, finished in _groups(before)}
    completed = [c for c, finished in _groups(after) if finished and was.get(_key(c)) is not True]
    reopened = [c for c, finished in _groups(after) if not finished and was.get(_key(c))]
    return PlanChange(
        path, old_path, before, after, tuple(ticked), tuple(unticked), tuple(pairing.added),
        tuple(pairing.removed), tuple(_ordered(completed)), tuple(_ordered(reopened)),
    )  # fmt: skip


def _groups(plan: Plan | None) -> Iterator[tuple[Completion, bool]]:
    """Each phase and section of ``plan`` holding tasks, with whether it is finished."""
    if plan is None:
        return
    for phase in plan.phases:
        if phase.counts.total or phase.counts.cancelled:
            yield _named("phase", phase.heading.number, phase.heading.title), phase.counts.finished
        for section in phase.sections:
            # A phase holding tasks itself is also its own section: name it once, as the phase.
            heading = section.heading
            if heading.line != phase.heading.line:
                yield _named("section", heading.number, heading.title), section.counts.finished
    for number, title, finished in _loose_sections(plan):
        yield _named("section", number, title), finished


def _loose_sections(plan: Plan) -> Iterator[tuple[str | None, str, bool]]:
    """Sections outside any phase (a plan without phase headings)."""
    inside = {s.heading.line for p in plan.phases for s in p.sections} | {p.heading.line for p in plan.phases}
    by_heading: dict[int, list[TaskState]] = {}
    for task in plan.tasks:
        if task.heading is not None and plan.headings[task.heading].line not in inside:
            by_heading.setdefault(task.heading, []).append(task.state)
    for index, states in by_heading.items():
        heading = plan.headings[index]
        finished = all(s in (TaskState.DONE, TaskState.CANCELLED) for s in states)
        yield heading.number, heading.title, finished


def _key(group: Completion) -> tuple[str, str]:
    return group.kind, group.number or group.title


def _named(kind: str, number: str | None, title: str) -> Completion:
    return Completion(kind, number, title)


def _ordered(found: list[Completion]) -> list[Completion]:
    """Phases first, then sections, each in outline order as found."""
    return [c for c in found if c.kind == "phase"] + [c for c in found if c.kind == "section"]
