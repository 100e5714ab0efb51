"""Schedules read from the plan: a start date, phase durations in headings, due dates.

``（1-2周）``, ``(1-2 weeks)``, ``(3 days)``, ``（2个月）`` are durations: a phase is due its
upper bound after the previous one. ``(weeks 3-4)``, ``（第3-4周）`` are absolute weeks counted
from the start. The start comes from front matter ``start: YYYY-MM-DD`` (or the configuration).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from ..model import Plan

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


def status(due: dt.date | None, done_on: str | None, finished: bool, today: dt.date) -> str | None:
    """``done on time``, ``done late``, ``on track`` or ``behind by N days``; None without a due date."""
    if due is None:
        return None
    if finished:
        if done_on is None:
            return "done"
        return "done on time" if dt.date.fromisoformat(done_on) <= due else "done late"
    late = (today - due).days
    if late <= 0:
        return "on track"
    return f"behind by {late} day{'s' if late != 1 else ''}"


_CHECKPOINT = re.compile(
    r"^\s*[-*+]\s+(?:\*\*)?(?:第\s*(?P<zh>\d+)\s*周|week\s+(?P<en>\d+))(?:\*\*)?\s*(?:\*\*)?[：:]\s*(?P<text>.*)$",
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
        found.append(Checkpoint(number, int(m["zh"] or m["en"]), phase, m["text"].strip()))
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
