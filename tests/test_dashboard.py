"""The ``dashboard`` region: one row per plan a ``files=`` glob matches, on real directories."""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import plansync
from plansync.api import check_file, sync_file
from plansync.document.text import Text
from plansync.errors import PlansyncError
from plansync.regions.dashboard import render_dashboard
from plansync.regions.labels import label
from plansync.regions.render import Listed
from plansync.regions.splice import region_body

from .conftest import commit_all, git

EN_PLAN = """# {title}

## Phase 1: Start

- [x] one ✅ 2026-01-05
- [ ] two

## Phase 2: Finish

- [ ] three
"""
ZH_PLAN = """# {title}

## 第一阶段：准备

- [x] 安装工具 ✅ 2026-02-10
- [x] 阅读文档

## 第二阶段：实践

- [ ] 写一个例子
"""
HOST_EN = "# Team plans\n\n<!-- plansync:begin dashboard files={glob} -->\n<!-- plansync:end dashboard -->\n"
HOST_ZH = "# 团队计划\n\n这里是所有计划的进度。\n\n" + HOST_EN.split("\n\n", 1)[1]


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    plan = plansync.parse(text)
    return region_body(Text(text), plan.regions[0])


def _rows(path: Path) -> list[list[str]]:
    lines = [line for line in _body(path).splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[2:]]


def test_rows_sorted_by_path_with_links_figures_and_last_activity(tmp_path: Path) -> None:
    _write(tmp_path, {
        "README.md": HOST_EN.format(glob="plans/*.md"),
        "plans/b.md": EN_PLAN.format(title="Beta"),
        "plans/a.md": EN_PLAN.format(title="Alpha | A"),
        "plans/notes.md": "# Notes\n\nNo task here.\n",
    })  # fmt: skip
    assert sync_file(tmp_path / "README.md").changed
    rows = _rows(tmp_path / "README.md")
    assert [r[0] for r in rows] == [r"[Alpha \| A](plans/a.md)", "[Beta](plans/b.md)", "**Total**"]
    assert rows[0][1:7] == ["███░░░░░░░", "1/3", "33.3%", "Phase 1: Start", "2026-01-05", "—"]
    assert rows[2][2] == "2/6"
    assert check_file(tmp_path / "README.md").ok


def test_the_host_is_never_listed_and_a_chinese_host_gets_chinese_labels(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "index.md": HOST_ZH.format(glob="*.md") + "\n- [ ] 自己的任务\n",
            "学习.md": ZH_PLAN.format(title="学习计划"),
        },
    )
    sync_file(tmp_path / "index.md")
    body = _body(tmp_path / "index.md")
    assert "| 计划 " in body and "最近活动" in body and "合计" in body and "全部阶段已完成" not in body
    rows = _rows(tmp_path / "index.md")
    assert rows[0][0].startswith("[学习计划](") and rows[0][4] == "第二阶段：实践" and len(rows) == 2


def test_last_activity_reads_the_milestones_region(tmp_path: Path) -> None:
    plan = EN_PLAN.format(title="Gamma") + (
        "\n<!-- plansync:begin milestones -->\n\n- 2026-03-02 — **Phase 1: Start**\n\n"
        "<!-- plansync:end milestones -->\n"
    )
    plan = plan.replace("- [ ] two", "- [x] two")
    _write(tmp_path, {"README.md": HOST_EN.format(glob="p/*.md"), "p/g.md": plan})
    sync_file(tmp_path / "p" / "g.md")
    sync_file(tmp_path / "README.md")
    assert _rows(tmp_path / "README.md")[0][5] == "2026-03-02"


@pytest.mark.parametrize(("start", "status"), [("2020-01-01", "behind"), ("2999-01-01", "on track")])
def test_schedule_status_of_the_current_phase(tmp_path: Path, start: str, status: str) -> None:
    plan = f"---\nstart: {start}\n---\n" + EN_PLAN.format(title="Dated").replace("Start", "Start (2 weeks)")
    _write(
        tmp_path,
        {"README.md": HOST_EN.format(glob="*/*.md"), "p/d.md": plan, "p/u.md": EN_PLAN.format(title="U")},
    )
    sync_file(tmp_path / "README.md")
    rows = _rows(tmp_path / "README.md")
    assert rows[0][6] == status and rows[1][6] == "—"


def test_every_status_has_a_label_in_every_language() -> None:
    plan = plansync.parse(EN_PLAN.format(title="X"))
    for lang in ("zh", "en", "ja", "ko"):
        for status in ("done", "done on time", "done late", "on track", "behind"):
            lines = render_dashboard([Listed("x.md", plan, None, status)], lang)
            assert label(lang, "status_" + status.replace(" ", "_")) in lines[2]


def test_a_glob_escaping_the_repository_is_refused(repo: Path) -> None:
    _write(repo, {"docs/README.md": HOST_EN.format(glob="../../*.md")})
    with pytest.raises(PlansyncError, match="outside"):
        sync_file(repo / "docs" / "README.md")
    _write(repo, {"docs/README.md": HOST_EN.format(glob="/etc/*.md")})
    with pytest.raises(PlansyncError, match="outside"):
        check_file(repo / "docs" / "README.md")


def test_outside_git_the_glob_is_confined_to_the_hosts_tree(tmp_path: Path) -> None:
    _write(
        tmp_path, {"a.md": EN_PLAN.format(title="Above"), "team/README.md": HOST_EN.format(glob="../*.md")}
    )
    with pytest.raises(PlansyncError, match="outside"):
        sync_file(tmp_path / "team" / "README.md")


def test_a_broken_plan_refuses_the_dashboard_at_its_marker(tmp_path: Path) -> None:
    broken = EN_PLAN.format(title="Broken") + "\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> other\n"
    _write(tmp_path, {"README.md": HOST_EN.format(glob="plans/*.md"), "plans/x.md": broken})
    with pytest.raises(PlansyncError) as caught:
        sync_file(tmp_path / "README.md")
    problem = caught.value.problems[0]
    assert problem.line == 3 and "plans/x.md" in problem.message


def test_a_git_repository_sync_without_paths_leaves_check_clean(repo: Path) -> None:
    plans = {
        f"plans/{n}.md": EN_PLAN.format(title=n)
        + "\n<!-- plansync:begin summary -->\n<!-- plansync:end summary -->\n"
        for n in "abc"
    }
    _write(repo, {"README.md": HOST_EN.format(glob="plans/*.md"), **plans})
    commit_all(repo, "plans", "2026-01-10T12:00:00")
    assert _cli(repo, "sync").returncode == 0 and _cli(repo, "check").returncode == 0
    b = repo / "plans" / "b.md"
    b.write_text(b.read_text(encoding="utf-8").replace("- [ ] two", "- [x] two"), encoding="utf-8")
    stale = _cli(repo, "check")
    assert stale.returncode == 1 and "README.md" in stale.stdout + stale.stderr
    assert _cli(repo, "sync").returncode == 0 and _cli(repo, "check").returncode == 0
    assert _rows(repo / "README.md")[1][2] == "2/3"
    assert git(repo, "status", "--short").stdout  # synced in the working tree, nothing committed


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plansync", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )


def _fifty(root: Path) -> None:
    """50 plans in four languages, in nested directories."""
    titles = {"en": "Plan {i}", "zh": "计划 {i}", "ja": "計画 {i} のタスク", "ko": "계획 {i}"}
    tasks = {"en": "write the tests", "zh": "编写测试用例", "ja": "テストを書く", "ko": "테스트를 작성하기"}
    files = {}
    for i in range(50):
        lang = ("en", "zh", "ja", "ko")[i % 4]
        boxes = "\n".join(f"- [{'x' if k < i % 5 else ' '}] {tasks[lang]} {k}" for k in range(4))
        files[f"plans/{lang}/p{i:02d}.md"] = f"# {titles[lang].format(i=i)}\n\n## 1 {lang}\n\n{boxes}\n"
    _write(root, {"README.md": HOST_EN.format(glob="plans/**/*.md"), **files})


def test_fifty_plans_in_several_languages(tmp_path: Path) -> None:
    _fifty(tmp_path)
    sync_file(tmp_path / "README.md")
    rows = _rows(tmp_path / "README.md")
    assert len(rows) == 51
    links = [r[0].rsplit("](", 1)[1].rstrip(")") for r in rows[:-1]]
    assert links == sorted(links) and len(set(links)) == 50
    assert rows[-1][2] == f"{sum(i % 5 for i in range(50))}/200"
    assert check_file(tmp_path / "README.md").ok


@pytest.mark.skipif(
    importlib.util.find_spec("mdformat") is None or importlib.util.find_spec("mdformat_gfm") is None,
    reason="mdformat and mdformat-gfm are not installed",
)
def test_the_table_is_a_fixed_point_of_mdformat(tmp_path: Path) -> None:
    import mdformat

    _fifty(tmp_path)
    _write(
        tmp_path,
        {
            "plans/x y (1).md": "---\nstart: 2020-01-01\n---\n# 🏗️ Wide *title* | with `code`\n\n"
            "## 阶段一（2周）\n\n- [ ] 任务\n"
        },
    )
    sync_file(tmp_path / "README.md")
    text = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert mdformat.text(text, extensions={"gfm"}) == text


def test_a_pure_pipeline_without_a_location_refuses(tmp_path: Path) -> None:
    with pytest.raises(PlansyncError, match="files="):
        plansync.sync_text(HOST_EN.format(glob="*.md"))


def test_today_does_not_enter_an_unscheduled_table(tmp_path: Path) -> None:
    """No schedule: the table holds no date but the recorded ones (check tomorrow agrees)."""
    _write(tmp_path, {"README.md": HOST_EN.format(glob="*/*.md"), "p/a.md": EN_PLAN.format(title="A")})
    sync_file(tmp_path / "README.md")
    assert dt.date.today().isoformat() not in _body(tmp_path / "README.md")


def test_the_editor_sees_a_stale_dashboard_and_names_its_plans(tmp_path: Path) -> None:
    from plansync.config import config_for
    from plansync.editor.analysis import analyse

    _write(tmp_path, {"README.md": HOST_EN.format(glob="p/*.md"), "p/a.md": EN_PLAN.format(title="A")})
    host = tmp_path / "README.md"
    found = analyse(host.read_text(encoding="utf-8"), host, config_for(host), "2026-04-01")
    assert found.pending and (tmp_path / "p" / "a.md").resolve() in found.sources
