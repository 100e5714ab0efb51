"""Markdown to raw plan items. The only module that imports markdown-it.

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
    with _no_cycle_collection():
        # Front matter opens the document with "---"; the plugin is not even loaded otherwise.
        tokens = _markdown(text.startswith("---")).parse(text)
    headings: list[RawHeading] = []
    tasks: list[RawTask] = []
    markers: list[RawMarker] = []
    front_matter: str | None = None
    opaque: list[tuple[int, int]] = []
    nested: list[tuple[int, str]] = []
    open_items: list[tuple[int, int | None]] = []  # (level, task index) of enclosing items
    deepest = MAX_NESTING - 1
    for i, tok in enumerate(tokens):
        kind = tok.type
        if tok.level >= deepest:
            line = tok.map[0] + 1 if tok.map else None
            raise NestingError(Problem(f"blocks nest deeper than {deepest} levels; plansync refuses", line))
        if kind == "list_item_open":
            while open_items and open_items[-1][0] >= tok.level:
                open_items.pop()
            task = _task_at(tokens, i)
            index: int | None = None
            if task is not None:
                state, body = task
                parent = next((t for _, t in reversed(open_items) if t is not None), None)
                index = len(tasks)
                tasks.append(RawTask(tok.map[0] + 1 if tok.map else 0, state, body, parent))
            open_items.append((tok.level, index))
        elif kind == "list_item_close":
            while open_items and open_items[-1][0] >= tok.level:
                open_items.pop()
        elif kind == "heading_open" and tok.map:
            title = _flat(tokens[i + 1].content)
            if tok.level == 0:
                headings.append(RawHeading(tok.map[0] + 1, tok.map[1], int(tok.tag[1]), title))
            else:
                nested.append((tok.map[0] + 1, title))
        elif kind == "html_block" and tok.level == 0 and tok.map and _MARKER_CANDIDATE.match(tok.content):
            markers.append(RawMarker(tok.map[0] + 1, tok.content))
        if kind in _OPAQUE and tok.map:
            opaque.append((tok.map[0] + 1, tok.map[1]))
            if kind == "front_matter":
                front_matter = tok.content
    return ParsedDocument(headings, tasks, markers, front_matter, opaque, nested)


def _task_at(tokens: Sequence[Token], i: int) -> tuple[TaskState, str] | None:
    """The state and text of the list item opened at ``tokens[i]``, if it is a task."""
    item = tokens[i]
    first = tokens[i + 1]
    on_item_line = first.map is not None and item.map is not None and first.map[0] == item.map[0]
    has_text = on_item_line and first.type in ("paragraph_open", "heading_open")
    content = tokens[i + 2].content if has_text else ""
    meta = item.meta
    if meta and "checked" in meta:
        return (TaskState.DONE if meta["checked"] else TaskState.OPEN), _flat(content)
    if first.type == "paragraph_open" and on_item_line and len(content) > 3:
        state = _EXTRA_STATES.get(content[1]) if content[0] == "[" and content[2] == "]" else None
        if state is not None and content[3] in " \t":
            return state, _flat(content[4:].strip())
    return None
