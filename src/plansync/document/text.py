"""Bytes to text and back without losing anything: BOM, line endings, one line index.

``Text`` carries a text with its line index, built once: every stage that works by lines
(regions, stamps, cookies, rules, dates) reads lines through it instead of splitting again.

Lines are split on ``\\r\\n``, ``\\r`` and ``\\n`` only -- the same three sequences
markdown-it treats as line ends -- never with ``str.splitlines()``, which also breaks on
form feeds and U+2028 and would shift every line number after them.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from ..errors import ConflictError, DecodeError, Problem

BOM = b"\xef\xbb\xbf"
EOL_RE = re.compile(r"\r\n|\r|\n")
_EOL_BYTES_RE = re.compile(rb"\r\n|\r|\n")
# A conflict marker starts a line: seven '<' or '>' followed by a space or the line end.
_CONFLICT_RE = re.compile(r"(?:^|(?<=[\r\n]))(<{7}|>{7})(?= |\r|\n|$)")


class Decoded(NamedTuple):
    """A decoded file: its text (without BOM) and how to turn it back into the same bytes."""

    text: str
    bom: bool

    def encode(self, text: str) -> bytes:
        data = text.encode("utf-8")
        return BOM + data if self.bom else data


def decode(data: bytes) -> Decoded:
    """Decode UTF-8 strictly (one BOM allowed); refuse anything else, naming the byte."""
    bom = data.startswith(BOM)
    body = data[len(BOM) :] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(BOM) if bom else 0)
        line, col = _byte_position(data, offset)
        raise DecodeError(Problem(f"not valid UTF-8 at byte {offset}", line, col)) from None
    return Decoded(text=text, bom=bom)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and byte column of ``offset``."""
    line, start = 1, 0
    for match in _EOL_BYTES_RE.finditer(data, 0, offset):
        line, start = line + 1, match.end()
    return line, offset - start + 1


def dominant_eol(text: str) -> str:
    """The most frequent line ending; LF for a file with none (ties favour LF, then CRLF)."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max(lf, crlf, cr)
    if best == 0 or lf == best:
        return "\n"
    return "\r\n" if crlf == best else "\r"


def line_starts(text: str) -> list[int]:
    """Offset of the first character of every line; a final entry for the end of the text."""
    starts = [0]
    starts.extend(m.end() for m in EOL_RE.finditer(text))
    if starts[-1] != len(text):
        starts.append(len(text))
    return starts


def strip_eol(line: str) -> str:
    """A line without its line ending (a line holds at most one, at its end)."""
    return line.rstrip("\r\n")


def normalize_eol(text: str) -> str:
    """Every line ending as ``\\n``: for readers that only need the lines' content."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


class Text:
    """A text and its line index, computed once.

    Lines are 1-based: line ``n`` runs from ``starts[n - 1]`` to ``starts[n]``, its line
    ending included; ``starts[-1]`` is the end of the text.
    """

    __slots__ = ("_lines", "starts", "value")

    def __init__(self, value: str) -> None:
        self.value = value
        self.starts = line_starts(value)
        self._lines: list[str] | None = None

    @property
    def line_count(self) -> int:
        return len(self.starts) - 1

    def line(self, number: int) -> str:
        """Line ``number`` with its line ending."""
        return self.value[self.starts[number - 1] : self.starts[number]]

    def content(self, number: int) -> str:
        """Line ``number`` without its line ending."""
        return strip_eol(self.line(number))

    def lines(self) -> list[str]:
        """Every line without its line ending; ``lines()[n - 1]`` is line ``n``."""
        if self._lines is None:
            value, starts = self.value, self.starts
            self._lines = [strip_eol(value[a:b]) for a, b in pairwise(starts)]
        return self._lines

    def between(self, after: int, before: int) -> str:
        """The text strictly between lines ``after`` and ``before`` (whole lines, endings kept)."""
        return self.value[self.starts[after] : self.starts[before - 1]]


def split_lines(text: str) -> list[str]:
    """Lines with their line endings kept, so ``"".join(split_lines(t)) == t``."""
    starts = line_starts(text)
    return [text[a:b] for a, b in pairwise(starts)]


def check_conflicts(text: str) -> None:
    """Refuse a file that still holds a merge conflict (both a ``<<<<<<<`` and a ``>>>>>>>`` line).

    markdown-it would read ``=======`` as a setext underline and ``>>>>>>> branch`` as a
    deep blockquote, so both sides' tasks would be counted; refusing is the only safe answer.
    A lone ``=======`` is a legitimate heading underline and is not reported.
    """
    found = list(_CONFLICT_RE.finditer(text))
    opens = [m for m in found if m.group(1)[0] == "<"]
    if not opens or len(opens) == len(found):
        return
    problems = []
    for match in opens:
        line = 1 + len(EOL_RE.findall(text, 0, match.start()))
        problems.append(Problem("unresolved merge conflict marker; resolve the conflict first", line))
    raise ConflictError(problems)


def unified_diff(path: object, old: str, new: str) -> str:
    """A unified diff of two versions of the file at ``path``; every line ends in a newline."""
    import difflib

    lines = difflib.unified_diff(split_lines(old), split_lines(new), fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)
