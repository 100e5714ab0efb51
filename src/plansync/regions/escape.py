"""Making copied plan text safe to write into a region, and formatting shared figures."""

from __future__ import annotations

import re

from ..document.numbering import leading_number
from ..model import Counts, Plan, Task

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
BAR_WIDTH = 10


#: An invisible word joiner breaks ``<!--`` and ``-->`` apart. Entities alone would not do:
#: mdformat turns ``&lt;!--`` back into ``\<!--``, which still spells a marker's text.
_JOINER = "\u2060"
_BACKTICKS = re.compile(r"`+")


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


def code_span_split(text: str) -> list[tuple[bool, str]]:
    """``text`` cut into (is code span, piece): a run of n backticks up to the next run of n."""
    pieces: list[tuple[bool, str]] = []
    runs = list(_BACKTICKS.finditer(text))
    # next_same[i]: the next run of the same length after run i, found in one backward pass.
    next_same: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        size = len(runs[i].group())
        next_same[i] = last.get(size)
        last[size] = i
    cursor, i = 0, 0
    while i < len(runs):
        closer = next_same[i]
        if closer is None:
            i += 1
            continue
        opener = runs[i]
        pieces += [(False, text[cursor : opener.start()]), (True, text[opener.start() : runs[closer].end()])]
        cursor, i = runs[closer].end(), closer + 1
    pieces.append((False, text[cursor:]))
    return [(code, piece) for code, piece in pieces if piece]


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
