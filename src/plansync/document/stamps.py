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
_DATE_AT_END = re.compile(rf"✅[ \t]*({_DATE})[ \t]*$")
#: A ✅ closing a line with something date-like after it: a stamp, or a mistyped one
#: (``✅ 2025-13-40``, ``✅ 25/1/2``): numbers joined by ``-``, ``/`` or ``.``. A ✅ that does
#: not close the line (``✅ 100% pass rate``) is decoration.
_DATE_LIKE_AT_END = re.compile(r"✅[ \t]*(\d+(?:[-/.]\d+)+)[ \t]*$")
_TRAILING_BLANKS = re.compile(r"(?<![ \t])[ \t]*$")


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0]


def stamp_of(text: str) -> str | None:
    """The date of the ``✅ YYYY-MM-DD`` stamp that ends the first line of ``text``, or None.

    A stamp closes the task's first line (trailing blanks allowed); a ✅ with a date elsewhere
    in the text is part of the task's words. A task's text joins its lines with spaces, so for
    a task that runs over several lines pass its first source line. A stamp whose date does
    not exist (``✅ 2025-13-45``, rule PS304) dates nothing.
    """
    match = _DATE_AT_END.search(_first_line(text))
    return match.group(1) if match and _is_date(match.group(1)) else None


def stamp_date(token: str | None) -> str | None:
    """The day a stamp token (``Task.stamp``) names, or None when it names no real day."""
    return token if token is not None and re.fullmatch(_DATE, token) and _is_date(token) else None


def _is_date(day: str) -> bool:
    import datetime  # on demand: most runs read no stamp

    try:
        datetime.date.fromisoformat(day)
    except ValueError:
        return False
    return True


def date_like_stamp(text: str) -> str | None:
    """The date-like token of the stamp ending the first line of ``text``, valid or not
    (``2025-13-40``); None when no ✅ closes that line with something date-like."""
    match = _DATE_LIKE_AT_END.search(_first_line(text))
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
