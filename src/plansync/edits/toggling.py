"""Ticking and unticking a task by hand (the editor's "toggle task"): the box's state, and the
✅ stamp when the plan keeps stamps (``stamp=done``), change; nothing else in the line does."""

from __future__ import annotations

import re

from ..document.stamps import add_stamp, has_stamp_at_end, strip_stamp
from ..model import TaskState

# The first box of a list item's line, after any quote marks: "- [ ]", "  1. [/]", "> * [x]".
_BOX = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[(?P<state>[^\]])\]")


def toggled(line: str, state: TaskState, stamping: bool, today: str) -> str | None:
    """The task line with its box ticked (any state but done) or unticked (done); with
    ``stamping``, a stamp dated ``today`` added to a ticked task and removed from an unticked
    one. None when the line holds no box (the plan changed under the caller)."""
    box = _BOX.match(line)
    if box is None:
        return None
    done = state is TaskState.DONE
    at = box.start("state")
    line = f"{line[:at]}{' ' if done else 'x'}{line[at + 1 :]}"
    if stamping and done:
        return strip_stamp(line)
    if stamping and not has_stamp_at_end(line):
        return add_stamp(line, today)
    return line
