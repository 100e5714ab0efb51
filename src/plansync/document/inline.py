"""Inline Markdown read without an inline parser: code spans, where markup does not apply."""

from __future__ import annotations

import re

_BACKTICKS = re.compile(r"`+")


def code_span_split(text: str) -> list[tuple[bool, str]]:
    """``text`` cut into (is code span, piece): a run of n backticks up to the next run of n."""
    pieces: list[tuple[bool, str]] = []
    runs = list(_BACKTICKS.finditer(text))
    # next_same[i]: the next run of the same length after run i, found in one backward pass.
    next_same: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        size = len(runs[i].group())
        next_same[i] = last.get(size)
        last[size] = i
    cursor, i = 0, 0
    while i < len(runs):
        closer = next_same[i]
        if closer is None:
            i += 1
            continue
        opener = runs[i]
        pieces += [(False, text[cursor : opener.start()]), (True, text[opener.start() : runs[closer].end()])]
        cursor, i = runs[closer].end(), closer + 1
    pieces.append((False, text[cursor:]))
    return [(code, piece) for code, piece in pieces if piece]
