"""Making copied plan text safe to write into a region, and formatting shared figures."""

from __future__ import annotations

import re

from ..model import Counts, Plan, Task
from ..numbering import leading_number

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
BAR_WIDTH = 10


def neutralize(text: str) -> str:
    """Plan text fit for a region: it can never open, close or forge an HTML comment marker.

    ``<!--`` and ``-->`` become entities (they render the same), control characters go.
    """
    text = _CONTROL.sub("", text)
    return text.replace("<!--", "&lt;!--").replace("-->", "--&gt;").strip()


def table_cell(text: str) -> str:
    """Plan text fit for a GFM table cell: also escapes the column separator."""
    return re.sub(r"(?<!\\)\|", r"\\|", neutralize(text))


def percent_text(counts: Counts) -> str:
    """``"8.3%"``, ``"100%"``, or ``"—"`` when nothing counts."""
    tenths = counts.percent_tenths
    if tenths is None:
        return "—"
    whole, frac = divmod(tenths, 10)
    return f"{whole}%" if frac == 0 else f"{whole}.{frac}%"


def bar(counts: Counts, width: int = BAR_WIDTH) -> str:
    """A text progress bar; it is full only when everything is done."""
    filled = counts.done * width // counts.total if counts.total else 0
    return "█" * filled + "░" * (width - filled)


def fraction(counts: Counts) -> str:
    return f"{counts.done}/{counts.total}"


def holder_name(plan: Plan, task: Task) -> str | None:
    """How people name the heading holding ``task``: ``"1.2"`` when its title starts with that
    number, else the title (``"Q2: Reliability"`` rather than a bare ``"2"``)."""
    if task.heading is None:
        return None
    title = plan.headings[task.heading].title
    return leading_number(title) or title
