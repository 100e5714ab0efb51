"""Region bodies from a Plan: pure functions, no clock, no git, no I/O."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Plan, Region
from .progress import render_progress
from .summary import render_summary

_RENDERERS: dict[str, Callable[[Plan, Region, str], list[str]]] = {
    "summary": lambda plan, region, lang: render_summary(plan, lang),
    "progress": lambda plan, region, lang: render_progress(plan, lang, region.option("depth") or "phases"),
}


def render_body(plan: Plan, region: Region, eol: str) -> str:
    """The complete body of ``region``: a blank line, the content, a blank line, in ``eol``.

    The blank lines keep the markers separate HTML blocks and make the body a fixed point
    of mdformat and prettier, which both insert them.
    """
    lang = region.option("lang") or plan.lang
    lines = _RENDERERS[region.name](plan, region, lang)
    return eol + eol.join(lines) + eol + eol
