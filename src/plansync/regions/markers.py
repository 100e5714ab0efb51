"""Region markers: validate the candidates the parser found and pair them into regions.

A marker is a whole top-level HTML block line ``<!-- plansync:begin NAME [k=v ...] -->``
or ``<!-- plansync:end NAME -->``. Anything that starts like a marker but does not match
the grammar exactly is an error with a hint, never silently ignored: a near-miss that
was skipped would leave a stale region the user believes is maintained.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from ..document.parse import RawMarker
from ..errors import MarkerError, Problem
from ..model import Region
from .kinds import KINDS

_MARKER = re.compile(
    r"<!-- plansync:(?P<kind>begin|end) (?P<name>[a-z][a-z0-9-]*)"
    r"(?P<options>(?: [a-z][a-z0-9-]*=[^\s=]+)*) -->"
)


def marker_on(line: str) -> re.Match[str] | None:
    """The marker a line holds by itself (blanks around it allowed), by its text alone: for a
    text that does not parse, such as a merge with conflicts (groups ``kind``, ``name``)."""
    return _MARKER.fullmatch(line.strip())


class _Marker(NamedTuple):
    """A marker that passed the grammar, with the problems found at its line (in report order)."""

    kind: str
    name: str
    options: tuple[tuple[str, str], ...]
    line: int
    problems: list[Problem]


def find_regions(markers: Sequence[RawMarker]) -> list[Region]:
    """Pair validated markers into regions; every problem found is reported at once, marker by
    marker in file order, a region left open at the end last."""
    found: list[list[Problem]] = []
    valid: list[_Marker] = []
    for raw in markers:
        found.append([])
        parsed = _parse_marker(raw, found[-1])
        if parsed is not None:
            valid.append(_Marker(*parsed, raw.line, found[-1]))
    found.append([])
    regions = _pair(valid, found[-1])
    problems = [problem for own in found for problem in own]
    if problems:
        raise MarkerError(problems)
    return regions


def _pair(markers: list[_Marker], at_end: list[Problem]) -> list[Region]:
    """Regions from begin/end pairs; each problem goes to the marker it is reported at."""
    regions: list[Region] = []
    ahead = _next_of_each_name(markers)
    opened: _Marker | None = None
    for marker, later in zip(markers, ahead, strict=True):
        name, line, problems = marker.name, marker.line, marker.problems
        if marker.kind == "begin":
            if opened is not None and opened.name != name and later.get(opened.name) != "end":
                # No end of the open region follows before its name comes back: its end marker
                # was deleted (the likely slip), not a region nested in it. This one starts afresh.
                problems.append(_never_closed_before(opened, name, line))
            elif opened is not None:
                what = (
                    "duplicate plansync:begin"
                    if opened.name == name
                    else f"plansync:begin {name} inside region"
                )
                problems.append(
                    Problem(f"{what} {opened.name} (first at line {opened.line}); regions cannot nest", line)
                )
                continue
            opened = marker
        elif opened is None:
            problems.append(Problem(f"plansync:end {name} without a matching plansync:begin", line))
        elif opened.name != name:
            problems.append(
                Problem(
                    f"plansync:end {name} does not match plansync:begin {opened.name} at line {opened.line}",
                    line,
                )
            )
            opened = None
        else:
            if marker.options:
                problems.append(Problem("options belong on the begin marker, not the end marker", line))
            regions.append(Region(name, opened.options, opened.line, line))
            opened = None
    if opened is not None:
        name = opened.name
        at_end.append(
            Problem(f"plansync:begin {name} is never closed (add <!-- plansync:end {name} -->)", opened.line)
        )
    return regions


def _next_of_each_name(markers: list[_Marker]) -> list[dict[str, str]]:
    """For each marker, the kind (begin or end) of the next marker of each region name after it."""
    nearest: dict[str, str] = {}
    ahead: list[dict[str, str]] = []
    for marker in reversed(markers):
        ahead.append(dict(nearest))
        nearest[marker.name] = marker.kind
    ahead.reverse()
    return ahead


def _never_closed_before(opened: _Marker, name: str, line: int) -> Problem:
    """Reported at the begin marker that came next: the missing end most likely belongs above it."""
    return Problem(
        f"region {opened.name} (line {opened.line}) is never closed: add <!-- plansync:end {opened.name} --> "
        f"where its generated text ends, before this plansync:begin {name}",
        line,
    )


def _parse_marker(
    marker: RawMarker, problems: list[Problem]
) -> tuple[str, str, tuple[tuple[str, str], ...]] | None:
    first, _, rest = marker.content.partition("\n")
    if rest.strip():
        problems.append(Problem("unterminated marker: '-->' must close it on the same line", marker.line))
        return None
    text = first.strip()
    if first[:1] in (" ", "\t"):
        # A list the region holds would take an indented end marker in as its own text.
        problems.append(Problem("a marker starts at the beginning of its line, not indented", marker.line))
        return None
    match = _MARKER.fullmatch(text)
    if match is None:
        close = text.find("-->")
        if close != -1 and text[close + 3 :].strip() and _MARKER.fullmatch(text[: close + 3]):
            problems.append(
                Problem("text after the marker would be lost; move it to its own line", marker.line)
            )
        else:
            problems.append(
                Problem(
                    "malformed marker; expected exactly '<!-- plansync:begin NAME [key=value ...] -->' "
                    "or '<!-- plansync:end NAME -->' (lowercase, single spaces)",
                    marker.line,
                )
            )
        return None
    name = match["name"]
    kind = KINDS.get(name)
    if kind is None:
        known = ", ".join(sorted(KINDS))
        problems.append(Problem(f"unknown region '{name}' (known: {known})", marker.line))
        return None
    options = tuple(tuple(pair.split("=", 1)) for pair in match["options"].split())
    allowed = kind.options
    for key, value in options:
        if key not in allowed:
            known = ", ".join(sorted(allowed)) or "none"
            problems.append(
                Problem(f"unknown option '{key}' for region '{name}' (known: {known})", marker.line)
            )
        elif (values := allowed[key]) is not None and value not in values:
            problems.append(
                Problem(f"option {key}={value}: expected one of {', '.join(values)}", marker.line)
            )
    keys = [key for key, _ in options]
    if len(set(keys)) != len(keys):
        problems.append(Problem("an option is given twice", marker.line))
    return match["kind"], name, options
