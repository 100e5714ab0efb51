"""Region bodies in a text: read one, replace some, and what lies outside them.

Only the characters from the start of the line after a begin marker to the start of its end
marker's line are ever replaced; every other byte is kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..document.text import Text
from ..model import Region


def region_body(text: Text, region: Region) -> str:
    """The current body: the text strictly between the two marker lines."""
    return text.between(region.begin_line, region.end_line)


def splice(text: Text, regions: Sequence[Region], bodies: Mapping[int, str]) -> str:
    """``text`` with the bodies of the regions at the given indices replaced.

    ``bodies`` holds complete bodies, line endings included.
    """
    value, starts = text.value, text.starts
    pieces: list[str] = []
    cursor = 0
    for index, region in enumerate(regions):
        if index not in bodies:
            continue
        lo, hi = starts[region.begin_line], starts[region.end_line - 1]
        pieces += [value[cursor:lo], bodies[index]]
        cursor = hi
    pieces.append(value[cursor:])
    return "".join(pieces)


def outside_regions(text: Text, regions: Sequence[Region]) -> list[str]:
    """The pieces of text around the region bodies (the markers included): what sync keeps."""
    starts = text.starts
    cuts = [0]
    for r in regions:
        cuts += [starts[r.begin_line], starts[r.end_line - 1]]
    cuts.append(len(text.value))
    return [text.value[a:b] for a, b in zip(cuts[::2], cuts[1::2], strict=True)]


def body_eol(text: Text, region: Region, eol: str) -> str:
    """The file's line ending for a body, unless it would fuse with the begin marker's own.

    In a mostly-LF file, a begin marker line ending in a lone CR followed by a body starting
    with LF would read as one CRLF: the body's blank first line would vanish.
    """
    if eol == "\n" and text.value[text.starts[region.begin_line] - 1] == "\r":
        return "\r"
    return eol
