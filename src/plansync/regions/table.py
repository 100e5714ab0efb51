"""GFM tables laid out exactly as mdformat-gfm and prettier lay them out.

Both pad every cell to its column's display width (wide CJK and emoji count two columns,
as ``wcwidth`` measures them), so a table written this way is a fixed point of both.
"""

from __future__ import annotations

from collections.abc import Sequence

from .figures import display_width


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Lines of a left-aligned table; cells must already be escaped for a table."""
    every = [list(header), *(list(r) for r in rows)]
    widths = [max(3, *(display_width(row[c]) for row in every)) for c in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = (cell + " " * (w - display_width(cell)) for cell, w in zip(cells, widths, strict=True))
        return "| " + " | ".join(padded) + " |"

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in every[1:])]
