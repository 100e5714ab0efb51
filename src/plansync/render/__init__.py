"""Region bodies from a Plan: pure functions, no clock, no git, no I/O."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..model import Plan, Region
from .chart import render_chart
from .milestones import CompletedOn, render_milestones
from .progress import render_progress
from .summary import render_summary


class RenderInput(NamedTuple):
    """What a renderer may look at besides the plan."""

    region: Region
    lang: str
    #: The region's current body (the milestones region reads its recorded dates from it).
    current_body: str
    #: Dates for completions not recorded yet; None in ``check``, which never reads history.
    completed_on: CompletedOn | None = None
    #: Re-date milestones recorded as undated (``sync --backfill``).
    refill: bool = False


_RENDERERS: dict[str, Callable[[Plan, RenderInput], list[str]]] = {
    "summary": lambda plan, r: render_summary(plan, r.lang),
    "progress": lambda plan, r: render_progress(plan, r.lang, r.region.option("depth") or "phases"),
    "milestones": lambda plan, r: render_milestones(plan, r.lang, r.current_body, r.completed_on, r.refill),
    "chart": lambda plan, r: render_chart(plan, r.lang),
}


def render_body(
    plan: Plan,
    region: Region,
    eol: str,
    current_body: str = "",
    completed_on: CompletedOn | None = None,
    refill: bool = False,
    host_lang: str | None = None,
) -> str:
    """The complete body of ``region``: a blank line, the content, a blank line, in ``eol``.

    The blank lines keep the markers separate HTML blocks and make the body a fixed point
    of mdformat and prettier, which both insert them.
    """
    # Labels follow the file they are written into (a README summarising another plan).
    lang = region.option("lang") or host_lang or plan.lang
    lines = _RENDERERS[region.name](plan, RenderInput(region, lang, current_body, completed_on, refill))
    return eol + eol.join(lines) + eol + eol
