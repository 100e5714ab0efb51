"""The ``progress`` region: a table with a text bar per phase, or per section with ``depth=sections``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Counts, Plan
from .escape import neutralize, table_cell
from .figures import bar, fraction, heading_title, percent_text
from .labels import label
from .table import render_table

if TYPE_CHECKING:
    from .render import RenderRequest


def _row(title: str, counts: Counts) -> list[str]:
    return [title, bar(counts), fraction(counts), percent_text(counts)]


def _header(lang: str, first: str) -> list[str]:
    return [label(lang, first), label(lang, "progress"), label(lang, "count"), label(lang, "percent")]


def _total_row(lang: str, counts: Counts) -> list[str]:
    return _row(f"**{label(lang, 'total')}**", counts)


def render_progress(plan: Plan, lang: str, depth: str = "phases") -> list[str]:
    if depth == "sections" and plan.phases:
        return _by_section(plan, lang)
    rows = [_row(table_cell(heading_title(p.heading, lang)), p.counts) for p in plan.phases]
    return render_table(_header(lang, "phase"), [*rows, _total_row(lang, plan.counts)])


def _by_section(plan: Plan, lang: str) -> list[str]:
    lines: list[str] = []
    for phase in plan.phases:
        rows: Sequence[list[str]] = [
            _row(table_cell(heading_title(s.heading, lang)), s.counts) for s in phase.sections
        ]
        title = neutralize(heading_title(phase.heading, lang))
        lines += [f"**{title}**", ""]  # a paragraph, not a table cell
        lines += render_table(_header(lang, "section"), [*rows, _total_row(lang, phase.counts)])
        lines.append("")
    lines += render_table(_header(lang, "phase"), [_total_row(lang, plan.counts)])
    return lines


def render(plan: Plan, request: RenderRequest) -> list[str]:
    return render_progress(plan, request.lang, request.region.option("depth") or "phases")
