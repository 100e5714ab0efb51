"""The plan as data: immutable records with no I/O and no parser dependency.

They are NamedTuples rather than frozen dataclasses: the same immutability and equality at a
fraction of the import cost (``plansync check`` runs on every commit).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple


class TaskState(StrEnum):
    """What a task's box says: ``[ ]`` open, ``[x]``/``[X]`` done, ``[/]`` doing, ``[-]`` cancelled."""

    OPEN = "open"
    DONE = "done"
    DOING = "doing"
    CANCELLED = "cancelled"


class Heading(NamedTuple):
    """A top-level ATX or setext heading."""

    #: 1-based line of the heading (its first line for setext headings).
    line: int
    #: 1-based last line of the heading (the underline of a setext heading).
    end_line: int
    #: 1 for ``#`` ... 6 for ``######``.
    level: int
    #: The heading's Markdown text without ``#`` marks.
    title: str
    #: The number read from the title (``"1.2"``, ``"3"``), or None.
    number: str | None
    #: Index of the enclosing heading in ``Plan.headings``, or None.
    parent: int | None


class Task(NamedTuple):
    """A GFM task list item, at any depth, outside code, HTML, front matter and regions."""

    #: 1-based line of the item's marker.
    line: int
    state: TaskState
    #: Raw Markdown of the item's first paragraph after the box, line breaks as spaces.
    text: str
    #: Index of the heading that holds the task in ``Plan.headings``, or None.
    heading: int | None
    #: Index of the enclosing task in ``Plan.tasks`` for a subtask, or None.
    parent: int | None
    #: The date-like token of the ✅ stamp ending the item's first line, valid or not
    #: (``2025-10-22``, ``2025-13-40``); None without one.
    stamp: str | None = None


class Region(NamedTuple):
    """A generated region: the lines strictly between its two markers."""

    name: str
    options: tuple[tuple[str, str], ...]
    #: 1-based lines of the begin and end markers.
    begin_line: int
    end_line: int

    def option(self, key: str, default: str | None = None) -> str | None:
        return dict(self.options).get(key, default)


class Counts(NamedTuple):
    """Task counts under the counting policy: cancelled tasks leave the total."""

    open: int = 0
    done: int = 0
    doing: int = 0
    cancelled: int = 0
    #: The counting policy: cancelled tasks stay in the total (config ``cancelled-in-total``).
    cancelled_in_total: bool = False

    @property
    def total(self) -> int:
        return self.open + self.done + self.doing + (self.cancelled if self.cancelled_in_total else 0)

    @property
    def finished(self) -> bool:
        """True when nothing is left to do (a group of only cancelled tasks is finished)."""
        return self.open == 0 and self.doing == 0

    @property
    def percent_tenths(self) -> int | None:
        """Percent done in tenths, rounded half up with integers so every machine agrees."""
        if self.total == 0:
            return None
        return (self.done * 2000 + self.total) // (2 * self.total)

    @property
    def percent(self) -> float | None:
        tenths = self.percent_tenths
        return None if tenths is None else tenths / 10

    # Counts add up field by field (a tuple's + would concatenate); they are never used as tuples.
    def __add__(self, other: Counts) -> Counts:  # type: ignore[override]
        return Counts(
            self.open + other.open,
            self.done + other.done,
            self.doing + other.doing,
            self.cancelled + other.cancelled,
            self.cancelled_in_total or other.cancelled_in_total,
        )

    @classmethod
    def of(cls, states: list[TaskState]) -> Counts:
        return cls(
            open=states.count(TaskState.OPEN),
            done=states.count(TaskState.DONE),
            doing=states.count(TaskState.DOING),
            cancelled=states.count(TaskState.CANCELLED),
        )


def total_counts(groups: Iterable[Counts]) -> Counts:
    """The counts of several groups (plans, phases) added up field by field."""
    total = Counts()
    for counts in groups:
        total = total + counts
    return total


class Section(NamedTuple):
    """A heading that directly holds tasks."""

    heading: Heading
    counts: Counts
    #: Indices into ``Plan.tasks`` of the tasks it holds directly.
    tasks: tuple[int, ...]

    @property
    def key(self) -> str:
        """The section's number, else its title: how reports name it."""
        return self.heading.number or self.heading.title


class Phase(NamedTuple):
    """A heading at the phase level that holds tasks, with its sections."""

    heading: Heading
    counts: Counts
    sections: tuple[Section, ...]

    @property
    def key(self) -> str:
        return self.heading.number or self.heading.title


class Plan(NamedTuple):
    """Everything plansync knows about one Markdown plan."""

    title: str | None
    headings: tuple[Heading, ...]
    tasks: tuple[Task, ...]
    regions: tuple[Region, ...]
    phases: tuple[Phase, ...]
    counts: Counts
    #: The language its labels are written in: ``"zh"``, ``"en"``, ``"ja"`` or ``"ko"`` (see
    #: ``document.language``).
    lang: str
    #: The heading level that phases were detected at, or None when there are none.
    phase_level: int | None = None
    #: Text of the YAML front matter, when present.
    front_matter: str | None = None
    #: 1-based (first, last) lines of code, HTML blocks and front matter.
    opaque: tuple[tuple[int, int], ...] = ()
    #: (line, title) of headings inside lists or quotes (they get anchors, not outline places).
    nested_headings: tuple[tuple[int, str], ...] = ()

    @property
    def current_phase(self) -> Phase | None:
        """The first phase with work left, or None when every phase is finished."""
        return next((p for p in self.phases if not p.counts.finished), None)

    def next_tasks(self, limit: int = 5) -> list[Task]:
        """The first unfinished (open or doing) tasks in document order."""
        return [self.tasks[i] for i in self.next_task_indices(limit)]

    def next_task_indices(self, limit: int = 5) -> list[int]:
        """Indices into ``tasks`` of the first unfinished tasks in document order."""
        wanted = (TaskState.OPEN, TaskState.DOING)
        found: list[int] = []
        for i, task in enumerate(self.tasks):
            if task.state in wanted:
                found.append(i)
                if len(found) == limit:
                    break
        return found

    def section_of(self, task: Task) -> str | None:
        """The number, else the title, of the heading that holds ``task``."""
        if task.heading is None:
            return None
        heading = self.headings[task.heading]
        return heading.number or heading.title


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Diagnostic(NamedTuple):
    """One finding of a structure rule, at a place in the plan."""

    #: The rule's stable code, e.g. ``"PS201"``.
    code: str
    severity: Severity
    #: 1-based line, or None for the whole file.
    line: int | None
    #: 1-based column.
    col: int
    message: str
    #: The line's new content (without line ending) when the rule has a safe fix.
    fix: str | None = None
