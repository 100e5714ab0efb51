"""``plansync init``: add empty summary and progress regions at a sensible place in a plan."""

from __future__ import annotations

import re

from ..document.text import Text
from ..errors import PlansyncError, Problem
from ..model import Heading, Plan

# Latin words match whole ("Progress log", not "Progressive Web App"); Chinese, Japanese and
# Korean words match anywhere in the title ("学习进度跟踪", "進捗状況"): CJK has no spaces to
# tell a word by. Anything but a letter or a digit bounds a word ("in-progress", "status_2").
_STATUS_HEADING = re.compile(
    r"(?<![^\W_])(?:progress|status)(?![^\W_])|进度|進度|状态|狀態|進捗|状況|진행|상태", re.IGNORECASE
)
REGIONS = ("summary", "progress")


def choose_heading(plan: Plan, under: str | None) -> Heading | None:
    """The heading to put regions under: the first whose title contains ``under`` if given (one
    must), else the first named for progress or status (see ``_STATUS_HEADING``), else None."""
    if under is not None:
        wanted = under.strip().lstrip("#").strip().casefold()
        for heading in plan.headings:
            if wanted in heading.title.casefold():
                return heading
        raise PlansyncError(Problem(f"no heading matches '{under}'"))
    return next((h for h in plan.headings if _STATUS_HEADING.search(h.title)), None)


def insert_regions(lines: Text, plan: Plan, under: str | None, eol: str) -> tuple[str, int]:
    """The text with empty regions inserted, and the 1-based line of the first new marker."""
    heading = choose_heading(plan, under)
    block = [eol.join(f"<!-- plansync:{edge} {name} -->" for edge in ("begin", "end")) for name in REGIONS]
    body = (eol + eol).join(block) + eol
    text, starts = lines.value, lines.starts
    if heading is None:
        prefix = text if not text or text.endswith(("\n", "\r")) else text + eol
        if prefix.strip():
            prefix += eol if not prefix.endswith(eol + eol) else ""
        first = Text(prefix).line_count + 1 if prefix else 1
        return prefix + body, first
    cut = starts[heading.end_line] if heading.end_line < len(starts) else len(text)
    head = text[:cut] if text[:cut].endswith(("\n", "\r")) else text[:cut] + eol
    rest = text[cut:]
    tail = eol if rest.strip() and not rest.startswith(("\n", "\r")) else ""
    return head + eol + body + tail + rest, heading.end_line + 2
