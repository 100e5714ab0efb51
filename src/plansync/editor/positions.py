"""Positions as LSP counts them: lines end at ``\\r\\n``, ``\\r`` or ``\\n`` only, and a column
is a number of code units in the negotiated encoding (UTF-16 unless the client offers another).

Python's ``str.splitlines`` also breaks at U+2028, form feeds and other separators that are
ordinary characters to every editor; counting lines with it shifts every position after such a
character, so the line index here is built from the three LSP line endings alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lsprotocol import types

_LINE_END = re.compile(r"\r\n|\r|\n")

#: Code units of a string in each encoding LSP defines.
_UNITS: dict[str, Callable[[str], int]] = {
    types.PositionEncodingKind.Utf8: lambda s: len(s.encode("utf-8", "surrogatepass")),
    types.PositionEncodingKind.Utf16: lambda s: len(s) + sum(1 for c in s if ord(c) > 0xFFFF),
    types.PositionEncodingKind.Utf32: len,
}


class Lines:
    """One text's line index, converting between string offsets and LSP positions."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.units = _UNITS.get(encoding, _UNITS[types.PositionEncodingKind.Utf16])
        #: Offset where each line starts; the last line is the text after the last line ending.
        self.starts = [0, *(m.end() for m in _LINE_END.finditer(text))]

    def __len__(self) -> int:
        return len(self.starts)

    def content(self, line: int) -> str:
        """Line ``line`` (0-based) without its line ending; "" past the end."""
        if not 0 <= line < len(self.starts):
            return ""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[line] : end].rstrip("\r\n")

    def position(self, offset: int) -> types.Position:
        """The position of a string offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = _last_at_most(self.starts, offset)
        start = self.starts[line]
        content = self.content(line)
        return types.Position(line, self.units(content[: min(offset - start, len(content))]))

    def at(self, line: int, column: int = 0) -> types.Position:
        """The position of 0-based ``line`` and code point ``column`` (clamped to the line)."""
        if line >= len(self.starts):
            return self.end()
        content = self.content(line)
        return types.Position(line, self.units(content[: max(0, column)]))

    def offset(self, position: types.Position) -> int:
        """The string offset of an LSP position; past a line's end means that end, past the
        last line the text's end (as the protocol defines)."""
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[max(0, position.line)]
        content, units, i = self.content(position.line), 0, 0
        while i < len(content) and units < position.character:
            units += self.units(content[i])
            i += 1
        return start + i

    def end(self) -> types.Position:
        return self.position(len(self.text))

    def line_range(self, line: int, column: int = 0) -> types.Range:
        """From code point ``column`` of 0-based ``line`` to the end of its content."""
        return types.Range(self.at(line, column), self.at(line, len(self.content(line))))

    def lines_range(self, first: int, stop: int) -> types.Range:
        """Whole lines ``first`` up to (not including) ``stop``, line endings included."""
        end = types.Position(stop, 0) if stop < len(self.starts) else self.end()
        return types.Range(types.Position(first, 0), end)


def _last_at_most(starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, offset) - 1
