"""Region bodies compared by meaning: the layout a formatter chooses is no change, content is.

Examples pin what is layout (wrapping, bullets, numbering, indentation, table padding, escapes,
entities, spaces next to Chinese or Japanese text) and what is not (figures, words, rows,
paragraphs, nesting, code, markup, link targets, alignment). The properties render bodies from
generated plans with ``sync_text`` and lay them out again (mdformat's wrap, ``in_layout``,
other indentation and bullets: still current) or change one digit, word or line (stale).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import plansync
from plansync.document.text import Text
from plansync.regions.layout import Layout, in_layout
from plansync.regions.meaning import (
    as_markdown,
    body_meaning,
    inline_meaning,
    markdown_lines,
    same_meaning,
    without_cj_spaces,
)
from plansync.regions.splice import region_body

from .conftest import GOLDEN

try:
    import mdformat
except ImportError:  # pragma: no cover - a test extra
    mdformat = None

needs_mdformat = pytest.mark.skipif(mdformat is None, reason="mdformat is not installed")


def bodies_of(text: str) -> list[str]:
    """Every region body of a synced text, in file order."""
    plan = plansync.parse(text)
    return [region_body(Text(text), region) for region in plan.regions]


def content_lines(body: str) -> list[str]:
    """The lines plansync rendered: the body without its blank first and last lines."""
    assert body.startswith("\n") and body.endswith("\n\n"), repr(body)
    return body[1:-2].split("\n")


def as_body(lines: list[str]) -> str:
    return "\n" + "\n".join(lines) + "\n\n"


def wrapped(body: str, width: int) -> str:
    """``body`` as ``mdformat --wrap WIDTH`` writes it (GitHub-flavoured: tables stay tables)."""
    assert mdformat is not None
    return str(mdformat.text(body, options={"wrap": width}, extensions={"gfm"}))


ROADMAP = (GOLDEN / "en-roadmap.out.md").read_text(encoding="utf-8")
SUMMARY_EN, PROGRESS_EN, SUMMARY_ZH = bodies_of(ROADMAP)

# ------------------------------------------------------------------------------ examples: layout


def test_equal_text_is_the_same_meaning() -> None:
    for body in (SUMMARY_EN, PROGRESS_EN, SUMMARY_ZH, "", "\n\n"):
        assert same_meaning(body, body)


@needs_mdformat
@pytest.mark.parametrize("width", [20, 40, 60, 80])
@pytest.mark.parametrize("body", [SUMMARY_EN, PROGRESS_EN, SUMMARY_ZH], ids=["summary", "progress", "zh"])
def test_an_mdformat_wrapped_body_is_the_same_meaning(body: str, width: int) -> None:
    formatted = wrapped(body, width)
    if width <= 40 and body is not PROGRESS_EN:
        assert formatted.strip() != body.strip()  # it really was re-wrapped
    assert same_meaning(formatted, body)
    assert same_meaning(body, formatted)


#: SUMMARY_EN and SUMMARY_ZH as prettier 3 writes them with --tab-width 4 --prose-wrap always
#: --print-width 40 (nested lists move to column 4, CJK text joins across line breaks).
PRETTIER_EN = """
- **Current phase**: Q2: Interfaces
  (1/4)
- **Overall**: 5 of 9 tasks done
  (55.6%); 1 doing; 1 cancelled
- **Done**: 1 of 3 sections — Q1: Core
  engine
- **In progress**: Q2: Interfaces (1/4)
- **Next**:
    - WebSocket feed for
      [live positions](https://example.org/live)
      (Q2: Interfaces)
    - CLI `marina replay` (Q2:
      Interfaces)
    - replay speed flag (Q2: Interfaces)
"""
PRETTIER_ZH = """
- **当前阶段**：Q2: Interfaces（1/4）
- **总进度**：已完成 5 /
  9 项任务（55.6%）；1 项进行中；1 项已取消
- **已完成**：3 个小节中的 1 个：Q1:
  Core engine
- **进行中**：Q2: Interfaces（1/4）
- **下一步**：
    - WebSocket feed for
      [live positions](https://example.org/live)（Q2:
      Interfaces）
    - CLI `marina replay`（Q2:
      Interfaces）
    - replay speed flag（Q2:
      Interfaces）
"""


@pytest.mark.parametrize(("formatted", "fresh"), [(PRETTIER_EN, SUMMARY_EN), (PRETTIER_ZH, SUMMARY_ZH)])
def test_a_prettier_reformatted_body_is_the_same_meaning(formatted: str, fresh: str) -> None:
    assert same_meaning(formatted, fresh)


@pytest.mark.parametrize(
    ("current", "fresh"),
    [
        # Bullet characters, ordered numbering style and numbering.
        ("* a\n* b\n", "- a\n- b\n"),
        ("+ a\n+ b\n", "- a\n- b\n"),
        ("- a\n  * b\n", "- a\n  - b\n"),
        ("1) a\n2) b\n", "1. a\n2. b\n"),
        ("1. a\n1. b\n1. c\n", "1. a\n2. b\n3. c\n"),
        ("1) a\n1) b\n", "1. a\n2. b\n"),
        # Indentation of nested lists and of the text after a marker.
        ("- a\n    - b\n", "- a\n  - b\n"),
        ("- a\n     - b\n", "- a\n  - b\n"),
        ("-   a\n-   b\n", "- a\n- b\n"),
        ("1. a\n   1. b\n", "1. a\n    1. b\n"),
        # Tight and loose lists.
        ("- a\n\n- b\n", "- a\n- b\n"),
        ("- a\n\n  - b\n", "- a\n  - b\n"),
        # Table padding, delimiter widths, outer pipes.
        ("| a | bb |\n|-|-|\n| 1 | 2 |\n", "| a   | bb  |\n| --- | --- |\n| 1   | 2   |\n"),
        ("a | bb\n--- | ---\n1 | 2\n", "| a | bb |\n| --- | --- |\n| 1 | 2 |\n"),
        ("| a |\n| :-- |\n| 1 |\n", "| a   |\n| :------ |\n| 1 |\n"),
        ("| a | b |\n| - | - |\n| 3 |\n", "| a | b |\n| - | - |\n| 3 | |\n"),
        # Line wrapping and runs of spaces.
        ("a b\nc\n", "a b c\n"),
        ("a   b\n", "a b\n"),
        ("- a\n  b\n- c\n", "- a b\n- c\n"),
        ("- a\nb\n", "- a b\n"),  # a lazy continuation line
        # A line break (or a space) between or next to Chinese/Japanese characters.
        ("中文\n文字\n", "中文文字\n"),
        ("已完成 5 / 9 项任务\n", "已完成5 / 9项任务\n"),
        ("学习\nRust 所有权\n", "学习 Rust 所有权\n"),
        ("日本語の\nテキスト\n", "日本語のテキスト\n"),
        ("1.2 配置\n", "1.2配置\n"),
        # Escapes and entities that render the same text.
        ("snake\\_case\n", "snake_case\n"),
        ("a \\* b\n", "a * b\n"),
        ("Q1\\: core\n", "Q1: core\n"),
        ("a &amp; b\n", "a & b\n"),
        ("&lt;kbd&gt;\n", "\\<kbd\\>\n"),
        ("&#49;&#x32;\n", "12\n"),
        ("| a \\| b |\n| - |\n", "| a &#124; b |\n| --- |\n"),
        # The same markup spelled another way.
        ("__a__ _b_\n", "**a** *b*\n"),
        ("Title\n=====\n", "# Title\n"),
        ("## Title ##\n", "## Title\n"),
        ("~~~py\nx = 1\n~~~\n", "```py\nx = 1\n```\n"),
        ("```` py\nx = 1\n````\n", "```py\nx = 1\n```\n"),
        ("***\n", "---\n"),
        ("[a](<https://e.org/x>)\n", "[a](https://e.org/x)\n"),
        ("`a\nb`\n", "`a b`\n"),
        # Blank lines around blocks.
        ("\n\n\n- a\n\n\n", "- a\n"),
        ("**P**\n\n\n| a |\n| - |\n", "**P**\n\n| a |\n| - |\n"),
    ],
)
def test_layout_is_not_meaning(current: str, fresh: str) -> None:
    assert same_meaning(current, fresh)
    assert same_meaning(fresh, current)
    assert body_meaning(current) == body_meaning(fresh)


# --------------------------------------------------------------------------- examples: meaning

TABLE = "| Phase | Done |\n| --- | --- |\n| Core | 5/12 |\n| Release | 0/3 |\n"


@pytest.mark.parametrize(
    ("current", "fresh"),
    [
        # Figures and words.
        (TABLE.replace("5/12", "6/12"), TABLE),
        (SUMMARY_EN.replace("55.6%", "55.7%"), SUMMARY_EN),
        (SUMMARY_EN.replace("replay speed", "replay seek"), SUMMARY_EN),
        (SUMMARY_ZH.replace("进行中", "已取消", 1), SUMMARY_ZH),
        ("한국어 문장\n", "한국어문장\n"),  # Korean spaces words: not layout
        ("ab\n", "a b\n"),
        ("a\\\nb\n", "a b\n"),  # a hard break
        ("a  \nb\n", "a b\n"),
        # Rows, items, paragraphs.
        (TABLE + "| Extra | 1/1 |\n", TABLE),
        (TABLE.replace("| Release | 0/3 |\n", ""), TABLE),
        (TABLE.replace("| --- | --- |\n", "| --- | --- |\n| --- | --- |\n"), TABLE),
        ("- a\n- b\n- b\n", "- a\n- b\n"),
        ("- a\n", "- a\n- b\n"),
        ("a\n\nb\n", "a\n"),
        ("a\n\nb\n", "a\nb\n"),
        ("**P**\n\n| a |\n| - |\n", "| a |\n| - |\n"),
        # Nesting.
        ("- a\n- b\n", "- a\n  - b\n"),
        ("- a\n  - b\n- c\n", "- a\n- b\n  - c\n"),
        ("- a\n      - b\n", "- a\n  - b\n"),  # six columns: code in the item, not a list
        ("> - a\n", "- a\n"),
        # List kinds and numbering.
        ("1. a\n", "- a\n"),
        ("2. a\n", "1. a\n"),
        # Code blocks: content and info string are verbatim.
        ("```mermaid\npie\n    x : 1\n```\n", "```mermaid\npie\n    x : 2\n```\n"),
        ("```mermaid\npie\n  x : 1\n```\n", "```mermaid\npie\n    x : 1\n```\n"),
        ("```text\npie\n```\n", "```mermaid\npie\n```\n"),
        ("```\npie\n```\n", "```mermaid\npie\n```\n"),
        ("```mermaid\npie\n\n```\n", "```mermaid\npie\n```\n"),
        ("`a_b`\n", "`a\\_b`\n"),
        ("`&amp;`\n", "`&`\n"),
        # Markup against the same characters escaped.
        ("**x**\n", "\\*\\*x\\*\\*\n"),
        ("*x*\n", "\\*x\\*\n"),
        ("`x`\n", "\\`x\\`\n"),
        ("[a](https://e.org)\n", "\\[a\\](https://e.org)\n"),
        ("**x**\n", "*x*\n"),
        ("# x\n", "\\# x\n"),
        ("- x\n", "\\- x\n"),
        # Link targets and images.
        ("[a](https://e.org/x)\n", "[a](https://e.org/y)\n"),
        ("[a](https://e.org/x)\n", "[b](https://e.org/x)\n"),
        ("![a](x.png)\n", "![a](y.png)\n"),
        # Table alignment.
        ("| a |\n| :-- |\n| 1 |\n", "| a |\n| --- |\n| 1 |\n"),
        ("| a |\n| --: |\n| 1 |\n", "| a |\n| :-: |\n| 1 |\n"),
        # Headings and breaks.
        ("## x\n", "# x\n"),
        ("x\n", "# x\n"),
        ("---\n", "\n"),
    ],
)
def test_content_is_meaning(current: str, fresh: str) -> None:
    assert not same_meaning(current, fresh)
    assert not same_meaning(fresh, current)


@pytest.mark.parametrize(
    ("current", "fresh"),
    [
        ("\\- x\n", "\\\\- x\n"),  # renders "- x" / "\- x"
        ("\\# x\n", "\\\\# x\n"),  # renders "# x" / "\# x"
        ("- 1\\. x\n", "- \\\\1. x\n"),  # renders "1. x" / "\1. x" in an item
    ],
)
def test_a_backslash_before_block_like_text_is_meaning(current: str, fresh: str) -> None:
    assert not same_meaning(current, fresh)


def test_markup_never_equals_its_literal_characters() -> None:
    assert body_meaning("**x**\n") != body_meaning("\\*\\*x\\*\\*\n")
    assert as_markdown(inline_meaning("**x**")) == "**x**"
    # Shown alike as Markdown (escapes resolved), meant apart.
    assert as_markdown(inline_meaning("a \\*\\*x\\*\\*")) == as_markdown(inline_meaning("a **x**"))
    assert inline_meaning("a \\*\\*x\\*\\*") != inline_meaning("a **x**")


# ------------------------------------------------------------------------------ markdown_lines


@needs_mdformat
def test_markdown_lines_of_a_wrapped_body_are_the_lines_plansync_writes() -> None:
    body = "\n".join(
        [
            "",
            "- **Current phase**: Phase 2: Interfaces and the long tail (0/5)",
            "- **Overall**: 4 of 10 tasks done (40%); 1 doing; 2 cancelled",
            "- **Next**:",
            "  - CLI `marina replay --speed 4x` replays a recorded day of traffic (2.1 API)",
            "  - replay speed flag accepting values like `0.5x` and `10x` (2.1 API)",
            "",
            "",
        ]
    )
    formatted = wrapped(body, 30)
    assert "\n    " in formatted  # continuation lines of the nested items
    assert markdown_lines(formatted) == content_lines(body)
    moved = "\n".join(rebulleted(reindented(formatted.split("\n"), 4), "*"))
    assert "\n    * CLI" in moved
    assert markdown_lines(moved) == content_lines(body)


def test_markdown_lines_of_a_table_are_rows_with_single_spaces() -> None:
    assert markdown_lines(PROGRESS_EN) == [
        "| Phase | Progress | Done | % |",
        "| --- | --- | --- | --- |",
        "| Q1: Core engine | ██████████ | 4/4 | 100% |",
        "| Q2: Interfaces | ██░░░░░░░░ | 1/4 | 25% |",
        "| Q3: Release | ░░░░░░░░░░ | 0/1 | 0% |",
        "| **Total** | █████░░░░░ | 5/9 | 55.6% |",
    ]
    assert markdown_lines("| a |\n| :-: |\n| b |\n")[1] == "| :-: |"


def test_markdown_lines_show_a_line_start_escape() -> None:
    # A paragraph reading as a list item, heading or row keeps its escape: shapes see a paragraph.
    assert markdown_lines("\\- x\n\n\\# y\n\n\\| z\n\n1\\. w\n") == ["\\- x", "\\# y", "\\| z", "\\1. w"]
    assert markdown_lines("- \\- x\n") == ["- \\- x"]


def test_markdown_lines_of_links_and_code() -> None:
    # Links keep their text and brackets (line shapes need no target); code keeps its backticks.
    assert markdown_lines(SUMMARY_EN)[5] == "  - WebSocket feed for [live positions] (Q2: Interfaces)"
    assert markdown_lines(SUMMARY_EN)[6] == "  - CLI `marina replay` (Q2: Interfaces)"


def test_markdown_lines_of_code_blocks_and_paragraphs() -> None:
    chart = '\n```mermaid\npie title Task states\n    "Done" : 1\n```\n\n'
    assert markdown_lines(chart) == ["```mermaid", "pie title Task states", '    "Done" : 1', "```"]
    assert markdown_lines("\n**Phase 1:\nCore**\n\n| a |\n| - |\n\n") == [
        "**Phase 1: Core**",
        "| a |",
        "| --- |",
    ]


MILESTONES_PLAN = """# {title}

## {phase}

### {first}
- [x] {task}

### {second}
- [ ] {task}

## {phase} 2

### {first} 2
- [ ] {task}

<!-- plansync:begin milestones -->
<!-- plansync:end milestones -->
"""


def _ticked_milestones(**names: str) -> plansync.SyncResult:
    """A synced plan whose second section was then completed: its milestones body is stale."""
    synced = plansync.sync_text(MILESTONES_PLAN.format(**names))
    assert "\n- " in synced.split("plansync:begin milestones")[1]  # one entry, undated
    return plansync.check_text(synced.replace("- [ ]", "- [x]", 1))


def test_a_stale_milestones_body_plansync_wrote_is_not_edited_by_hand() -> None:
    result = _ticked_milestones(title="Plan", phase="Phase 1", first="Setup", second="Practice", task="code")
    assert result.stale_indices == [0]
    assert result.edited == {}


@pytest.mark.parametrize(
    "names",
    [
        {"title": "计划", "phase": "第一阶段", "first": "准备", "second": "练习", "task": "写代码"},
        {"title": "Plan", "phase": "Phase 1", "first": "練習", "second": "Practice", "task": "code"},
    ],
    ids=["zh-undated", "en-cjk-title"],
)
def test_a_stale_cjk_milestones_body_plansync_wrote_is_not_edited_by_hand(names: dict[str, str]) -> None:
    result = _ticked_milestones(**names)
    assert result.stale_indices == [0]
    assert result.edited == {}


def test_inline_meaning_resolves_escapes_and_entities() -> None:
    assert inline_meaning("a &amp; \\_b\\_") == "a & _b_"
    assert as_markdown(inline_meaning("**Phase 1**: `x`")) == "**Phase 1**: `x`"
    assert inline_meaning("学习 Rust 所有权") == "学习 Rust 所有权"  # kept for reading labels,
    assert without_cj_spaces(inline_meaning("学习\nRust 所有权")) == "学习Rust所有权"  # dropped to compare
    # Text inside a block: nothing in it opens a block of its own.
    assert inline_meaning("1\\. Setup") == inline_meaning("1. Setup") == "1. Setup"
    assert inline_meaning("# x") == "# x"


# ---------------------------------------------------------------------------- generated plans

WORDS = st.sampled_from(
    [
        "read",
        "write the parser",
        "ship it",
        "Rust",
        "v2",
        "42",
        "3.5",
        "2025",
        "1.2",
        "-",
        "+",
        "#",
        "1.",
        "a|b",
        "snake_case",
        "**bold**",
        "`x`",
        "`cfg.toml`",
        "`a b c`",
        "[docs](https://e.org/docs)",
        "[链接 文档](https://e.org/zh/2)",
        "写代码",
        "学习 Rust 所有权",
        "日本語のテキスト",
        "配置",
        "🚀",
        "Ünïcødé",
        "한국어 문장",
        "a_long_identifier_that_is_hard_to_wrap_anywhere",
    ]
)
TEXT = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
BOX = st.sampled_from([" ", " ", "x", "x", "/", "-"])
STAMPS = ["2025-03-03", "2025-03-12", "2025-03-20", "2025-04-07"]
REGIONS = [
    "summary",
    "summary lang=zh",
    "progress",
    "progress depth=sections",
    "progress depth=sections lang=ja",
    "milestones",
    "chart",
]


@st.composite
def tasks(draw: st.DrawFn) -> list[str]:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        box = draw(BOX)
        stamp = f" ✅ {draw(st.sampled_from(STAMPS))}" if box == "x" and draw(st.booleans()) else ""
        lines.append(f"- [{box}] {draw(TEXT)}{stamp}")
        if draw(st.integers(0, 3)) == 0:
            lines.append(f"  - [{draw(BOX)}] {draw(TEXT)}")
    return lines


@st.composite
def plans(draw: st.DrawFn) -> str:
    """A plan of phases, sections and tasks, then one region of every kind."""
    lines = ["# Plan", ""]
    for p in range(1, draw(st.integers(1, 3)) + 1):
        lines += [f"## Phase {p}: {draw(TEXT)}", ""]
        if draw(st.integers(0, 3)) == 0:
            lines += [*draw(tasks()), ""]
        for s in range(1, draw(st.integers(0, 3)) + 1):
            lines += [f"### {p}.{s} {draw(TEXT)}", "", *draw(tasks()), ""]
    lines += ["## Status", ""]
    for name in REGIONS:
        lines += [f"<!-- plansync:begin {name} -->", f"<!-- plansync:end {name.split()[0]} -->", ""]
    return "\n".join(lines)


PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: A layout a formatter might choose: nesting 2-5 columns, any fill width, either measure.
LAYOUTS = st.builds(Layout, st.integers(2, 5), st.one_of(st.none(), st.integers(20, 120)), st.booleans())


def fresh_bodies(plan: str) -> list[str]:
    bodies = bodies_of(plansync.sync_text(plan))
    assert len(bodies) == len(REGIONS)
    return bodies


def outside_fences(lines: list[str], change: Callable[[str], str]) -> list[str]:
    out, fenced = [], False
    for line in lines:
        if line.startswith("```"):
            fenced = not fenced
            out.append(line)
        else:
            out.append(line if fenced else change(line))
    return out


def rebulleted(lines: list[str], bullet: str) -> list[str]:
    return outside_fences(lines, lambda line: re.sub(r"^( *)- ", rf"\g<1>{bullet} ", line))


def reindented(lines: list[str], indent: int) -> list[str]:
    """Nested items moved to ``indent`` columns a level (their continuation lines along)."""

    def move(line: str) -> str:
        spaces = len(line) - len(line.lstrip(" "))
        return " " * (spaces // 2 * indent) + line[spaces:] if spaces else line

    return outside_fences(lines, move)


def loosened(lines: list[str]) -> list[str]:
    """A blank line before every list item: a loose list."""
    out: list[str] = []
    for line, changed in zip(lines, outside_fences(lines, lambda x: "\x00" + x), strict=True):
        if changed.startswith("\x00") and re.match(r" *[-*+] ", line) and out and out[-1]:
            out.append("")
        out.append(line)
    return out


# ---------------------------------------------------------------- properties: layout is no change


@needs_mdformat
@PROPERTY
@given(plans(), st.integers(20, 120))
def test_any_mdformat_wrap_is_the_same_meaning(plan: str, width: int) -> None:
    for body in fresh_bodies(plan):
        formatted = wrapped(body, width)
        assert same_meaning(formatted, body), (width, body, formatted)
        assert markdown_lines(formatted) == markdown_lines(body)


@PROPERTY
@given(plans(), LAYOUTS, st.sampled_from("-*+"), st.booleans())
def test_any_layout_bullet_and_looseness_is_the_same_meaning(
    plan: str, layout: Layout, bullet: str, loose: bool
) -> None:
    for body in fresh_bodies(plan):
        lines = rebulleted(in_layout(content_lines(body), layout), bullet)
        current = as_body(loosened(lines) if loose else lines)
        assert same_meaning(current, body), (layout, bullet, loose, current)
        assert markdown_lines(current) == markdown_lines(body)


@PROPERTY
@given(plans(), st.integers(2, 5), st.sampled_from("-*+"))
def test_reindented_and_rebulleted_bodies_are_the_same_meaning(plan: str, indent: int, bullet: str) -> None:
    for body in fresh_bodies(plan):
        current = as_body(rebulleted(reindented(content_lines(body), indent), bullet))
        assert same_meaning(current, body), (indent, bullet, current)


@PROPERTY
@given(plans(), LAYOUTS)
def test_a_plan_synced_in_a_layout_checks_current(plan: str, layout: Layout) -> None:
    laid_out = plansync.sync_text(plan, layout=layout)
    assert plansync.check_text(laid_out).stale_indices == []
    assert plansync.sync_text(laid_out) == laid_out  # no other layout rewrites it either
    for body, fresh in zip(bodies_of(laid_out), fresh_bodies(plan), strict=True):
        assert same_meaning(body, fresh)


# --------------------------------------------------------------- properties: content is a change

HAN = re.compile("[\u4e00-\u9fff]")
WORD = re.compile("[A-Za-z]+")


@st.composite
def changed(draw: st.DrawFn, body: str, kind: str | None = None) -> tuple[str, str]:
    """``body`` with one digit, word, Han character or content line changed: (what, new body)."""
    kind = kind or draw(st.sampled_from(["digit", "word", "han", "remove", "duplicate"]))
    if kind in ("digit", "word", "han"):
        pattern = {"digit": re.compile("[0-9]"), "word": WORD, "han": HAN}[kind]
        found = list(pattern.finditer(body))
        if not found:  # "no section completed yet" holds no figure
            return draw(changed(body, "duplicate"))
        match = draw(st.sampled_from(found))
        old = match[0]
        new = draw(
            {
                "digit": st.sampled_from("0123456789"),
                "word": st.sampled_from(["zebra", "Quux", "kiwi", "a", "Done"]),
                "han": st.sampled_from("字词阶段完成"),
            }[kind].filter(lambda x: x != old)
        )
        return f"{kind} {old!r}->{new!r}", body[: match.start()] + new + body[match.end() :]
    lines = content_lines(body)
    # Not the last closing fence: a fence left open at the end of a body renders alike (in a
    # file, the end marker would be inside it, and plansync refuses to parse that).
    last_fence = max((i for i, line in enumerate(lines) if line == "```"), default=-1)
    candidates = [
        i for i, line in enumerate(lines) if line.strip() and not (kind == "remove" and i == last_fence)
    ]
    index = draw(st.sampled_from(candidates))
    if kind == "remove":
        del lines[index]
    else:
        lines.insert(index, lines[index])
    return f"{kind} line {index}", as_body(lines)


@PROPERTY
@given(plans(), st.data())
def test_a_changed_digit_word_or_line_is_a_change(plan: str, data: st.DataObject) -> None:
    for body in fresh_bodies(plan):
        what, current = data.draw(changed(body))
        assert not same_meaning(current, body), (what, current)


@PROPERTY
@given(plans(), st.data(), LAYOUTS)
def test_a_changed_figure_stays_a_change_in_any_layout(
    plan: str, data: st.DataObject, layout: Layout
) -> None:
    for body in fresh_bodies(plan):
        digits = list(re.finditer("[0-9]", body))
        if not digits:
            continue
        match = data.draw(st.sampled_from(digits))
        new = data.draw(st.sampled_from("0123456789").filter(lambda d, old=match[0]: d != old))
        current = body[: match.start()] + new + body[match.end() :]
        laid_out = as_body(in_layout(content_lines(current), layout))
        assert not same_meaning(laid_out, body), (layout, laid_out)


@needs_mdformat
@PROPERTY
@given(plans(), st.integers(20, 120))
def test_a_stale_region_stays_stale_after_mdformat(plan: str, width: int) -> None:
    """A region whose figures are old is stale whatever mdformat did to it, and not edited."""
    synced = plansync.sync_text(plan)
    first = synced.index("- [ ]") if "- [ ]" in synced.split("## Status")[0] else -1
    if first < 0:
        return  # every task is done: nothing to tick
    ticked = synced[:first] + "- [x]" + synced[first + 5 :]
    body = bodies_of(ticked)[0]  # the summary still counts the box as open
    formatted = ticked.replace(body, "\n" + wrapped(body, width) + "\n", 1)
    result = plansync.check_text(formatted)
    assert 0 in result.stale_indices
    assert result.edited == {}
