"""Making copied plan text safe to write into a region, and formatting shared figures."""

from __future__ import annotations

import re

from ..document.inline import code_span_split
from ..document.numbering import leading_number
from ..model import Counts, Plan, Task

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
BAR_WIDTH = 10


#: An invisible word joiner breaks ``<!--`` and ``-->`` apart. Entities alone would not do:
#: mdformat turns ``&lt;!--`` back into ``\<!--``, which still spells a marker's text.
_JOINER = "\u2060"


def neutralize(text: str) -> str:
    """Plan text fit for a region: it can never open, close or spell an HTML comment marker.

    ``<!--`` and ``-->`` get an invisible word joiner inside, so they render the same; outside
    code spans the ``<`` is also backslash-escaped, as mdformat would write it. Control
    characters go.
    """
    text = _CONTROL.sub("", text).strip()
    if "<!--" not in text and "-->" not in text:
        return text
    out = []
    for is_code, piece in code_span_split(text):
        piece = piece.replace("<!--", f"<!-{_JOINER}-").replace("-->", f"-{_JOINER}->")
        out.append(piece if is_code else piece.replace(f"<!-{_JOINER}-", f"\\<!-{_JOINER}-"))
    return "".join(out)


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
