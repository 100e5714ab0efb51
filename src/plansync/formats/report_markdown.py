"""``report --format markdown``: what a CI job page or a pull request comment shows.

Built from the region renderers (summary, progress table, chart) so the report and the
regions never disagree, plus the latest milestones. Under GitHub Actions the same text is
appended to ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..model import Plan, total_counts
from ..regions.chart import render_chart
from ..regions.escape import neutralize, table_cell
from ..regions.figures import bar, fraction, percent_text
from ..regions.labels import label
from ..regions.milestones import completions
from ..regions.progress import render_progress
from ..regions.summary import render_summary
from ..regions.table import render_table

if TYPE_CHECKING:
    from .report_input import PlanReport

RECENT = 5


def markdown_report(plans: Sequence[PlanReport], color: bool) -> str:
    """The whole report: with several plans an aggregate table first, then one section per plan."""
    sections = [_file_section(r.path, r.plan, r.dater.completed_on) for r in plans]
    if len(plans) > 1:
        sections.insert(0, _aggregate(plans))
    return "\n".join(sections)


def _aggregate(plans: Sequence[PlanReport]) -> str:
    lang = plans[0].plan.lang
    total = total_counts(r.plan.counts for r in plans)
    rows = [
        [table_cell(r.path), bar(r.plan.counts), fraction(r.plan.counts), percent_text(r.plan.counts)]
        for r in plans
    ]
    rows.append([f"**{label(lang, 'total')}**", bar(total), fraction(total), percent_text(total)])
    header = [label(lang, "plan"), label(lang, "progress"), label(lang, "count"), label(lang, "percent")]
    return "\n".join([f"## {label(lang, 'all_plans')}", "", *render_table(header, rows), ""])


def _file_section(path: str, plan: Plan, completed_on: Callable[[Sequence[int]], str | None]) -> str:
    lang = plan.lang
    title = neutralize(plan.title or path)
    lines = [f"## {title}", "", f"`{path}`", ""]
    for block in (render_summary(plan, lang), render_progress(plan, lang), render_chart(plan, lang)):
        lines += [*block, ""]
    recent = _recent_milestones(plan, completed_on)
    if recent:
        lines += [f"**{label(lang, 'recent')}**", "", *recent, ""]
    return "\n".join(lines)


def _recent_milestones(plan: Plan, completed_on: Callable[[Sequence[int]], str | None]) -> list[str]:
    dated = [(completed_on(c.tasks), c) for c in completions(plan)]
    known = sorted(((day, c) for day, c in dated if day), key=lambda pair: pair[0])
    return [f"- {day} — {neutralize(c.heading.title)}" for day, c in known[-RECENT:]]
