"""Which list items are tasks, their state, text, nesting and the headings around them."""

from __future__ import annotations

import csv

import pytest

import plansync
from plansync.document.parse import parse_document
from plansync.document.text import decode
from plansync.errors import NestingError
from plansync.model import TaskState

from .conftest import SHARED, shared_path

OP, D, G, C = TaskState.OPEN, TaskState.DONE, TaskState.DOING, TaskState.CANCELLED

# (id, text, [(line, state, text), ...]) for every task plansync.parse must find.
TASKS = [
    ("dash", "- [ ] a\n", [(1, OP, "a")]),
    ("star", "* [ ] a\n", [(1, OP, "a")]),
    ("plus", "+ [x] a\n", [(1, D, "a")]),
    ("ordered-dot", "1. [ ] a\n2. [x] b\n", [(1, OP, "a"), (2, D, "b")]),
    ("ordered-paren", "1) [ ] a\n2) [x] b\n", [(1, OP, "a"), (2, D, "b")]),
    ("nested-spaces", "- [ ] a\n  - [x] b\n    - [ ] c\n", [(1, OP, "a"), (2, D, "b"), (3, OP, "c")]),
    ("nested-tabs", "- [ ] a\n\t- [x] b\n\t\t- [ ] c\n", [(1, OP, "a"), (2, D, "b"), (3, OP, "c")]),
    ("blockquote", "> - [ ] a\n> - [x] b\n>   - [/] c\n", [(1, OP, "a"), (2, D, "b"), (3, G, "c")]),
    (
        "states",
        "- [ ] a\n- [x] b\n- [X] c\n- [/] d\n- [-] e\n",
        [(1, OP, "a"), (2, D, "b"), (3, D, "c"), (4, G, "d"), (5, C, "e")],
    ),
    ("extra-states-ordered", "1. [/] d\n2. [-] e\n", [(1, G, "d"), (2, C, "e")]),
    ("non-tasks", "- [x]\n- [ ]no-space\n- [~] x\n-[ ] x\n- [xx] x\n- plain\n", []),
    ("fenced-code", "```markdown\n- [ ] a\n- [x] b\n```\n\n- [x] real\n", [(6, D, "real")]),
    ("tilde-fence", "~~~\n- [ ] a\n~~~\n", []),
    ("indented-code", "Para.\n\n    - [ ] a\n    - [x] b\n", []),
    ("html-block", "<div>\n- [ ] a\n- [x] b\n</div>\n\n- [ ] real\n", [(6, OP, "real")]),
    ("html-comment", "<!--\n- [ ] a\n\n- [x] b\n-->\n- [ ] real\n", [(6, OP, "real")]),
    ("front-matter", "---\ntitle: plan\ntodo:\n- [ ] a\n---\n\n- [x] real\n", [(7, D, "real")]),
    ("table-cell", "| a | b |\n|---|---|\n| - [ ] x | - [x] y |\n", []),
    (
        "region",
        "# P\n\n- [ ] a\n\n<!-- plansync:begin summary -->\n- [ ] hidden\n- [x] hidden too\n"
        "<!-- plansync:end summary -->\n\n- [x] b\n",
        [(3, OP, "a"), (10, D, "b")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in TASKS])
def test_tasks(text: str, expected: list[tuple[int, TaskState, str]]) -> None:
    plan = plansync.parse(text)
    assert [(t.line, t.state, t.text) for t in plan.tasks] == expected


def test_region_tasks_are_seen_by_the_parser_but_not_counted() -> None:
    text = "- [ ] a\n\n<!-- plansync:begin summary -->\n- [x] hidden\n<!-- plansync:end summary -->\n"
    assert len(parse_document(text).tasks) == 2
    plan = plansync.parse(text)
    assert [t.text for t in plan.tasks] == ["a"]
    assert (plan.counts.open, plan.counts.done) == (1, 0)


def test_front_matter_is_kept() -> None:
    doc = parse_document("---\ntitle: plan\n- [ ] a\n---\n\n- [x] real\n")
    assert doc.front_matter == "title: plan\n- [ ] a"
    assert [t.text for t in doc.tasks] == ["real"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- [ ] Read `vllm/config.py` and [the docs](https://example.org/d)\n",
            "Read `vllm/config.py` and [the docs](https://example.org/d)",
        ),
        (
            "- [x] First line\n  second *line*\n  third\n\n  A second paragraph.\n",
            "First line second *line* third",
        ),
        ("- [ ] lazy\ncontinuation line\n", "lazy continuation line"),
        ("- [ ] hard break  \n  next\n", "hard break next"),
        ("- [/] doing `x`\n  with <b>html</b>\n", "doing `x` with <b>html</b>"),
        ("- [ ] 阅读 `VllmConfig`\n  源码\n", "阅读 `VllmConfig` 源码"),
    ],
    ids=["code-and-link", "first-paragraph-only", "lazy", "hard-break", "extra-state", "cjk"],
)
def test_task_text_is_raw_first_paragraph(text: str, expected: str) -> None:
    assert [t.text for t in plansync.parse(text).tasks] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- [ ] 1. Foo\n", ["1. Foo"]),
        ("- [ ] 2) Bar\n  continued\n", ["2) Bar continued"]),
        ("- [ ] * baz\n", ["* baz"]),
        ("- [x] + plus\n", ["+ plus"]),
        ("- [ ] > quoted\n  > more\n", ["> quoted more"]),
        ("- [ ] # hash #\n", ["# hash #"]),
        ("- [ ] <div>\n", ["<div>"]),
        ("1. [ ] 1) in an ordered list\n", ["1) in an ordered list"]),
        ("> - [ ] 1. Foo\n>    bar\n", ["1. Foo bar"]),
        ("- a\n  - [ ] > q\n    > r\n", ["> q r"]),
        ("- - [ ] 1. after a plain item\n", ["1. after a plain item"]),
        ("- [ ] 1. first\n   2. a second item, not the first paragraph\n", ["1. first"]),
        ("- [ ] - [ ] 1. two boxes\n", ["- [ ] 1. two boxes", "1. two boxes"]),
        ("- [ ] setext\n  ---\n", ["setext"]),
    ],
    ids=[
        "ordered-dot",
        "ordered-paren-continued",
        "star",
        "plus",
        "quote-continued",
        "atx-heading",
        "html-block",
        "inside-ordered-item",
        "inside-quote",
        "nested-item",
        "after-a-plain-item",
        "first-paragraph-only",
        "box-after-box",
        "setext-heading-unchanged",
    ],
)
def test_task_text_that_parses_as_a_block_is_the_source_after_the_box(text: str, expected: list[str]) -> None:
    assert [t.text for t in plansync.parse(text).tasks] == expected


def test_subtasks_point_at_the_enclosing_task() -> None:
    text = "- [ ] a\n  - [ ] b\n    - plain item\n      - [x] c\n  - [ ] d\n- [ ] e\n  > - [ ] f\n"
    plan = plansync.parse(text)
    assert [(t.text, t.parent) for t in plan.tasks] == [
        ("a", None),
        ("b", 0),
        ("c", 1),
        ("d", 0),
        ("e", None),
        ("f", 4),
    ]


def test_headings_inside_list_items_are_not_outline_headings() -> None:
    text = "# Plan\n\n- # In item\n  - [ ] a\n- ## Also in item\n\n## Real\n\n- [ ] b\n"
    plan = plansync.parse(text)
    assert [(h.line, h.level, h.title) for h in plan.headings] == [(1, 1, "Plan"), (7, 2, "Real")]
    assert [(t.text, t.heading) for t in plan.tasks] == [("a", 0), ("b", 1)]


def test_setext_headings_are_headings() -> None:
    text = "Plan\n====\n\n- [x] a\n\nPhase two\nspans lines\n---\n\n- [ ] b\n"
    doc = parse_document(text)
    assert [(h.line, h.end_line, h.level, h.title) for h in doc.headings] == [
        (1, 2, 1, "Plan"),
        (6, 8, 2, "Phase two spans lines"),
    ]
    plan = plansync.parse(text)
    assert plan.title == "Plan"
    assert [t.heading for t in plan.tasks] == [0, 1]


def _nest(depth: int) -> str:
    return "".join("  " * i + f"- [ ] level {i}\n" for i in range(depth))


def test_deep_nesting_is_followed() -> None:
    plan = plansync.parse(_nest(40) + "\n## After\n\n- [x] tail\n")
    assert len(plan.tasks) == 41
    assert plan.counts.done == 1
    assert plan.tasks[-1].text == "tail" and plan.tasks[-1].parent is None
    assert plan.tasks[-1].heading is not None and plan.headings[plan.tasks[-1].heading].title == "After"
    assert [t.parent for t in plan.tasks[:40]] == [None, *range(39)]


def test_too_deep_nesting_is_refused_with_a_line() -> None:
    with pytest.raises(NestingError) as info:
        plansync.parse(_nest(150) + "\n## After\n\n- [x] tail\n")
    line = info.value.line
    assert line is not None and 1 <= line <= 150
    assert str(info.value).startswith(f"<text>:{line}:1: ")


# --- the real-world corpus ------------------------------------------------------------------


def _corpus_rows() -> list[object]:
    expected = SHARED / "corpus" / "EXPECTED.tsv"
    if not expected.exists():
        skip = pytest.mark.skip(reason=f"{expected} is not available")
        return [pytest.param(None, id="corpus", marks=skip)]
    with expected.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [pytest.param(row, id=row["file"]) for row in rows]


@pytest.mark.parametrize("row", _corpus_rows())
def test_corpus_counts(row: dict[str, str]) -> None:
    path = shared_path("corpus", row["file"])
    plan = plansync.parse(decode(path.read_bytes()).text)
    assert plan.counts.open + plan.counts.done == int(row["tasks"])
    assert plan.counts.done == int(row["done"])


# --- generated plans against markdown-it's own task list option -----------------------------


@pytest.mark.parametrize(("tasks", "lang"), [(2000, "en"), (2000, "zh")])
def test_generated_plans_match_markdown_it(tasks: int, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from markdown_it import MarkdownIt

    monkeypatch.syspath_prepend(str(shared_path("bench")))
    from genplan import generate

    text = generate(tasks, lang, 0)
    md = MarkdownIt("commonmark", {"tasklists": True}).enable("table")
    items = [t for t in md.parse(text) if t.type == "list_item_open"]
    checked = [t.meta["checked"] for t in items if "checked" in t.meta]
    assert len(checked) >= tasks  # the reference itself saw the generated tasks
    plan = plansync.parse(text)
    assert plan.counts.open + plan.counts.done == len(checked)
    assert plan.counts.done == sum(checked)
    assert plan.counts.doing == plan.counts.cancelled == 0
