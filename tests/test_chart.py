"""The ``chart`` region: a Mermaid pie of task states and a weekly burn-up from ✅ stamps."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import plansync
from plansync.api import check_file, sync_file
from plansync.regions.chart import PALETTE, burn_up, render_chart

from .conftest import ROOT


def plan_of(*tasks: str, title: str = "Kite workshop") -> plansync.Plan:
    """A one-phase English plan holding ``tasks`` (each a whole task line)."""
    return plansync.parse(f"# {title}\n\n## Phase 1: Frames\n\n" + "\n".join(tasks) + "\n")


MIXED_EN = plan_of("- [x] Cut the spars", "- [x] Sand them", "- [/] Glue the joints", "- [ ] Fly it")

ZH_TEXT = """# 风筝制作计划

## 第一阶段：骨架

- [x] 削竹条
- [/] 绑十字架
- [ ] 糊纸面
- [-] 买现成的骨架
"""


def test_pie_in_english_lists_only_the_states_that_occur() -> None:
    assert render_chart(MIXED_EN, "en") == [
        "```mermaid",
        "pie title Task states",
        '    "Done" : 2',
        '    "Doing" : 1',
        '    "Open" : 1',
        "```",
    ]


def test_pie_in_chinese_has_chinese_labels_for_every_state() -> None:
    plan = plansync.parse(ZH_TEXT)
    assert plan.lang == "zh"
    assert render_chart(plan, "zh") == [
        "```mermaid",
        "pie title 任务状态",
        '    "已完成" : 1',
        '    "进行中" : 1',
        '    "未开始" : 1',
        '    "已取消" : 1',
        "```",
    ]


@pytest.mark.parametrize(
    ("tasks", "slices"),
    [
        (["- [ ] a", "- [ ] b"], ['"Open" : 2']),
        (["- [x] a", "- [-] b"], ['"Done" : 1', '"Cancelled" : 1']),
        (["- [/] a"], ['"Doing" : 1']),
        (["- [-] a", "- [-] b", "- [-] c"], ['"Cancelled" : 3']),
    ],
)
def test_zero_states_get_no_slice(tasks: list[str], slices: list[str]) -> None:
    lines = render_chart(plan_of(*tasks), "en")
    assert [line.strip() for line in lines if " : " in line] == slices


def test_a_plan_without_tasks_says_so_in_its_language() -> None:
    empty = plansync.parse("# Notes\n\nNothing to do here.\n")
    assert render_chart(empty, "en") == ["No tasks yet."]
    assert render_chart(empty, "zh") == ["尚无任务。"]


def test_region_lang_option_overrides_the_plan_language() -> None:
    text = (
        "# Kite\n\n- [x] Cut\n- [ ] Fly\n\n"
        "<!-- plansync:begin chart lang=zh -->\n<!-- plansync:end chart -->\n"
    )
    out = plansync.sync_text(text)
    assert 'pie title 任务状态\n    "已完成" : 1\n    "未开始" : 1\n' in out
    assert "Task states" not in out


# --- burn-up ---------------------------------------------------------------------------------


def xychart(lines: list[str]) -> dict[str, str]:
    """The burn-up block's lines by their first word (two ``line`` rows: done, then total)."""
    assert lines[:4] == ["", "```mermaid", PALETTE, "xychart-beta"]
    assert lines[-1] == "```"
    body = [line.strip() for line in lines[4:-1]]
    found: dict[str, str] = {}
    for row in body:
        key, _, rest = row.partition(" ")
        found[key if key not in found else key + "2"] = rest
    return found


def test_weeks_start_on_monday_and_counts_are_cumulative() -> None:
    plan = plan_of(
        "- [x] Sunday tick ✅ 2025-06-08",  # week of Monday 2025-06-02
        "- [x] Monday tick ✅ 2025-06-09",  # a new week
        "- [x] Saturday tick ✅ 2025-06-14",  # same week as Monday
        "- [x] Later tick ✅ 2025-06-25",  # Wednesday, week of 2025-06-23 (after an empty week)
        "- [ ] Open task",
        "- [/] Doing task",
    )
    chart = xychart(burn_up(plan, "en"))
    assert chart["x-axis"] == '["2025-06-02", "2025-06-09", "2025-06-16", "2025-06-23"]'
    assert chart["line"] == "[1, 3, 3, 4]"
    assert chart["line2"] == "[6, 6, 6, 6]"
    assert chart["y-axis"] == '"Tasks" 0 --> 6'
    assert chart["title"] == '"Tasks done so far (green) and the total (grey), week by week"'


def test_a_year_of_weeks_is_one_point_per_week() -> None:
    plan = plan_of("- [x] a ✅ 2025-01-06", "- [x] b ✅ 2026-01-05")  # Mondays, 52 weeks apart
    chart = xychart(burn_up(plan, "en"))
    assert chart["x-axis"].count(",") + 1 == 53
    assert chart["title"] == '"Tasks done so far (green) and the total (grey), week by week"'


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_long_span_groups_weeks_so_the_axis_stays_short(lang: str) -> None:
    """A mistyped year (6613) must not draw 240,000 weekly points."""
    plan = plan_of("- [x] a ✅ 2025-03-04", "- [x] b ✅ 2025-03-12", "- [x] c ✅ 6613-03-12", "- [ ] d")
    chart = xychart(burn_up(plan, lang))
    points = chart["x-axis"].strip("[]").split(", ")
    assert 2 <= len(points) <= 53
    assert points[0] == '"2025-03-03"' and points[-1] == '"6613-03-08"'  # the Monday of its week
    done = chart["line"].strip("[]").split(", ")
    assert done[0] == "1" and done[-1] == "3" and len(done) == len(points)
    step = (dt.date.fromisoformat(points[1].strip('"')) - dt.date(2025, 3, 3)).days // 7
    title = (
        f"Tasks done so far (green) and the total (grey), every {step} weeks"
        if lang == "en"
        else f"累计完成的任务（绿）与任务总数（灰），每 {step} 周"
    )
    assert chart["title"] == f'"{title}"'


def test_total_line_leaves_cancelled_tasks_out_and_stays_constant() -> None:
    plan = plan_of(
        "- [x] a ✅ 2025-01-01",
        "- [x] b ✅ 2025-01-08",
        "- [x] c ✅ 2025-01-15",
        "- [-] dropped",
    )
    chart = xychart(burn_up(plan, "en"))
    assert chart["line"] == "[1, 2, 3]"
    assert chart["line2"] == "[3, 3, 3]"


def test_burn_up_labels_in_chinese() -> None:
    plan = plansync.parse("# 计划\n\n- [x] 甲 ✅ 2025-01-06\n- [x] 乙 ✅ 2025-01-13\n- [ ] 丙\n")
    chart = xychart(burn_up(plan, "zh"))
    assert chart["title"] == '"累计完成的任务（绿）与任务总数（灰），按周"'
    assert chart["y-axis"] == '"任务" 0 --> 3'


@pytest.mark.parametrize(
    "tasks",
    [
        ["- [x] a", "- [x] b", "- [ ] c"],  # no stamps at all
        ["- [x] a ✅ 2025-06-02", "- [x] b ✅ 2025-06-08", "- [ ] c"],  # Monday and Sunday: one week
        ["- [x] a ✅ 2025-06-04"],  # a single stamp
    ],
    ids=["unstamped", "one-week", "one-stamp"],
)
def test_no_burn_up_without_two_weeks(tasks: list[str]) -> None:
    plan = plan_of(*tasks)
    assert burn_up(plan, "en") == []
    assert render_chart(plan, "en")[-1] == "```"
    assert sum(1 for line in render_chart(plan, "en") if line == "```mermaid") == 1


def test_malformed_stamps_and_stamps_on_unfinished_tasks_are_ignored() -> None:
    plan = plan_of(
        "- [x] a ✅ 2025-03-03",
        "- [x] b ✅ 2025-03-11",
        "- [x] impossible date ✅ 2025-02-30",
        "- [x] not padded ✅ 2025-3-20",
        "- [x] month thirteen ✅ 2025-13-01",
        "- [ ] open but stamped ✅ 2025-04-28",
        "- [-] cancelled but stamped ✅ 2025-05-05",
    )
    chart = xychart(burn_up(plan, "en"))
    assert chart["x-axis"] == '["2025-03-03", "2025-03-10"]'
    assert chart["line"] == "[1, 2]"
    assert chart["line2"] == "[6, 6]"


def test_only_malformed_stamps_give_no_burn_up() -> None:
    plan = plan_of("- [x] a ✅ 2025-02-30", "- [x] b ✅ 2025-02-31", "- [x] c ✅ 2025-06-01")
    assert burn_up(plan, "en") == []


# --- the region in files ---------------------------------------------------------------------

CHART_PLAN = """# Kite workshop

## Phase 1: Frames (1 week)

- [x] Cut the spars ✅ 2025-06-03
- [x] Sand them ✅ 2025-06-12
- [ ] Glue the joints

## Phase 2: Sails (2 weeks)

- [x] Choose ripstop ✅ 2025-06-19
- [ ] Hem the edges

<!-- plansync:begin chart -->
<!-- plansync:end chart -->
"""


def test_chart_region_is_a_fixed_point_of_sync() -> None:
    once = plansync.sync_text(CHART_PLAN)
    assert once != CHART_PLAN
    assert once.count("```mermaid") == 2
    assert plansync.sync_text(once) == once


def test_check_file_passes_after_sync_without_any_history(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"  # not in a git repository
    plan.write_text(CHART_PLAN, encoding="utf-8")
    assert not check_file(plan).ok
    assert sync_file(plan, history=False).changed
    outcome = check_file(plan)
    assert outcome.ok
    assert outcome.diagnostics == []
    assert not sync_file(plan, history=False).changed


def test_ticking_a_box_makes_the_chart_stale(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(plansync.sync_text(CHART_PLAN), encoding="utf-8")
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("- [ ] Hem the edges", "- [x] Hem the edges"),
        encoding="utf-8",
    )
    outcome = check_file(plan)
    assert [r.name for r in outcome.stale] == ["chart"]
    assert '"Done" : 4' in outcome.new


# --- Mermaid syntax --------------------------------------------------------------------------

NODE_MODULES = ROOT / ".ci" / "node" / "node_modules"


def mermaid_blocks(text: str) -> list[str]:
    return re.findall(r"```mermaid\n(.*?)```", text, flags=re.DOTALL)


@pytest.fixture
def mermaid_check(tmp_path: Path) -> Path:
    """tests/mermaid_check.mjs, runnable against .ci/node's packages.

    ES modules ignore NODE_PATH and resolve packages from the script's own folder upwards, so
    the script is copied next to a ``node_modules`` link to .ci/node/node_modules.
    """
    if shutil.which("node") is None or not (NODE_MODULES / "mermaid").is_dir():
        pytest.skip(
            "node or .ci/node/node_modules/mermaid is missing (.ci/run installs mermaid@11 and jsdom)"
        )
    runner = tmp_path / "mermaid-runner"
    runner.mkdir()
    (runner / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    script = runner / "mermaid_check.mjs"
    shutil.copyfile(ROOT / "tests" / "mermaid_check.mjs", script)
    return script


def run_mermaid(script: Path, diagram: str, where: Path) -> subprocess.CompletedProcess[str]:
    where.write_text(diagram, encoding="utf-8")
    return subprocess.run(
        ["node", str(script), str(where)], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize(
    "text",
    [CHART_PLAN, ZH_TEXT + "\n<!-- plansync:begin chart -->\n<!-- plansync:end chart -->\n"],
    ids=["en-pie-and-burn-up", "zh-pie"],
)
def test_generated_charts_parse_with_mermaid(text: str, mermaid_check: Path, tmp_path: Path) -> None:
    blocks = mermaid_blocks(plansync.sync_text(text))
    assert blocks and blocks[0].startswith("pie title ")
    for n, block in enumerate(blocks):
        result = run_mermaid(mermaid_check, block, tmp_path / f"diagram{n}.mmd")
        assert result.stdout.strip() == "ok", (block, result.stdout, result.stderr)


def test_mermaid_check_rejects_a_broken_diagram(mermaid_check: Path, tmp_path: Path) -> None:
    result = run_mermaid(mermaid_check, 'pie title X\n    "Done" 3\n', tmp_path / "broken.mmd")
    assert result.returncode == 1
    assert result.stdout.startswith("error: ")
