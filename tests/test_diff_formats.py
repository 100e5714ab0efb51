"""The ``diff`` formats of one comparison, in English and Chinese: golden files, the cap, the notices."""

from __future__ import annotations

import json
import os

import pytest

from plansync.delta.compare import Comparison, compare_plans
from plansync.formats.registry import formatter
from plansync.pipeline import parse

from .conftest import GOLDEN

EN = """\
# Release plan

## Phase 1: Foundations

### 1.1 Parser

- [x] Read the spec
- [ ] Write the tokenizer

### 1.2 Writer

- [ ] Add the atomic rename
- [ ] Keep the line endings

## Phase 2: Reach

- [ ] Write the README
"""
ZH = """\
# 发布计划

## 第一阶段：基础

### 1.1 解析

- [x] 阅读规范
- [ ] 编写分词器

### 1.2 写入

- [ ] 原子替换
- [ ] 保留换行

## 第二阶段：推广

- [ ] 编写说明
"""
TICKS = {"en": ("Add the atomic rename", "Keep the line endings"), "zh": ("原子替换", "保留换行")}
SOURCES = {"en": EN, "zh": ZH}
#: The golden outputs: tests/golden/diff/LANG.FORMAT.EXT (PLANSYNC_WRITE_GOLDEN=1 rewrites them).
SUFFIXES = {"markdown": "md", "text": "txt"}


def comparison(lang: str) -> Comparison:
    old = SOURCES[lang]
    new = old
    for task in TICKS[lang]:
        new = new.replace(f"- [ ] {task}", f"- [x] {task}")
    return Comparison("a" * 40, None, (compare_plans("plan.md", None, parse(old), parse(new)),))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", ["markdown", "text"])
def test_markdown_and_text_match_their_golden_files(name: str, lang: str) -> None:
    """Markdown: a compact pull-request comment; text: every task with its line."""
    golden = GOLDEN / "diff" / f"{lang}.{name}.{SUFFIXES[name]}"
    text = formatter("diff", name)(comparison(lang), False)
    if os.environ.get("PLANSYNC_WRITE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_github_prints_one_notice_per_plan() -> None:
    assert formatter("diff", "github")(comparison("en"), False) == (
        "::notice file=plan.md,title=plansync diff::plan.md: 1/5 (20%25) → 3/5 (60%25); "
        "Completed: 1.2 Writer (section); Ticked: 2\n"
    )


def test_json_names_the_revisions_and_the_tasks() -> None:
    data = json.loads(formatter("diff", "json")(comparison("en"), False))
    assert (data["schema"], data["base"], data["head"]) == ("plansync.diff/1", "a" * 40, None)
    assert [t["line"] for t in data["files"][0]["ticked"]] == [12, 13]


def test_markdown_caps_the_ticked_tasks() -> None:
    old = "# Many\n\n## 1 Work\n\n" + "".join(f"- [ ] Task number {i}\n" for i in range(14))
    change = compare_plans("many.md", "old.md", parse(old), parse(old.replace("[ ]", "[x]")))
    text = formatter("diff", "markdown")(Comparison("b" * 40, "c" * 40, (change,)), False)
    assert "- Task number 9 (1)" in text and "Task number 10" not in text
    assert "- and 4 more" in text and "**Ticked** (14)" in text
    assert "renamed from `old.md`" in text


@pytest.mark.parametrize("name", ["text", "markdown"])
def test_nothing_changed_is_said(name: str) -> None:
    assert "No plan changed." in formatter("diff", name)(Comparison("a" * 40, None, ()), False)


def test_nothing_changed_is_no_notice() -> None:
    assert formatter("diff", "github")(Comparison("a" * 40, None, ()), False) == ""
