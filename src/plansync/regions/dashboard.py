"""The ``dashboard`` region: one table row per plan a ``files=GLOB`` matches, for a repository of many plans.

The plans come in through ``RenderRequest.listed`` (the file-level layer globs and parses them,
``workspace.sources.plans_loader``): this module reads no file, clock or git, so ``check`` and
``sync`` draw the same table from the same files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from ..model import Counts, Plan, total_counts
from .escape import table_cell
from .figures import bar, fraction, heading_title, percent_text
from .labels import label
from .table import render_table

if TYPE_CHECKING:
    from .render import Listed, RenderRequest

#: An empty cell: mdformat and prettier differ on padding a cell with nothing in it.
EMPTY = "—"


def render_dashboard(listed: list[Listed] | tuple[Listed, ...], lang: str) -> list[str]:
    """A table of the plans (already sorted by path) with a total row; a sentence when none matches."""
    if not listed:
        return [label(lang, "no_plans")]
    rows = [_row(entry, lang) for entry in listed]
    total = total_counts(entry.plan.counts for entry in listed)
    rows.append([f"**{label(lang, 'total')}**", *_figures(total), EMPTY, EMPTY, EMPTY])
    header = [
        label(lang, key)
        for key in ("plan", "progress", "count", "percent", "current_phase", "last_activity", "schedule")
    ]
    return render_table(header, rows)


def _figures(counts: Counts) -> list[str]:
    return [bar(counts), fraction(counts), percent_text(counts)]


def _row(entry: Listed, lang: str) -> list[str]:
    plan = entry.plan
    title = plan.title or entry.path.rsplit("/", 1)[-1]
    # Percent-encoded, a path with spaces, parentheses or "|" stays one link in one cell.
    link = f"[{table_cell(title)}]({quote(entry.path, safe='/._-~')})"
    status = label(lang, "status_" + entry.status.replace(" ", "_")) if entry.status else EMPTY
    return [link, *_figures(plan.counts), _phase(entry, lang), entry.last or EMPTY, status]


def _phase(entry: Listed, lang: str) -> str:
    plan = entry.plan
    if not plan.phases:
        return label(lang, "no_phases")
    phase = plan.current_phase
    if phase is None:
        return label(lang, "all_done")
    return table_cell(heading_title(phase.heading, lang))


def render(plan: Plan, request: RenderRequest) -> list[str]:
    # The host plan itself is not listed (a dashboard summarises other files).
    return render_dashboard(tuple(request.listed), request.lang)
