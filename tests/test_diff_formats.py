"""The ``diff`` formats of one comparison, in English and Chinese: golden text, the cap, the notices."""

from __future__ import annotations

import json

import pytest

from plansync.delta.compare import Comparison, compare_plans
from plansync.formats.registry import formatter
from plansync.pipeline import parse

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
MARKDOWN = {
    "en": """\
### Plan progress in this change

| Plan      | Before    | After     |
| --------- | --------- | --------- |
| `plan.md` | 1/5 (20%) | 3/5 (60%) |

#### `plan.md`

**Completed**

- ✅ 1.2 Writer (section)

**Ticked** (2)

- Add the atomic rename (1.2)
- Keep the line endings (1.2)
""",
    "zh": """\
### 本次变更的计划进度

| 计划      | 之前      | 之后      |
| --------- | --------- | --------- |
| `plan.md` | 1/5 (20%) | 3/5 (60%) |

#### `plan.md`

**已完成**

- ✅ 1.2 写入（小节）

**勾选** (2)

- 原子替换 (1.2)
- 保留换行 (1.2)
""",
}
TEXT = {
    "en": """\
plan.md: 1/5 (20%) → 3/5 (60%)
  Completed: 1.2 Writer (section)
  ✓ Add the atomic rename (12, 1.2)
  ✓ Keep the line endings (13, 1.2)
""",
    "zh": """\
plan.md: 1/5 (20%) → 3/5 (60%)
  已完成: 1.2 写入（小节）
  ✓ 原子替换 (12, 1.2)
  ✓ 保留换行 (13, 1.2)
""",
}


def comparison(lang: str) -> Comparison:
    old = SOURCES[lang]
    new = old
    for task in TICKS[lang]:
        new = new.replace(f"- [ ] {task}", f"- [x] {task}")
    return Comparison("a" * 40, None, (compare_plans("plan.md", None, parse(old), parse(new)),))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_is_a_compact_comment(lang: str) -> None:
    assert formatter("diff", "markdown")(comparison(lang), False) == MARKDOWN[lang]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_lists_every_task_with_its_line(lang: str) -> None:
    assert formatter("diff", "text")(comparison(lang), False) == TEXT[lang]


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


@pytest.mark.parametrize("name", ["text", "markdown", "github"])
def test_nothing_changed(name: str) -> None:
    text = formatter("diff", name)(Comparison("a" * 40, None, ()), False)
    assert text == ("" if name == "github" else text)
    assert name == "github" or "No plan changed." in text
