"""Optional per-task ``✅ YYYY-MM-DD`` stamps (the Obsidian Tasks convention).

Turned on per file by ``stamp=done`` on any plansync marker. A done task without a stamp
gets one at the end of its first line; a task that is no longer done loses its stamp.
Nothing else in the line changes -- trailing blanks (a hard line break) stay after the stamp.
These are the only edits plansync makes outside regions, and only when asked to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ..document.text import line_starts
from ..model import Plan, TaskState

_STAMP_AT_END = re.compile(r"(?<![ \t])[ \t]*✅[ \t]*\d{4}-\d{2}-\d{2}(?=[ \t]*$)")
_TRAILING = re.compile(r"(?<![ \t])[ \t]*$")
_EOL = re.compile(r"\r\n|\r|\n")


def stamping_enabled(plan: Plan) -> bool:
    return any(region.option("stamp") == "done" for region in plan.regions)


def strip_stamp(line: str) -> str:
    """The line without a trailing ``✅ date`` stamp."""
    return _STAMP_AT_END.sub("", line, count=1)


def stamp_edits(text: str, plan: Plan, tick_date: Callable[[int], str | None]) -> dict[int, str]:
    """New contents (without line ending) of the task lines whose stamp must be added or removed."""
    starts = line_starts(text)
    edits: dict[int, str] = {}
    for index, task in enumerate(plan.tasks):
        raw = text[starts[task.line - 1] : starts[task.line]]
        line = _EOL.sub("", raw)
        stamped = _STAMP_AT_END.search(line) is not None
        if task.state is TaskState.DONE and not stamped:
            day = tick_date(index)
            if day is not None:
                cut = _TRAILING.search(line)
                end = cut.start() if cut else len(line)
                edits[task.line] = f"{line[:end]} ✅ {day}{line[end:]}"
        elif task.state is not TaskState.DONE and stamped:
            edits[task.line] = strip_stamp(line)
    return edits


def apply_line_edits(text: str, edits: Mapping[int, str]) -> str:
    """``text`` with the given 1-based lines replaced, each keeping its own line ending."""
    if not edits:
        return text
    starts = line_starts(text)
    pieces: list[str] = []
    cursor = 0
    for number in sorted(edits):
        lo, hi = starts[number - 1], starts[number]
        eol = _EOL.search(text, lo, hi)
        pieces += [text[cursor:lo], edits[number], eol.group() if eol else ""]
        cursor = hi
    pieces.append(text[cursor:])
    return "".join(pieces)
