"""A region's body from a Plan: pure, no clock, no git, no I/O."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from typing import NamedTuple, TypeAlias

from ..model import Plan, Region
from .kinds import KINDS

#: Given the indices of a finished group's tasks, the day it was completed (None if unknown).
CompletedOn: TypeAlias = Callable[[Sequence[int]], str | None]


class Listed(NamedTuple):
    """One plan a ``dashboard`` region lists, read by the file-level layer (the renderer reads no file)."""

    #: The plan's path relative to the file holding the region, with ``/`` separators.
    path: str
    plan: Plan
    #: The newest date the plan records (✅ stamps, its milestones region); None without one.
    last: str | None
    #: Where its schedule stands (a ``dates.schedule.StatusKind`` value); None without a schedule.
    status: str | None


class RenderRequest(NamedTuple):
    """What a kind's renderer may look at besides the plan."""

    region: Region
    lang: str
    #: The region's current body (the milestones region reads its recorded dates from it).
    current_body: str = ""
    #: Dates for completions not recorded yet; None in ``check``, which never reads history.
    completed_on: CompletedOn | None = None
    #: Date again the milestones recorded as undated (``sync --backfill``).
    backfill: bool = False
    #: The plans a ``dashboard`` region lists, sorted by path.
    listed: Sequence[Listed] = ()


def render_lines(plan: Plan, request: RenderRequest) -> list[str]:
    """The content lines of a body, in the default layout. Each kind's renderer is imported
    only when a region of that kind needs it."""
    renderer = import_module(f"{__package__}.{KINDS[request.region.name].renderer}")
    lines: list[str] = renderer.render(plan, request)
    return lines


def body_text(lines: list[str], eol: str) -> str:
    """The complete body: a blank line, the content, a blank line, in ``eol``.

    The blank lines keep the markers separate HTML blocks and make the body a fixed point
    of mdformat and prettier, which both insert them.
    """
    return eol + eol.join(lines) + eol + eol


def region_lang(region: Region, host_lang: str, subject_lang: str) -> str:
    """Labels follow the marker's ``lang=``, else the file they are written into (a README
    summarising another plan), else the plan summarised."""
    return region.option("lang") or host_lang or subject_lang
