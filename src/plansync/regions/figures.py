"""The figures every output shares: percent, fraction, bar, display width, a task's holder."""

from __future__ import annotations

from ..model import Counts, Heading, Plan, Task
from .labels import label

BAR_WIDTH = 10


def display_width(text: str) -> int:
    """Columns a terminal or a formatter gives ``text``: wide CJK and emoji count two.

    These are wcwidth's figures (mdformat-gfm pads tables with wcwidth). wcwidth costs about
    20 ms to import, a sixth of a commit hook's run, so the characters whose width the
    standard library states without doubt (East Asian wide and full-width: two; other
    letters, digits and punctuation, box drawing: one) are counted here, and so is a symbol asking for its
    emoji form (U+FE0F after it: two, as a title like ``🏗️ Phase 2`` has it). wcwidth is
    asked only about a text holding anything else: combining marks, joiners, symbols that may
    be drawn as emoji, characters newer than Python's Unicode tables.
    """
    if text.isascii():  # printable ASCII is one column a character
        return len(text)
    width = _plain_width(text)
    if width is not None:
        return width
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)


def _plain_width(text: str) -> int | None:
    """The width of ``text`` when every character in it is plain (see ``display_width``)."""
    from unicodedata import category, east_asian_width

    width = 0
    for i, char in enumerate(text):
        kind, east_asian = category(char), east_asian_width(char)
        wide = east_asian in "WF"
        if kind == "So" and not wide and text[i + 1 : i + 2] == _EMOJI_FORM:
            width += 2
            continue
        if char == _EMOJI_FORM and i and category(text[i - 1]) == "So":
            continue  # its symbol was counted wide
        plain = kind[0] in "LNPZ" and kind not in ("Zl", "Zp") and char not in _NOT_PLAIN
        # Symbols: wide ones (emoji) are two columns, ambiguous ones (box drawing, the bars'
        # blocks) one, and the others differ between Unicode versions: wcwidth knows them.
        box = "\u2500" <= char <= "\u259f"
        symbol = (kind == "So" and wide) or (kind[0] == "S" and east_asian == "A") or box
        if not ((plain and not _joining_jamo(char)) or symbol):
            return None  # marks, controls, format characters, unassigned; text-style symbols
        width += 2 if wide else 1
    return width


#: Variation selector 16: the character before it is drawn as an emoji.
_EMOJI_FORM = "\ufe0f"
#: Letters and punctuation whose width depends on the characters around them (Hangul fillers
#: and jamo that join the syllable before them are drawn in no column of their own).
_NOT_PLAIN = frozenset("\u00ad\u115f\u3164\uffa0")


def _joining_jamo(char: str) -> bool:
    return "\u1160" <= char <= "\u11ff" or "\ud7b0" <= char <= "\ud7ff"


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
