"""The terminal report: figures, bars, the current phase, next tasks, and safe, aligned text."""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
import time
from collections.abc import Callable

import pytest
from wcwidth import wcswidth

import plansync
from plansync.formats import terminal
from plansync.formats.printable import plain
from plansync.formats.printable import printable as clean
from plansync.formats.terminal import (
    BAR,
    BOLD,
    DIM,
    GREEN,
    MIN_TITLE,
    RESET,
    YELLOW,
    cells,
    render_report,
    render_total,
    terminal_width,
)
from plansync.regions.figures import display_width
from plansync.regions.table import render_table

PLAN = """# Launch plan

## Phase 1: Prepare

- [x] write the spec
- [x] pick a name
- [ ] set up CI

## Phase 2: Build

- [/] core library
- [ ] command line
- [-] web UI

## Phase 3: Ship

- [ ] release
"""
BAR_CHARS = "█░"


def report(text: str = PLAN, color: bool = False, path: str = "plan.md") -> list[str]:
    return render_report(path, plansync.parse(text), color=color)


def bar_column(line: str) -> int:
    """Display column at which the line's bar starts."""
    start = min(line.index(c) for c in BAR_CHARS if c in line)
    width = wcswidth(line[:start])
    assert width >= 0
    return width


def test_report_header_and_totals() -> None:
    lines = report()
    assert lines[0] == "plan.md: Launch plan"
    # 2 done of 6 counted (the cancelled one leaves the total): 33.3%, 20 * 2 // 6 = 6 cells filled.
    assert lines[1] == f"  {'█' * 6}{'░' * 14}  33.3%  2 of 6 tasks done, 1 doing, 1 cancelled"
    assert lines[2] == "  current phase: Phase 1: Prepare"


def test_report_phase_lines() -> None:
    lines = report()
    phases = [line for line in lines if re.search(r"\d+/\d+$", line)]
    assert len(phases) == 3
    expected = [
        ("Phase 1: Prepare", 2, 3, "66.7%"),
        ("Phase 2: Build", 0, 2, "0%"),
        ("Phase 3: Ship", 0, 1, "0%"),
    ]
    for line, (title, done, total, percent) in zip(phases, expected, strict=True):
        assert line.startswith(f"  {title} ")
        filled = done * BAR // total
        assert f"{'█' * filled}{'░' * (BAR - filled)} " in line
        assert line.endswith(f"{percent}  {done}/{total}")
    assert len({bar_column(line) for line in phases}) == 1


def test_report_next_tasks() -> None:
    lines = report()
    index = lines.index("  next:")
    assert lines[index - 1] == ""
    assert lines[index + 1 :] == [
        "    - set up CI  (Phase 1: Prepare)",
        "    - core library  (Phase 2: Build)",
        "    - command line  (Phase 2: Build)",
        "    - release  (Phase 3: Ship)",
    ]


def test_report_limits_next_tasks() -> None:
    lines = render_report("plan.md", plansync.parse(PLAN), next_limit=2)
    index = lines.index("  next:")
    assert len(lines[index + 1 :]) == 2


def test_report_when_everything_is_done() -> None:
    text = "# Done\n\n## Phase 1\n\n- [x] a\n\n## Phase 2\n\n- [x] b\n"
    lines = report(text)
    assert lines[1] == f"  {'█' * BAR}   100%  2 of 2 tasks done"
    assert "  current phase: all phases finished" in lines
    assert "  next:" not in lines


def test_report_without_phases_or_title() -> None:
    lines = report("- [ ] a\n- [x] b\n", path="notes.md")
    assert lines[0] == "notes.md: notes.md"
    assert "1 of 2 tasks done" in lines[1]
    assert "50%" in lines[1]
    assert not any("current phase" in line for line in lines)


def test_no_escape_codes_without_color() -> None:
    lines = report()
    assert not any("\x1b" in line for line in lines)


def test_color_adds_escape_codes() -> None:
    lines = report(color=True)
    joined = "\n".join(lines)
    assert "\x1b[" in joined
    assert lines[0] == f"{BOLD}plan.md{RESET}: Launch plan"
    assert f"{YELLOW}{'█' * 6}" in lines[1]
    # Only the report's own colour codes, nothing else.
    for code in (GREEN, YELLOW, DIM, BOLD, RESET):
        joined = joined.replace(code, "")
    assert "\x1b" not in joined
    assert joined == "\n".join(report(color=False))


@pytest.mark.parametrize(
    ("done", "total", "tint"),
    [(2, 2, GREEN), (1, 2, YELLOW), (0, 2, DIM)],
)
def test_color_of_the_bar(done: int, total: int, tint: str) -> None:
    tasks = "".join("- [x] t\n" if i < done else "- [ ] t\n" for i in range(total))
    lines = report(f"# P\n\n{tasks}", color=True)
    assert lines[1].startswith(f"  {tint}")


HOSTILE = [
    ("\x1b[31mred\x1b[0m", "red"),
    ("ring\x07bell", "ringbell"),
    ("\x1b]0;new title\x07after", "after"),
    ("\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", "link"),
    ("a\x00b\x01c\x1fd", "abcd"),
    ("back\x08space", "backspace"),
    ("del\x7fete", "delete"),
    ("c1\x9bcsi", "c1csi"),
    ("new\nline\rcr", "newlinecr"),
    ("tab\there", "tab here"),
    ("中文 plain", "中文 plain"),
]


@pytest.mark.parametrize(("raw", "want"), HOSTILE)
def test_clean(raw: str, want: str) -> None:
    assert clean(raw) == want


@pytest.mark.parametrize("code", [c for c in range(0x20) if c != 0x1B] + [0x7F])
def test_clean_removes_every_control_character(code: int) -> None:
    out = clean(f"a{chr(code)}b")
    assert out in ("ab", "a b")
    assert not any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in out)


def test_hostile_task_and_heading_text_is_cleaned() -> None:
    text = (
        "# Plan \x1b[2J\n\n"
        "## Phase 1: \x1b[31mred\x1b[0m\n\n"
        "- [ ] \x1b[31mred\x1b[0m alarm\x07 \x01ctl\x02 \x1f\x7fend \x1b]0;pwned\x07ok\n"
    )
    for color in (False, True):
        lines = report(text, color=color)
        joined = "\n".join(lines)
        for code in (GREEN, YELLOW, DIM, BOLD, RESET):
            joined = joined.replace(code, "")
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", joined)
        assert "    - red alarm ctl end ok  (Phase 1: red)" in lines
        assert "  current phase: Phase 1: red" in lines
        assert "pwned" not in joined


@pytest.mark.parametrize(
    "titles",
    [
        ["Phase 1: 准备环境", "Phase 2: Ship it"],
        ["第一阶段", "Phase two"],
        ["第一阶段：" + "很长的标题" * 6, "Phase 2", "第三阶段 mixed 宽字符 text"],
        ["ｆｕｌｌｗｉｄｔｈ", "x"],
        ["e\u0301tape accentuée", "plain"],
    ],
)
def test_titles_are_padded_by_display_width(titles: list[str]) -> None:
    text = "# Plan\n\n" + "".join(f"## {t}\n\n- [x] a\n- [ ] b\n\n" for t in titles)
    plan = plansync.parse(text)
    assert len(plan.phases) == len(titles)
    lines = render_report("plan.md", plan, width=80)
    phase_lines = [line for line in lines if line.endswith("1/2")]
    assert len(phase_lines) == len(titles)
    # The longest title, at most what 80 columns leave beside the bar and "   50%  1/2".
    column = min(max(wcswidth(t) for t in titles), 80 - (2 + 2 + BAR + 1 + len("   50%  1/2")))
    columns = {bar_column(line) for line in phase_lines}
    assert columns == {2 + column + 2}
    widths = {wcswidth(line) for line in phase_lines}
    assert len(widths) == 1 and widths.pop() <= 80


def test_long_title_is_cut_with_an_ellipsis() -> None:
    title = "很长的标题" * 10
    lines = render_report(
        "plan.md", plansync.parse(f"# P\n\n## {title}\n\n- [ ] a\n\n## Short\n\n- [ ] b\n"), width=80
    )
    line = next(x for x in lines if x.startswith("  很长"))
    assert "…" in line
    assert title not in line


@pytest.mark.parametrize(
    ("texts", "want"),
    [
        (["- [x] a\n- [ ] b\n- [ ] c\n", "- [x] a\n- [ ] b\n"], "40%  2 of 5 tasks done in 2 files"),
        (["- [x] a\n", "- [x] b\n- [-] c\n"], "100%  2 of 2 tasks done in 2 files"),
        (
            ["- [/] a\n- [x] b\n- [-] c\n", "no tasks\n", "- [ ] d\n- [ ] e\n"],
            "25%  1 of 4 tasks done in 3 files",
        ),
        ([], "—  0 of 0 tasks done in 0 files"),
    ],
)
def test_render_total(texts: list[str], want: str) -> None:
    plans = [plansync.parse(t) for t in texts]
    line = render_total(plans)
    assert line.startswith("total: ")
    assert line.endswith(want)
    done = sum(p.counts.done for p in plans)
    total = sum(p.counts.total for p in plans)
    filled = done * BAR // total if total else 0
    assert f"{'█' * filled}{'░' * (BAR - filled)}" in line
    assert "\x1b" not in line


def test_render_total_color() -> None:
    line = render_total([plansync.parse("- [x] a\n")], color=True)
    assert f"{GREEN}{'█' * BAR}{RESET}" in line


def test_numbered_headings_are_named_by_their_title() -> None:
    # A bare "(1)" would read as a count: the heading is named with its number and title.
    lines = report("# P\n\n## 1. Setup\n\n- [ ] install\n\n## 2. Use\n\n- [ ] run\n")
    assert lines[lines.index("  next:") + 1 :] == ["    - install  (1. Setup)", "    - run  (2. Use)"]


# --- Markdown shown as read -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("**Phase 1**: Setup", "Phase 1: Setup"),
        ("__bold__ and *it* and _em_ and ***both***", "bold and it and em and both"),
        ("~~old~~ new", "old new"),
        ("see [the docs](https://e.org/docs) first", "see the docs first"),
        ('see [the docs](https://e.org "Title") first', "see the docs first"),
        ("![logo](logo.png) Brand", "logo Brand"),
        ("[ref link][r]", "ref link"),
        ("<https://e.org> and <me@e.org>", "https://e.org and me@e.org"),
        ("CLI `marina replay`", "CLI marina replay"),
        ("`` a`b ``", "a`b"),
        ("before <!-- hidden --> after", "before after"),
        ('<a id="x"></a>Anchored <span>text</span>', "Anchored text"),
        ("one<br>two", "one two"),
        ("\\*not emphasis\\*", "*not emphasis*"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("a < b > c", "a < b > c"),
        ("`<!-- code -->`", "<!-- code -->"),
    ],
)
def test_plain_shows_markdown_as_read(markdown: str, shown: str) -> None:
    assert plain(markdown) == shown


def test_an_entity_cannot_smuggle_a_control_character() -> None:
    assert terminal.shown("x &#27;[31mred &#x7; y") == "x [31mred y"


def test_titles_and_tasks_are_shown_without_markup() -> None:
    text = (
        "# **Launch** plan\n\n"
        '## Phase 1: **Prepare** [docs](https://e.org) <a id="p1"></a>\n\n'
        "- [ ] write `spec.md` <!-- by Friday -->\n\n"
        "## Phase 2: `Build`\n\n- [ ] ship\n"
    )
    lines = render_report("plan.md", plansync.parse(text), width=80)
    assert lines[0] == "plan.md: Launch plan"
    assert "  current phase: Phase 1: Prepare docs" in lines
    assert any(line.startswith("  Phase 1: Prepare docs  ") for line in lines)
    assert any(line.startswith("  Phase 2: Build         ") for line in lines)
    assert "    - write spec.md  (Phase 1: Prepare docs)" in lines


# --- width --------------------------------------------------------------------------------------

LONG = "# P\n\n" + "".join(f"## Phase {n}: {'a rather long phase title ' * 3}\n\n- [ ] t\n\n" for n in (1, 2))


@pytest.mark.parametrize("width", [60, 80, 100, 200])
def test_the_title_column_gets_what_the_bar_and_figures_leave(width: int) -> None:
    lines = render_report("plan.md", plansync.parse(LONG), width=width)
    phases = [line for line in lines if line.endswith("0/1")]
    longest = max(cells(p.heading.title) for p in plansync.parse(LONG).phases)
    column = min(longest, width - (2 + 2 + BAR + 1 + len("    0%  0/1")))
    assert {bar_column(line) for line in phases} == {2 + column + 2}
    assert all(cells(line) <= width for line in phases)
    if column < longest:
        assert all("…" in line for line in phases)


def test_a_narrow_terminal_still_leaves_the_title_its_minimum() -> None:
    lines = render_report("plan.md", plansync.parse(LONG), width=30)
    phases = [line for line in lines if line.endswith("0/1")]
    assert {bar_column(line) for line in phases} == {2 + MIN_TITLE + 2}


def test_short_titles_keep_the_bars_close() -> None:
    lines = render_report("plan.md", plansync.parse(PLAN), width=200)
    assert lines[4].startswith("  Phase 1: Prepare  █")


def test_the_width_is_the_terminals_or_80(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert terminal_width() == 80
    monkeypatch.setattr(sys, "stdout", Tty())
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(80, 24): os.terminal_size((132, 40)))
    assert terminal_width() == 132
    # No width given: the report asks the terminal.
    lines = render_report("plan.md", plansync.parse(LONG))
    assert max(cells(line) for line in lines if line.endswith("0/1")) <= 132
    assert not any("…" in line for line in lines)


# --- emoji with VS16 ----------------------------------------------------------------------------


def test_an_emoji_with_vs16_is_measured_as_terminals_draw_it() -> None:
    assert cells("\U0001f3d7\ufe0f") == 1  # 🏗️ : U+1F3D7 is narrow; VS16 adds nothing on a terminal
    assert cells("\U0001f4da") == 2  # 📚
    assert cells("中文") == 4 and cells("e\u0301") == 1
    # Region tables keep the formatters' measure (mdformat and prettier pad 🏗️ as two).
    assert display_width("\U0001f3d7\ufe0f") == 2
    assert render_table(["T"], [["\U0001f3d7\ufe0f x"], ["abcd"]])[2] == "| \U0001f3d7\ufe0f x |"


def test_rows_with_vs16_emoji_start_their_bars_aligned() -> None:
    titles = ["\U0001f4da 第一阶段：基础", "\U0001f3d7\ufe0f 第二阶段：运行时", "Plain"]
    text = "# P\n\n" + "".join(f"## {title}\n\n- [x] a\n- [ ] b\n\n" for title in titles)
    lines = render_report("plan.md", plansync.parse(text), width=80)
    phases = [line for line in lines if line.endswith("1/2")]
    assert len(phases) == 3
    starts = {cells(line[: line.index("█")]) for line in phases}
    assert len(starts) == 1


# --- the plan's language ------------------------------------------------------------------------

ZH = (
    "# 计划\n\n## 第一阶段：准备\n\n- [x] 写规格\n- [/] 搭环境\n- [-] 买书\n\n"
    "## 第二阶段：构建\n\n- [ ] 写代码\n"
)
JA = (
    "# 計画\n\n## 第1章：準備\n\n- [x] 仕様を書く\n- [/] 環境を作る\n- [-] 本を買う\n\n"
    "## 第2章：構築\n\n- [ ] コードを書く\n"
)
KO = (
    "# 계획\n\n## 1단계: 준비\n\n- [x] 명세 쓰기\n- [/] 환경 만들기\n- [-] 책 사기\n\n"
    "## 2단계: 구축\n\n- [ ] 코드 쓰기\n"
)


@pytest.mark.parametrize(
    ("text", "overall", "current", "heading", "item"),
    [
        (
            ZH,
            "已完成 1 / 3 项任务，1 项进行中，1 项已取消",
            "  当前阶段：第一阶段：准备",
            "  下一步：",
            "    - 搭环境（第一阶段：准备）",
        ),
        (
            JA,
            "タスク 1 / 3 件完了、進行中 1 件、キャンセル 1 件",
            "  現在のフェーズ：第1章：準備",
            "  次のタスク：",
            "    - 環境を作る（第1章：準備）",
        ),
        (
            KO,
            "작업 3개 중 1개 완료, 1개 진행 중, 1개 취소됨",
            "  현재 단계: 1단계: 준비",
            "  다음 할 일:",
            "    - 환경 만들기  (1단계: 준비)",
        ),
    ],
    ids=["zh", "ja", "ko"],
)
def test_the_report_speaks_the_plans_language(
    text: str, overall: str, current: str, heading: str, item: str
) -> None:
    lines = render_report("plan.md", plansync.parse(text), width=80)
    assert lines[1].endswith(overall)
    assert lines[2] == current
    assert lines[lines.index(heading) + 1] == item


def test_a_finished_plan_says_so_in_its_language() -> None:
    lines = render_report("plan.md", plansync.parse("# 計画\n\n## 第1章\n\n- [x] 本を読む\n"), width=80)
    assert "  現在のフェーズ：全フェーズ完了" in lines


def test_the_total_speaks_the_shared_language_or_english() -> None:
    assert render_total([plansync.parse(ZH), plansync.parse(ZH)]).startswith("合计：")
    assert render_total([plansync.parse(ZH), plansync.parse(ZH)]).endswith("2 个文件共完成 2 / 6 项任务")
    assert render_total([plansync.parse(KO), plansync.parse(KO)]).endswith("파일 2개, 작업 6개 중 2개 완료")
    assert render_total([plansync.parse(ZH), plansync.parse(PLAN)]).endswith("3 of 9 tasks done in 2 files")


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "**a " * (n // 4),
        lambda n: "_a " * (n // 3),
        lambda n: "~~a " * (n // 4),
        lambda n: "<!--" * (n // 4),
    ],
    ids=["stars", "underscores", "tildes", "comments"],
)
def test_plain_costs_linear_time(make: Callable[[int], str]) -> None:
    def best(text: str) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            plain(text)
            times.append(time.perf_counter() - start)
        return min(times)

    ratio = best(make(80_000)) / max(best(make(20_000)), 1e-4)
    assert ratio < 8, f"4x the text took {ratio:.1f}x the time"
