"""Schedules read from the plan: phase spans, due dates, status, forecast, checkpoints, and the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import plansync
from plansync.cli.app import cli
from plansync.dates.schedule import (
    Checkpoint,
    PhaseStatus,
    Span,
    StatusKind,
    checkpoints,
    due_dates,
    forecast,
    phase_span,
    start_date,
)
from plansync.dates.schedule import status as phase_status

from .conftest import commit_all

D = dt.date.fromisoformat


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def phases_plan(*titles: str, front_matter: str | None = None) -> plansync.Plan:
    """A plan with one phase (holding one open task) per title."""
    head = f"---\n{front_matter}\n---\n" if front_matter is not None else ""
    body = "".join(f"## {t}\n\n- [ ] task {n}\n\n" for n, t in enumerate(titles, 1))
    return plansync.parse(f"{head}# Plan\n\n{body}")


# --- phase_span ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "span"),
    [
        ("第一阶段：基础（1-2周）", Span(14, absolute=False)),
        ("Phase 1: Basics (1-2 weeks)", Span(14, absolute=False)),
        ("Phase 2: Core (weeks 3-4)", Span(28, absolute=True)),
        ("第二阶段：核心（第3-4周）", Span(28, absolute=True)),
        ("Warm-up (3 days)", Span(3, absolute=False)),
        ("第三阶段：深入（2个月）", Span(60, absolute=False)),
        ("Phase 1 (1 week)", Span(7, absolute=False)),
        ("Launch (week 6)", Span(42, absolute=True)),
        ("第四阶段（5天）", Span(5, absolute=False)),
        ("Phase 5: Polish", None),
        ("第五阶段：收尾", None),
        ("Phase 6: 1-2 weeks without brackets", None),
    ],
)
def test_phase_span(title: str, span: Span | None) -> None:
    assert phase_span(title) == span


# --- due_dates -------------------------------------------------------------------------------


def test_due_dates_add_up_the_upper_bounds_of_durations() -> None:
    plan = phases_plan("第一阶段（1-2周）", "第二阶段（2-3周）", "第三阶段（2-3周）", "第四阶段（3-4周）")
    assert due_dates(plan, D("2025-10-22")) == [
        D("2025-11-05"),
        D("2025-11-26"),
        D("2025-12-17"),
        D("2026-01-14"),
    ]


def test_absolute_weeks_count_from_the_start() -> None:
    plan = phases_plan("Phase 1 (weeks 1-2)", "Phase 2 (weeks 3-4)", "Phase 3 (1 week)")
    assert due_dates(plan, D("2025-10-22")) == [D("2025-11-05"), D("2025-11-19"), D("2025-11-26")]


def test_absolute_chinese_weeks_ignore_the_phases_before() -> None:
    plan = phases_plan("第一阶段（3周）", "第二阶段（第2-5周）")
    assert due_dates(plan, D("2025-01-06")) == [D("2025-01-27"), D("2025-02-10")]


def test_a_phase_without_a_span_is_undated_and_the_next_ones_continue() -> None:
    plan = phases_plan("Phase 1 (1 week)", "Phase 2: open-ended", "Phase 3 (2 weeks)")
    assert due_dates(plan, D("2025-10-22")) == [D("2025-10-29"), None, D("2025-11-12")]


def test_no_start_means_no_due_dates() -> None:
    plan = phases_plan("Phase 1 (1 week)", "Phase 2 (2 weeks)")
    assert due_dates(plan, None) == [None, None]


# --- start_date ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "front_matter",
    ["start: 2025-10-22", "title: x\nstart: '2025-10-22'", 'start: "2025-10-22"\nowner: me'],
)
def test_start_date_from_front_matter(front_matter: str) -> None:
    plan = phases_plan("Phase 1 (1 week)", front_matter=front_matter)
    assert start_date(plan) == D("2025-10-22")
    assert start_date(plan, "2024-01-01") == D("2025-10-22")  # front matter wins over config


def test_start_date_from_config_when_front_matter_has_none() -> None:
    assert start_date(phases_plan("Phase 1"), "2025-09-01") == D("2025-09-01")
    assert start_date(phases_plan("Phase 1", front_matter="owner: me"), "2025-09-01") == D("2025-09-01")
    assert start_date(phases_plan("Phase 1")) is None


def test_start_in_the_body_is_not_front_matter() -> None:
    plan = plansync.parse("# Plan\n\nstart: 2025-10-22\n\n## Phase 1 (1 week)\n\n- [ ] a\n")
    assert start_date(plan) is None


# --- status ----------------------------------------------------------------------------------

DUE = D("2025-11-05")


def status(due: dt.date | None, done_on: str | None, finished: bool, today: dt.date) -> str | None:
    """The status in the words the reports print (``str`` of the typed ``PhaseStatus``)."""
    found = phase_status(due, done_on, finished, today)
    return None if found is None else str(found)


@pytest.mark.parametrize(
    ("due", "done_on", "finished", "today", "expected"),
    [
        (DUE, "2025-11-05", True, D("2025-12-01"), "done on time"),
        (DUE, "2025-11-01", True, D("2025-12-01"), "done on time"),
        (DUE, "2025-11-06", True, D("2025-12-01"), "done late"),
        (DUE, None, True, D("2025-12-01"), "done"),
        (DUE, None, False, D("2025-11-05"), "on track"),
        (DUE, None, False, D("2025-10-01"), "on track"),
        (DUE, None, False, D("2025-11-08"), "behind by 3 days"),
        (DUE, None, False, D("2025-12-05"), "behind by 30 days"),
        (None, "2025-11-06", True, D("2025-12-01"), None),
        (None, None, False, D("2025-12-01"), None),
    ],
)
def test_status(
    due: dt.date | None, done_on: str | None, finished: bool, today: dt.date, expected: str | None
) -> None:
    assert status(due, done_on, finished, today) == expected


@pytest.mark.parametrize(
    ("done_on", "finished", "today", "expected"),
    [
        ("2025-11-05", True, D("2025-12-01"), PhaseStatus(StatusKind.DONE_ON_TIME, 0)),
        ("2025-11-06", True, D("2025-12-01"), PhaseStatus(StatusKind.DONE_LATE, 0)),
        (None, True, D("2025-12-01"), PhaseStatus(StatusKind.DONE, 0)),
        (None, False, D("2025-11-05"), PhaseStatus(StatusKind.ON_TRACK, 0)),
        (None, False, D("2025-11-06"), PhaseStatus(StatusKind.BEHIND, 1)),
        (None, False, D("2025-11-08"), PhaseStatus(StatusKind.BEHIND, 3)),
    ],
)
def test_status_is_typed(done_on: str | None, finished: bool, today: dt.date, expected: PhaseStatus) -> None:
    found = phase_status(DUE, done_on, finished, today)
    assert found == expected
    assert found is not None and found.days_late == expected.days_late


def test_one_day_behind_is_singular() -> None:
    assert str(PhaseStatus(StatusKind.BEHIND, 1)) == "behind by 1 day"
    assert str(PhaseStatus(StatusKind.BEHIND, 2)) == "behind by 2 days"


# --- forecast --------------------------------------------------------------------------------

TODAY = D("2025-11-30")


def test_forecast_pace_counts_the_last_four_weeks_only() -> None:
    days = [
        "2025-11-30",  # today: counted
        "2025-11-20",
        "2025-11-10",
        "2025-11-03",  # 27 days ago: counted
        "2025-11-02",  # exactly four weeks ago: outside
        "2025-10-01",
        "2025-12-01",  # after today: not counted
    ]
    pace, finish = forecast(days, 3, TODAY)
    assert pace == 1.0
    assert finish == "2025-12-21"


def test_forecast_rounds_the_finish_up_to_whole_days() -> None:
    pace, finish = forecast(["2025-11-29", "2025-11-28", "2025-11-27"], 1, TODAY)
    assert pace == 0.75
    assert finish == "2025-12-10"  # 1 / 0.75 weeks = 9.33 days -> 10


def test_a_finished_plan_is_forecast_to_finish_today() -> None:
    assert forecast(["2025-11-29"], 0, TODAY) == (0.25, "2025-11-30")
    assert forecast([], 0, TODAY) == (0.0, "2025-11-30")


def test_no_recent_ticks_means_no_forecast() -> None:
    assert forecast(["2025-09-01", "2025-10-20"], 4, TODAY) == (0.0, None)
    assert forecast([], 4, TODAY) == (0.0, None)


# --- checkpoints -----------------------------------------------------------------------------


def test_checkpoints_in_chinese() -> None:
    lines = [
        "## 检查点",
        "",
        "- **第1周**：完成第一阶段",
        "- **第3周**: 完成第二阶段的练习",
        "* 第5周：复盘",
        "第6周：不是列表项",
    ]
    assert checkpoints(lines) == [
        Checkpoint(3, 1, "1", "完成第一阶段"),
        Checkpoint(4, 3, "2", "完成第二阶段的练习"),
        Checkpoint(5, 5, None, "复盘"),
    ]


def test_checkpoints_in_english() -> None:
    lines = [
        "- Week 2: finish phase 1",
        "- **Week 4**: Phase 2 done",
        "+ week 7: demo day",
        "- Weekly: nothing",
        "- [ ] Week 9: a task, not a checkpoint",
    ]
    assert checkpoints(lines) == [
        Checkpoint(1, 2, "1", "finish phase 1"),
        Checkpoint(2, 4, "2", "Phase 2 done"),
        Checkpoint(3, 7, None, "demo day"),
    ]


# --- through the command line ----------------------------------------------------------------

EN_PLAN = """---
start: 2025-10-22
---
# Pottery course

## Phase 1: Clay (1-2 weeks)

- [x] Wedge clay ✅ 2025-10-24
- [x] Pinch pots ✅ 2025-11-04

## Phase 2: Wheel (2-3 weeks)

- [x] Centre clay ✅ 2025-11-28
- [ ] Pull walls

## Phase 3: Glazes

- [ ] Test tiles

## Checkpoints

- **Week 2**: finish phase 1
- **Week 4**: finish phase 2
- **Week 8**: open studio
"""


def report_json(*paths: Path | str, extra: tuple[str, ...] = ()) -> Any:
    code, out, err = invoke("report", "--format", "json", *extra, *map(str, paths))
    assert code == 0, err
    return json.loads(out)


def test_report_json_has_due_dates_status_and_a_schedule(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(EN_PLAN, encoding="utf-8")
    (entry,) = report_json(plan)["files"]
    phases = entry["phases"]
    assert [p["due"] for p in phases] == ["2025-11-05", "2025-11-26", None]
    late = (dt.date.today() - D("2025-11-26")).days
    assert [p["status"] for p in phases] == ["done on time", f"behind by {late} days", None]
    schedule = entry["schedule"]
    assert schedule["start"] == "2025-10-22"
    assert schedule["forecast"]["remaining"] == 2
    assert set(schedule["forecast"]) == {"pace_per_week", "remaining", "finish"}
    assert schedule["checkpoints"] == [
        {"line": 22, "week": 2, "phase": "1", "text": "finish phase 1", "date": "2025-11-05",
         "phase_due": "2025-11-05", "agrees": True},
        {"line": 23, "week": 4, "phase": "2", "text": "finish phase 2", "date": "2025-11-19",
         "phase_due": "2025-11-26", "agrees": False},
        {"line": 24, "week": 8, "phase": None, "text": "open studio", "date": "2025-12-17",
         "phase_due": None, "agrees": None},
    ]  # fmt: skip


def test_report_json_forecast_from_recent_stamps(tmp_path: Path) -> None:
    today = dt.date.today()
    recent = [(today - dt.timedelta(days=n)).isoformat() for n in (1, 8)]
    plan = tmp_path / "plan.md"
    plan.write_text(
        f"---\nstart: {today.isoformat()}\n---\n# Plan\n\n## Phase 1 (2 weeks)\n\n"
        f"- [x] a ✅ {recent[0]}\n- [x] b ✅ {recent[1]}\n- [ ] c\n- [/] d\n",
        encoding="utf-8",
    )
    (entry,) = report_json(plan)["files"]
    assert entry["schedule"]["forecast"] == {
        "pace_per_week": 0.5,
        "remaining": 2,
        "finish": (today + dt.timedelta(days=28)).isoformat(),
    }
    assert entry["phases"][0]["status"] == "on track"


def test_report_json_start_from_the_configuration(tmp_path: Path) -> None:
    (tmp_path / ".plansync.toml").write_text('start = "2025-09-01"\n', encoding="utf-8")
    plan = tmp_path / "plan.md"
    plan.write_text("# Plan\n\n## Phase 1 (1 week)\n\n- [x] a\n", encoding="utf-8")
    (entry,) = report_json(plan, extra=("--no-history",))["files"]
    assert entry["schedule"]["start"] == "2025-09-01"
    assert entry["phases"][0]["due"] == "2025-09-08"
    assert entry["phases"][0]["status"] == "done"


def test_report_json_without_any_start_has_no_due_dates(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text("# Plan\n\n## Phase 1 (1 week)\n\n- [ ] a\n", encoding="utf-8")
    (entry,) = report_json(plan)["files"]
    assert entry["schedule"]["start"] is None
    assert entry["phases"][0]["due"] is None and entry["phases"][0]["status"] is None


def behind_plan(start: str) -> str:
    return (
        f"---\nstart: {start}\n---\n# Plan\n\n"
        "## Phase 1 (1 week)\n\n- [x] a\n\n## Phase 2 (1 week)\n\n- [ ] b\n"
    )


def test_fail_if_behind_exits_1_when_a_phase_is_behind(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(behind_plan("2019-01-07"), encoding="utf-8")
    assert invoke("report", "--fail-if-behind", "0", str(plan))[0] == 1
    assert invoke("report", "--format", "json", "--fail-if-behind", "0", str(plan))[0] == 1
    assert invoke("report", "--fail-if-behind", "1000000", str(plan))[0] == 0
    assert invoke("report", str(plan))[0] == 0


def test_fail_if_behind_exits_0_when_nothing_is_behind(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(behind_plan(dt.date.today().isoformat()), encoding="utf-8")
    assert invoke("report", "--fail-if-behind", "0", str(plan))[0] == 0


def test_start_defaults_to_the_day_the_plan_was_added_to_git(repo: Path) -> None:
    plan = repo / "docs" / "plan.md"
    plan.parent.mkdir()
    (repo / "other.md").write_text("# Unrelated\n", encoding="utf-8")
    commit_all(repo, "unrelated", "2025-09-15T09:00:00+00:00")
    plan.write_text("# Plan\n\n## Phase 1 (1-2 weeks)\n\n- [ ] a\n- [ ] b\n", encoding="utf-8")
    commit_all(repo, "add the plan", "2025-10-06T09:00:00+00:00")
    plan.write_text("# Plan\n\n## Phase 1 (1-2 weeks)\n\n- [x] a\n- [ ] b\n", encoding="utf-8")
    commit_all(repo, "tick a", "2025-10-13T09:00:00+00:00")
    (entry,) = report_json(plan)["files"]
    assert entry["schedule"]["start"] == "2025-10-06"
    assert entry["phases"][0]["due"] == "2025-10-20"
    (offline,) = report_json(plan, extra=("--no-history",))["files"]
    assert offline["schedule"]["start"] is None


def test_front_matter_start_wins_over_the_first_commit(repo: Path) -> None:
    plan = repo / "plan.md"
    plan.write_text(
        "---\nstart: 2025-01-06\n---\n# Plan\n\n## Phase 1 (1 week)\n\n- [ ] a\n", encoding="utf-8"
    )
    commit_all(repo, "add", "2025-10-06T09:00:00+00:00")
    (entry,) = report_json(plan)["files"]
    assert entry["schedule"]["start"] == "2025-01-06"
    assert entry["phases"][0]["due"] == "2025-01-13"


def test_done_late_from_the_last_tick_of_the_phase(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(
        "---\nstart: 2025-03-03\n---\n# Plan\n\n"
        "## Phase 1 (1 week)\n\n- [x] a ✅ 2025-03-04\n- [x] b ✅ 2025-03-12\n\n"
        "## Phase 2 (1 week)\n\n- [x] c ✅ 2025-03-14\n- [-] d\n",
        encoding="utf-8",
    )
    (entry,) = report_json(plan)["files"]
    assert [p["due"] for p in entry["phases"]] == ["2025-03-10", "2025-03-17"]
    assert [p["status"] for p in entry["phases"]] == ["done late", "done on time"]


ZH_PLAN = """---
start: 2025-03-03
---
# 围棋学习计划

## 第一阶段：规则（1-2周）

- [x] 学会提子 ✅ 2025-03-05
- [x] 理解眼位 ✅ 2025-03-20

## 第二阶段：定式（第3-5周）

- [ ] 星位小飞挂
- [ ] 三三进角

## 检查点

- **第2周**：完成第一阶段
- **第5周**：完成第二阶段
"""


def test_report_json_in_chinese(tmp_path: Path) -> None:
    plan = tmp_path / "计划.md"
    plan.write_text(ZH_PLAN, encoding="utf-8")
    (entry,) = report_json(plan)["files"]
    assert [p["due"] for p in entry["phases"]] == ["2025-03-17", "2025-04-07"]
    late = (dt.date.today() - D("2025-04-07")).days
    assert [p["status"] for p in entry["phases"]] == ["done late", f"behind by {late} days"]
    assert [
        (c["line"], c["phase"], c["date"], c["phase_due"], c["agrees"])
        for c in entry["schedule"]["checkpoints"]
    ] == [
        (18, "1", "2025-03-17", "2025-03-17", True),
        (19, "2", "2025-04-07", "2025-04-07", True),
    ]


def test_a_phase_of_only_cancelled_tasks_is_not_behind(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(
        "---\nstart: 2020-01-06\n---\n# Plan\n\n## Phase 1 (1 week)\n\n- [x] a\n\n"
        "## Phase 2 (1 week)\n\n- [-] b\n- [-] c\n",
        encoding="utf-8",
    )
    (entry,) = report_json(plan, extra=("--no-history",))["files"]
    assert entry["current_phase"] is None  # every phase is finished
    statuses = [p["status"] for p in entry["phases"]]
    assert not any(s.startswith("behind") for s in statuses), statuses
    assert invoke("report", "--fail-if-behind", "0", str(plan))[0] == 0
