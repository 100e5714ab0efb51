"""``report --format markdown|github`` and the GitHub Actions job summary."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from plansync.cli.app import cli

from .conftest import commit_all


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


GARDEN = """# Garden plan

## Phase 1: Beds (1 week)

### 1.1 Soil
- [x] Dig the beds
- [x] Add compost

### 1.2 Edges
- [ ] Lay the bricks

## Phase 2: Planting

- [ ] Sow carrots
"""

TEA = """# 茶艺学习计划

## 第一阶段：认识茶叶

- [x] 区分六大茶类
- [x] 品尝绿茶
- [x] 品尝红茶

## 第二阶段：冲泡

- [/] 掌握水温
- [ ] 练习盖碗出汤
"""


@pytest.fixture(autouse=True)
def _no_step_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    """A report run under GitHub Actions must not write to the real job summary."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture
def garden(tmp_path: Path) -> Path:
    path = tmp_path / "garden.md"
    path.write_text(GARDEN, encoding="utf-8")
    return path


@pytest.fixture
def tea(tmp_path: Path) -> Path:
    path = tmp_path / "tea.md"
    path.write_text(TEA, encoding="utf-8")
    return path


# --- markdown --------------------------------------------------------------------------------


def test_markdown_section_for_one_plan(garden: Path) -> None:
    code, out, _ = invoke("report", "--format", "markdown", str(garden))
    assert code == 0
    lines = out.splitlines()
    assert lines[:4] == ["## Garden plan", "", f"`{garden}`", ""]
    assert "- **Current phase**: Phase 1: Beds (1 week) (2/3)" in lines
    assert "- **Overall**: 2 of 4 tasks done (50%)" in lines
    assert "- **Done**: 1 of 3 sections — 1.1 Soil" in lines
    assert "  - Lay the bricks (1.2 Edges)" in lines
    table = [line for line in lines if line.startswith("|")]
    assert table == [
        "| Phase                  | Progress   | Done | %     |",
        "| ---------------------- | ---------- | ---- | ----- |",
        "| Phase 1: Beds (1 week) | ██████░░░░ | 2/3  | 66.7% |",
        "| Phase 2: Planting      | ░░░░░░░░░░ | 0/1  | 0%    |",
        "| **Total**              | █████░░░░░ | 2/4  | 50%   |",
    ]
    start = lines.index("```mermaid")
    assert lines[start : start + 5] == [
        "```mermaid",
        "pie title Task states",
        '    "Done" : 2',
        '    "Open" : 2',
        "```",
    ]
    assert "## All plans" not in out
    assert "Recent milestones" not in out  # nothing can be dated outside git


def test_markdown_in_chinese(tea: Path) -> None:
    code, out, _ = invoke("report", "--format", "markdown", str(tea))
    assert code == 0
    assert out.startswith(f"## 茶艺学习计划\n\n`{tea}`\n\n- **当前阶段**：第二阶段：冲泡（0/2）\n")
    assert "- **总进度**：已完成 3 / 5 项任务（60%）；1 项进行中\n" in out
    assert [line for line in out.splitlines() if line.startswith("|")] == [
        "| 阶段               | 进度       | 完成 | 百分比 |",
        "| ------------------ | ---------- | ---- | ------ |",
        "| 第一阶段：认识茶叶 | ██████████ | 3/3  | 100%   |",
        "| 第二阶段：冲泡     | ░░░░░░░░░░ | 0/2  | 0%     |",
        "| **合计**           | ██████░░░░ | 3/5  | 60%    |",
    ]
    assert 'pie title 任务状态\n    "已完成" : 3\n    "进行中" : 1\n    "未开始" : 1\n' in out


def test_markdown_with_several_plans_has_one_section_each(garden: Path, tea: Path) -> None:
    code, out, _ = invoke("report", "--format", "markdown", str(garden), str(tea))
    assert code == 0
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == ["## All plans", "## Garden plan", "## 茶艺学习计划"]
    assert out.count(f"`{garden}`") == 1 and out.count(f"`{tea}`") == 1
    assert out.count("pie title") == 2
    table = [re.sub("-{3,}", "---", " ".join(line.split())) for line in out.splitlines()[2:7]]
    assert table == [
        "| Plan | Progress | Done | % |",
        "| --- | --- | --- | --- |",
        f"| {garden} | █████░░░░░ | 2/4 | 50% |",
        f"| {tea} | ██████░░░░ | 3/5 | 60% |",
        "| **Total** | █████░░░░░ | 5/9 | 55.6% |",
    ]


def test_markdown_lists_recent_milestones_from_history(repo: Path) -> None:
    plan = repo / "plan.md"
    plan.write_text(GARDEN.replace("- [x]", "- [ ]"), encoding="utf-8")
    commit_all(repo, "plan", "2025-10-01T09:00:00+00:00")
    plan.write_text(GARDEN, encoding="utf-8")  # section 1.1 done
    commit_all(repo, "soil", "2025-10-08T09:00:00+00:00")
    plan.write_text(GARDEN.replace("- [ ] Lay the bricks", "- [x] Lay the bricks"), encoding="utf-8")
    commit_all(repo, "edges", "2025-10-15T09:00:00+00:00")
    code, out, _ = invoke("report", "--format", "markdown", str(plan))
    assert code == 0
    tail = out[out.index("**Recent milestones**") :]
    assert tail.splitlines()[2:5] == [
        "- 2025-10-08 — 1.1 Soil",
        "- 2025-10-15 — 1.2 Edges",
        "- 2025-10-15 — Phase 1: Beds (1 week)",
    ]
    _, offline, _ = invoke("report", "--format", "markdown", "--no-history", str(plan))
    assert "Recent milestones" not in offline


def test_recent_milestones_keep_only_the_latest_five(repo: Path) -> None:
    sections = "".join(f"### 1.{n} Part {n}\n- [ ] step {n}\n\n" for n in range(1, 8))
    plan = repo / "plan.md"
    text = f"# Plan\n\n## Phase 1\n\n{sections}## Phase 2\n\n- [ ] later\n"
    plan.write_text(text, encoding="utf-8")
    commit_all(repo, "plan", "2025-01-01T09:00:00+00:00")
    for n in range(1, 8):
        text = text.replace(f"- [ ] step {n}", f"- [x] step {n}")
        plan.write_text(text, encoding="utf-8")
        commit_all(repo, f"step {n}", f"2025-01-{n + 1:02d}T09:00:00+00:00")
    _, out, _ = invoke("report", "--format", "markdown", str(plan))
    recent = [line for line in out.splitlines() if line.startswith("- 2025-")]
    assert recent == [
        "- 2025-01-05 — 1.4 Part 4",
        "- 2025-01-06 — 1.5 Part 5",
        "- 2025-01-07 — 1.6 Part 6",
        "- 2025-01-08 — 1.7 Part 7",
        "- 2025-01-08 — Phase 1",
    ]


# --- the job summary -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_step_summary_gets_the_markdown_report_appended(
    fmt: str, garden: Path, tea: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = invoke("report", "--format", "markdown", str(garden), str(tea))[1]
    summary = tmp_path / "step-summary.md"
    summary.write_text("# Earlier step\n\nbuilt fine\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = invoke("report", "--format", fmt, str(garden), str(tea))
    assert code == 0
    assert summary.read_text(encoding="utf-8") == "# Earlier step\n\nbuilt fine\n" + expected + "\n"
    if fmt == "json":
        assert json.loads(out)["counts"]["done"] == 5  # stdout is still the plain JSON document


def test_step_summary_is_created_when_missing(
    garden: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "new-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert invoke("report", str(garden))[0] == 0
    assert summary.read_text(encoding="utf-8").startswith("## Garden plan\n")


def test_unwritable_step_summary_is_reported_and_the_report_still_succeeds(
    garden: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "no-such-dir" / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    code, out, err = invoke("report", str(garden))
    assert code == 0
    assert "Garden plan" in out
    assert err.startswith(f"plansync: cannot write the step summary {target}: ")
    assert not target.exists()


def test_step_summary_that_is_a_directory(
    garden: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path))
    code, _, err = invoke("report", "--format", "markdown", str(garden))
    assert code == 0
    assert "cannot write the step summary" in err


# --- github annotations ----------------------------------------------------------------------


def test_github_format_has_a_notice_per_file(garden: Path, tea: Path) -> None:
    code, out, _ = invoke("report", "--format", "github", str(garden), str(tea))
    assert code == 0
    assert out.splitlines() == [
        f"::notice file={garden},title=plansync::50%25 done (2 of 4 tasks); "
        "current phase: Phase 1: Beds (1 week)",
        f"::notice file={tea},title=plansync::60%25 done (3 of 5 tasks); current phase: 第二阶段：冲泡",
    ]


def test_github_format_warns_on_a_phase_behind_schedule(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(
        "---\nstart: 2024-01-01\n---\n# Plan\n\n"
        "## Phase 1: Setup (1 week)\n\n- [x] a\n\n"
        "## Phase 2: Build (2 weeks)\n\n- [ ] b\n- [x] c\n\n"
        f"## Phase 3: Later (weeks 1-{52 * 50})\n\n- [ ] d\n",
        encoding="utf-8",
    )
    late = (dt.date.today() - dt.date(2024, 1, 22)).days
    code, out, _ = invoke("report", "--format", "github", str(plan))
    assert code == 0
    assert out.splitlines() == [
        f"::notice file={plan},title=plansync::50%25 done (2 of 4 tasks); "
        "current phase: Phase 2: Build (2 weeks)",
        f"::warning file={plan},line=10,title=plansync::Phase 2: Build (2 weeks): behind by {late} days "
        "(due 2024-01-22)",
    ]


def test_github_format_escapes_properties_and_data(tmp_path: Path) -> None:
    plan = tmp_path / "a,b:c.md"
    plan.write_text("# Plan\n\n## Phase 1: 100% sure\n\n- [ ] a\n- [x] b\n- [x] c\n", encoding="utf-8")
    _, out, _ = invoke("report", "--format", "github", str(plan))
    escaped = str(plan).replace(",", "%2C").replace(":", "%3A")
    assert out == (
        f"::notice file={escaped},title=plansync::66.7%25 done (2 of 3 tasks); "
        "current phase: Phase 1: 100%25 sure\n"
    )
