"""The figures every output shares: percent, fraction, bar, display width, a task's holder."""

from __future__ import annotations

from ..document.numbering import leading_number
from ..model import Counts, Plan, Task

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
    """How people name the heading holding ``task``: ``"1.2"`` when its title starts with that
    number, else the title (``"Q2: Reliability"`` rather than a bare ``"2"``)."""
    if task.heading is None:
        return None
    title = plan.headings[task.heading].title
    return leading_number(title) or title
