"""Replacing whole lines of a text, each keeping its own line ending."""

from __future__ import annotations

from collections.abc import Mapping

from ..document.text import Text


def apply_line_edits(text: Text, edits: Mapping[int, str]) -> str:
    """``text`` with the given 1-based lines replaced (new contents without line endings)."""
    if not edits:
        return text.value
    value, starts = text.value, text.starts
    pieces: list[str] = []
    cursor = 0
    for number in sorted(edits):
        lo, hi = starts[number - 1], starts[number]
        line = value[lo:hi]
        pieces += [value[cursor:lo], edits[number], line[len(line.rstrip("\r\n")) :]]
        cursor = hi
    pieces.append(value[cursor:])
    return "".join(pieces)
