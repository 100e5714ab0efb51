"""A near copy of a parsed text read again: only the top-level blocks its changes touch are
tokenized anew; the base's other items are taken over, moved to their new lines.

markdown-it reads the top level one block after another, and where a top-level block starts
nothing before it counts but the line it starts at. A rule deciding where a block ends looks
at most one line past the line the next block starts at (a table's delimiter row, when it
asks whether a table interrupts a paragraph). So both texts reach a top-level start ``s``
alike when their lines before ``s + 2`` agree, and read alike from there for as long as
their lines agree. Each change is therefore read again from the base's last top-level start
at least two lines before it, until the reading starts a top-level block at a line the base
starts one at past the change (with two lines of the copy after it in view). A reading that
does not fall into step again soon (a change that opens a fence) is carried on further, at
worst to the end of the text. Front matter alone looks further ahead (an opening ``---``
that nothing closes is no front matter): a change near it has the copy parsed whole.

The same reasoning lets a whole text be read a stretch of lines at a time, each stretch up to
its last top-level start (``read_in_stretches``), so that markdown-it's tokens for the whole
text are never held at once. Either way the result is the full parse's:
``tests/test_reparse.py`` holds both to that.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple, TypeAlias, TypeVar

from .parse import ParsedDocument, RawTask, Stretches, parse_document, read_tokens
from .text import normalize_eol

if TYPE_CHECKING:
    from markdown_it.token import Token

#: How a text is read into raw items: ``parse_document``, or a reading known to give the same
#: (``reparse`` of a near copy of a text already parsed).
Reader: TypeAlias = Callable[[str], ParsedDocument]

_Item = TypeVar("_Item", bound=tuple)  # type: ignore[type-arg]

#: How far past a change a reading looks for the base's next top-level start, in lines: each
#: miss looks further.
_REACH = (0, 8, 64, 512, 4096)


class Baseline(NamedTuple):
    """A parsed text kept for reading near copies of it."""

    lines: list[str]
    doc: ParsedDocument
    #: 0-based first lines of its top-level blocks, ascending.
    starts: list[int]


class _Change(NamedTuple):
    """Lines ``[base_from, base_to)`` of the base became ``[new_from, new_to)`` of the copy."""

    base_from: int
    base_to: int
    new_from: int
    new_to: int


def parse_baseline(text: str) -> Baseline:
    """Parse ``text`` as ``parse_document`` does, keeping what ``reparse`` needs."""
    text = normalize_eol(text)
    tokens = Stretches(text).tokens(0, text.count("\n") + 1)
    starts = [line for tok in tokens if (line := _top_level_start(tok)) is not None]
    return Baseline(text.split("\n"), read_tokens(tokens, text), starts)


def reparse(base: Baseline, text: str) -> ParsedDocument:
    """``parse_document(text)``, reading only what changed since ``base``."""
    from difflib import SequenceMatcher

    text = normalize_eol(text)
    lines = text.split("\n")
    if not text or text.startswith("---") != base.lines[0].startswith("---"):
        return parse_document(text)  # front matter comes or goes: another parser reads it
    matcher = SequenceMatcher(None, base.lines, lines)
    changes = [_Change(*op[1:]) for op in matcher.get_opcodes() if op[0] != "equal"]
    if not changes:
        return base.doc
    if text.startswith("---") and changes[0].base_from < _front_matter_end(base) + 2:
        return parse_document(text)  # whether front matter closes can hang on any later line
    return _Reader(base, text, lines, changes).read()


def read_in_stretches(text: str, lines_per_stretch: int = 1000) -> ParsedDocument:
    """``parse_document(text)`` holding the tokens of one stretch of lines at a time, not the
    whole text's (markdown-it's tokens are most of a parse's memory): each stretch is read up
    to its last top-level start with two lines of it after (see the module's reasoning), and
    the next one starts there. A block longer than a stretch has the stretch grow."""
    text = normalize_eol(text)
    if text.startswith("---"):
        return parse_document(text)  # whether front matter closes can hang on any later line
    lines = text.split("\n")
    stretches, pieces = Stretches(text), _Pieces()
    start, size = 0, lines_per_stretch
    while start + size < len(lines):
        tokens = stretches.tokens(start, start + size)
        cut = _last_start(tokens, start, start + size - 2)
        if cut is None:
            size *= 2
            continue
        pieces.add(read_tokens(tokens[: cut[0]], text, lines), start)
        start, size = cut[1], lines_per_stretch
    pieces.add(read_tokens(stretches.tokens(start, len(lines)), text, lines), start)
    return pieces.doc


def _last_start(tokens: Sequence[Token], after: int, until: int) -> tuple[int, int] | None:
    """The index and line of the last top-level token starting on a line in ``(after, until]``."""
    for i in range(len(tokens) - 1, -1, -1):
        line = _top_level_start(tokens[i])
        if line is not None and after < line <= until:
            return i, line
    return None


def _front_matter_end(base: Baseline) -> int:
    """The 0-based line after the base's front matter; the end of the text when it has none
    (an opening ``---`` that nothing closes is front matter once a later line closes it)."""
    if base.doc.front_matter is None:
        return len(base.lines)
    return base.doc.opaque[0][1]


class _Reader:
    """The copy's items, built from stretches of the base moved by an offset and stretches read anew."""

    def __init__(self, base: Baseline, text: str, lines: list[str], changes: Sequence[_Change]) -> None:
        self.base, self.text, self.lines, self.changes = base, text, lines, changes
        self.pieces = _Pieces()
        self.stretches = Stretches(text)

    def read(self) -> ParsedDocument:
        done, shift, k = 0, 0, 0  # base lines before ``done`` are placed; base line + shift = new line
        while k < len(self.changes):
            start = max(done, self._start_before(self.changes[k].base_from - 1))
            self._take(done, start, shift)
            step = self._read_from(start + shift, k)
            if step is None:
                return self.pieces.doc  # read to the end of the text
            done, shift, k = step
        self._take(done, len(self.base.lines), shift)
        return self.pieces.doc

    def _start_before(self, line: int) -> int:
        """The base's last top-level start before ``line`` (0 when there is none)."""
        starts = self.base.starts
        i = bisect_left(starts, line) - 1
        return starts[i] if i >= 0 else 0

    def _read_from(self, new_start: int, k: int) -> tuple[int, int, int] | None:
        """Read the copy from ``new_start`` through change ``k`` (and any change too close to
        its end) until it falls into step with the base: (base line, shift, next change)."""
        for reach in _REACH:
            last = k
            resume = self._start_after(self.changes[last].base_to + reach)
            while resume is not None and last + 1 < len(self.changes):
                if self.changes[last + 1].base_from >= resume + 2:
                    break
                last += 1  # the next change is read in the same stretch
                resume = self._start_after(max(self.changes[last].base_to, resume))
            if resume is None:
                break
            shift = self.changes[last].new_to - self.changes[last].base_to
            tokens = self.stretches.tokens(new_start, resume + shift + 2)
            at = next((i for i, t in enumerate(tokens) if _top_level_start(t) == resume + shift), None)
            if at is not None:
                self.pieces.add(read_tokens(tokens[:at], self.text, self.lines), new_start)
                return resume, shift, last + 1
        tokens = self.stretches.tokens(new_start, len(self.lines))
        self.pieces.add(read_tokens(tokens, self.text, self.lines), new_start)
        return None

    def _start_after(self, line: int) -> int | None:
        """The base's first top-level start at or after ``line``."""
        starts = self.base.starts
        i = bisect_left(starts, line)
        return starts[i] if i < len(starts) else None

    def _take(self, first: int, end: int, shift: int) -> None:
        """The base's items on 0-based lines ``[first, end)``, moved down by ``shift`` lines."""
        if first >= end:
            return
        base = self.base.doc
        lo, hi = first + 1, end + 1  # items are numbered from 1
        if first == 0:
            self.pieces.doc = self.pieces.doc._replace(front_matter=base.front_matter)
        doc = self.pieces.doc
        doc.headings.extend(
            h._replace(line=h.line + shift, end_line=h.end_line + shift)
            for h in _between(base.headings, lo, hi)
        )
        doc.markers.extend(m._replace(line=m.line + shift) for m in _between(base.markers, lo, hi))
        doc.nested_headings.extend(
            (line + shift, title) for line, title in _between(base.nested_headings, lo, hi)
        )
        doc.opaque.extend((a + shift, b + shift) for a, b in _between(base.opaque, lo, hi))
        doc.html_blocks.extend((a + shift, b + shift) for a, b in _between(base.html_blocks, lo, hi))
        since, until = (bisect_left(base.tasks, at, key=lambda task: task.line) for at in (lo, hi))
        moved = len(doc.tasks) - since  # a task's parent is in the same top-level block
        doc.tasks.extend(_moved_task(t, shift, moved) for t in base.tasks[since:until])


class _Pieces:
    """A document's items, put together from pieces read in line order."""

    def __init__(self) -> None:
        self.doc = ParsedDocument([], [], [], None, [], [], [])

    def add(self, read: ParsedDocument, new_start: int) -> None:
        """Items read from line ``new_start`` on (numbered as in the whole text) appended."""
        if new_start == 0:
            self.doc = self.doc._replace(front_matter=read.front_matter)
        doc = self.doc
        moved = len(doc.tasks)
        doc.headings.extend(read.headings)
        doc.markers.extend(read.markers)
        doc.nested_headings.extend(read.nested_headings)
        doc.opaque.extend(read.opaque)
        doc.html_blocks.extend(read.html_blocks)
        doc.tasks.extend(_moved_task(t, 0, moved) for t in read.tasks)


def _top_level_start(token: Token) -> int | None:
    """The 0-based first line of the top-level block ``token`` opens (or is); None for any
    other token."""
    return token.map[0] if token.level == 0 and token.nesting >= 0 and token.map is not None else None


def _moved_task(task: RawTask, shift: int, moved: int) -> RawTask:
    parent = None if task.parent is None else task.parent + moved
    return task._replace(line=task.line + shift, parent=parent)


def _between(items: Sequence[_Item], lo: int, hi: int) -> Sequence[_Item]:
    """The items (sorted by their first field, a 1-based line) on lines ``[lo, hi)``."""
    return items[bisect_left(items, lo, key=_line) : bisect_left(items, hi, key=_line)]


def _line(item: tuple[int, ...]) -> int:
    return item[0]
