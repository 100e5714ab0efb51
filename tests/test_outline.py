"""From tasks and headings to a Plan: title, phases, sections, counts, current phase, next tasks."""

from __future__ import annotations

from pathlib import Path

import pytest

import plansync
from plansync.document.text import decode
from plansync.model import Counts, Plan, TaskState, total_counts

from .conftest import SHARED, shared_path

FOUR_STAGES_ZH = """\
# 学习计划

## 📋 项目概述

这是一个计划。

## 📚 第一阶段：基础（1-2周）

### 📋 学习任务清单

#### 1.1 环境

- [x] 安装 Python
- [x] 配置 `venv`

#### 1.2 入门

- [x] 阅读文档

## 📚 第二阶段：进阶（3-4周）

### 📋 学习任务清单

#### 2.1 源码

- [x] 阅读调度器
- [ ] 阅读缓存
  - [/] 编写测试

#### 2.2 调试

- [-] 调试内核

## 第三阶段：实践

#### 3.1 部署

- [-] 部署到集群
- [ ] 压测

## 第四阶段：总结

#### 4.1 写作

- [ ] 写总结
"""

FOUR_STAGES_EN = """\
# Learning plan

## Overview

Some prose, no tasks.

## Stage 1: Basics

#### 1.1 Install

- [x] install
- [x] configure

## Stage 2: Core

#### 2.1 Read

- [x] read the scheduler
- [ ] read the cache

#### 2.2 Write

- [ ] write a test

## Stage 3: Practice

#### 3.1 Deploy

- [ ] deploy

## Stage 4: Wrap-up

#### 4.1 Write up

- [ ] write up
"""

ROADMAP = """\
# Roadmap

## 2026

### Q1

- [x] ship alpha
- [x] write docs

### Q2

- [ ] beta
- [/] launch
"""


def _sections(plan: Plan) -> list[list[str]]:
    return [[s.key for s in p.sections] for p in plan.phases]


def test_four_stage_plan_zh() -> None:
    plan = plansync.parse(FOUR_STAGES_ZH)
    assert plan.title == "学习计划"
    assert plan.lang == "zh"
    assert plan.phase_level == 2
    assert [p.key for p in plan.phases] == ["1", "2", "3", "4"]
    assert plan.phases[0].heading.title == "📚 第一阶段：基础（1-2周）"
    assert _sections(plan) == [["1.1", "1.2"], ["2.1", "2.2"], ["3.1"], ["4.1"]]
    assert all(s.heading.level == 4 for p in plan.phases for s in p.sections)


def test_four_stage_plan_en() -> None:
    plan = plansync.parse(FOUR_STAGES_EN)
    assert plan.title == "Learning plan"
    assert plan.lang == "en"
    assert plan.phase_level == 2
    assert [(p.key, p.heading.title) for p in plan.phases] == [
        ("1", "Stage 1: Basics"),
        ("2", "Stage 2: Core"),
        ("3", "Stage 3: Practice"),
        ("4", "Stage 4: Wrap-up"),
    ]
    assert _sections(plan) == [["1.1"], ["2.1", "2.2"], ["3.1"], ["4.1"]]


def test_roadmap_phases_are_quarters_under_one_year() -> None:
    plan = plansync.parse(ROADMAP)
    assert plan.phase_level == 3
    assert [p.heading.title for p in plan.phases] == ["Q1", "Q2"]
    assert [p.key for p in plan.phases] == ["1", "2"]
    # A phase heading that holds tasks directly is its own section.
    assert [[s.heading.title for s in p.sections] for p in plan.phases] == [["Q1"], ["Q2"]]
    assert plan.current_phase is not None and plan.current_phase.heading.title == "Q2"


def test_sections_are_the_headings_that_hold_tasks_directly() -> None:
    text = (
        "# Plan\n\n## Phase 1\n\n- [x] direct\n\n### Notes\n\nNo tasks here.\n\n"
        "### 1.1 Setup\n\n- [ ] nested\n- [ ] nested two\n\n## Phase 2\n\n- [ ] later\n"
    )
    plan = plansync.parse(text)
    assert [p.heading.title for p in plan.phases] == ["Phase 1", "Phase 2"]
    sections = [[(s.heading.title, s.tasks) for s in p.sections] for p in plan.phases]
    assert sections == [[("Phase 1", (0,)), ("1.1 Setup", (1, 2))], [("Phase 2", (3,))]]
    assert plan.section_of(plan.tasks[1]) == "1.1"
    assert plan.section_of(plan.tasks[0]) == "1"


def test_counts_per_phase_and_section() -> None:
    plan = plansync.parse(FOUR_STAGES_ZH)
    assert plan.counts == Counts(open=3, done=4, doing=1, cancelled=2)
    assert plan.counts.total == 8  # cancelled tasks leave the total
    boxes = sum(1 for t in plan.tasks if t.state in (TaskState.OPEN, TaskState.DONE))
    assert plan.counts.open + plan.counts.done == boxes == 7
    assert [p.counts for p in plan.phases] == [
        Counts(done=3),
        Counts(open=1, done=1, doing=1, cancelled=1),
        Counts(open=1, cancelled=1),
        Counts(open=1),
    ]
    second = plan.phases[1]
    assert [s.counts for s in second.sections] == [Counts(open=1, done=1, doing=1), Counts(cancelled=1)]
    assert second.counts.total == 3 and not second.counts.finished  # doing is unfinished
    assert second.sections[1].counts.finished  # only cancelled: nothing left to do
    assert sum((p.counts for p in plan.phases), Counts()) == plan.counts


def test_current_phase_is_the_first_unfinished() -> None:
    plan = plansync.parse(FOUR_STAGES_ZH)
    assert plan.current_phase is not None and plan.current_phase.key == "2"


def test_doing_keeps_a_phase_current() -> None:
    plan = plansync.parse("# P\n\n## A\n\n- [x] a\n- [/] b\n\n## B\n\n- [ ] c\n")
    assert plan.current_phase is not None and plan.current_phase.heading.title == "A"


def test_no_current_phase_when_all_done() -> None:
    plan = plansync.parse("# Done\n\n## A\n\n- [x] a\n\n## B\n\n- [x] b\n- [-] dropped\n")
    assert [p.counts.finished for p in plan.phases] == [True, True]
    assert plan.current_phase is None
    assert plan.next_tasks() == []


def test_next_tasks_are_open_and_doing_in_document_order() -> None:
    plan = plansync.parse(FOUR_STAGES_ZH)
    assert [(t.text, t.state) for t in plan.next_tasks()] == [
        ("阅读缓存", TaskState.OPEN),
        ("编写测试", TaskState.DOING),
        ("压测", TaskState.OPEN),
        ("写总结", TaskState.OPEN),
    ]
    assert [t.text for t in plan.next_tasks(limit=2)] == ["阅读缓存", "编写测试"]


def test_region_tasks_and_headings_are_excluded() -> None:
    text = (
        "# Plan\n\n## Phase 1\n\n- [ ] a\n\n"
        "<!-- plansync:begin progress -->\n## Fake phase\n\n- [x] fake\n<!-- plansync:end progress -->\n\n"
        "## Phase 2\n\n- [ ] b\n"
    )
    plan = plansync.parse(text)
    assert [h.title for h in plan.headings] == ["Plan", "Phase 1", "Phase 2"]
    assert [t.text for t in plan.tasks] == ["a", "b"]
    assert [p.heading.title for p in plan.phases] == ["Phase 1", "Phase 2"]
    assert plan.counts == Counts(open=2)
    assert len(plan.regions) == 1


@pytest.mark.parametrize(
    ("counts", "percent"),
    [
        (Counts(open=7, done=1), 12.5),
        (Counts(open=2, done=1), 33.3),
        (Counts(open=1, done=2), 66.7),
        (Counts(open=15, done=1), 6.3),  # 6.25 rounds half up
        (Counts(open=1, done=1, cancelled=5), 50.0),
        (Counts(done=3, doing=1), 75.0),
        (Counts(done=4), 100.0),
        (Counts(open=4), 0.0),
        (Counts(), None),
        (Counts(cancelled=3), None),
    ],
)
def test_percent_rounds_half_up_to_one_decimal(counts: Counts, percent: float | None) -> None:
    assert counts.percent == percent


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Intro\n\n## Not the title\n\n# Real title\n\n- [ ] a\n", "Real title"),
        ("# First\n\n# Second\n", "First"),
        ("Setext title\n===\n\n- [ ] a\n", "Setext title"),
        ("## Only level two\n\n- [ ] a\n", "Only level two"),
        ("- [ ] no headings\n", None),
    ],
)
def test_title_is_the_first_level_one_heading(text: str, title: str | None) -> None:
    assert plansync.parse(text).title == title


def test_seed_plan() -> None:
    plan = plansync.parse(decode(shared_path("seed", "learning-plan-zh.md").read_bytes()).text)
    assert len(plan.tasks) == 60
    assert plan.counts.done == 5
    assert plan.lang == "zh"
    assert [p.key for p in plan.phases] == ["1", "2", "3", "4"]
    assert [p.counts.open + p.counts.done for p in plan.phases] == [12, 16, 16, 16]
    assert sum(len(p.sections) for p in plan.phases) == 15
    assert plan.current_phase is not None and plan.current_phase.key == "1"
    assert "VllmConfig" in plan.next_tasks()[0].text


# --- every counted task belongs to a phase: a progress table's rows add up to its total -------

MIXED_LEVELS = """# Roadmap

### 3.1 (next up)

- [x] plugins
- [ ] themes

## Backlog

- [ ] offline mode

## 3.0

- [x] installer
- [x] first release
"""


def _rows(plan: Plan) -> tuple[int, int]:
    rows = total_counts(p.counts for p in plan.phases)
    return rows.done, rows.total


def test_a_block_at_another_heading_level_is_a_phase_of_its_own() -> None:
    plan = plansync.parse(MIXED_LEVELS)
    assert [p.heading.title for p in plan.phases] == ["3.1 (next up)", "Backlog", "3.0"]
    assert _rows(plan) == (plan.counts.done, plan.counts.total) == (3, 5)
    assert plan.phase_level == 2
    assert plan.current_phase is not None and plan.current_phase.heading.title == "3.1 (next up)"


def test_a_deeper_block_outside_the_phases_joins_its_outer_heading() -> None:
    text = (
        "# Plan\n\n### Loose\n\n- [ ] a\n\n#### Detail\n\n- [ ] b\n\n## One\n\n- [ ] c\n\n## Two\n\n- [ ] d\n"
    )
    plan = plansync.parse(text)
    assert [(p.heading.title, p.counts.total) for p in plan.phases] == [("Loose", 2), ("One", 1), ("Two", 1)]


def test_tasks_directly_under_the_title_are_a_row_of_their_own() -> None:
    text = "# Plan\n\n- [x] kick-off\n\n## One\n\n- [ ] a\n\n## Two\n\n- [ ] b\n"
    plan = plansync.parse(text)
    assert [p.heading.title for p in plan.phases] == ["Plan", "One", "Two"]
    assert _rows(plan) == (1, 3)


def test_tasks_before_the_first_heading_are_an_untitled_first_phase() -> None:
    plan = plansync.parse("- [x] early\n- [ ] also early\n\n## One\n\n- [ ] a\n\n## Two\n\n- [x] b\n")
    first = plan.phases[0]
    assert (first.heading.title, first.heading.level, first.heading.line) == ("", 0, 1)
    assert _rows(plan) == (plan.counts.done, plan.counts.total) == (2, 4)


def test_a_plan_without_headings_has_no_phases() -> None:
    assert plansync.parse("- [x] a\n- [ ] b\n").phases == ()


def _corpus() -> list[Path]:
    folder = SHARED / "corpus"
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


@pytest.mark.skipif(not _corpus(), reason="../shared/corpus is absent")
@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_rows_add_up_to_the_total_on_real_plans(path: Path) -> None:
    plan = plansync.parse(decode(path.read_bytes()).text)
    if plan.phases:
        assert _rows(plan) == (plan.counts.done, plan.counts.total)
