"""PS1xx: task syntax -- boxes GitHub will not render as tasks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Severity
from .base import Finding, RuleContext, rule

_PREFIX = r"^(?P<lead>[ \t]*(?:>[ \t]*)*)"
_BULLET = r"(?P<bullet>[-*+]|\d{1,9}[.)])"
# "-[ ] x": a box glued to its bullet.
_GLUED = re.compile(_PREFIX + r"(?P<bullet>[-*+])(?P<box>\[[ xX]\])(?P<rest>[ \t].*)$")
# "- [ x] x", "- [x ] x", "- [] x": a box with a stray or missing blank inside.
_BAD_INSIDE = re.compile(
    _PREFIX + _BULLET + r"(?P<gap>[ \t]+)\[(?P<inside> [xX] ?|[xX] | ?)\](?P<rest>[ \t].*)$"
)
# "- [x]text": no blank after the box (a link "[x](...)" or "[x][ref]" is not a box).
_NO_SPACE = re.compile(_PREFIX + _BULLET + r"(?P<gap>[ \t]+)(?P<box>\[[ xX]\])(?P<rest>[^ \t(\[:].*)$")
# "- [✔] x", "- [>] x": one or two characters that are not a known state.
_UNKNOWN = re.compile(_PREFIX + _BULLET + r"[ \t]+\[(?P<state>[^\]\s\w/-]{1,2}|[a-wyzA-WYZ])\][ \t]")


@rule("PS101", "not-a-task", Severity.ERROR, fixable=True)
def malformed_box(ctx: RuleContext) -> Iterator[Finding]:
    """A line that looks like a task, but GitHub will not read it as one.

    Bad:

        - [ x] write the README
        -[ ] pick a license
        - [x]add the formatter

    Good:

        - [x] write the README
        - [ ] pick a license
        - [x] add the formatter
    """
    for number, line in ctx.markdown_lines():
        if "[" not in line or number in ctx.task_lines:
            continue
        if m := _GLUED.match(line):
            fixed = f"{m['lead']}{m['bullet']} {m['box']}{m['rest']}"
            yield Finding(number, len(m["lead"]) + 1, "no blank between the list marker and the box", fixed)
        elif m := _BAD_INSIDE.match(line):
            state = "x" if m["inside"].strip() else " "
            fixed = f"{m['lead']}{m['bullet']}{m['gap']}[{state}]{m['rest']}"
            col = len(m["lead"]) + len(m["bullet"]) + len(m["gap"]) + 1
            yield Finding(number, col, f"box '[{m['inside']}]' is not a task box; write '[{state}]'", fixed)
        elif m := _NO_SPACE.match(line):
            fixed = f"{m['lead']}{m['bullet']}{m['gap']}{m['box']} {m['rest']}"
            col = len(m["lead"]) + len(m["bullet"]) + len(m["gap"]) + 1
            yield Finding(number, col, "no blank after the box, so it is not a task", fixed)


@rule("PS102", "unknown-state", Severity.WARNING)
def unknown_state(ctx: RuleContext) -> Iterator[Finding]:
    """A box whose state is none of ' ' (open), 'x' (done), '/' (doing), '-' (cancelled).

    Bad:

        - [✔] deploy the site
        - [>] deferred to next week

    Good:

        - [x] deploy the site
        - [-] deferred to next week
    """
    for number, line in ctx.markdown_lines():
        if "[" in line and number not in ctx.task_lines and (m := _UNKNOWN.match(line)):
            col = line.index("[", len(m["lead"])) + 1
            yield Finding(
                number, col, f"unknown task state '{m['state']}'; plansync reads ' ', 'x', '/' and '-'"
            )
