"""Optional per-task ``✅ YYYY-MM-DD`` stamps (the Obsidian Tasks convention).

Turned on per file by ``stamp=done`` on any plansync marker. A done task without a stamp
gets one at the end of its first line; a task that is no longer done loses its stamp.
Nothing else in the line changes -- trailing blanks (a hard line break) stay after the stamp.
These are the only edits plansync makes outside regions, and only when asked to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..document.stamps import add_stamp, has_stamp_at_end, strip_stamp
from ..document.text import Text
from ..model import Plan, Region, TaskState


def stamping_enabled(plan: Plan) -> bool:
    return stamps_asked(plan.regions)


def stamps_asked(regions: Sequence[Region]) -> bool:
    """Whether any of the regions asks for stamps (``stamp=done``)."""
    return any(region.option("stamp") == "done" for region in regions)


def stamp_edits(text: Text, plan: Plan, tick_date: Callable[[int], str | None]) -> dict[int, str]:
    """New contents (without line ending) of the task lines whose stamp must be added or removed."""
    edits: dict[int, str] = {}
    for index, task in enumerate(plan.tasks):
        line = text.content(task.line)
        stamped = has_stamp_at_end(line)
        if task.state is TaskState.DONE and not stamped:
            day = tick_date(index)
            if day is not None:
                edits[task.line] = add_stamp(line, day)
        elif task.state is not TaskState.DONE and stamped:
            edits[task.line] = strip_stamp(line)
    return edits
