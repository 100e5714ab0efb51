"""Every ✅ stamp pattern plansync knows (the Obsidian Tasks convention ``✅ 2025-10-22``).

Stamps are read by the dater, the burn-up chart, the history reader and a rule, and written
by ``edits.stamping``; all of them go through this module so that they agree on what a
stamp is.
"""

from __future__ import annotations

import re

_DATE = r"\d{4}-\d{2}-\d{2}"
#: A stamp closing a line (trailing blanks allowed), glued to no blank before it.
_AT_END = re.compile(rf"(?<![ \t])[ \t]*✅[ \t]*{_DATE}(?=[ \t]*$)")
#: A stamp anywhere in a text, with the blanks before it.
_ANYWHERE = re.compile(rf"(?<![ \t])[ \t]*✅[ \t]*{_DATE}")
_DATE_IN_STAMP = re.compile(rf"✅[ \t]*({_DATE})")
#: A ✅ followed by something date-like: a stamp, or a mistyped one (``✅ 2025-13-40``).
_DATE_LIKE = re.compile(r"✅[ \t]*(\d[\d./-]*\d)")
_TRAILING_BLANKS = re.compile(r"(?<![ \t])[ \t]*$")


def stamp_of(text: str) -> str | None:
    """The date of the first ``✅ YYYY-MM-DD`` in a task's text, or None."""
    match = _DATE_IN_STAMP.search(text)
    return match.group(1) if match else None


def date_like_stamp(text: str) -> str | None:
    """The token after the first ✅ that looks like a date, valid or not (``2025-13-40``)."""
    match = _DATE_LIKE.search(text)
    return match.group(1) if match else None


def has_stamp_at_end(line: str) -> bool:
    return _AT_END.search(line) is not None


def strip_stamp(line: str) -> str:
    """The line without a stamp at its end (trailing blanks after it are kept)."""
    return _AT_END.sub("", line, count=1)


def without_stamps(text: str) -> str:
    """The text with every stamp removed and blanks collapsed: a task's text stamp or not."""
    return " ".join(_ANYWHERE.sub(" ", text).split())


def add_stamp(line: str, day: str) -> str:
    """The line with ``✅ day`` after its last non-blank character (trailing blanks stay after it)."""
    cut = _TRAILING_BLANKS.search(line)
    end = cut.start() if cut else len(line)
    return f"{line[:end]} ✅ {day}{line[end:]}"
