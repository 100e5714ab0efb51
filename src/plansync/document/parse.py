"""Markdown to raw plan items (and a region body's full tokens). The only module that runs markdown-it.

The parse is block-level only: markdown-it-py >= 4.1 marks task items itself
(``list_item_open.meta["checked"]``), so the inline pass -- most of the parse cost -- is
switched off. Inline tokens still carry their raw ``content``, which is all a task's or a
heading's text needs.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ..errors import NestingError, Problem
from ..model import TaskState
from .text import normalize_eol

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: markdown-it stops tokenizing silently once blocks nest this deep; the commonmark preset's
#: 20 loses real plans (ten nested list levels), so it is raised and a hit is refused.
MAX_NESTING = 200
_MARKER_CANDIDATE = re.compile(r"\s*<!--\s*plansync\s*:\s*(?:begin|end)\b", re.IGNORECASE)
_EXTRA_STATES = {"/": TaskState.DOING, "-": TaskState.CANCELLED}
_OPAQUE = frozenset({"fence", "code_block", "html_block", "front_matter"})
_LINE_BREAK = re.compile(r"(?<![ \t])[ \t]*\n[ \t]*")
# A task item's line, read left to right: quote markers, list markers, and markdown-it's own
# box (one state character, then one blank).
_QUOTE_MARK = re.compile(r"[ \t]*>")
_ITEM_MARK = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_BOX = re.compile(r"\[[ xX]\][ \t]")


class RawHeading(NamedTuple):
    line: int
    #: 1-based last line (the underline of a setext heading).
    end_line: int
    level: int
    title: str


class RawTask(NamedTuple):
    line: int
    state: TaskState
    text: str
    #: Index of the enclosing task in the raw task list, for subtasks.
    parent: int | None
    #: The date-like token of a ✅ stamp ending the item's first line (see ``document.stamps``).
    stamp: str | None = None


class RawMarker(NamedTuple):
    """A top-level HTML block whose first line looks like a plansync marker."""

    line: int
    #: The whole HTML block: one line for a well-formed marker.
    content: str


class ParsedDocument(NamedTuple):
    headings: list[RawHeading]
    tasks: list[RawTask]
    markers: list[RawMarker]
    front_matter: str | None
    #: 1-based (first, last) lines of code blocks, HTML blocks and front matter: text that is not Markdown.
    opaque: list[tuple[int, int]]
    #: (line, title) of headings inside lists or quotes: not outline, but GitHub anchors them.
    nested_headings: list[tuple[int, str]]
    #: 1-based (first, last) lines of HTML blocks (at any depth), comments included.
    html_blocks: list[tuple[int, int]]


@lru_cache(maxsize=2)
def _markdown(front_matter: bool) -> MarkdownIt:
    """The block parser; with the front matter plugin only for a text that could have one."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"tasklists": True, "maxNesting": MAX_NESTING})
    md.enable("table")
    if front_matter:
        from mdit_py_plugins.front_matter import front_matter_plugin

        md.use(front_matter_plugin)
    # Not "normalize": it turns NUL into U+FFFD, and copied text must hold the file's own
    # characters. Its other job, line endings, is done in parse_document.
    md.disable(["inline", "text_join", "normalize"])
    return md


@lru_cache(maxsize=1)
def _full_markdown() -> MarkdownIt:
    """The block and inline parser, for texts whose every character's meaning counts."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")


def markdown_tokens(text: str) -> list[Token]:
    """Block and inline tokens of a small text such as a region body."""
    with _no_cycle_collection():
        return _full_markdown().parse(text)


def inline_tokens(text: str) -> list[Token]:
    """The inline tokens of one line of text, read as a paragraph's content (never as a block)."""
    return _full_markdown().parseInline(text)[0].children or []


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while markdown-it builds its tokens.

    A token list holds no reference cycles, so the collector only re-scans an ever larger heap
    as tokens pile up: on big plans that made parsing grow faster than the file.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _flat(text: str) -> str:
    return _LINE_BREAK.sub(" ", text) if "\n" in text else text


def parse_document(text: str) -> ParsedDocument:
    """Headings (top level only), tasks (any depth), marker candidates and front matter."""
    text = normalize_eol(text)  # markdown-it's own normalisation is off (see _markdown)
    with _no_cycle_collection():  # front matter opens with "---": the plugin is loaded only then
        return read_tokens(_markdown(text.startswith("---")).parse(text), text)


class Stretches:
    """Block tokens of stretches of one LF text, each read in place: what follows is lookahead only."""

    def __init__(self, text: str) -> None:
        from markdown_it.rules_block import StateBlock

        self._md = _markdown(text.startswith("---"))
        self._state = StateBlock(text, self._md, {}, [])  # its line index, built once

    def tokens(self, start: int, end: int) -> list[Token]:
        """The tokens of the 0-based lines ``[start, end)``; ``start`` must begin a top-level block."""
        state = self._state
        state.tokens, state.level = [], 0
        with _no_cycle_collection():
            self._md.block.tokenize(state, start, min(end, state.lineMax))
        return state.tokens


def read_tokens(tokens: Sequence[Token], text: str, lines: list[str] | None = None) -> ParsedDocument:
    """The raw plan items of ``tokens``, block tokens of ``text`` (or of a stretch of it that
    starts at a top-level block: then ``lines``, the text split at LF once for all stretches)."""
    doc = ParsedDocument([], [], [], None, [], [], [])
    items = _Items(text, lines)
    deepest = MAX_NESTING - 1
    for i, tok in enumerate(tokens):
        kind = tok.type
        if tok.level >= deepest:
            line = tok.map[0] + 1 if tok.map else None
            raise NestingError(Problem(f"blocks nest deeper than {deepest} levels; plansync refuses", line))
        if kind == "list_item_open":
            items.enter(tokens, i)
        elif kind == "list_item_close":
            items.leave(tok.level)
        elif kind == "heading_open" and tok.map:
            title = _flat(tokens[i + 1].content)
            if tok.level == 0:
                doc.headings.append(RawHeading(tok.map[0] + 1, tok.map[1], int(tok.tag[1]), title))
            else:
                doc.nested_headings.append((tok.map[0] + 1, title))
        elif kind == "html_block" and tok.map:
            doc.html_blocks.append((tok.map[0] + 1, tok.map[1]))
            if tok.level == 0 and _MARKER_CANDIDATE.match(tok.content):
                doc.markers.append(RawMarker(tok.map[0] + 1, tok.content))
        if kind in _OPAQUE and tok.map:
            doc.opaque.append((tok.map[0] + 1, tok.map[1]))
            if kind == "front_matter":
                doc = doc._replace(front_matter=tok.content)
    return doc._replace(tasks=items.stamped_tasks())


class _Items:
    """The list items open around the current token, and the tasks found so far."""

    def __init__(self, text: str, lines: list[str] | None = None) -> None:
        self.text = text
        self.tasks: list[RawTask] = []
        #: (level, task index, 0-based first line) of the enclosing items, outermost first.
        self.open: list[tuple[int, int | None, int]] = []
        self._lines = lines  # see lines()
        # For a stretch, looking for a stamp in its tasks' lines beats scanning the whole text.
        self._stretch = lines is not None

    def enter(self, tokens: Sequence[Token], i: int) -> None:
        tok = tokens[i]
        self.leave(tok.level)
        first_line = tok.map[0] if tok.map else -1
        task = _task_at(tokens, i)
        index: int | None = None
        if task is not None:
            state, body = task
            if body is None:
                # The items that open on this line before this one each have a marker there.
                before = sum(1 for _, _, line in self.open if line == first_line)
                body = _block_task_text(tokens, i, _after_box(self.lines()[first_line], before + 1))
            parent = next((t for _, t, _ in reversed(self.open) if t is not None), None)
            index = len(self.tasks)
            self.tasks.append(RawTask(first_line + 1, state, body, parent))
        self.open.append((tok.level, index, first_line))

    def leave(self, level: int) -> None:
        while self.open and self.open[-1][0] >= level:
            self.open.pop()

    def lines(self) -> list[str]:
        """The text's lines, split once, when a task first needs its source line."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    def stamped_tasks(self) -> list[RawTask]:
        """The tasks with the stamp that ends each one's first source line (most plans have none)."""
        if not self._stretch and "✅" not in self.text:
            return self.tasks
        from .stamps import date_like_stamp

        lines, stamped = self.lines(), list(self.tasks)
        for k, task in enumerate(self.tasks):
            line = lines[task.line - 1] if task.line else ""
            if "✅" in line:  # a plain substring test first: the regex only where a stamp can be
                stamped[k] = task._replace(stamp=date_like_stamp(line))
        return stamped


def _task_at(tokens: Sequence[Token], i: int) -> tuple[TaskState, str | None] | None:
    """The state and text of the list item opened at ``tokens[i]``, if it is a task.

    The text is None when markdown-it read the text after the box as a block of its own (a
    list, a quote, an ATX heading: ``- [ ] 1. Foo``); the caller takes it from the source.
    """
    item = tokens[i]
    first = tokens[i + 1]
    on_item_line = first.map is not None and item.map is not None and first.map[0] == item.map[0]
    has_text = on_item_line and (
        first.type == "paragraph_open" or (first.type == "heading_open" and first.markup != "#")
    )
    content = tokens[i + 2].content if has_text else ""
    meta = item.meta
    if meta and "checked" in meta:
        state = TaskState.DONE if meta["checked"] else TaskState.OPEN
        return state, (_flat(content) if has_text or not on_item_line else None)
    if first.type == "paragraph_open" and on_item_line and len(content) > 3:
        extra = _EXTRA_STATES.get(content[1]) if content[0] == "[" and content[2] == "]" else None
        if extra is not None and content[3] in " \t":
            return extra, _flat(content[4:].strip())
    return None


def _after_box(line: str, nth: int) -> str:
    """What follows the box of the ``nth`` (1-based) list item that opens on ``line``."""
    pos, seen = 0, 0
    while True:
        if quote := _QUOTE_MARK.match(line, pos):
            pos = quote.end()
            continue
        marker = _ITEM_MARK.match(line, pos)
        if marker is None:
            return ""
        seen += 1
        box = _BOX.match(line, marker.end())
        if seen == nth:
            return line[box.end() :] if box else ""
        pos = box.end() if box else marker.end()


def _block_task_text(tokens: Sequence[Token], i: int, first_line: str) -> str:
    """A task's text read as a block by markdown-it: the source after the box, then the
    continuation lines of the first paragraph inside that block (``- [ ] > a`` / ``  > b``)."""
    item = tokens[i]
    for tok in tokens[i + 1 :]:
        if tok.level <= item.level:
            break
        if tok.type == "inline":
            if tok.map and item.map and tok.map[0] == item.map[0] and "\n" in tok.content:
                return _flat(first_line.strip() + "\n" + tok.content.split("\n", 1)[1]).strip()
            break
    return first_line.strip()
