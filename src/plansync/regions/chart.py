"""The ``chart`` region: Mermaid charts GitHub renders in the file itself.

A ``pie`` of task states, and -- when tasks carry ✅ stamps, which are data in the document --
an ``xychart-beta`` burn-up of tasks done per week against the total. Only recorded dates are
used, never git history, so ``check`` in CI renders exactly what ``sync`` wrote.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING

from ..document.stamps import stamp_date
from ..model import Plan, TaskState
from .labels import label

if TYPE_CHECKING:
    from .render import RenderRequest

#: At most this many points on the burn-up's time axis.
MAX_POINTS = 53
#: The burn-up's two lines, done then total: GitHub's own green and grey, which read on its
#: light and dark themes alike (Mermaid's default palette is pale on the dark one). The title
#: names the colours, since an xychart has no legend.
PALETTE = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#2da44e, #8c959f"}}}}%%'


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
    """Tasks done so far, week by week (Mondays), against the total, from ✅ stamps: a
    cumulative burn-up; nothing without two weeks.

    A long plan (or a stamp with a mistyped year) would make one point per week unreadable and
    huge; past ``MAX_POINTS`` weeks, each point covers several weeks.
    """
    days = []
    for task in plan.tasks:
        stamped = stamp_date(task.stamp) if task.state is TaskState.DONE else None
        if stamped:
            try:
                days.append(_week(dt.date.fromisoformat(stamped)))
            except ValueError:
                continue
    if not days:
        return []
    days.sort()
    first, last = days[0], days[-1]
    span = (last - first).days // 7
    if span < 1:
        return []
    step = -(-span // (MAX_POINTS - 1))  # weeks per point, rounded up
    # The last point is the last stamp's week itself (a step past it could pass year 9999).
    points = [first + dt.timedelta(weeks=step * n) for n in range(-(-span // step))] + [last]
    done = [bisect.bisect_right(days, point) for point in points]
    total = plan.counts.total
    axis = ", ".join(f'"{point.isoformat()}"' for point in points)
    title = label(lang, "chart_burnup") if step == 1 else label(lang, "chart_burnup_every", weeks=step)
    return [
        "",
        "```mermaid",
        PALETTE,
        "xychart-beta",
        f'    title "{title}"',
        f"    x-axis [{axis}]",
        f'    y-axis "{label(lang, "chart_tasks")}" 0 --> {max(total, 1)}',
        f"    line [{', '.join(map(str, done))}]",
        f"    line [{', '.join([str(total)] * len(points))}]",
        "```",
    ]


def render(plan: Plan, request: RenderRequest) -> list[str]:
    return render_chart(plan, request.lang)
