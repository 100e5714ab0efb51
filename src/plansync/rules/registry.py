"""Structure rules: an explicit registry, selection, severities and inline suppression.

Codes are stable and grouped by family: PS1xx task syntax, PS2xx numbering and structure,
PS3xx consistency, PS4xx links, PS5xx regions. ``<!-- plansync: ignore PS201 -->`` on the
line before a finding suppresses it (several codes may follow; none means every code).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..model import Diagnostic, Severity
from .base import Rule, RuleContext
from .consistency import bad_stamp, done_with_open_subtasks, open_with_done_subtasks, stale_hand_progress
from .generated import edited_region, stale_cookie, stale_region, stale_stamp
from .links import missing_anchor, missing_file
from .structure import (
    duplicate_number,
    empty_phase,
    heading_jump,
    missing_heading,
    out_of_order,
    phase_gap,
    skipped_number,
    wrong_phase,
)
from .tasks import malformed_box, unknown_state

RULES: tuple[Rule, ...] = (
    malformed_box,
    unknown_state,
    duplicate_number,
    skipped_number,
    out_of_order,
    wrong_phase,
    phase_gap,
    heading_jump,
    empty_phase,
    missing_heading,
    done_with_open_subtasks,
    open_with_done_subtasks,
    stale_hand_progress,
    bad_stamp,
    missing_file,
    missing_anchor,
    stale_region,
    edited_region,
    stale_stamp,
    stale_cookie,
)
BY_CODE = {r.code: r for r in RULES}
_IGNORE = re.compile(r"<!--\s*plansync:\s*ignore\b([^>]*?)-->", re.IGNORECASE)


def selected(select: Sequence[str], ignore: Sequence[str]) -> list[Rule]:
    """Rules whose code starts with a ``select`` prefix (all when empty) and no ``ignore`` prefix."""
    chosen = [r for r in RULES if not select or any(r.code.startswith(s) for s in select)]
    return [r for r in chosen if not any(r.code.startswith(i) for i in ignore)]


def run_rules(
    ctx: RuleContext,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    severity: Mapping[str, Severity] | None = None,
) -> list[Diagnostic]:
    """Every diagnostic of the selected rules, suppressions applied, in line order."""
    found: list[Diagnostic] = []
    for chosen in selected(select, ignore):
        level = (severity or {}).get(chosen.code, chosen.severity)
        for f in chosen.check(ctx):
            if not _suppressed(ctx, f.line, chosen.code):
                found.append(Diagnostic(chosen.code, level, f.line, f.col, f.message, f.fix))
    found.sort(key=lambda d: (d.line or 0, d.col, d.code))
    return found


def _suppressed(ctx: RuleContext, line: int | None, code: str) -> bool:
    if line is None or line < 2:
        return False
    m = _IGNORE.search(ctx.lines[line - 2])
    if m is None:
        return False
    codes = re.findall(r"PS\d{3}", m.group(1), re.IGNORECASE)
    return not codes or code in (c.upper() for c in codes)
