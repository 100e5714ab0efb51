"""What every fuzzed input must satisfy, checked independently of plansync's own verification.

``examine(data)`` runs raw bytes the way ``plansync sync`` does (decode, regenerate, encode) and
raises AssertionError when a promise breaks:

- input plansync refuses raises a ``PlansyncError`` with exit code 2 (never a crash, never the
  exit-3 "this is a bug" verification failure);
- the BOM, and every line outside region bodies, come out byte-identical (a heading's own
  ``[3/5]`` progress cookie is the one in-line edit sync makes outside a region);
- the same tasks parse back, with the same states and texts;
- each region still has exactly one begin and one end marker;
- a second sync changes nothing (no flapping), and ``check`` then finds nothing stale.
"""

from __future__ import annotations

import re
from collections import Counter

from plansync.document.text import BOM, decode
from plansync.edits.cookies import strip_cookie
from plansync.errors import PlansyncError, VerificationError
from plansync.model import Plan
from plansync.pipeline import check_text, parse, sync_text

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def examine(data: bytes) -> str:
    """``"refused"``, ``"unchanged"`` or ``"rewritten"``; AssertionError on a broken promise."""
    try:
        source = decode(data)
        before = parse(source.text)
        text = sync_text(source.text)
    except VerificationError:
        raise
    except PlansyncError as exc:
        assert exc.exit_code == 2, exc
        return "refused"
    out = source.encode(text)
    if out == data:
        return "unchanged"
    assert out.startswith(BOM) == data.startswith(BOM), "BOM changed"
    after = parse(text)
    assert _outside(source.text, before) == _outside(text, after), "a byte outside the regions changed"
    assert _tasks(before) == _tasks(after), "tasks changed"
    assert [(r.name, r.options) for r in before.regions] == [(r.name, r.options) for r in after.regions]
    assert sync_text(text) == text, "a second sync changed the text again"
    assert check_text(text).ok, "check finds the synced text stale"
    return "rewritten"


def _outside(text: str, plan: Plan) -> list[str]:
    """The lines outside region bodies, markers kept, with heading cookies blanked."""
    inside: set[int] = set()
    for region in plan.regions:
        inside.update(range(region.begin_line + 1, region.end_line))
    lines = _LINE.findall(text)
    return [_blank_cookie(line) for number, line in enumerate(lines, 1) if number not in inside]


def _blank_cookie(line: str) -> str:
    content = line.rstrip("\r\n")
    return strip_cookie(content) + line[len(content) :]


def _tasks(plan: Plan) -> Counter[tuple[str, str]]:
    return Counter((task.state.value, task.text) for task in plan.tasks)
