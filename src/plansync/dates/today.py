"""Which day "now" is: the day a completion being committed right now is dated.

At commit time -- in a git hook, which git runs with ``GIT_INDEX_FILE`` set -- git states the
commit's author date in ``GIT_AUTHOR_DATE`` (given with ``git commit --date`` or by a script, or
now): a completion made by that commit takes that day, in the date's own time zone, as history
will later read it. Anywhere else it is today in the local time zone: a ``GIT_AUTHOR_DATE``
left in a shell says nothing about today.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_ISO_DAY = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?:[T ]|$)")
_INTERNAL = re.compile(r"\s*@(\d+)\s+([+-])(\d{2})(\d{2})\s*$")


def local_today() -> str:
    """Today in the local time zone."""
    import time  # (not datetime: check would import it for this alone)

    return time.strftime("%Y-%m-%d")


def author_day(value: str) -> str | None:
    """The day of a git author date (ISO 8601, RFC 2822 or git's ``@seconds +zone``), or None."""
    if match := _ISO_DAY.match(value):
        return _valid(match.group(1))
    import datetime as dt

    if match := _INTERNAL.match(value):
        seconds, sign, hours, minutes = match.groups()
        offset = (int(hours) * 60 + int(minutes)) * (-1 if sign == "-" else 1)
        zone = dt.timezone(dt.timedelta(minutes=offset))
        return dt.datetime.fromtimestamp(int(seconds), zone).date().isoformat()
    from email.utils import parsedate_tz

    parsed = parsedate_tz(value)
    return _valid(f"{parsed[0]:04d}-{parsed[1]:02d}-{parsed[2]:02d}") if parsed else None


def _valid(day: str) -> str | None:
    import datetime as dt

    try:
        return dt.date.fromisoformat(day).isoformat()
    except ValueError:
        return None


def commit_day(environ: Mapping[str, str]) -> str:
    """The day a completion being committed now is dated: in a git hook, the author date git
    states; else today."""
    in_hook = bool(environ.get("GIT_INDEX_FILE"))
    stated = environ.get("GIT_AUTHOR_DATE", "").strip() if in_hook else ""
    return (author_day(stated) if stated else None) or local_today()
