"""A region body in the repository's layout: nested-list indentation and line wrapping.

Layout is how a formatter arranges Markdown without changing what it means. Bodies are
rendered one way (one line per item, two-space nesting: mdformat's and prettier's defaults)
and compared by meaning (``regions.meaning``); only a body that must be rewritten is laid out
here, so that right after ``sync`` the formatter's own check passes on it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from .figures import display_width


class Layout(NamedTuple):
    """How the repository's formatter lays out the Markdown a region holds."""

    #: Columns from a ``- `` item's marker to its nested list's marker.
    nested_indent: int = 2
    #: Fill paragraphs and list items to this many columns; None: one line each.
    wrap: int | None = None
    #: prettier's measure: wide characters take two columns, and a space next to a Chinese or
    #: Japanese character inside text is no place to break. mdformat counts characters.
    east_asian: bool = False


#: mdformat's and prettier's default layout, which bodies are rendered in.
DEFAULT = Layout()


def mdformat_layout(wrap: int | None) -> Layout:
    """mdformat: nested lists at the parent's content column; ``--wrap N`` fills to N."""
    return Layout(2, wrap if wrap and wrap > 0 else None, False)


def prettier_layout(tab_width: int, prose_wrap: str, print_width: int) -> Layout:
    """prettier: a nested list moves right to the tab width (at most three columns past the
    parent's marker, as CommonMark allows); ``proseWrap: always`` fills to ``printWidth``."""
    nested = 2 + min(max(tab_width - 2, 0), 3)
    wrap = print_width if prose_wrap == "always" and print_width > 0 else None
    return Layout(nested, wrap, True)


_ITEM = re.compile(r"^( *)- (.*)$")
#: A word that would open an HTML block or a code fence at the start of a line: it stays on
#: the line before, in both layouts.
_OPENS_BLOCK = re.compile(r"<|```|~~~")
#: A word that would read as a list marker, a heading, a quote, a thematic break or a setext
#: underline at the start of a line. prettier keeps it with the word before (both move down);
#: mdformat breaks before it and escapes it (``_mdformat_escape``).
_MARKER_LIKE = re.compile(r"(?:[-*+]|#{1,6}|\d{1,9}[.)])(?: |$)|(?:=+|-+|\*+|_+)$|>")


def in_layout(lines: list[str], layout: Layout) -> list[str]:
    """``lines`` of a freshly rendered body (two-space nesting, one line per item) in ``layout``.

    Tables and fenced code are left as they are: neither formatter wraps or re-indents them.
    """
    if layout == DEFAULT:
        return lines
    out: list[str] = []
    fenced = False
    for line in lines:
        if line.startswith("```"):
            fenced = not fenced
        if fenced or line.startswith("```") or line.startswith("|") or not line.strip():
            out.append(line)
            continue
        item = _ITEM.match(line)
        if item:
            indent = len(item[1]) // 2 * layout.nested_indent
            out += _fill(item[2], " " * indent + "- ", " " * (indent + 2), layout)
        else:
            out += _fill(line, "", "", layout)
    return out


def _fill(text: str, first: str, rest: str, layout: Layout) -> list[str]:
    """``text`` after ``first`` and filled to the wrap width, its later lines after ``rest``."""
    if layout.wrap is None:
        return [first + text]
    measure = display_width if layout.east_asian else len
    lines: list[str] = []
    current = first
    started = False
    for word in _words(text, layout.east_asian):
        candidate = f"{current} {word}" if started else current + word
        # A body whose meaning a break still changed is written unwrapped (see ``pipeline``).
        if started and measure(candidate) > layout.wrap and not _OPENS_BLOCK.match(word):
            lines.append(current)
            current = rest + word
        else:
            current = candidate
        started = True
    lines.append(current)
    if not layout.east_asian:
        lines[1:] = [rest + _mdformat_escape(line[len(rest) :]) for line in lines[1:]]
    return lines


def _mdformat_escape(line: str) -> str:
    """A continuation line as mdformat escapes it, so that it stays paragraph text."""
    if re.match(r"(?:#{1,6}|[-*+])(?: |$)|>", line):
        return "\\" + line
    if re.match(r"\d+[.)](?: |$)", line):
        number = re.match(r"\d+", line)
        end = number.end() if number else 0
        return line[:end] + "\\" + line[end:]
    bare = line.replace(" ", "")
    thematic_break = len(bare) >= 3 and len(set(bare)) == 1 and bare[0] in "*-_"
    setext_underline = bool(line) and (set(line) <= {"="} or set(line) <= {"-"})
    return "\\" + line if thematic_break or setext_underline else line


def _words(text: str, east_asian: bool) -> list[str]:
    """The pieces a formatter may put on separate lines: split at spaces outside code spans
    and links (neither formatter breaks inside them)."""
    words: list[str] = []
    piece: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "`":
            end = _code_span_end(text, i)
            piece.append(text[i:end])
            i = end
            continue
        if char == "[":
            end = _link_end(text, i)
            piece.append(text[i:end])
            i = end
            continue
        if char == "\\" and i + 1 < n:
            piece.append(text[i : i + 2])
            i += 2
            continue
        if char == " " and piece and not (east_asian and _glued(text, i)):
            words.append("".join(piece))
            piece = []
        elif char != " " or piece:
            piece.append(char)
        i += 1
    if piece:
        words.append("".join(piece))
    if east_asian:  # prettier: a word that must not start a line moves down with the one before
        for i in range(len(words) - 1, 0, -1):
            if _MARKER_LIKE.match(words[i]):
                words[i - 1 : i + 1] = [f"{words[i - 1]} {words[i]}"]
    return words


def _code_span_end(text: str, start: int) -> int:
    """The index after the code span opening at ``start`` (or after its backticks alone)."""
    rest = text[start:]
    ticks = len(rest) - len(rest.lstrip("`"))
    run = text[start : start + ticks]
    close = re.compile(rf"(?<!`){run}(?!`)")
    found = close.search(text, start + ticks)
    return found.end() if found else start + ticks


_LINK = re.compile(r"\[(?:[^\[\]\\]|\\.)*\]\((?:[^()\s\\]|\\.)*\)")


def _link_end(text: str, start: int) -> int:
    """The index after ``[text](target)`` opening at ``start``, else after the bracket."""
    match = _LINK.match(text, start)
    return match.end() if match else start + 1


def _glued(text: str, space: int) -> bool:
    """prettier keeps a space inside text that touches a Chinese or Japanese character."""
    before = text[space - 1] if space > 0 else ""
    after = text[space + 1] if space + 1 < len(text) else ""
    if not before or not after or before in _MARKUP or after in _MARKUP:
        return False
    if _HANGUL.match(before) or _HANGUL.match(after):
        return False  # Korean is written with spaces, and prettier breaks at them
    return bool(chinese_or_japanese().match(before) or chinese_or_japanese().match(after))


_MARKUP = frozenset("`*_[]()<>")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


@cache
def chinese_or_japanese() -> re.Pattern[str]:
    """One Han, kana or full-width character (compiled on first need: the class is large)."""
    return re.compile("[\u2e80-\u2fff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
