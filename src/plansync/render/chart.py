"""The ``chart`` region: Mermaid charts GitHub renders in the file itself.

A ``pie`` of task states, and -- when tasks carry ✅ stamps, which are data in the document --
an ``xychart-beta`` burn-up of tasks done per week against the total. Only recorded dates are
used, never git history, so ``check`` in CI renders exactly what ``sync`` wrote.
"""

from __future__ import annotations

import datetime as dt

from ..dating import stamp_of
from ..model import Plan, TaskState
from .labels import label


def render_chart(plan: Plan, lang: str) -> list[str]:
    c = plan.counts
    slices = [("done", c.done), ("doing", c.doing), ("open", c.open), ("cancelled", c.cancelled)]
    slices = [(key, n) for key, n in slices if n]
    if not slices:
        return [label(lang, "no_tasks")]
    lines = ["```mermaid", f"pie title {label(lang, 'chart_states')}"]
    lines += [f'    "{label(lang, "state_" + key)}" : {n}' for key, n in slices]
    lines.append("```")
    return lines + burn_up(plan, lang)


def _week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def burn_up(plan: Plan, lang: str) -> list[str]:
    """Done tasks per week (Monday) against the total, from ✅ stamps; nothing without two weeks."""
    days = []
    for task in plan.tasks:
        stamped = stamp_of(task.text) if task.state is TaskState.DONE else None
        if stamped:
            try:
                days.append(dt.date.fromisoformat(stamped))
            except ValueError:
                continue
    if not days:
        return []
    first, last = _week(min(days)), _week(max(days))
    weeks = [first + dt.timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]
    if len(weeks) < 2:
        return []
    done = [sum(1 for d in days if _week(d) <= w) for w in weeks]
    total = plan.counts.total
    axis = ", ".join(f'"{w.isoformat()}"' for w in weeks)
    return [
        "",
        "```mermaid",
        "xychart-beta",
        f'    title "{label(lang, "chart_burnup")}"',
        f"    x-axis [{axis}]",
        f'    y-axis "{label(lang, "chart_tasks")}" 0 --> {max(total, 1)}',
        f"    line [{', '.join(map(str, done))}]",
        f"    line [{', '.join([str(total)] * len(weeks))}]",
        "```",
    ]
