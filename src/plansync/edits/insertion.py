"""``plansync init``: add empty summary and progress regions at a sensible place in a plan."""

from __future__ import annotations

import re

from ..document.text import Text
from ..errors import PlansyncError, Problem
from ..model import Heading, Plan

_STATUS_HEADING = re.compile(r"进度|状态|progress|status", re.IGNORECASE)
REGIONS = ("summary", "progress")


def choose_heading(plan: Plan, under: str | None) -> Heading | None:
    """The heading to put regions under: ``under`` if given (must exist), else a progress/status one."""
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
