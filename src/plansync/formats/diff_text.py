"""``diff --format text`` for a terminal and ``diff --format github`` for a workflow log.

The text lists every task the change moved, with its line in the new version (the old one for
a removed task); the GitHub notices say per plan what it went from and to.
"""

from __future__ import annotations

from ..delta.compare import Comparison, PlanChange
from ..model import Plan
from .diff_words import comparison_lang, figures, group_name, lang_of, schedule_moved, side_counts, word
from .github import escape_data, escape_property
from .terminal import shown

#: Each task list's mark in the terminal: ticked, unticked, added, removed.
_MARKS = {"ticked": "✓", "unticked": "○", "added": "+", "removed": "-"}


def text_diff(comparison: Comparison, color: bool) -> str:
    if not comparison.files:
        return word(comparison_lang(comparison), "nothing") + "\n"
    blocks = ["\n".join(_plan_lines(change, color)) + "\n" for change in comparison.files]
    return "\n".join(blocks)


def _plan_lines(change: PlanChange, color: bool) -> list[str]:
    lang = lang_of(change)
    name = shown(change.path)
    if change.old_path:
        name += f" ({word(lang, 'renamed', old=shown(change.old_path))})"
    if color:
        name = f"\x1b[1m{name}\x1b[0m"
    lines = [f"{name}: {_moved(change)}"]
    if change.schedule_before or change.schedule_after:
        lines.append(f"  {word(lang, 'schedule')}: {schedule_moved(change)}")
    for key in ("completed", "reopened"):
        for group in getattr(change, key):
            lines.append(f"  {word(lang, key)}: {shown(group_name(group, lang))}")
    lists = (
        ("ticked", change.after, change.ticked),
        ("unticked", change.after, change.unticked),
        ("added", change.after, change.added),
        ("removed", change.before, change.removed),
    )
    for key, plan, indices in lists:
        if plan is not None:
            lines += [f"  {_MARKS[key]} {_task_line(plan, i)}" for i in indices]
    return lines


def _moved(change: PlanChange) -> str:
    return f"{figures(side_counts(change.before))} → {figures(side_counts(change.after))}"


def _task_line(plan: Plan, index: int) -> str:
    task = plan.tasks[index]
    section = plan.section_of(task)
    where = f"{task.line}" + (f", {section}" if section else "")
    return f"{shown(task.text)} ({where})"


def github_diff(comparison: Comparison, color: bool) -> str:
    """One ``::notice`` per plan: its counts before and after, the groups it completed."""
    lines = []
    for change in comparison.files:
        lang = lang_of(change)
        message = f"{change.path}: {_moved(change)}"
        if change.completed:
            names = ", ".join(group_name(g, lang) for g in change.completed)
            message += f"; {word(lang, 'completed')}: {names}"
        if change.ticked:
            message += f"; {word(lang, 'ticked')}: {len(change.ticked)}"
        props = f"file={escape_property(change.path)},title=plansync diff"
        lines.append(f"::notice {props}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)
