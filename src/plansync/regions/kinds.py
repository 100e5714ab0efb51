"""The shape of every line plansync writes into a region, to tell its own text from a person's.

A region body holding any other line was edited by hand: ``check`` reports it (PS502), and
``sync``, which owns the body, replaces it but prints what it held, so no one's notes vanish
without a trace.
"""

from __future__ import annotations

import re

from ..model import Region

#: What to do about a region edited by hand (PS502).
HAND_EDIT_ADVICE = "was edited by hand; keep notes outside the markers: `plansync sync` replaces the body"

# The lines each kind of region is made of (after its blank first line).
_GENERATED = {
    "summary": re.compile(r"^(?:- \*\*|  - )"),
    "progress": re.compile(r"^(?:\| |\*\*)"),
    "chart": re.compile(r"^(?:```|    |pie |xychart-beta$|No tasks yet\.$|尚无任务。$)"),
    "milestones": re.compile(
        r"^(?:- (?:\d{4}-\d{2}-\d{2}|undated|日期未知) — |No section completed yet\.$|尚无完成的小节。$)"
    ),
}


def edited_by_hand(region: Region, body: str) -> bool:
    """Whether a body holds lines plansync never writes (as opposed to merely old figures)."""
    shape = _GENERATED[region.name]
    return any(line.strip() and not shape.match(line) for line in re.split(r"\r\n|\r|\n", body))
