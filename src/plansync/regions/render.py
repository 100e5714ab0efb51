"""Region bodies from a Plan: pure functions, no clock, no git, no I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..model import Plan, Region

if TYPE_CHECKING:
    from .milestones import CompletedOn


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


def _lines(plan: Plan, r: RenderInput) -> list[str]:
    """The region's content lines; each kind's renderer is imported only when a region needs it."""
    if r.region.name == "summary":
        from .summary import render_summary

        return render_summary(plan, r.lang)
    if r.region.name == "progress":
        from .progress import render_progress

        return render_progress(plan, r.lang, r.region.option("depth") or "phases")
    if r.region.name == "milestones":
        from .milestones import render_milestones

        return render_milestones(plan, r.lang, r.current_body, r.completed_on, r.refill)
    from .chart import render_chart

    return render_chart(plan, r.lang)


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
    lines = _lines(plan, RenderInput(region, lang, current_body, completed_on, refill))
    return eol + eol.join(lines) + eol + eol
