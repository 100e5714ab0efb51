"""What a region body means, whatever layout a formatter gave it.

A body is current when it means the same as the fresh rendering: the same blocks (paragraphs,
lists and their nesting, table rows and cells, code verbatim) holding the same inline text.
Bullet characters, ordered-list numbers, indentation, table padding, line wrapping, escapes and
entities are layout: they are gone from ``body_meaning``, one line per block in a fixed form.
Inline markup is kept as tokens of its own, so ``\\*\\*x\\*\\*`` (literal asterisks) never
means the same as ``**x**`` (bold).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from ..document.parse import inline_tokens, markdown_tokens
from .layout import chinese_or_japanese

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it.token import Token

#: Inline markup, cell boundaries and hard breaks inside a meaning line (never in text).
_OPEN, _CLOSE, _CELL = "\x02", "\x03", "\x04"
_HARD = f"{_OPEN}br{_CLOSE}"

#: How each markup token reads when a meaning line is shown as Markdown (for line shapes).
_AS_MARKDOWN = {"strong": "**", "em": "*", "code": "`", "link": "[", "/link": "]"}
_AS_MARKDOWN |= {"/strong": "**", "/em": "*", "escape": "\\"}
#: Before a paragraph whose text would read as another block (a token: text may itself start
#: with a backslash).
_ESCAPE = f"{_OPEN}escape{_CLOSE}"
_ALIGNS = {"left": ":--", "right": "--:", "center": ":-:"}


def same_meaning(current: str, fresh: str) -> bool:
    """Whether ``current`` means what ``fresh`` does; equal text is decided without a parse."""
    return current == fresh or body_meaning(current) == body_meaning(fresh)


@lru_cache(maxsize=256)
def body_meaning(body: str) -> tuple[str, ...]:
    """One line per block: a list item's marker and depth, a table row's cells, a code line."""
    return tuple(_Reader(keep_cj_spaces=False).read(markdown_tokens(body)))


@lru_cache(maxsize=64)
def _spaced_meaning(body: str) -> tuple[str, ...]:
    return tuple(_Reader(keep_cj_spaces=True).read(markdown_tokens(body)))


def markdown_lines(body: str) -> list[str]:
    """The meaning as plain Markdown lines: one per block, two-space nesting, unwrapped.

    Line shapes (``regions.kinds``) and the milestones reader look at these, so a body a
    formatter re-wrapped or re-indented reads as the lines plansync wrote. Unlike the
    comparison, they keep the spaces next to Chinese and Japanese text (``- 日期未知 — 准备``).
    """
    return [as_markdown(line) for line in _spaced_meaning(body)]


def without_cj_spaces(text: str) -> str:
    """``text`` less the spaces next to Chinese or Japanese characters (layout, for lookups)."""
    return text if text.isascii() else _next_to_chinese_or_japanese().sub("", text)


def as_markdown(line: str) -> str:
    """A meaning line with its markup tokens spelled as Markdown (escapes stay resolved)."""
    if _OPEN not in line and _CELL not in line:
        return line
    if line.startswith(_CELL):  # a table row: | a | b |
        line = ("| " + line[1:-1].replace(_CELL, " | ") + " |").replace("  |", " |")
    return re.sub(f"{_OPEN}([^{_CLOSE}]*){_CLOSE}", lambda m: _AS_MARKDOWN.get(m[1].split(" ")[0], ""), line)


@lru_cache(maxsize=1024)
def inline_meaning(markdown: str) -> str:
    """The meaning of inline Markdown (a milestone's label, say), as text inside a block."""
    return _inline_text(inline_tokens(markdown), keep_cj_spaces=True)


class _Reader:
    """Walks a token stream, keeping the prefix (quotes, list markers) of the current block."""

    def __init__(self, keep_cj_spaces: bool) -> None:
        self.keep_cj_spaces = keep_cj_spaces
        self.lines: list[str] = []
        self.prefix: list[str] = []
        #: Per open list: its next item number, or None for a bullet list.
        self.numbers: list[int | None] = []
        #: The marker of a list item whose first block is still to come.
        self.pending: str | None = None
        self.row: list[str] = []
        self.aligns: list[str] = []
        self.in_table = False
        #: ``"## "`` inside a heading.
        self.heading = ""

    def read(self, tokens: Sequence[Token]) -> list[str]:
        for tok in tokens:
            self.token(tok)
        return self.lines

    def token(self, tok: Token) -> None:
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.flush()
            self.numbers.append(int(str(tok.attrGet("start") or 1)) if kind[0] == "o" else None)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.numbers.pop()
        elif kind == "list_item_open":
            self.item()
        elif kind in ("list_item_close", "blockquote_close"):
            self.flush()
            self.prefix.pop()
        elif kind == "blockquote_open":
            self.flush()
            self.prefix.append("> ")
        elif kind == "inline":
            self.inline(tok)
        elif kind in ("heading_open", "heading_close"):
            self.heading = "#" * int(tok.tag[1]) + " " if kind == "heading_open" else ""
        elif kind in ("table_open", "table_close"):
            self.in_table = kind == "table_open"
        elif kind in ("th_open", "td_open"):
            self.cell_open(tok)
        elif kind == "tr_close":
            self.emit(_CELL + _CELL.join(self.row) + _CELL)
            self.row = []
        elif kind == "thead_close":
            self.emit(_CELL + _CELL.join(self.aligns) + _CELL)
            self.aligns = []
        elif kind in ("fence", "code_block"):
            self.code(tok)
        elif kind == "html_block":
            self.emit(*(line.rstrip() for line in tok.content.splitlines()))
        elif kind == "hr":
            self.emit("---")

    def item(self) -> None:
        self.flush()
        number = self.numbers[-1]
        if number is None:
            marker = "- "
        else:
            marker = f"{number}. "
            self.numbers[-1] = number + 1
        self.pending = marker
        self.prefix.append("  ")

    def inline(self, tok: Token) -> None:
        text = _inline_text(tok.children or [], self.keep_cj_spaces)
        if self.in_table:
            self.row.append(text)
        elif self.heading:
            self.emit(self.heading + text)
        else:
            # Text that would read as a table row, list item or heading shows its escape, as in
            # Markdown: line shapes must not take a paragraph for a row plansync writes.
            self.emit(_ESCAPE + text if _BLOCK_LIKE.match(text) else text)

    def cell_open(self, tok: Token) -> None:
        if tok.type == "th_open":
            style = str(tok.attrGet("style") or "")
            self.aligns.append(_ALIGNS.get(style.rpartition(":")[2], "---"))

    def code(self, tok: Token) -> None:
        fence = "```" + tok.info.strip()
        self.emit(fence, *tok.content.splitlines(), "```")

    def emit(self, *lines: str) -> None:
        """Lines of a block, the first after a pending list marker, all after the prefix."""
        for line in lines:
            indent = "".join(self.prefix[:-1]) if self.pending is not None else "".join(self.prefix)
            lead = self.pending or ""
            self.lines.append(f"{indent}{lead}{line}".rstrip())
            self.pending = None

    def flush(self) -> None:
        """An item whose first block is a list or code: its marker gets a line of its own."""
        if self.pending is not None:
            self.emit("")


def _inline_text(children: Sequence[Token], keep_cj_spaces: bool) -> str:
    parts: list[str] = []
    for child in children:
        kind = child.type
        if kind == "text":
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append("\n")
        elif kind == "hardbreak":
            parts.append(_HARD)
        elif kind == "code_inline":
            parts.append(f"{_OPEN}code{_CLOSE}{child.content}{_OPEN}code{_CLOSE}")
        elif kind == "link_open":
            parts.append(f"{_OPEN}link {child.attrGet('href')}{_CLOSE}")
        elif kind == "image":
            alt = _inline_text(child.children or [], keep_cj_spaces)
            parts.append(f"{_OPEN}image {child.attrGet('src')} {alt}{_CLOSE}")
        elif kind.endswith("_close"):
            parts.append(f"{_OPEN}/{kind[:-6]}{_CLOSE}")
        elif kind.endswith("_open"):
            parts.append(f"{_OPEN}{kind[:-5]}{_CLOSE}")
        else:  # html_inline and anything a plugin adds: as written
            parts.append(child.content)
    text = _SPACES.sub(" ", "".join(parts)).strip()
    return text if keep_cj_spaces else without_cj_spaces(text)


_BLOCK_LIKE = re.compile(r"[|>#*+-]|\d+[.)]")
_SPACES = re.compile(r"\s+")


@cache
def _next_to_chinese_or_japanese() -> re.Pattern[str]:
    """A space next to a Chinese or Japanese character: layout (formatters add, drop and move
    them, and a line break between two such characters renders as nothing in browsers)."""
    cj = chinese_or_japanese().pattern
    return re.compile(f"(?<={cj}) | (?={cj})")
