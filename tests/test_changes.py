"""editor/changes: the edits from a plan's text to what sync writes -- one per rewritten region
body and one per changed line outside regions, the whole text only when the two texts do not
have that shape -- and applying them always gives the new text exactly."""

from __future__ import annotations

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st
from lsprotocol.types import Position

from plansync.document.text import split_lines
from plansync.editor.changes import LineEdit, line_edits, text_edits
from plansync.model import Region
from plansync.pipeline import parse

PLAN = """\
# Plan 🚀

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

## Phase 1: 中文

- [x] done task
- [ ] open task

<!-- plansync:begin progress -->
old line one
old line two
old line three
<!-- plansync:end progress -->
"""


def apply(old: str, edits: list[LineEdit]) -> str:
    lines = split_lines(old)
    assert edits == sorted(edits), "edits come in document order"
    for (_, stop, _), (first, _, _) in itertools.pairwise(edits):
        assert stop <= first, f"overlapping edits: {edits}"
    for first, stop, text in reversed(edits):
        lines[first:stop] = [text]
    return "".join(lines)


def regions_of(text: str) -> list[Region]:
    return list(parse(text).regions)


def test_a_region_body_is_replaced_by_one_edit() -> None:
    new = PLAN.replace(
        "<!-- plansync:begin summary -->\n", "<!-- plansync:begin summary -->\n\n- one\n- two\n\n"
    )
    # Inserted before the end marker (0-based line 3), replacing no line.
    assert line_edits(PLAN, new, regions_of(PLAN)) == [(3, 3, "\n- one\n- two\n\n")]
    assert apply(PLAN, line_edits(PLAN, new, regions_of(PLAN))) == new


def test_a_region_that_shrinks_or_grows() -> None:
    shrunk = PLAN.replace("old line one\nold line two\nold line three\n", "new\n")
    assert line_edits(PLAN, shrunk, regions_of(PLAN)) == [(11, 14, "new\n")]
    grown = PLAN.replace("old line two\n", "a\nb\nc\nd\n")
    assert line_edits(PLAN, grown, regions_of(PLAN)) == [
        (11, 14, "old line one\na\nb\nc\nd\nold line three\n")
    ]
    emptied = PLAN.replace("old line one\nold line two\nold line three\n", "")
    assert line_edits(PLAN, emptied, regions_of(PLAN)) == [(11, 14, "")]
    for new in (shrunk, grown, emptied):
        assert apply(PLAN, line_edits(PLAN, new, regions_of(PLAN))) == new


def test_single_changed_lines_outside_regions_are_edits_of_their_own() -> None:
    new = PLAN.replace("- [x] done task\n", "- [x] done task ✅ 2025-10-22\n").replace(
        "## Phase 1: 中文\n", "## Phase 1: 中文 [1/2]\n"
    )
    assert line_edits(PLAN, new, regions_of(PLAN)) == [
        (5, 6, "## Phase 1: 中文 [1/2]\n"),
        (7, 8, "- [x] done task ✅ 2025-10-22\n"),
    ]


def test_bodies_and_lines_together_in_document_order() -> None:
    new = (
        PLAN.replace("<!-- plansync:begin summary -->\n", "<!-- plansync:begin summary -->\nS\n")
        .replace("- [ ] open task\n", "- [ ] open task!\n")
        .replace("old line two\n", "")
        .replace("# Plan 🚀\n", "# Plan 🚀!\n")
    )
    edits = line_edits(PLAN, new, regions_of(PLAN))
    assert [(first, stop) for first, stop, _ in edits] == [(0, 1), (3, 3), (8, 9), (11, 14)]
    assert apply(PLAN, edits) == new


def test_no_change_no_edit() -> None:
    assert line_edits(PLAN, PLAN, regions_of(PLAN)) == []
    assert text_edits(PLAN, PLAN, regions_of(PLAN), "utf-16") == []


def test_text_without_a_trailing_newline() -> None:
    old = PLAN.rstrip("\n")
    new = old.replace("old line two\n", "two\n").replace("- [ ] open task", "- [x] open task")
    edits = line_edits(old, new, regions_of(old))
    assert edits == [(8, 9, "- [x] open task\n"), (11, 14, "old line one\ntwo\nold line three\n")]
    assert apply(old, edits) == new
    # The last line, without a line ending, changed alone.
    last = "# P\n\n- [ ] a\n- [ ] b"
    assert line_edits(last, last.replace("[ ] b", "[x] b"), []) == [(3, 4, "- [x] b")]


def test_crlf_line_endings_are_kept_in_every_edit() -> None:
    old = PLAN.replace("\n", "\r\n")
    new = old.replace("old line two\r\n", "x\r\ny\r\n").replace(
        "- [x] done task", "- [x] done task ✅ 2025-10-22"
    )
    edits = line_edits(old, new, regions_of(old))
    assert edits == [
        (7, 8, "- [x] done task ✅ 2025-10-22\r\n"),
        (11, 14, "old line one\r\nx\r\ny\r\nold line three\r\n"),
    ]
    assert apply(old, edits) == new


def test_lone_cr_line_endings() -> None:
    old = PLAN.replace("\n", "\r")
    new = old.replace("old line two\r", "two\r")
    assert line_edits(old, new, regions_of(old)) == [(11, 14, "old line one\rtwo\rold line three\r")]


def test_texts_of_another_shape_are_replaced_whole() -> None:
    regions = regions_of(PLAN)
    added = PLAN + "- [ ] another\n"  # one more line outside the regions
    assert line_edits(PLAN, added, regions) == [(0, 15, added)]
    unmarked = PLAN.replace("<!-- plansync:end progress -->\n", "")  # an end marker gone
    assert line_edits(PLAN, unmarked, regions) == [(0, 15, unmarked)]
    assert line_edits(PLAN, "", regions) == [(0, 15, "")]
    # A line added between the regions: not a shape sync makes, and still exact.
    between = PLAN.replace("- [ ] open task\n", "- [ ] open task\n- [ ] another\n")
    assert apply(PLAN, line_edits(PLAN, between, regions)) == between


def test_text_edits_are_whole_lines_in_lsp_positions() -> None:
    old = PLAN.replace("\n", "\r\n")
    new = old.replace("old line two\r\n", "").replace("# Plan 🚀", "# Plan 🚀🚀")
    edits = text_edits(old, new, regions_of(old), "utf-16")
    assert [(e.range.start, e.range.end, e.new_text) for e in edits] == [
        (Position(0, 0), Position(1, 0), "# Plan 🚀🚀\r\n"),
        (Position(11, 0), Position(14, 0), "old line one\r\nold line three\r\n"),
    ]
    last = "a\nb"
    (edit,) = text_edits(last, "x\ny\nz", [], "utf-16")
    assert (edit.range.start, edit.range.end, edit.new_text) == (Position(0, 0), Position(1, 1), "x\ny\nz")


# -- properties ----------------------------------------------------------------------------------

EOLS = st.sampled_from(["\n", "\r\n", "\r"])
WORDS = st.sampled_from(["- [ ] task", "- [x] done 🚀", "## 中文", "", "text\u2028more", "x\x0cy", "  "])


@st.composite
def plans(draw: st.DrawFn) -> tuple[str, list[Region], list[list[str]]]:
    """A text of plain lines and regions, its regions, and its parts as lists of lines (with
    their endings): outside, body, outside, body, ..., outside -- markers belong to the outside
    parts around a body."""
    eol = draw(EOLS)
    line = WORDS.map(lambda w: w + eol)
    count = draw(st.integers(0, 3))
    parts: list[list[str]] = []
    regions: list[Region] = []
    before = 0  # lines before the current outside part
    for n in range(count):
        end_marker = [f"<!-- plansync:end r{n - 1} -->{eol}"] if n else []
        outside = [*end_marker, *draw(st.lists(line, max_size=3)), f"<!-- plansync:begin r{n} -->{eol}"]
        body = draw(st.lists(line, max_size=3))
        begin = before + len(outside)  # 1-based line of the begin marker
        regions.append(Region(f"r{n}", (), begin, begin + len(body) + 1))
        parts += [outside, body]
        before = begin + len(body)
    last = [f"<!-- plansync:end r{count - 1} -->{eol}"] if count else []
    last += draw(st.lists(line, max_size=3))
    cut = draw(st.booleans())
    if cut and last:  # no line ending at the end of the text
        last[-1] = last[-1][: -len(eol)]
        if not last[-1]:
            last.pop()
    parts.append(last)
    return "".join(map("".join, parts)), regions, parts


def _stamped(line: str) -> str:
    content = line.rstrip("\r\n")
    return f"{content} ✅{line[len(content) :]}"


@given(plans(), st.data())
def test_sync_shaped_changes_edit_only_bodies_and_single_lines(
    plan: tuple[str, list[Region], list[list[str]]], data: st.DataObject
) -> None:
    old, regions, parts = plan
    lines = split_lines(old)
    for r in regions:
        assert lines[r.begin_line - 1].startswith(f"<!-- plansync:begin {r.name} -->")
        assert lines[r.end_line - 1].startswith(f"<!-- plansync:end {r.name} -->")
    eol = data.draw(EOLS)
    changed = []
    for k, part in enumerate(parts):
        if k % 2:  # a body: anything
            changed.append(data.draw(st.lists(WORDS.map(lambda w: w + eol), max_size=4)))
        else:  # outside: the same lines, some of them edited, the markers kept
            changed.append(
                [s if "plansync:" in s or not data.draw(st.booleans()) else _stamped(s) for s in part]
            )
    new = "".join(map("".join, changed))
    edits = line_edits(old, new, regions)
    assert apply(old, edits) == new
    bodies = [(r.begin_line, r.end_line - 1) for r in regions]  # 0-based: first body line, end marker
    for first, stop, _ in edits:
        assert stop == first + 1 or any(b <= first and stop <= e for b, e in bodies), (first, stop, edits)


@given(plans(), st.text(st.sampled_from("ab🚀\n\r"), max_size=40))
def test_any_new_text_comes_out_exactly(plan: tuple[str, list[Region], list[list[str]]], new: str) -> None:
    old, regions, _ = plan
    assert apply(old, line_edits(old, new, regions)) == new


_EOL = re.compile(r"\r\n|\r|\n")


def _offset(text: str, position: Position) -> int:
    """A UTF-16 position's offset, counted here without the server's Lines."""
    starts = [0, *(m.end() for m in _EOL.finditer(text))]
    if position.line >= len(starts):
        return len(text)
    content = _EOL.split(text)[position.line]
    units = i = 0
    while i < len(content) and units < position.character:
        units += 2 if ord(content[i]) > 0xFFFF else 1
        i += 1
    return starts[position.line] + i


@given(plans(), st.data())
def test_text_edits_applied_by_a_client_give_the_new_text(
    plan: tuple[str, list[Region], list[list[str]]], data: st.DataObject
) -> None:
    old, regions, _ = plan
    new = "".join(
        data.draw(WORDS) + "🚀" + s[len(s.rstrip("\r\n")) :] if data.draw(st.booleans()) else s
        for s in split_lines(old)
    )
    spans = sorted(
        (_offset(old, e.range.start), _offset(old, e.range.end), e.new_text)
        for e in text_edits(old, new, regions, "utf-16")
    )
    text = old
    for start, end, replacement in reversed(spans):
        text = text[:start] + replacement + text[end:]
    assert text == new
