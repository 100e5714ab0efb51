"""A plan that already holds conflict markers (merged without the driver, a stash pop): its
conflicts settled when every one lies in generated text, else named.

A hunk inside a region body is settled by regenerating the body (a milestones body keeps the
dates both sides recorded, the earliest for each); a hunk whose sides differ only in derived
lines (✅ stamps, heading cookies) takes the earliest stamp of each line. Any other hunk is
the user's to resolve: nothing is written, and each one is named by its line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from ..config import Config, config_for
from ..document.stamps import strip_stamp
from ..document.text import Text
from ..edits.cookies import strip_cookie
from ..pipeline import parse, regenerate
from ..regions.markers import marker_on
from ..regions.splice import region_body, splice
from .inputs import dater_source, layout_source
from .merging import stamp_order, union_of_milestones
from .sources import source_loader

_OPEN = re.compile(r"^<{7,}(?: |$)")
_BASE = re.compile(r"^\|{7,}(?: |$)")
_SPLIT = re.compile(r"^={7,}$")
_CLOSE = re.compile(r"^>{7,}(?: |$)")


class Hunk(NamedTuple):
    """One conflict: its 1-based first and last lines, and the two sides' lines."""

    first: int
    last: int
    ours: list[str]
    theirs: list[str]


class Resolution(NamedTuple):
    """The settled text, or the first lines of the hunks that are not plansync's to settle."""

    text: str | None
    outside: list[int]


def conflict_hunks(lines: list[str]) -> list[Hunk]:
    """Every ``<<<<<<<`` … ``>>>>>>>`` hunk (merge, diff3 and zdiff3 styles)."""
    hunks: list[Hunk] = []
    start, part = 0, ""
    sides: dict[str, list[str]] = {"ours": [], "base": [], "theirs": []}
    for number, line in enumerate(lines, 1):
        if not part and _OPEN.match(line):
            start, part, sides = number, "ours", {"ours": [], "base": [], "theirs": []}
        elif part == "ours" and _BASE.match(line):
            part = "base"
        elif part in ("ours", "base") and _SPLIT.match(line):
            part = "theirs"
        elif part == "theirs" and _CLOSE.match(line):
            hunks.append(Hunk(start, number, sides["ours"], sides["theirs"]))
            part = ""
        elif part:
            sides[part].append(line)
    return hunks


def resolve_text(text: str, path: Path, today: str) -> Resolution:
    """``text`` (LF line endings) with its conflicts settled and its regions regenerated."""
    lines = text.split("\n")
    hunks = conflict_hunks(lines)
    bodies = _region_of_each_line(lines, hunks)
    outside = [h.first for h in hunks if bodies.get(h.first) is None and not _derived_only(h)]
    if outside or not hunks:
        return Resolution(None, outside)
    out: list[str] = []
    cursor = 1
    for hunk in hunks:
        out += lines[cursor - 1 : hunk.first - 1]
        region = bodies.get(hunk.first)
        if region == "milestones":
            out += hunk.ours + hunk.theirs  # both sides' records; the union below keeps the earliest
        elif region is not None:
            out += hunk.ours  # regenerated below
        else:
            out += [min(pair, key=stamp_order) for pair in zip(hunk.ours, hunk.theirs, strict=True)]
        cursor = hunk.last + 1
    out += lines[cursor - 1 :]
    config = config_for(path)
    merged = _with_milestones_united("\n".join(out), config)
    dates, _ = dater_source(merged, path, True, today)
    layout, _ = layout_source(path)
    result = regenerate(merged, None, dates, False, config, source_loader(path), layout)
    return Resolution(result.fixed, [])


def _region_of_each_line(lines: list[str], hunks: list[Hunk]) -> dict[int, str | None]:
    """For each hunk's first line, the kind of region body it lies in (None: outside)."""
    in_hunk = {n for h in hunks for n in range(h.first, h.last + 1)}
    inside: str | None = None
    found: dict[int, str | None] = {}
    starts = {h.first for h in hunks}
    for number, line in enumerate(lines, 1):
        if number in starts:
            found[number] = inside
        if number in in_hunk:
            continue
        marker = marker_on(line)  # by its text: a text with conflicts does not parse
        if marker:
            inside = marker["name"] if marker["kind"] == "begin" else None
    return found


def _derived_only(hunk: Hunk) -> bool:
    """Whether the two sides differ only in ✅ stamps and heading cookies."""

    def bare(line: str) -> str:
        return strip_cookie(strip_stamp(line))

    return len(hunk.ours) == len(hunk.theirs) and [bare(x) for x in hunk.ours] == [
        bare(x) for x in hunk.theirs
    ]


def _with_milestones_united(text: str, config: Config) -> str:
    """The text (conflicts settled) with each milestones body reduced to one entry per
    milestone, the earliest date of the two sides' records."""
    plan = parse(text, config)
    lines = Text(text)
    bodies = {
        index: union_of_milestones([region_body(lines, region)])
        for index, region in enumerate(plan.regions)
        if region.name == "milestones"
    }
    return splice(lines, plan.regions, bodies)
