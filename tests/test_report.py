"""The JSON report: its shape is a contract (plansync.report/1), pinned here key by key."""

from __future__ import annotations

import plansync
from plansync.formats.report_json import SCHEMA, report_json

from .conftest import GOLDEN

TEXT = (GOLDEN / "zh-learning.out.md").read_text(encoding="utf-8")
COUNT_KEYS = {"total", "done", "open", "doing", "cancelled", "percent"}


def test_report_shape_is_pinned() -> None:
    data = report_json([("plan.md", plansync.parse(TEXT))])
    assert set(data) == {"schema", "files", "counts"} and data["schema"] == SCHEMA == "plansync.report/1"
    (f,) = data["files"]
    assert set(f) == {
        "path",
        "title",
        "counts",
        "phases",
        "tasks",
        "current_phase",
        "next",
        "diagnostics",
        "schedule",
    }
    assert set(f["counts"]) == COUNT_KEYS
    assert f["counts"] == {"total": 9, "done": 4, "open": 4, "doing": 1, "cancelled": 1, "percent": 44.4}
    phase = f["phases"][0]
    assert set(phase) == {"number", "title", "line", "counts", "sections", "due", "status"}
    assert (phase["number"], phase["title"], phase["line"]) == ("1", "📚 第一阶段：基础（1周）", 3)
    section = phase["sections"][1]
    assert set(section) == {"number", "title", "line", "counts"}
    assert (section["number"], section["line"], section["counts"]["doing"]) == ("1.2", 9, 1)
    task = f["tasks"][3]
    assert task == {
        "line": 11,
        "text": "手写一个简单的执行器",
        "state": "doing",
        "section": "1.2",
        "done_on": None,
    }
    assert f["current_phase"] == "1"
    assert [t["line"] for t in f["next"]] == [11, 12, 17, 18, 23]
    assert f["diagnostics"] == []
    assert f["title"] == "Rust 异步编程学习计划"


def test_aggregate_counts_over_files_and_an_empty_plan() -> None:
    empty = plansync.parse("just prose\n")
    data = report_json([("a.md", plansync.parse(TEXT)), ("b.md", empty)])
    assert data["counts"]["total"] == 9
    b = data["files"][1]
    assert (
        b["counts"]["percent"] is None
        and b["phases"] == []
        and b["current_phase"] is None
        and b["title"] is None
    )


def test_a_task_without_a_numbered_heading_is_placed_by_title() -> None:
    data = report_json([("p.md", plansync.parse("# Plan\n\n## Chores\n\n- [ ] sweep\n"))])
    assert data["files"][0]["tasks"][0]["section"] == "Chores"
    assert data["files"][0]["current_phase"] == "Chores"
