"""The text edits that turn a plan's text into what ``sync`` (or a fix) writes: one edit per
rewritten region body and per changed line, never the whole document, so the editor keeps the
cursor, the selection and the undo history of everything else."""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from ..document.text import split_lines
from ..model import Region
from .positions import Lines

#: (first line, line after the last, new text) of a replacement of whole lines, 0-based.
LineEdit = tuple[int, int, str]


def text_edits(old: str, new: str, regions: Sequence[Region], encoding: str) -> list[types.TextEdit]:
    """Edits from ``old`` to ``new``, which differ only inside the bodies of ``regions`` (the
    regions of ``old``) and in single lines outside them (stamps, cookies, rule fixes)."""
    lines = Lines(old, encoding)
    return [
        types.TextEdit(lines.lines_range(first, stop), text)
        for first, stop, text in line_edits(old, new, regions)
    ]


def line_edits(old: str, new: str, regions: Sequence[Region]) -> list[LineEdit]:
    a, b = split_lines(old), split_lines(new)
    edits: list[LineEdit] = []
    i = j = 0
    for region in sorted(regions, key=lambda r: r.begin_line):
        begin, end = region.begin_line - 1, region.end_line - 1
        if j + begin + 1 - i > len(b):
            return _whole(a, new)
        edits += _changed_lines(a, b, i, j, begin + 1 - i)
        j += begin + 1 - i
        i = begin + 1
        stop = _index(b, a[end], j)
        if stop is None:
            return _whole(a, new)
        if a[i:end] != b[j:stop]:
            edits.append((i, end, "".join(b[j:stop])))
        i, j = end, stop
    if len(a) - i != len(b) - j:
        return _whole(a, new)
    return edits + _changed_lines(a, b, i, j, len(a) - i)


def _changed_lines(a: list[str], b: list[str], i: int, j: int, count: int) -> list[LineEdit]:
    return [(i + k, i + k + 1, b[j + k]) for k in range(count) if a[i + k] != b[j + k]]


def _index(lines: list[str], wanted: str, start: int) -> int | None:
    try:
        return lines.index(wanted, start)
    except ValueError:
        return None


def _whole(a: list[str], new: str) -> list[LineEdit]:
    """The texts do not have the expected shape: replace everything (still exact)."""
    return [(0, len(a), new)]
