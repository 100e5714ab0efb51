"""The figures every output shares: percent, fraction, bar, display width, a task's holder."""

from __future__ import annotations

from ..model import Counts, Heading, Plan, Task
from .labels import label

BAR_WIDTH = 10


def display_width(text: str) -> int:
    """Columns a terminal or a formatter gives ``text``: wide CJK and emoji count two."""
    if text.isascii():  # printable ASCII is one column a character (and wcwidth costs an import)
        return len(text)
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)


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
    """How a list of tasks names the heading holding ``task``: its whole title, number and all
    (``"1.2 Parser"``, ``"1. Setup"``, ``"Stage 1"``). A bare number would read as a count:
    ``read chapter one (1)``."""
    if task.heading is None:
        return None
    return plan.headings[task.heading].title


def heading_title(heading: Heading, lang: str) -> str:
    """A phase's or section's title as outputs show it; tasks above the first heading form a
    phase without one, named in words."""
    return heading.title or label(lang, "untitled")
