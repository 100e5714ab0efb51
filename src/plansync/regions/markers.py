"""Region markers: validate the candidates the parser found, pair them, splice new bodies.

A marker is a whole top-level HTML block line ``<!-- plansync:begin NAME [k=v ...] -->``
or ``<!-- plansync:end NAME -->``. Anything that starts like a marker but does not match
the grammar exactly is an error with a hint, never silently ignored: a near-miss that
was skipped would leave a stale region the user believes is maintained.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..document.parse import RawMarker
from ..document.text import line_starts
from ..errors import MarkerError, Problem
from ..model import Region

_MARKER = re.compile(
    r"<!-- plansync:(?P<kind>begin|end) (?P<name>[a-z][a-z0-9-]*)"
    r"(?P<options>(?: [a-z][a-z0-9-]*=[^\s=]+)*) -->"
)
#: Region kinds and the options each accepts (with their allowed values, None for free text).
_COMMON: dict[str, tuple[str, ...] | None] = {"lang": ("zh", "en"), "stamp": ("done",)}
_SOURCED: dict[str, tuple[str, ...] | None] = {**_COMMON, "source": None}
REGION_OPTIONS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "summary": _SOURCED,
    "progress": {**_SOURCED, "depth": ("phases", "sections")},
    "milestones": _COMMON,
    "chart": _SOURCED,
}


def find_regions(markers: Sequence[RawMarker]) -> list[Region]:
    """Pair validated markers into regions; every problem found is reported at once."""
    problems: list[Problem] = []
    regions: list[Region] = []
    opened: tuple[str, int, tuple[tuple[str, str], ...]] | None = None
    for marker in markers:
        parsed = _parse_marker(marker, problems)
        if parsed is None:
            continue
        kind, name, options = parsed
        line = marker.line
        if kind == "begin":
            if opened is not None:
                what = (
                    "duplicate plansync:begin"
                    if opened[0] == name
                    else f"plansync:begin {name} inside region"
                )
                problems.append(
                    Problem(f"{what} {opened[0]} (first at line {opened[1]}); regions cannot nest", line)
                )
                continue
            opened = (name, line, options)
        elif opened is None:
            problems.append(Problem(f"plansync:end {name} without a matching plansync:begin", line))
        elif opened[0] != name:
            problems.append(
                Problem(
                    f"plansync:end {name} does not match plansync:begin {opened[0]} at line {opened[1]}", line
                )
            )
            opened = None
        else:
            if options:
                problems.append(Problem("options belong on the begin marker, not the end marker", line))
            regions.append(Region(name, opened[2], opened[1], line))
            opened = None
    if opened is not None:
        problems.append(
            Problem(
                f"plansync:begin {opened[0]} is never closed (add <!-- plansync:end {opened[0]} -->)",
                opened[1],
            )
        )
    if problems:
        raise MarkerError(problems)
    return regions


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
    allowed = REGION_OPTIONS.get(name)
    if allowed is None:
        known = ", ".join(sorted(REGION_OPTIONS))
        problems.append(Problem(f"unknown region '{name}' (known: {known})", marker.line))
        return None
    options = tuple(tuple(pair.split("=", 1)) for pair in match["options"].split())
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


def region_body(text: str, starts: Sequence[int], region: Region) -> str:
    """The current body: the text strictly between the two marker lines."""
    return text[starts[region.begin_line] : starts[region.end_line - 1]]


def splice(text: str, regions: Sequence[Region], bodies: Mapping[int, str]) -> str:
    """Replace the bodies of the regions at the given indices; every other byte is kept.

    ``bodies`` holds complete bodies, line endings included. Only the characters from the
    start of the line after a begin marker to the start of its end marker's line change.
    """
    starts = line_starts(text)
    pieces: list[str] = []
    cursor = 0
    for index, region in enumerate(regions):
        if index not in bodies:
            continue
        lo, hi = starts[region.begin_line], starts[region.end_line - 1]
        pieces.append(text[cursor:lo])
        pieces.append(bodies[index])
        cursor = hi
    pieces.append(text[cursor:])
    return "".join(pieces)
