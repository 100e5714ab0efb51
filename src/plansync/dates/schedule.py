"""Schedules read from the plan: a start date, phase durations in headings, due dates.

``（1-2周）``, ``(1-2 weeks)``, ``(3 days)``, ``（2个月）`` are durations: a phase is due its
upper bound after the previous one. ``(weeks 3-4)``, ``（第3-4周）`` are absolute weeks counted
from the start. The start comes from front matter ``start: YYYY-MM-DD`` (or the configuration).

``schedule_of`` puts it together for the reports: per phase its due date and ``PhaseStatus``,
a forecast from the recent pace, and the plan's written checkpoints against its due dates.
Dates leave here as ISO strings or typed values; the JSON shape is ``formats.report_json``'s.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from ..model import Plan

if TYPE_CHECKING:
    from .dater import TaskDater

_DAYS = {"d": 1, "w": 7, "m": 30}
_UNIT = r"(?P<unit>weeks?|wks?|days?|months?|周|星期|天|日|个月|月)"
_RANGE = r"(?P<low>\d+)(?:\s*[-–~～到至]\s*(?P<high>\d+))?"
_DURATION = re.compile(rf"[(（]\s*{_RANGE}\s*{_UNIT}\s*[)）]", re.IGNORECASE)
_ABSOLUTE_EN = re.compile(rf"[(（]\s*(?P<unit>weeks?|days?)\s*{_RANGE}\s*[)）]", re.IGNORECASE)
_ABSOLUTE_ZH = re.compile(rf"[(（]\s*第\s*{_RANGE}\s*(?P<unit>周|天)\s*[)）]")
_START = re.compile(r"(?m)^start:\s*['\"]?(\d{4}-\d{2}-\d{2})['\"]?\s*$")


@dataclass(frozen=True, slots=True)
class Span:
    """What a phase title says about its length: a duration, or absolute days from the start."""

    days: int
    absolute: bool


def _unit_days(unit: str) -> int:
    unit = unit.lower()
    if unit.startswith(("w", "wk")) or unit in ("周", "星期"):
        return _DAYS["w"]
    if unit.startswith("m") or unit in ("个月", "月"):
        return _DAYS["m"]
    return _DAYS["d"]


def phase_span(title: str) -> Span | None:
    """The span a phase title states, upper bounds taken; None when it states none."""
    if m := (_ABSOLUTE_EN.search(title) or _ABSOLUTE_ZH.search(title)):
        return Span(int(m["high"] or m["low"]) * _unit_days(m["unit"]), absolute=True)
    if m := _DURATION.search(title):
        return Span(int(m["high"] or m["low"]) * _unit_days(m["unit"]), absolute=False)
    return None


def start_date(plan: Plan, configured: str | None = None) -> dt.date | None:
    """The plan's start: front matter ``start:``, else the configured one."""
    if plan.front_matter and (m := _START.search(plan.front_matter)):
        try:
            return dt.date.fromisoformat(m.group(1))
        except ValueError:
            return None
    return dt.date.fromisoformat(configured) if configured else None


def due_dates(plan: Plan, start: dt.date | None) -> list[dt.date | None]:
    """Per phase, the day it is due: start plus the spans so far (None where unknown)."""
    dues: list[dt.date | None] = []
    elapsed = 0
    for phase in plan.phases:
        span = phase_span(phase.heading.title)
        if start is None or span is None:
            dues.append(None)
            continue
        elapsed = span.days if span.absolute else elapsed + span.days
        dues.append(start + dt.timedelta(days=elapsed))
    return dues


class StatusKind(StrEnum):
    """Where a dated phase stands."""

    #: Finished, but when cannot be told (no stamp, no history).
    DONE = "done"
    DONE_ON_TIME = "done on time"
    DONE_LATE = "done late"
    ON_TRACK = "on track"
    BEHIND = "behind"


class PhaseStatus(NamedTuple):
    """A dated phase's status; ``str()`` gives the words the reports print."""

    kind: StatusKind
    #: Days past the due date of a phase still unfinished (0 unless it is behind).
    days_late: int = 0

    def __str__(self) -> str:
        if self.kind is StatusKind.BEHIND:
            return f"behind by {self.days_late} day{'s' if self.days_late != 1 else ''}"
        return self.kind.value


def status(due: dt.date | None, done_on: str | None, finished: bool, today: dt.date) -> PhaseStatus | None:
    """Done (on time, late, or undated), on track, or behind by some days; None without a due date."""
    if due is None:
        return None
    if finished:
        if done_on is None:
            return PhaseStatus(StatusKind.DONE)
        on_time = dt.date.fromisoformat(done_on) <= due
        return PhaseStatus(StatusKind.DONE_ON_TIME if on_time else StatusKind.DONE_LATE)
    late = (today - due).days
    return PhaseStatus(StatusKind.BEHIND, late) if late > 0 else PhaseStatus(StatusKind.ON_TRACK)


#: How a checkpoint names its week, one phrase a language; the week number is each one's only group.
_WEEK_PHRASES = (r"第\s*(\d+)\s*周", r"week\s+(\d+)")
_CHECKPOINT = re.compile(
    rf"^\s*[-*+]\s+(?:\*\*)?(?:{'|'.join(_WEEK_PHRASES)})(?:\*\*)?\s*(?:\*\*)?[：:]\s*(?P<text>.*)$",
    re.IGNORECASE,
)
_PHASE_REF = re.compile(r"第\s*([0-9一二三四五六七八九十]+)\s*阶段|phase\s+(\d+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A dated promise written in the plan: ``- **第1周**：完成第一阶段`` / ``- Week 3: finish phase 2``."""

    line: int
    week: int
    #: The phase number it names, if any.
    phase: str | None
    text: str


def checkpoints(lines: list[str]) -> list[Checkpoint]:
    from ..document.numbering import chinese_to_int

    found = []
    for number, line in enumerate(lines, 1):
        m = _CHECKPOINT.match(line)
        if m is None:
            continue
        ref = _PHASE_REF.search(m["text"])
        phase = None
        if ref:
            value = chinese_to_int(ref.group(1)) if ref.group(1) else int(ref.group(2))
            phase = str(value) if value is not None else None
        week = next(int(w) for w in m.groups()[: len(_WEEK_PHRASES)] if w is not None)
        found.append(Checkpoint(number, week, phase, m["text"].strip()))
    return found


def forecast(
    done_days: list[str], remaining: int, today: dt.date, weeks: int = 4
) -> tuple[float, str | None]:
    """(tasks done per week over the last ``weeks``, the day the rest will be done at that pace)."""
    since = today - dt.timedelta(weeks=weeks)
    recent = sum(1 for d in done_days if since < dt.date.fromisoformat(d) <= today)
    pace = recent / weeks
    if remaining == 0:
        return pace, today.isoformat()
    if pace == 0:
        return pace, None
    return pace, (today + dt.timedelta(days=math.ceil(remaining / pace * 7))).isoformat()


class DatedCheckpoint(NamedTuple):
    """A checkpoint with its day (start plus its weeks) held against its phase's due date."""

    line: int
    week: int
    phase: str | None
    text: str
    #: ISO day of the checkpoint; None without a start.
    date: str | None
    #: ISO due date of the phase it names; None when it names none or that phase is undated.
    phase_due: str | None
    #: Whether the checkpoint falls on or after its phase's due date; None when either is unknown.
    agrees: bool | None


@dataclass(frozen=True, slots=True)
class Schedule:
    """Per phase its due date and status, and the plan's start, forecast and checkpoints."""

    #: Per phase, its ISO due date (None where unknown).
    due: list[str | None]
    #: Per phase, its status (None where it has no due date).
    status: list[PhaseStatus | None]
    start: str | None = None
    pace_per_week: float = 0.0
    #: ISO day the open tasks will be done at the recent pace; None at no pace.
    finish: str | None = None
    checkpoints: list[DatedCheckpoint] = field(default_factory=list)
    #: Why the schedule has no start although its phases have spans (a shallow clone).
    note: str | None = None

    @property
    def days_behind(self) -> int:
        """How late the latest unfinished phase is, in days (0 when none is behind)."""
        return max((s.days_late for s in self.status if s is not None), default=0)


def current_status(plan: Plan, schedule: Schedule) -> PhaseStatus | None:
    """The status of the plan's current phase (its last phase once all are done), None when
    that phase has no due date."""
    if not plan.phases:
        return None
    current = plan.current_phase
    return schedule.status[plan.phases.index(current) if current is not None else len(plan.phases) - 1]


def schedule_of(plan: Plan, dater: TaskDater, today: str, start: str | None = None) -> Schedule:
    """Due dates from the plan's start and phase spans, status against completions and today,
    a forecast from the pace of the last four weeks, and the plan's own checkpoints.

    The start is the front matter's, else ``start`` (the configured one), else the day the
    plan was first committed when history may be read.
    """
    day = dt.date.fromisoformat(today)
    begin, note = start_date(plan, start), None
    if begin is None:
        begin, note = _first_commit(dater)
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
    marks = _dated_checkpoints(dater.lines.lines(), begin, by_number)
    if not marks and not any(phase_span(p.heading.title) for p in plan.phases):
        note = None  # nothing here is scheduled: an unknown start changes nothing shown
    return Schedule(
        [d.isoformat() if d else None for d in dues], statuses, begin.isoformat() if begin else None,
        pace, finish, marks, note,
    )  # fmt: skip


def _dated_checkpoints(
    lines: list[str], begin: dt.date | None, due_by_number: dict[str | None, dt.date | None]
) -> list[DatedCheckpoint]:
    marks = []
    for mark in checkpoints(lines):
        when = begin + dt.timedelta(weeks=mark.week) if begin else None
        due = due_by_number.get(mark.phase) if mark.phase else None
        marks.append(DatedCheckpoint(
            mark.line, mark.week, mark.phase, mark.text, when.isoformat() if when else None,
            due.isoformat() if due else None, (when >= due) if when and due else None,
        ))  # fmt: skip
    return marks


def _first_commit(dater: TaskDater) -> tuple[dt.date | None, str | None]:
    """The day the plan was first committed, when history may be read; or why it is unknown."""
    day, note = dater.first_commit()
    return (dt.date.fromisoformat(day) if day else None), note
