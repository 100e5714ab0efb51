"""Region markers: validate the candidates the parser found and pair them into regions.

A marker is a whole top-level HTML block line ``<!-- plansync:begin NAME [k=v ...] -->``
or ``<!-- plansync:end NAME -->``. Anything that starts like a marker but does not match
the grammar exactly is an error with a hint, never silently ignored: a near-miss that
was skipped would leave a stale region the user believes is maintained.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..document.parse import RawMarker
from ..errors import MarkerError, Problem
from ..model import Region
from .kinds import KINDS

_MARKER = re.compile(
    r"<!-- plansync:(?P<kind>begin|end) (?P<name>[a-z][a-z0-9-]*)"
    r"(?P<options>(?: [a-z][a-z0-9-]*=[^\s=]+)*) -->"
)


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
