"""The milestones region: completed sections and phases with the day each was completed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import plansync
from plansync.api import check_file, offline_dates, sync_file
from plansync.regions.milestones import Recorded, render_milestones

from .conftest import GIT_ENV, commit_all

TODAY = "2026-01-02"
BEGIN = "<!-- plansync:begin milestones -->"
END = "<!-- plansync:end milestones -->"

GARDEN = f"""# Garden plan

Some words about the garden.

{BEGIN}
{END}

## Phase 1: Ground work

### Soil

- [x] test the soil
- [x] add compost

### Beds

- [x] build two beds
- [-] paint the beds

## Phase 2: Planting

### Skipped

- [-] plant rice

### Seeds

- [x] buy seeds
- [ ] sow carrots
"""

GARDEN_ZH = f"""# 花园计划

{BEGIN}
{END}

## 第一阶段：整地

### 1.1 土壤

- [x] 检测土壤
- [x] 加入堆肥

### 1.2 苗床

- [ ] 搭建苗床

## 第二阶段：播种

### 2.1 种子

- [ ] 购买种子
"""


def save(repo: Path, text: str, date: str, name: str = "plan.md") -> Path:
    path = repo / name
    path.write_text(text, encoding="utf-8")
    commit_all(repo, "edit", date)
    return path


def body(text: str) -> str:
    """The milestones region's body (between the markers)."""
    after = text.split("<!-- plansync:begin milestones", 1)[1]
    return after.split("-->\n", 1)[1].split(END, 1)[0]


def entries(text: str) -> list[str]:
    """The non-blank lines of the milestones region."""
    return [line for line in body(text).splitlines() if line.strip()]


def plain_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plain"
    folder.mkdir(exist_ok=True)
    return folder


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- outside git: new completions are dated today ----------------------------------------------


def test_completions_are_listed_in_document_order(tmp_path: Path) -> None:
    plan = write(plain_dir(tmp_path) / "plan.md", GARDEN)
    outcome = sync_file(plan, today=TODAY)
    assert outcome.changed
    text = plan.read_text(encoding="utf-8")
    assert entries(text) == [
        "- 2026-01-02 — Soil",
        "- 2026-01-02 — Beds",  # done and cancelled tasks only: complete
        "- 2026-01-02 — **Phase 1: Ground work**",
    ]
    # Only the region changed.
    assert text.replace(body(text), "") == GARDEN
    assert not sync_file(plan, today="2026-05-05").changed


def test_outside_git_the_new_completion_is_dated_today_with_a_note(tmp_path: Path) -> None:
    plan = write(plain_dir(tmp_path) / "plan.md", GARDEN)
    outcome = sync_file(plan, today="2026-07-08")
    assert outcome.note is not None and "not in a git repository" in outcome.note
    assert entries(plan.read_text(encoding="utf-8"))[0] == "- 2026-07-08 — Soil"


def test_a_section_of_only_cancelled_tasks_is_not_a_completion(tmp_path: Path) -> None:
    plan = write(plain_dir(tmp_path) / "plan.md", GARDEN.replace("- [ ] sow carrots", "- [x] sow carrots"))
    sync_file(plan, today=TODAY)
    assert entries(plan.read_text(encoding="utf-8")) == [
        "- 2026-01-02 — Soil",
        "- 2026-01-02 — Beds",
        "- 2026-01-02 — **Phase 1: Ground work**",
        "- 2026-01-02 — Seeds",
        "- 2026-01-02 — **Phase 2: Planting**",
    ]


def test_no_completion_yet(tmp_path: Path) -> None:
    plan = write(plain_dir(tmp_path) / "plan.md", GARDEN.replace("[x]", "[ ]"))
    sync_file(plan, today=TODAY)
    assert entries(plan.read_text(encoding="utf-8")) == ["No section completed yet."]


def test_a_recorded_date_is_kept_when_other_content_changes(tmp_path: Path) -> None:
    plan = write(plain_dir(tmp_path) / "plan.md", GARDEN)
    sync_file(plan, today=TODAY)
    text = plan.read_text(encoding="utf-8")
    text = text.replace("Some words about the garden.", "Other words, and more of them.")
    text = text.replace("- [ ] sow carrots", "- [ ] sow carrots\n- [ ] water daily")
    write(plan, text)
    assert not sync_file(plan, today="2026-03-03").changed
    text = text.replace("- [ ] sow carrots", "- [x] sow carrots").replace("- [ ] water", "- [x] water")
    write(plan, text)
    assert sync_file(plan, today="2026-03-03").changed
    assert entries(plan.read_text(encoding="utf-8")) == [
        "- 2026-01-02 — Soil",
        "- 2026-01-02 — Beds",
        "- 2026-01-02 — **Phase 1: Ground work**",
        "- 2026-03-03 — Seeds",
        "- 2026-03-03 — **Phase 2: Planting**",
    ]


def test_reopening_a_section_drops_its_line(tmp_path: Path) -> None:
    plan = write(plain_dir(tmp_path) / "plan.md", GARDEN)
    sync_file(plan, today=TODAY)
    reopened = plan.read_text(encoding="utf-8").replace("- [x] add compost", "- [ ] add compost")
    write(plan, reopened)
    assert sync_file(plan, today="2026-02-02").changed
    assert entries(plan.read_text(encoding="utf-8")) == ["- 2026-01-02 — Beds"]
    write(plan, plan.read_text(encoding="utf-8").replace("- [ ] add compost", "- [x] add compost"))
    sync_file(plan, today="2026-04-04")
    assert entries(plan.read_text(encoding="utf-8")) == [
        "- 2026-04-04 — Soil",
        "- 2026-01-02 — Beds",
        "- 2026-04-04 — **Phase 1: Ground work**",
    ]


# -- in git: dates from history ------------------------------------------------------------------


@pytest.fixture
def history(repo: Path) -> Path:
    """Soil ticked on 2025-05-06 ("test the soil" was added done on 2025-05-01); region added later."""
    no_region = GARDEN.replace(f"{BEGIN}\n{END}\n", "")
    first = no_region.replace("- [x] add compost", "- [ ] add compost").replace("- [x] build", "- [ ] build")
    save(repo, first, "2025-05-01T09:00:00+02:00")
    save(repo, first.replace("- [ ] add compost", "- [x] add compost"), "2025-05-06T18:00:00+02:00")
    save(repo, no_region, "2025-05-20T09:00:00+02:00")
    return save(repo, GARDEN, "2025-06-01T09:00:00+02:00")


def test_a_completion_committed_earlier_is_dated_from_history(history: Path) -> None:
    outcome = sync_file(history, today=TODAY)
    assert outcome.changed and outcome.note is None
    assert entries(history.read_text(encoding="utf-8")) == [
        "- 2025-05-06 — Soil",
        "- 2025-05-20 — Beds",
        "- 2025-05-20 — **Phase 1: Ground work**",
    ]


def test_without_history_the_completion_is_dated_today(history: Path) -> None:
    sync_file(history, today=TODAY, history=False)
    assert entries(history.read_text(encoding="utf-8"))[0] == "- 2026-01-02 — Soil"


def test_an_uncommitted_tick_makes_its_completion_today(history: Path) -> None:
    write(history, GARDEN.replace("- [ ] sow carrots", "- [x] sow carrots"))
    sync_file(history, today=TODAY)
    assert entries(history.read_text(encoding="utf-8"))[3:] == [
        "- 2026-01-02 — Seeds",
        "- 2026-01-02 — **Phase 2: Planting**",
    ]


def test_a_recorded_date_wins_over_history(history: Path, repo: Path) -> None:
    text = GARDEN.replace(f"{BEGIN}\n", f"{BEGIN}\n\n- 2020-01-01 — Soil\n\n")
    save(repo, text, "2025-06-02T09:00:00+00:00")
    sync_file(history, today=TODAY)
    assert entries(history.read_text(encoding="utf-8")) == [
        "- 2020-01-01 — Soil",
        "- 2025-05-20 — Beds",
        "- 2025-05-20 — **Phase 1: Ground work**",
    ]


def test_undated_entries_are_redated_only_with_backfill(history: Path, repo: Path) -> None:
    undated = plansync.check_text(GARDEN).fixed  # no dates at all: every entry undated
    assert entries(undated) == [
        "- undated — Soil",
        "- undated — Beds",
        "- undated — **Phase 1: Ground work**",
    ]
    save(repo, undated, "2025-06-02T09:00:00+00:00")
    assert not sync_file(history, today=TODAY).changed
    assert history.read_text(encoding="utf-8") == undated
    assert sync_file(history, today=TODAY, backfill=True).changed
    assert entries(history.read_text(encoding="utf-8")) == [
        "- 2025-05-06 — Soil",
        "- 2025-05-20 — Beds",
        "- 2025-05-20 — **Phase 1: Ground work**",
    ]


def test_a_synced_file_checks_clean_without_history(history: Path, repo: Path, tmp_path: Path) -> None:
    sync_file(history, today=TODAY)
    synced = history.read_text(encoding="utf-8")
    commit_all(repo, "sync", "2025-06-03T09:00:00+00:00")
    assert plansync.check_text(synced).ok
    # A copy outside any repository.
    copy = plain_dir(tmp_path) / "plan.md"
    shutil.copyfile(history, copy)
    outcome = check_file(copy)
    assert outcome.stale == [] and outcome.new == synced
    # A shallow clone, where history cannot date the old ticks: nothing is re-dated.
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth=1", repo.as_uri(), str(clone)],
        env={**os.environ, **GIT_ENV},
        check=True,
        capture_output=True,
    )
    assert check_file(clone / "plan.md").stale == []
    assert not sync_file(clone / "plan.md", today="2027-01-01").changed
    assert (clone / "plan.md").read_text(encoding="utf-8") == synced


def test_check_sees_an_unlisted_completion(tmp_path: Path) -> None:
    plan = write(plain_dir(tmp_path) / "plan.md", GARDEN)
    sync_file(plan, today=TODAY)
    write(plan, plan.read_text(encoding="utf-8").replace("- [ ] sow carrots", "- [x] sow carrots"))
    outcome = check_file(plan)
    assert [region.name for region in outcome.stale] == ["milestones"]
    assert not plansync.check_text(plan.read_text(encoding="utf-8")).ok


# -- Chinese ---------------------------------------------------------------------------------


def test_chinese_plan_gets_chinese_labels(tmp_path: Path) -> None:
    assert plansync.parse(GARDEN_ZH).lang == "zh"
    assert entries(plansync.check_text(GARDEN_ZH.replace("[x]", "[ ]")).fixed) == ["尚无完成的小节。"]
    assert entries(plansync.check_text(GARDEN_ZH).fixed) == ["- 日期未知 — 1.1 土壤"]
    plan = write(plain_dir(tmp_path) / "计划.md", GARDEN_ZH.replace("- [ ] 搭建苗床", "- [x] 搭建苗床"))
    sync_file(plan, today=TODAY)
    assert entries(plan.read_text(encoding="utf-8")) == [
        "- 2026-01-02 — 1.1 土壤",
        "- 2026-01-02 — 1.2 苗床",
        "- 2026-01-02 — **第一阶段：整地**",
    ]


def test_the_lang_option_overrides_the_detected_language() -> None:
    to_zh = GARDEN.replace(BEGIN, "<!-- plansync:begin milestones lang=zh -->")
    assert entries(plansync.check_text(to_zh.replace("[x]", "[ ]")).fixed) == ["尚无完成的小节。"]
    assert entries(plansync.check_text(to_zh).fixed)[0] == "- 日期未知 — Soil"
    to_en = GARDEN_ZH.replace(BEGIN, "<!-- plansync:begin milestones lang=en -->")
    assert entries(plansync.check_text(to_en).fixed) == ["- undated — 1.1 土壤"]


def test_undated_chinese_entries_are_kept_and_backfilled(repo: Path) -> None:
    first = GARDEN_ZH.replace("- [x] 加入堆肥", "- [ ] 加入堆肥")
    save(repo, first, "2025-05-01T09:00:00+08:00")
    save(repo, GARDEN_ZH, "2025-05-06T23:30:00+08:00", name="plan.md")
    undated = plansync.check_text(GARDEN_ZH).fixed
    plan = save(repo, undated, "2025-06-01T09:00:00+08:00")
    assert not sync_file(plan, today=TODAY).changed
    sync_file(plan, today=TODAY, backfill=True)
    assert entries(plan.read_text(encoding="utf-8")) == ["- 2025-05-06 — 1.1 土壤"]


# -- reading the region back ---------------------------------------------------------------------


def test_read_recorded_round_trip(tmp_path: Path) -> None:
    plan = write(plain_dir(tmp_path) / "plan.md", GARDEN.replace("- [ ] sow carrots", "- [x] sow carrots"))
    sync_file(plan, today=TODAY)
    text = plan.read_text(encoding="utf-8")
    recorded = Recorded(body(text)).dates
    assert recorded == {
        "Soil": [TODAY],
        "Beds": [TODAY],
        "**Phase 1: Ground work**": [TODAY],
        "Seeds": [TODAY],
        "**Phase 2: Planting**": [TODAY],
    }
    # Rendering from what was read back, without any date source, gives the same lines.
    parsed = plansync.parse(text)
    assert render_milestones(parsed, "en", body(text), None) == entries(text)


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_read_recorded_reads_undated_labels_and_any_line_ending(eol: str) -> None:
    lines = [
        "",
        "- 2025-01-02 — A",
        "- undated — B",
        "- 日期未知 — **阶段一**",
        "- 2025-02-03 — **C — D**",
        "",
    ]
    assert Recorded(eol.join(lines)).dates == {
        "A": ["2025-01-02"],
        "B": [None],
        "**阶段一**": [None],
        "**C — D**": ["2025-02-03"],
    }
    assert Recorded("- not a date — X\nNo section completed yet.\n").dates == {}
    # Another bullet, a wrapped label, an escape a formatter added: layout, read by meaning.
    recorded = Recorded("* 2025-01-02 — Y\n* 2025-01-03 —\n  **Phase\n  two**\n- 2025-01-04 — a\\_b\n")
    assert recorded.dates == {"Y": ["2025-01-02"], "**Phase two**": ["2025-01-03"], "a_b": ["2025-01-04"]}
    assert recorded.take("**Phase two**") == (True, "2025-01-03")
    assert recorded.take("a_b") == (True, "2025-01-04")
    assert recorded.take("a_b") == (False, None)


def test_odd_titles_round_trip() -> None:
    text = (
        f"# P\n\n{BEGIN}\n{END}\n\n## One — first\n\n### A **b**\n\n- [x] a\n\n"
        "### x <!-- y -->\n\n- [x] b\n\n## Two\n\n### c\n\n- [ ] c\n"
    )
    fixed = plansync.check_text(text, None, offline_dates(text, TODAY)).fixed
    assert entries(fixed)[0] == "- 2026-01-02 — A **b**"
    assert entries(fixed)[2] == "- 2026-01-02 — **One — first**"
    assert len(Recorded(body(fixed)).dates) == 3
    assert plansync.check_text(fixed).ok


def test_a_section_title_in_bold(tmp_path: Path) -> None:
    text = f"# P\n\n{BEGIN}\n{END}\n\n## One\n\n### **Bold**\n\n- [x] a\n\n## Two\n\n### c\n\n- [ ] c\n"
    plan = write(plain_dir(tmp_path) / "plan.md", text)
    sync_file(plan, today=TODAY)
    assert entries(plan.read_text(encoding="utf-8"))[0] == "- 2026-01-02 — **Bold**"


def test_two_sections_with_the_same_title_keep_their_own_dates(tmp_path: Path) -> None:
    text = (
        f"# P\n\n{BEGIN}\n{END}\n\n## One\n\n### Tests\n\n- [x] a\n\n### Docs\n\n- [ ] d\n\n"
        "## Two\n\n### Tests\n\n- [ ] b\n"
    )
    plan = write(plain_dir(tmp_path) / "plan.md", text)
    sync_file(plan, today=TODAY)
    write(plan, plan.read_text(encoding="utf-8").replace("- [ ] b", "- [x] b"))
    sync_file(plan, today="2026-02-02")
    assert entries(plan.read_text(encoding="utf-8")) == [
        "- 2026-01-02 — Tests",
        "- 2026-02-02 — Tests",
        "- 2026-02-02 — **Two**",
    ]


# -- the JSON report ------------------------------------------------------------------------------


def run_report(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plansync", "report", "--format", "json", *args],
        cwd=cwd,
        env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


REPORT_PLAN = "# P\n\n## A\n\n- [x] old\n- [ ] ticked later\n- [x] stamped ✅ 2024-12-31\n- [ ] open\n"


def done_on(stdout: str) -> dict[str, str | None]:
    document = json.loads(stdout)
    return {task["text"]: task["done_on"] for task in document["files"][0]["tasks"]}


def test_report_json_done_on_from_history_and_stamps(repo: Path) -> None:
    save(repo, REPORT_PLAN, "2025-05-01T10:00:00+00:00")
    save(repo, REPORT_PLAN.replace("- [ ] ticked later", "- [x] ticked later"), "2025-05-06T10:00:00+00:00")
    result = run_report(repo, "plan.md")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert done_on(result.stdout) == {
        "old": "2025-05-01",
        "ticked later": "2025-05-06",
        "stamped ✅ 2024-12-31": "2024-12-31",
        "open": None,
    }
    result = run_report(repo, "--no-history", "plan.md")
    assert result.returncode == 0, result.stderr
    assert done_on(result.stdout) == {
        "old": None,
        "ticked later": None,
        "stamped ✅ 2024-12-31": "2024-12-31",
        "open": None,
    }


def test_report_json_outside_a_repository_notes_and_succeeds(tmp_path: Path) -> None:
    folder = plain_dir(tmp_path)
    write(folder / "plan.md", REPORT_PLAN)
    result = run_report(folder, "plan.md")
    assert result.returncode == 0
    assert [line for line in result.stderr.splitlines() if "note:" in line] == [
        "plan.md: note: not in a git repository; dates from history are off"
    ]
    assert done_on(result.stdout)["old"] is None
    assert done_on(result.stdout)["stamped ✅ 2024-12-31"] == "2024-12-31"
    quiet = run_report(folder, "--no-history", "plan.md")
    assert (quiet.returncode, quiet.stderr) == (0, "")


def test_report_json_history_is_read_in_a_subdirectory(repo: Path) -> None:
    (repo / "docs").mkdir()
    save(repo, REPORT_PLAN, "2025-05-01T10:00:00+00:00", name="docs/plan.md")
    result = run_report(repo / "docs", "plan.md")
    assert result.returncode == 0, result.stderr
    assert done_on(result.stdout)["old"] == "2025-05-01"
