"""Org-mode style progress cookies in headings, kept true by ``sync``: ``## Phase 1 [3/5]``.

Writing a cookie at the end of a heading (``[/]``, ``[%]``, ``[3/5]`` or ``[60%]``) opts that
heading in: ``sync`` rewrites it with the counts of every task below the heading, under the
configured counting policy. Nothing else in the line changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..document.outline import tasks_below
from ..document.text import Text
from ..model import Counts, Plan

_COOKIE = re.compile(r"\[(?P<body>\d*/\d*|\d*(?:\.\d+)?%)\](?=[ \t]*+#*+[ \t]*+$)")


def cookie_edits(text: Text, plan: Plan, count: Callable[[Iterable[int]], Counts]) -> dict[int, str]:
    """New contents of the heading lines whose cookie no longer matches their tasks."""
    # Most plans have no cookie: look at the headings' titles before counting anything.
    if not any(_COOKIE.search(h.title) for h in plan.headings):
        return {}
    below = tasks_below(plan)
    edits: dict[int, str] = {}
    for index, heading in enumerate(plan.headings):
        line = text.content(heading.line)
        match = _COOKIE.search(line)
        if match is None:
            continue
        fresh = _cookie(match["body"], count(below[index]))
        if fresh != match.group():
            edits[heading.line] = line[: match.start()] + fresh + line[match.end() :]
    return edits


def _cookie(body: str, counts: Counts) -> str:
    if body.endswith("%"):
        tenths = counts.percent_tenths
        return f"[{(tenths or 0) // 10}%]"
    return f"[{counts.done}/{counts.total}]"


def strip_cookie(line: str) -> str:
    return _COOKIE.sub("[]", line, count=1)
