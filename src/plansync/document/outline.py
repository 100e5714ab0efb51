"""From raw parser items to a Plan: drop region contents, link tasks to headings, find phases.

Phases are the headings at the shallowest level at which the tasks split over two or more
headings: a learning plan's ``##`` stages, or a roadmap's ``### Q1``/``### Q2`` under one
``## 2026``. Sections are the headings that hold tasks directly.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..model import Counts, Heading, Phase, Plan, Region, Section, Task
from .language import detect_lang
from .numbering import heading_number
from .parse import ParsedDocument, RawHeading, RawTask

_LEVELS = 7  # index 1..6 for heading levels

# Only the type checker needs the protocol; building a Protocol class costs every run time.
if TYPE_CHECKING:
    from typing import Protocol

    class OutlineSettings(Protocol):
        """The settings that shape an outline (``plansync.config.Config`` has them all)."""

        @property
        def phase_level(self) -> int | None: ...
        @property
        def phase_pattern(self) -> str | None: ...
        @property
        def count_parents(self) -> bool: ...
        @property
        def cancelled_in_total(self) -> bool: ...
        @property
        def lang(self) -> str | None: ...


class DefaultSettings(NamedTuple):
    """plansync's behaviour without a configuration file."""

    phase_level: int | None = None
    phase_pattern: str | None = None
    count_parents: bool = True
    cancelled_in_total: bool = False
    lang: str | None = None


DEFAULTS = DefaultSettings()


def build_plan(doc: ParsedDocument, regions: Sequence[Region], config: OutlineSettings | None = None) -> Plan:
    config = config or DEFAULTS
    outside = _outside_regions(regions)
    headings = _link_headings([h for h in doc.headings if outside(h.line)])
    tasks = _link_tasks([i for i, t in enumerate(doc.tasks) if outside(t.line)], doc.tasks, headings)
    counter = _counter(tasks, config)
    phase_level, phases = _phases(headings, tasks, counter, config)
    title = next((h.title for h in headings if h.level == 1), headings[0].title if headings else None)
    return Plan(
        title=title,
        headings=tuple(headings),
        tasks=tuple(tasks),
        regions=tuple(regions),
        phases=tuple(phases),
        counts=counter(range(len(tasks))),
        lang=config.lang or detect_lang([h.title for h in headings] + [t.text for t in tasks]),
        phase_level=phase_level,
        front_matter=doc.front_matter,
        opaque=tuple(doc.opaque),
        nested_headings=tuple(doc.nested_headings),
    )


def _outside_regions(regions: Sequence[Region]) -> Callable[[int], bool]:
    begins = [r.begin_line for r in regions]
    ends = [r.end_line for r in regions]

    def outside(line: int) -> bool:
        i = bisect_left(begins, line) - 1
        return i < 0 or line >= ends[i]

    return outside


def _link_headings(raw: Sequence[RawHeading]) -> list[Heading]:
    headings: list[Heading] = []
    stack: list[int] = []
    for h in raw:
        while stack and headings[stack[-1]].level >= h.level:
            stack.pop()
        headings.append(
            Heading(
                h.line, h.end_line, h.level, h.title, heading_number(h.title), stack[-1] if stack else None
            )
        )
        stack.append(len(headings) - 1)
    return headings


def _link_tasks(kept: Sequence[int], raw: Sequence[RawTask], headings: Sequence[Heading]) -> list[Task]:
    """The kept raw tasks (by index) with their holding heading and parent re-indexed to the kept list."""
    new_index = {old: new for new, old in enumerate(kept)}
    heading_lines = [h.line for h in headings]
    tasks: list[Task] = []
    for old in kept:
        t = raw[old]
        h = bisect_left(heading_lines, t.line) - 1
        parent = new_index.get(t.parent) if t.parent is not None else None
        tasks.append(Task(t.line, t.state, t.text, h if h >= 0 else None, parent, t.stamp))
    return tasks


def _ancestors(headings: Sequence[Heading]) -> list[list[int | None]]:
    """For each heading, its ancestor (or itself) at every level 1..6."""
    table: list[list[int | None]] = []
    for i, h in enumerate(headings):
        row: list[int | None] = list(table[h.parent]) if h.parent is not None else [None] * _LEVELS
        for level in range(h.level, _LEVELS):
            row[level] = None
        row[h.level] = i
        table.append(row)
    return table


Counter = Callable[[Iterable[int]], Counts]


def counter_for(plan: Plan, config: OutlineSettings | None) -> Counter:
    """Counts of any group of a plan's tasks (by index) under the configured counting policy."""
    return _counter(plan.tasks, config or DEFAULTS)


def _counter(tasks: Sequence[Task], config: OutlineSettings) -> Counter:
    """Counts of a group of tasks under the configured policy (leaves only, cancelled kept)."""
    parents = set() if config.count_parents else {t.parent for t in tasks if t.parent is not None}

    def count(indices: Iterable[int]) -> Counts:
        counts = Counts.of([tasks[i].state for i in indices if i not in parents])
        return counts._replace(cancelled_in_total=True) if config.cancelled_in_total else counts

    return count


def _phases(
    headings: Sequence[Heading], tasks: Sequence[Task], count: Counter, config: OutlineSettings
) -> tuple[int | None, list[Phase]]:
    """The phases in document order, and the heading level they were found at.

    Every counted task lands in exactly one phase, so the rows of a progress table add up to
    its total: a task-holding heading outside every phase (a ``###`` block under the title
    while the phases are ``##``) is a phase of its own, and so are tasks before the first
    heading when headings hold the others (a plan without any has no phases at all). Only
    ``phase-pattern``, which names the phases itself, can leave tasks outside every phase.
    """
    by_holder: dict[int, list[int]] = defaultdict(list)
    headless: list[int] = []
    for i, t in enumerate(tasks):
        if t.heading is None:
            headless.append(i)
        else:
            by_holder[t.heading].append(i)
    if not by_holder:
        return None, []
    phase_of, level = _phase_finder(headings, by_holder, config)
    sections: dict[int, list[Section]] = defaultdict(list)
    for holder in sorted(by_holder):
        phase = phase_of(holder)
        if phase is not None:
            indices = by_holder[holder]
            sections[phase].append(Section(headings[holder], count(indices), tuple(indices)))
    phases = [
        Phase(headings[phase], count(i for s in secs for i in s.tasks), tuple(secs))
        for phase, secs in sorted(sections.items())
    ]
    if headless:
        phases.insert(0, _headless_phase(tasks, headless, count))
    return level, phases


def _headless_phase(tasks: Sequence[Task], indices: Sequence[int], count: Counter) -> Phase:
    """The tasks before the first heading, as a phase with an untitled heading (level 0)."""
    line = tasks[indices[0]].line
    heading = Heading(line, line, 0, "", None, None)
    counts = count(indices)
    return Phase(heading, counts, (Section(heading, counts, tuple(indices)),))


def _phase_finder(
    headings: Sequence[Heading], by_holder: dict[int, list[int]], config: OutlineSettings
) -> tuple[Callable[[int], int | None], int | None]:
    """For a heading holding tasks, the phase heading it belongs to; and the phases' level."""
    if config.phase_pattern is not None:
        pattern = re.compile(config.phase_pattern)

        # The configuration names the phases: a holder under none of them has no row.
        def matching(holder: int) -> int | None:
            h: int | None = holder
            while h is not None and not pattern.search(headings[h].title):
                h = headings[h].parent
            return h

        levels = {headings[p].level for h in by_holder if (p := matching(h)) is not None}
        return matching, min(levels, default=None)
    anc = _ancestors(headings)
    level = config.phase_level or _phase_level(by_holder, anc, headings)

    def at_level(holder: int) -> int:
        found = anc[holder][level]
        if found is not None:
            return found
        # Outside every phase: the holder's shallowest ancestor still below the phase level
        # (itself, for a heading at or above that level) makes a phase of its own.
        outer = holder
        parent = headings[holder].parent
        while parent is not None and headings[parent].level > level:
            outer, parent = parent, headings[parent].parent
        return outer

    return at_level, level


def _phase_level(
    by_holder: dict[int, list[int]], anc: Sequence[Sequence[int | None]], headings: Sequence[Heading]
) -> int:
    for level in range(1, _LEVELS):
        distinct = {anc[h][level] for h in by_holder} - {None}
        if len(distinct) >= 2:
            return level
    # All tasks sit under one chain of headings: its shallowest holder is the single phase.
    return min(headings[h].level for h in by_holder)


def tasks_below(plan: Plan) -> list[list[int]]:
    """Per heading index, the indices of every task below it: its own and its subheadings'."""
    below: list[list[int]] = [[] for _ in plan.headings]
    for i, task in enumerate(plan.tasks):
        if task.heading is not None:
            below[task.heading].append(i)
    for i in range(len(plan.headings) - 1, -1, -1):  # children follow their parent: fold upwards once
        parent = plan.headings[i].parent
        if parent is not None:
            below[parent].extend(below[i])
    return below
