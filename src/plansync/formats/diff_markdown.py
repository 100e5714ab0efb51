"""``diff --format markdown``: a compact pull-request comment about the plans a change moved.

A table of the plans, before and after; then per plan the sections and phases it completed and
the tasks it ticked, capped so a large change still makes a short comment.
"""

from __future__ import annotations

from ..delta.compare import Comparison, PlanChange
from ..model import Plan
from ..regions.escape import neutralize, table_cell
from ..regions.table import render_table
from .diff_words import (
    capped,
    comparison_lang,
    figures,
    group_name,
    lang_of,
    schedule_moved,
    side_counts,
    word,
)

#: Ticked tasks listed per plan before "and N more".
TICKED_LIMIT = 10
#: Other task lists (unticked, added, removed) are shorter: they are the rarer news.
OTHER_LIMIT = 5


def markdown_diff(comparison: Comparison, color: bool) -> str:
    lang = comparison_lang(comparison)
    lines = [f"### {word(lang, 'heading')}", ""]
    if not comparison.files:
        return "\n".join([*lines, word(lang, "nothing"), ""])
    header = [word(lang, "plan"), word(lang, "before"), word(lang, "after")]
    rows = [
        [table_cell(f"`{c.path}`"), figures(side_counts(c.before)), figures(side_counts(c.after))]
        for c in comparison.files
    ]
    lines += [*render_table(header, rows), ""]
    for change in comparison.files:
        lines += _plan_lines(change)
    return "\n".join(lines)


def _plan_lines(change: PlanChange) -> list[str]:
    lang = lang_of(change)
    title = f"`{change.path}`"
    if change.old_path:
        title += f" ({word(lang, 'renamed', old=f'`{change.old_path}`')})"
    lines = [f"#### {neutralize(title)}", ""]
    if change.schedule_before or change.schedule_after:
        lines += [f"**{word(lang, 'schedule')}**: {schedule_moved(change)}", ""]
    for key in ("completed", "reopened"):
        groups = getattr(change, key)
        if groups:
            mark = "✅" if key == "completed" else "↩️"
            items = [f"- {mark} {neutralize(group_name(g, lang))}" for g in groups]
            lines += [f"**{word(lang, key)}**", "", *items, ""]
    lists = (
        ("ticked", change.after, change.ticked, TICKED_LIMIT),
        ("unticked", change.after, change.unticked, OTHER_LIMIT),
        ("added", change.after, change.added, OTHER_LIMIT),
        ("removed", change.before, change.removed, OTHER_LIMIT),
    )
    for key, plan, indices, limit in lists:
        if indices and plan is not None:
            items = capped([_task_item(plan, i) for i in indices], limit, lang)
            lines += [f"**{word(lang, key)}** ({len(indices)})", "", *(f"- {item}" for item in items), ""]
    return lines


def _task_item(plan: Plan, index: int) -> str:
    task = plan.tasks[index]
    section = plan.section_of(task)
    return neutralize(task.text) + (f" ({neutralize(section)})" if section else "")
