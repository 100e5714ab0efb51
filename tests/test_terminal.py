"""The terminal report: figures, bars, the current phase, next tasks, and safe, aligned text."""

from __future__ import annotations

import re

import pytest
from wcwidth import wcswidth

import plansync
from plansync.formats.printable import printable as clean
from plansync.formats.terminal import BAR, BOLD, DIM, GREEN, RESET, YELLOW, render_report, render_total

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
    lines = render_report("plan.md", plan)
    phase_lines = [line for line in lines if line.endswith("1/2")]
    assert len(phase_lines) == len(titles)
    columns = {bar_column(line) for line in phase_lines}
    assert columns == {2 + 36 + 2}
    widths = {wcswidth(line) for line in phase_lines}
    assert len(widths) == 1


def test_long_title_is_cut_with_an_ellipsis() -> None:
    title = "很长的标题" * 10
    lines = report(f"# P\n\n## {title}\n\n- [ ] a\n\n## Short\n\n- [ ] b\n")
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


def test_numbered_headings_are_named_by_number() -> None:
    lines = report("# P\n\n## 1. Setup\n\n- [ ] install\n\n## 2. Use\n\n- [ ] run\n")
    assert lines[lines.index("  next:") + 1 :] == ["    - install  (1)", "    - run  (2)"]
