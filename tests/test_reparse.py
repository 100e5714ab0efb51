"""A near copy read again from a base gives exactly what parsing it whole gives."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plansync.document.parse import Stretches, parse_document
from plansync.document.reparse import parse_baseline, read_in_stretches, reparse
from plansync.errors import NestingError

if TYPE_CHECKING:
    from markdown_it.token import Token

# Lines whose meaning depends on the lines around them: fences, setext underlines, table
# delimiter rows, HTML blocks that run to a blank line or to their closing text, lazy
# continuations, indented code, front matter, list items at several depths.
LINES = [
    "",
    "",
    "",
    "# Plan",
    "## Phase 1 [1/2]",
    "### 1.1 Section",
    "Title line",
    "===",
    "---",
    "***",
    "- [ ] open task",
    "- [x] done task ✅ 2026-03-04",
    "  - [ ] subtask",
    "    - [x] deeper",
    "1. [ ] numbered",
    "2) [X] numbered done",
    "* [/] doing",
    "+ [-] cancelled",
    "- plain item",
    "- [ ] ```",
    "> quoted",
    "> - [ ] quoted task",
    "```",
    "```markdown",
    "~~~",
    "    indented code",
    "\t- [ ] tabbed",
    "<!-- plansync:begin progress -->",
    "<!-- plansync:end progress -->",
    "<!-- plansync:begin milestones stamp=done -->",
    "<!-- plansync:end milestones -->",
    "<!--",
    "-->",
    "<div>",
    "</div>",
    "<details><summary>more</summary>",
    "</details>",
    "<script>",
    "</script>",
    "| a | b |",
    "| --- | --- |",
    "| 1 | 2 |",
    "a paragraph",
    "  lazy continuation",
    "[ref]: https://example.org",
    "- [ ] > quoted in a task",
]

line = st.sampled_from(LINES)


@st.composite
def edited(draw: st.DrawFn, size: int) -> tuple[str, str]:
    """A text and a copy of it with a few lines replaced, inserted or removed."""
    lines = draw(st.lists(line, min_size=1, max_size=size))
    copy = list(lines)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(copy)))
        op = draw(st.sampled_from(("replace", "insert", "delete")))
        if op == "insert" or not copy:
            copy.insert(at, draw(line))
        elif op == "replace":
            copy[min(at, len(copy) - 1)] = draw(line)
        else:
            del copy[min(at, len(copy) - 1)]
    ending = draw(st.sampled_from(("\n", "")))
    return "\n".join(lines) + ending, "\n".join(copy) + ending


@settings(max_examples=600, deadline=None)
@given(edited(40))
def test_a_copy_reads_as_its_full_parse(texts: tuple[str, str]) -> None:
    base, copy = texts
    baseline = parse_baseline(base)
    assert baseline.doc == parse_document(base)
    assert reparse(baseline, copy) == parse_document(copy)
    assert read_in_stretches(copy, lines_per_stretch=3) == parse_document(copy)


@settings(max_examples=150, deadline=None)
@given(edited(400))
def test_a_long_copy_reads_as_its_full_parse(texts: tuple[str, str]) -> None:
    base, copy = texts
    assert reparse(parse_baseline(base), copy) == parse_document(copy)


PLAN = "".join(
    f"## Phase {p}\n\n"
    + "".join(f"- [{'x' if (p + t) % 3 == 0 else ' '}] task {p}.{t}\n" for t in range(5))
    + "\n"
    for p in range(30)
)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("- [ ] task 3.1\n", "- [x] task 3.1\n"),  # a tick
        ("- [ ] task 3.1\n", "```\n"),  # a fence opened: everything after is code
        ("## Phase 4\n", "Phase 4\n"),  # a heading turned into a paragraph's lazy line
        ("## Phase 4\n\n", "| a |\n"),  # a table header before a list
        ("- [ ] task 2.2\n", "- [ ] task 2.2\n---\n"),  # a setext underline
        ("## Phase 0\n", "---\ntitle: x\n---\n## Phase 0\n"),  # front matter comes
        ("- [ ] task 20.0\n", "<div>\n"),  # an HTML block, to the next blank line
        ("- [ ] task 7.1\n", "  - [ ] task 7.1\n"),  # a subtask now
    ],
)
def test_changes_that_reach_past_their_lines(old: str, new: str) -> None:
    assert old in PLAN
    copy = PLAN.replace(old, new, 1)
    assert reparse(parse_baseline(PLAN), copy) == parse_document(copy)


def test_front_matter_that_goes() -> None:
    base = "---\ntitle: x\n---\n" + PLAN
    assert reparse(parse_baseline(base), PLAN) == parse_document(PLAN)


def test_an_unchanged_text_is_the_base() -> None:
    base = parse_baseline(PLAN)
    assert reparse(base, PLAN) is base.doc


def test_items_far_from_a_change_keep_their_lines_moved() -> None:
    copy = "Intro paragraph.\n\n" + PLAN.replace("- [ ] task 1.1\n", "- [x] task 1.1\n")
    read = reparse(parse_baseline(PLAN), copy)
    assert read.headings[-1].line == parse_baseline(PLAN).doc.headings[-1].line + 2
    assert [t.parent for t in read.tasks] == [t.parent for t in parse_document(copy).tasks]


@pytest.mark.parametrize(
    ("base", "copy"),
    [
        ("---\n# Plan\n\n", "---\n# Plan\n\n---\n"),  # a later line closes the front matter
        ("---\n---\n# Plan\n\n---\n", "---\n\n# Plan\n\n---\n"),  # its closing line goes
        ("---\na: 1\n---\n\n" + PLAN, "---\na: 1\n---\n\n" + PLAN.replace("[ ] task 9.1", "[x] task 9.1")),
    ],
)
def test_front_matter_decided_by_a_later_line(base: str, copy: str) -> None:
    assert reparse(parse_baseline(base), copy) == parse_document(copy)


def test_only_the_blocks_around_each_change_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[tuple[int, int]] = []
    tokens = Stretches.tokens

    def recorded(self: Stretches, start: int, end: int) -> list[Token]:
        read.append((start, end))
        return tokens(self, start, end)

    base = parse_baseline(PLAN)
    monkeypatch.setattr(Stretches, "tokens", recorded)
    copy = PLAN.replace("[ ] task 3.1", "[x] task 3.1").replace("[ ] task 25.1", "[x] task 25.1")
    assert copy.count("[x]") == PLAN.count("[x]") + 2
    assert reparse(base, copy) == parse_document(copy)
    assert len(read) == 2
    assert sum(end - start for start, end in read) < 30  # of 240 lines


def test_stretches_never_hold_the_whole_token_list(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[int] = []
    tokens = Stretches.tokens

    def recorded(self: Stretches, start: int, end: int) -> list[Token]:
        found = tokens(self, start, end)
        read.append(len(found))
        return found

    monkeypatch.setattr(Stretches, "tokens", recorded)
    assert read_in_stretches(PLAN, lines_per_stretch=20) == parse_document(PLAN)
    assert len(read) > 5
    assert max(read) < len(tokens(Stretches(PLAN), 0, PLAN.count("\n") + 1)) / 5


def test_a_block_longer_than_a_stretch_is_read_whole() -> None:
    text = (
        "- [ ] a\n"
        + "".join(f"  - [x] sub {n}\n" for n in range(50))
        + "\n```\n"
        + "x\n" * 40
        + "```\n- [ ] b\n"
    )
    assert read_in_stretches(text, lines_per_stretch=4) == parse_document(text)


def test_nesting_too_deep_is_refused_alike() -> None:
    deep = "".join("  " * depth + "- [ ] t\n" for depth in range(260))
    text = "- [ ] x\n" * 40 + "\n" + deep + "\n- [ ] z\n" * 20
    refusals = []
    for read in (
        parse_document,
        lambda t: read_in_stretches(t, lines_per_stretch=5),
        lambda t: reparse(parse_baseline("- [ ] x\n" * 40), t),
    ):
        with pytest.raises(NestingError) as refused:
            read(text)
        refusals.append(str(refused.value))
    assert len(set(refusals)) == 1
    assert ":140:" in refusals[0]
