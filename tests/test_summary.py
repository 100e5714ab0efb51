"""The summary region's next list: each task names the heading that holds it by its whole title."""

from __future__ import annotations

import pytest

import plansync
from plansync.regions.figures import holder_name
from plansync.regions.labels import LANGUAGES, label
from plansync.regions.summary import render_summary


def next_items(text: str, lang: str = "en") -> list[str]:
    lines = render_summary(plansync.parse(text), lang)
    return [line for line in lines if line.startswith("  - ")]


@pytest.mark.parametrize(
    ("heading", "named"),
    [
        ("## 1. Setup", "1. Setup"),
        ("## Stage 1", "Stage 1"),
        ("### 1.2 Parser", "1.2 Parser"),
        ("## Phase 2: Build", "Phase 2: Build"),
        ("## Week 3", "Week 3"),
        ("## Q2: Reliability", "Q2: Reliability"),
        ("## Later", "Later"),
    ],
)
def test_the_next_list_names_the_holding_heading_by_its_title(heading: str, named: str) -> None:
    text = f"# Course\n\n{heading}\n\n- [x] done first\n- [ ] read chapter one\n"
    assert next_items(text) == [f"  - read chapter one ({named})"]


def test_a_bare_number_never_stands_for_a_heading() -> None:
    text = "# Course\n\n## 1. Setup\n\n- [ ] install\n\n## 2. Practice\n\n- [ ] exercises\n"
    items = next_items(text)
    assert items == ["  - install (1. Setup)", "  - exercises (2. Practice)"]
    assert not any(item.endswith(("(1)", "(2)")) for item in items)


def test_a_chinese_plan_names_the_section_with_its_number_and_title() -> None:
    text = "# 计划\n\n## 第一阶段：基础\n\n### 1.1 环境搭建\n\n- [ ] 安装工具链\n"
    assert next_items(text, "zh") == ["  - 安装工具链（1.1 环境搭建）"]


def test_a_task_under_no_heading_has_no_reference() -> None:
    assert next_items("- [ ] loose task\n") == ["  - loose task"]


def test_markup_and_comments_in_the_heading_are_treated_like_any_copied_text() -> None:
    text = "# P\n\n## 1. Setup <!-- rename? -->\n\n- [ ] install\n"
    assert next_items(text) == ["  - install (1. Setup)"]


def test_holder_name_is_the_title() -> None:
    plan = plansync.parse("# P\n\n## 3. Ship\n\n- [ ] release\n")
    assert holder_name(plan, plan.tasks[0]) == "3. Ship"
    plan = plansync.parse("- [ ] nowhere\n")
    assert holder_name(plan, plan.tasks[0]) is None


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "- **Next**:"),
        ("zh", "- **下一步**："),
        ("ja", "- **次のタスク**："),
        ("ko", "- **다음 할 일**:"),
    ],
)
def test_a_label_with_nothing_after_it_has_no_trailing_space(lang: str, line: str) -> None:
    lines = render_summary(plansync.parse("# P\n\n## A\n\n- [ ] a\n"), lang)
    assert line in lines


UNTITLED = """- [x] early
- [ ] also early

## One

- [x] a

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

<!-- plansync:begin progress -->
<!-- plansync:end progress -->

<!-- plansync:begin milestones -->
<!-- plansync:end milestones -->
"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tasks_above_the_first_heading_are_a_phase_named_in_words(lang: str) -> None:
    text = plansync.sync_text(UNTITLED.replace("begin summary", f"begin summary lang={lang}"))
    summary = text.split("plansync:end summary")[0]
    progress = text.split("begin progress -->")[1]
    name = label(lang, "untitled")
    assert name in summary
    assert f"| {label('en', 'untitled')} " in progress  # the progress region follows the plan: English
    # Its completion has no heading to be named by, so the milestones region never lists it.
    assert "— **One**" in text and "****" not in text
    assert plansync.check_text(text).ok
