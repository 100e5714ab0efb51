"""Region bodies in a formatter's layout: ``in_layout`` units, and real formatters' fixed points.

``in_layout`` re-indents nested items and fills lines the way mdformat (``--wrap N``) or
prettier (``proseWrap``, ``printWidth``, ``tabWidth``) would. The fixed-point tests sync plans
in a layout and run the real formatter's check on the regions alone (the rest of a plan is the
user's text, which plansync never lays out): it must pass right after ``sync``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import plansync
from plansync.regions.layout import DEFAULT, Layout, in_layout, mdformat_layout, prettier_layout
from plansync.regions.meaning import same_meaning

try:
    import mdformat
except ImportError:  # pragma: no cover - a test extra
    mdformat = None


def body(lines: list[str]) -> str:
    return "\n" + "\n".join(lines) + "\n\n"


def means_the_same(lines: list[str], layout: Layout) -> bool:
    return same_meaning(body(in_layout(lines, layout)), body(lines))


# ------------------------------------------------------------------------------ in_layout units

SUMMARY = [
    "- **Current phase**: Phase 2: Interfaces (0/5)",
    "- **Overall**: 4 of 10 tasks done (40%); 1 doing; 2 cancelled",
    "- **Next**:",
    "  - WebSocket feed for [live positions](https://example.org/live) (2.1 API)",
    "  - CLI `marina replay --speed 4x` (2.1 API)",
]
TABLE = [
    "| Phase           | Progress   | Done | %     |",
    "| --------------- | ---------- | ---- | ----- |",
    "| Q1: Core engine and a very long phase title | ██████████ | 4/4  | 100%  |",
]
CHART = [
    "```mermaid",
    "pie title Task states with a title much longer than any width here",
    '    "Done" : 4',
    "- not an item: code",
    "  - nor a nested one",
    "```",
]


def test_the_default_layout_is_the_identity() -> None:
    for lines in (SUMMARY, TABLE, CHART, ["**Phase 1**", "", *TABLE], []):
        assert in_layout(lines, DEFAULT) == lines
    assert Layout(2, None, False) == DEFAULT
    assert mdformat_layout(None) == DEFAULT


@pytest.mark.parametrize("indent", [2, 3, 4, 5])
def test_nested_items_move_to_the_nested_indent(indent: int) -> None:
    lines = ["- a", "  - b", "    - c", "  - d", "- e"]
    pad = " " * indent
    expected = ["- a", f"{pad}- b", f"{pad * 2}- c", f"{pad}- d", "- e"]
    assert in_layout(lines, Layout(indent)) == expected
    assert means_the_same(lines, Layout(indent))


def test_nested_indent_four_moves_two_spaces_to_four() -> None:
    assert in_layout(SUMMARY, Layout(4))[3:] == [
        "    - WebSocket feed for [live positions](https://example.org/live) (2.1 API)",
        "    - CLI `marina replay --speed 4x` (2.1 API)",
    ]
    assert in_layout(SUMMARY, Layout(4))[:3] == SUMMARY[:3]


def test_wrap_fills_greedily_with_continuation_lines_at_the_content_column() -> None:
    assert in_layout(["- one two three four five six"], Layout(2, 12)) == [
        "- one two",
        "  three four",
        "  five six",
    ]
    assert in_layout(["  - one two three four five"], Layout(4, 16)) == [
        "    - one two",
        "      three four",
        "      five",
    ]
    # A paragraph (the bold phase title over a table) has no marker: no indentation.
    assert in_layout(["**Phase 1: one two three four**"], Layout(2, 12)) == [
        "**Phase 1:",
        "one two",
        "three four**",
    ]
    # Exactly the width fits; one column more does not.
    assert in_layout(["- abc def"], Layout(2, 9)) == ["- abc def"]
    assert in_layout(["- abc def"], Layout(2, 8)) == ["- abc", "  def"]


def test_a_word_longer_than_the_width_gets_a_line_of_its_own() -> None:
    assert in_layout(["- a a_long_identifier b"], Layout(2, 6)) == ["- a", "  a_long_identifier", "  b"]
    assert in_layout(["- a_long_identifier"], Layout(2, 6)) == ["- a_long_identifier"]


def test_runs_of_spaces_become_one() -> None:
    assert in_layout(["- a   b  c"], Layout(2, 80)) == ["- a b c"]


def test_code_spans_and_links_are_never_split() -> None:
    assert in_layout(["- see `a b c d` and more"], Layout(2, 8)) == [
        "- see",
        "  `a b c d`",
        "  and",
        "  more",
    ]
    assert in_layout(["- see ``a ` b`` and"], Layout(2, 6)) == ["- see", "  ``a ` b``", "  and"]
    assert in_layout(["- see [the docs here](https://e.org/x) ok"], Layout(2, 8)) == [
        "- see",
        "  [the docs here](https://e.org/x)",
        "  ok",
    ]
    assert in_layout(["- x [a \\] b](https://e.org) y"], Layout(2, 4)) == [
        "- x",
        "  [a \\] b](https://e.org)",
        "  y",
    ]
    # Text glued to a code span or link is one word with it.
    assert in_layout(["- a x`b c`y z"], Layout(2, 4)) == ["- a", "  x`b c`y", "  z"]
    for lines in (["- see `a b c d` and more"], SUMMARY):
        assert means_the_same(lines, Layout(2, 8))


def test_an_escaped_space_is_no_break() -> None:
    assert in_layout(["- a\\ b c"], Layout(2, 3)) == ["- a\\ b", "  c"]


BLOCK_LIKE_WORDS = [
    "-",
    "+",
    "*",
    "#",
    "##",
    ">",
    ">x",
    "1.",
    "2)",
    "123456789.",
    "=",
    "==",
    "---",
    "***",
    "___",
]


@pytest.mark.parametrize("word", BLOCK_LIKE_WORDS)
def test_a_word_that_would_open_a_block_is_escaped_where_mdformat_escapes_it(word: str) -> None:
    assert means_the_same([f"**aaaa bbbb {word} cccc**"], Layout(2, 12))
    for lines in ([f"- aaaa bbbb {word} cccc"], [f"- aaaa bbbb {word}"]):
        out = in_layout(lines, Layout(2, 12))
        assert out[0] == "- aaaa bbbb", out
        assert means_the_same(lines, Layout(2, 12))
        # mdformat escapes "*" and "_" in any text, wrapped or not: only the others compare.
        if mdformat is not None and not set(word) & {"*", "_"}:
            doc = "\n".join(out) + "\n"
            assert mdformat.text(doc, options={"wrap": 12}, extensions={"gfm"}) == doc


@pytest.mark.parametrize("word", BLOCK_LIKE_WORDS)
def test_a_word_that_would_open_a_block_moves_down_with_the_word_before_as_prettier_does(word: str) -> None:
    lines = [f"- aaaa bbbb {word} cccc"]
    out = in_layout(lines, Layout(2, 12, True))
    assert out[0] == "- aaaa" and out[1].startswith(f"  bbbb {word}"), out
    assert means_the_same(lines, Layout(2, 12, True))


@pytest.mark.parametrize("word", ["-x", "#tag", "1.2", "2025", "+1"])
def test_a_word_that_opens_no_block_may_start_a_line(word: str) -> None:
    assert in_layout([f"- aaaa bbbb {word}"], Layout(2, 12)) == ["- aaaa bbbb", f"  {word}"]
    assert means_the_same([f"- aaaa bbbb {word}"], Layout(2, 12))


def test_tables_and_fences_are_left_as_they_are() -> None:
    for layout in (Layout(4, 20), Layout(5, 10, True), prettier_layout(4, "always", 40)):
        assert in_layout(TABLE, layout) == TABLE
        assert in_layout(CHART, layout) == CHART
        assert in_layout(["**Phase**", "", *TABLE, "", *CHART], layout) == [
            "**Phase**",
            "",
            *TABLE,
            "",
            *CHART,
        ]


def test_blank_lines_are_kept() -> None:
    lines = ["**Phase 1 one two three**", "", *TABLE, "", "**Phase 2**"]
    assert in_layout(lines, Layout(2, 12)) == [
        "**Phase 1",
        "one two",
        "three**",
        "",
        *TABLE,
        "",
        "**Phase 2**",
    ]


def test_east_asian_counts_wide_characters_as_two_columns() -> None:
    lines = ["- 配置配置 abc def"]
    assert in_layout(lines, Layout(2, 16, False)) == lines  # 14 characters
    assert in_layout(lines, Layout(2, 16, True)) == ["- 配置配置 abc", "  def"]  # 18 columns
    assert in_layout(["- 🚀🚀 ab cd"], Layout(2, 10, True)) == ["- 🚀🚀 ab", "  cd"]


def test_east_asian_keeps_a_space_next_to_chinese_or_japanese_text() -> None:
    # prettier never breaks at a space touching a Chinese or Japanese character in text.
    assert in_layout(["- x 1.2 配置 y"], Layout(2, 6, True)) == ["- x", "  1.2 配置 y"]
    assert in_layout(["- 1.2 配置 abcd"], Layout(2, 8, True)) == ["- 1.2 配置 abcd"]
    assert in_layout(["- 1.2 配置 abcd"], Layout(2, 8, False)) == ["- 1.2 配置", "  abcd"]
    assert in_layout(["- 学习 Rust 所有权 ok"], Layout(2, 4, True)) == ["- 学习 Rust 所有权 ok"]
    assert in_layout(["- テスト abc def"], Layout(2, 12, True)) == ["- テスト abc", "  def"]
    # ... but a space between markup and such text is a break point.
    assert in_layout(["- 用 `x` 表格"], Layout(2, 8, True)) == ["- 用 `x`", "  表格"]
    assert in_layout(["- 用 `x` 表格"], Layout(2, 4, True)) == ["- 用", "  `x`", "  表格"]
    # Korean words are spaced: a space between two Hangul words is a break point.
    assert in_layout(["- 한국어 문장"], Layout(2, 8, True)) == ["- 한국어", "  문장"]


def test_the_layout_of_each_formatter() -> None:
    assert mdformat_layout(80) == Layout(2, 80, False)
    assert mdformat_layout(0) == mdformat_layout(-1) == DEFAULT
    assert prettier_layout(2, "preserve", 80) == Layout(2, None, True)
    assert prettier_layout(4, "always", 70) == Layout(4, 70, True)
    assert prettier_layout(3, "never", 80) == Layout(3, None, True)
    # Nested lists move right by the tab width, at most three columns past the parent's marker.
    nested = {t: prettier_layout(t, "preserve", 80).nested_indent for t in (0, 1, 2, 3, 4, 5, 8)}
    assert nested == {0: 2, 1: 2, 2: 2, 3: 3, 4: 4, 5: 5, 8: 5}
    assert prettier_layout(2, "always", 0).wrap is None


# ------------------------------------------------------------------- words that would open a block


@pytest.mark.parametrize("word", ["***", "___", "****"])
def test_a_thematic_break_word_stays_on_the_line_before(word: str) -> None:
    lines = [f"- one two {word}"]
    assert means_the_same(lines, Layout(2, 9)), in_layout(lines, Layout(2, 9))


@pytest.mark.parametrize("marker", ["-", "+", "#", "1."])
def test_a_marker_glued_to_chinese_text_stays_on_the_line_before(marker: str) -> None:
    lines = [f"- 进行中 aaaa {marker} 配置"]
    assert means_the_same(lines, Layout(2, 14, True)), in_layout(lines, Layout(2, 14, True))


def test_sync_writes_a_body_unwrapped_rather_than_change_its_meaning() -> None:
    """The pipeline's guard: a layout that would change what a body says is not applied (a
    nested list six columns in would read as code), and the body is written as it means."""
    plan = PLAN_HEAD + "- [x] a\n- [ ] b\n\n" + REGIONS_SUMMARY
    synced = plansync.sync_text(plan, layout=Layout(nested_indent=6))
    assert "\n  - b（准备）\n" in synced
    assert plansync.check_text(synced).stale_indices == []


# ------------------------------------------------------------------------- real formatter checks

EN_PLAN = """# Harbour roadmap

Long task texts, code spans and links; plansync keeps the status below.

## Phase 1: Core engine

### 1.1 Physics
- [x] Vessel physics with `rigid_body::integrate(dt, forces)` and a fixed step ✅ 2025-03-03
- [x] Tide tables from `data/tides/2027-harbour-tables.csv` read at start-up ✅ 2025-03-12
- [x] Wind model following [the Beaufort scale notes](https://example.org/docs/beaufort-scale) ✅ 2025-03-20

### 1.2 Scheduling
- [x] Berth allocation ✅ 2025-03-24
- [-] Pilot scheduling through the old `legacy-pilot-dispatcher --mode=batch` service

## Phase 2: Interfaces

### 2.1 API
- [/] WebSocket feed for [live vessel positions and headings](https://example.org/live/positions) with retries
- [ ] CLI `marina replay --speed 4x --from 2027-01-01` replays a recorded day of traffic - fast
  - [ ] replay speed flag accepting values like `0.5x`, `2x` and `10x` for slow and fast replays
  - [ ] replay seeking to a timestamp: parse it, seek, then verify that # of frames > 0
- [ ] Document every endpoint in [the API reference](https://example.org/api/reference/v2) and `openapi.yaml`

## Phase 3: Release
- [ ] Packaging for Debian, Fedora and Arch with reproducible builds and signed artefacts
- [-] Snap package

## Status

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

<!-- plansync:begin progress depth=sections -->
<!-- plansync:end progress -->

<!-- plansync:begin milestones -->
<!-- plansync:end milestones -->

<!-- plansync:begin chart -->
<!-- plansync:end chart -->
"""

ZH_PLAN = """# 陶艺入门计划 🏺

## 第一阶段：泥料与工具（1-2周）🚀

### 1.1 认识泥料
- [x] 区分陶土与瓷土，并记录每种泥料在不同湿度下的手感和可塑性变化 ✅ 2025-03-03
- [x] 练习揉泥：菊花揉和羊头揉各练习三十次，直到泥料里没有气泡为止 ✅ 2025-03-14
- [/] 记录泥料的含水量，用 `moisture.csv` 表格和 [含水量说明](https://example.org/zh/moisture) 对照

### 1.2 准备工具 🔧
- [x] 挑选拉坯机 ✅ 2025-03-20
- [-] 订购进口修坯刀

## 第二阶段：拉坯（2-3周）

### 2.1 定中心
- [ ] 每天练习定中心二十分钟，并用手机拍摄 Wheel Throwing 手法视频以便复盘和比较进步情况
  - [ ] 学习 Rust 所有权 之后再写一个记录练习时间的小工具 `pottery-log`
- [ ] 拍摄手法视频

### 2.2 第一个碗 🥣
- [ ] 拉出直壁，高度至少 10 厘米，壁厚均匀，底部不要留太厚的泥
- [ ] 修足

## 状态

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

<!-- plansync:begin progress -->
<!-- plansync:end progress -->

<!-- plansync:begin progress depth=sections -->
<!-- plansync:end progress -->

<!-- plansync:begin milestones -->
<!-- plansync:end milestones -->

<!-- plansync:begin chart -->
<!-- plansync:end chart -->
"""

PLAN_HEAD = "# 计划\n\n## 第一阶段\n\n### 准备\n"
REGIONS_SUMMARY = "<!-- plansync:begin summary -->\n<!-- plansync:end summary -->\n"

PLANS = {"en": EN_PLAN, "zh": ZH_PLAN}
MDFORMAT_WIDTHS = (40, 60, 80)
#: (tabWidth, proseWrap, printWidth)
PRETTIER_OPTIONS = ((4, "preserve", 80), (2, "always", 60), (4, "always", 70))


def regions_part(plan: str, layout: Layout) -> str:
    """The plan synced in ``layout``, from its first region on: only what plansync laid out."""
    synced = plansync.sync_text(plan, layout=layout)
    return synced[synced.index("<!-- plansync:begin") :]


def test_the_plans_exercise_wrapping() -> None:
    for plan in PLANS.values():
        default = regions_part(plan, DEFAULT)
        assert default.count("<!-- plansync:begin") >= 4
        for layout in (mdformat_layout(40), prettier_layout(2, "always", 60)):
            laid_out = regions_part(plan, layout)
            assert laid_out != default
            assert max(len(line) for line in default.splitlines() if line.startswith("  - ")) > 60
            assert plansync.check_text(plansync.sync_text(plan, layout=layout)).stale_indices == []
    assert "\n    - " in regions_part(EN_PLAN, prettier_layout(4, "preserve", 80))
    for state in ("[/]", "[-]"):
        assert state in EN_PLAN


@pytest.mark.skipif(mdformat is None, reason="mdformat is not installed")
@pytest.mark.parametrize("width", MDFORMAT_WIDTHS)
@pytest.mark.parametrize("name", sorted(PLANS))
def test_regions_are_a_fixed_point_of_mdformat(name: str, width: int) -> None:
    assert mdformat is not None
    doc = regions_part(PLANS[name], mdformat_layout(width))
    assert mdformat.text(doc, options={"wrap": width}, extensions={"gfm"}) == doc


def _prettier() -> list[str] | None:
    local = Path(__file__).parents[1] / ".ci" / "node" / "node_modules" / ".bin" / "prettier"
    if local.exists():
        return [str(local)]
    found = shutil.which("prettier")
    return [found] if found else None


def _prettier_flags(tab_width: int, prose_wrap: str, print_width: int) -> list[str]:
    return [
        "--no-config",
        "--no-editorconfig",
        "--parser",
        "markdown",
        "--tab-width",
        str(tab_width),
        "--prose-wrap",
        prose_wrap,
        "--print-width",
        str(print_width),
    ]


@pytest.fixture(scope="module")
def prettier_failures(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, tuple[int, str, int]], str]:
    """``prettier --list-different`` over every plan, one run per set of options: the files it
    would change, with what it would write instead."""
    prettier = _prettier()
    if prettier is None:
        pytest.skip("prettier is not installed (.ci/run installs it into .ci/node with npm)")
    root = tmp_path_factory.mktemp("prettier")
    failures: dict[tuple[str, tuple[int, str, int]], str] = {}
    for options in PRETTIER_OPTIONS:
        files = {}
        for name, plan in PLANS.items():
            path = root / f"{name}-{options[0]}-{options[1]}-{options[2]}.md"
            path.write_text(regions_part(plan, prettier_layout(*options)), encoding="utf-8")
            files[str(path)] = name
        flags = _prettier_flags(*options)
        out = subprocess.run(
            [*prettier, *flags, "--list-different", *files], capture_output=True, text=True, timeout=120
        )
        assert out.returncode in (0, 1), out.stderr
        for listed in out.stdout.split():
            fixed = subprocess.run([*prettier, *flags, listed], capture_output=True, text=True, timeout=120)
            failures[files[listed], options] = fixed.stdout
    return failures


@pytest.mark.parametrize("options", PRETTIER_OPTIONS, ids=["-".join(map(str, o)) for o in PRETTIER_OPTIONS])
@pytest.mark.parametrize("name", sorted(PLANS))
def test_regions_are_a_fixed_point_of_prettier(
    prettier_failures: dict[tuple[str, tuple[int, str, int]], str], name: str, options: tuple[int, str, int]
) -> None:
    doc = regions_part(PLANS[name], prettier_layout(*options))
    assert prettier_failures.get((name, options), doc) == doc


# ----------------------------------------------------------------- where each formatter breaks

WEEK_PLAN = "# Plan\n\n## Phase 1\n\n### Week 3\n- [x] a\n- [ ] review the pull request\n\n" + REGIONS_SUMMARY


@pytest.mark.skipif(mdformat is None, reason="mdformat is not installed")
@pytest.mark.parametrize(
    ("lines", "width"),
    [
        (["- **Next**:", "  - review the pull request (Week 3)"], 34),
        (["- aaaa bbbb - cccc"], 12),
    ],
)
def test_a_block_like_word_at_the_wrap_point_is_where_mdformat_puts_it(lines: list[str], width: int) -> None:
    assert mdformat is not None
    doc = "\n".join(in_layout(lines, mdformat_layout(width))) + "\n"
    assert mdformat.text(doc, options={"wrap": width}, extensions={"gfm"}) == doc


PRETTIER_DISAGREEMENTS = {
    # A block-like word ("3)"): prettier keeps it with the word before and breaks before both.
    "(Week 3)": (lambda: regions_part(WEEK_PLAN, prettier_layout(2, "always", 34)), (2, "always", 34)),
    # A space between Chinese and Korean text: prettier breaks there.
    "Korean": (
        lambda: "\n".join(in_layout(["- 学习 한국어"], prettier_layout(2, "always", 10))) + "\n",
        (2, "always", 10),
    ),
}


@pytest.mark.parametrize("what", sorted(PRETTIER_DISAGREEMENTS))
def test_prettier_agrees_on_the_wrap_point(what: str, tmp_path: Path) -> None:
    prettier = _prettier()
    if prettier is None:
        pytest.skip("prettier is not installed")
    laid_out, options = PRETTIER_DISAGREEMENTS[what]
    doc = tmp_path / "regions.md"
    doc.write_text(laid_out(), encoding="utf-8")
    out = subprocess.run(
        [*prettier, *_prettier_flags(*options), str(doc)], capture_output=True, text=True, timeout=120
    )
    assert out.stdout == doc.read_text(encoding="utf-8")
