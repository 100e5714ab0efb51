"""``plansync diff`` on real git repositories: what a change did to each plan, read from git objects."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from plansync.cli.app import cli

from .conftest import commit_all, git

PLAN = """\
# Release plan

## Phase 1: Foundations

### 1.1 Parser

- [x] Read the CommonMark spec
- [ ] Write the block tokenizer

### 1.2 Writer

- [x] Draft the region writer
- [ ] Add the atomic rename

## Phase 2: Reach

### 2.1 Docs

- [ ] Write the README
- [ ] Add two examples
"""
DAY = ("2025-03-01T10:00:00+00:00", "2025-03-02T10:00:00+00:00", "2025-03-03T10:00:00+00:00")


def run_diff(*args: str) -> Result:
    return CliRunner().invoke(cli, ["diff", *args])


def diff_json(*args: str) -> dict[str, Any]:
    result = run_diff(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def texts(entry: dict[str, Any], key: str) -> list[str]:
    return sorted(t["text"] for t in entry[key])


def units(entry: dict[str, Any], key: str) -> list[tuple[str, str]]:
    return [(c["kind"], c["number"]) for c in entry[key]]


def rev(repo: Path, name: str = "HEAD") -> str:
    return git(repo, "rev-parse", name).stdout.strip()


@pytest.fixture
def plan_repo(repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose first commit (tag ``a``) holds the plan; the current directory."""
    (repo / "plan.md").write_text(PLAN, encoding="utf-8")
    (repo / "notes.md").write_text("# Notes\n\nNo tasks here.\n", encoding="utf-8")
    commit_all(repo, "plan", DAY[0])
    git(repo, "tag", "a")
    monkeypatch.chdir(repo)
    return repo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_ticks_and_an_added_task_complete_a_section(plan_repo: Path) -> None:
    edit(
        plan_repo / "plan.md",
        "- [ ] Add the atomic rename\n",
        "- [x] Add the atomic rename\n- [ ] Keep EOLs\n",
    )
    edit(plan_repo / "plan.md", "- [ ] Keep EOLs\n", "- [x] Keep EOLs\n")
    commit_all(plan_repo, "writer", DAY[1])
    data = diff_json("a", "HEAD")
    assert data["schema"] == "plansync.diff/1"
    assert (data["base"], data["head"]) == (rev(plan_repo, "a"), rev(plan_repo))
    [entry] = data["files"]
    assert (entry["path"], entry["old_path"]) == ("plan.md", None)
    assert (entry["before"]["done"], entry["before"]["total"]) == (2, 6)
    assert (entry["after"]["done"], entry["after"]["total"]) == (4, 7)
    assert entry["ticked"] == [
        {"line": 13, "text": "Add the atomic rename", "state": "done", "section": "1.2"}
    ]
    assert texts(entry, "added") == ["Keep EOLs"] and entry["removed"] == entry["unticked"] == []
    assert units(entry, "completed") == [("section", "1.2")] and entry["reopened"] == []
    assert entry["completed"][0]["title"] == "1.2 Writer"


def test_a_task_edited_and_ticked_counts_as_ticked(plan_repo: Path) -> None:
    edit(plan_repo / "plan.md", "- [ ] Write the block tokenizer", "- [x] Write the block tokeniser")
    commit_all(plan_repo, "tokeniser", DAY[1])
    [entry] = diff_json("a", "HEAD")["files"]
    assert texts(entry, "ticked") == ["Write the block tokeniser"]
    assert entry["added"] == entry["removed"] == []
    assert units(entry, "completed") == [("section", "1.1")]


def test_unticks_and_removals_reopen_a_section_and_a_phase(plan_repo: Path) -> None:
    plan = plan_repo / "plan.md"
    edit(plan, "- [ ] Write the block tokenizer", "- [x] Write the block tokenizer")
    edit(plan, "- [ ] Add the atomic rename", "- [x] Add the atomic rename")
    commit_all(plan_repo, "phase 1 done", DAY[1])
    git(plan_repo, "tag", "b")
    assert units(diff_json("a", "b")["files"][0], "completed") == [
        ("phase", "1"), ("section", "1.1"), ("section", "1.2"),
    ]  # fmt: skip
    edit(plan, "- [x] Draft the region writer", "- [ ] Draft the region writer")
    edit(plan, "- [ ] Add two examples\n", "")
    commit_all(plan_repo, "reopen", DAY[2])
    [entry] = diff_json("b", "HEAD")["files"]
    assert texts(entry, "unticked") == ["Draft the region writer"]
    assert entry["removed"] == [{"line": 20, "text": "Add two examples", "state": "open", "section": "2.1"}]
    assert units(entry, "reopened") == [("phase", "1"), ("section", "1.2")] and entry["completed"] == []


def test_a_rename_is_followed(plan_repo: Path) -> None:
    (plan_repo / "docs").mkdir()
    git(plan_repo, "mv", "plan.md", "docs/roadmap.md")
    edit(plan_repo / "docs" / "roadmap.md", "- [ ] Write the README", "- [x] Write the README")
    commit_all(plan_repo, "move", DAY[1])
    [entry] = diff_json("a", "HEAD")["files"]
    assert (entry["path"], entry["old_path"]) == ("docs/roadmap.md", "plan.md")
    assert texts(entry, "ticked") == ["Write the README"] and entry["added"] == entry["removed"] == []


def test_a_deleted_plan_has_no_after(plan_repo: Path) -> None:
    git(plan_repo, "rm", "-q", "plan.md")
    commit_all(plan_repo, "drop", DAY[1])
    [entry] = diff_json("a", "HEAD")["files"]
    assert entry["after"] is None and entry["before"]["total"] == 6
    assert len(entry["removed"]) == 6 and entry["ticked"] == entry["added"] == []


def test_a_new_plan_has_no_before(plan_repo: Path) -> None:
    (plan_repo / "next.md").write_text("# Next\n\n## 1 Go\n\n- [x] Start\n", encoding="utf-8")
    commit_all(plan_repo, "new", DAY[1])
    [entry] = diff_json("a", "HEAD")["files"]
    assert entry["path"] == "next.md" and entry["before"] is None
    # "## 1 Go" is a phase holding its own tasks: named once, as the phase.
    assert texts(entry, "added") == ["Start"] and units(entry, "completed") == [("phase", "1")]


def test_crlf_plans_compare_by_task(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    (repo / "plan.md").write_bytes(PLAN.replace("\n", "\r\n").encode())
    commit_all(repo, "crlf", DAY[0])
    data = (repo / "plan.md").read_bytes().replace(b"- [ ] Add two examples", b"- [x] Add two examples")
    (repo / "plan.md").write_bytes(data)
    commit_all(repo, "tick", DAY[1])
    [entry] = diff_json("HEAD~1", "HEAD")["files"]
    assert entry["ticked"] == [{"line": 20, "text": "Add two examples", "state": "done", "section": "2.1"}]
    assert entry["added"] == entry["removed"] == []


def test_the_work_tree_when_head_is_omitted(plan_repo: Path) -> None:
    edit(plan_repo / "plan.md", "- [ ] Write the README", "- [x] Write the README")
    data = diff_json("a")
    assert data["head"] is None
    assert texts(data["files"][0], "ticked") == ["Write the README"]


def test_nothing_changed_is_an_empty_list(plan_repo: Path) -> None:
    edit(plan_repo / "notes.md", "No tasks", "Still no tasks")
    edit(plan_repo / "plan.md", "# Release plan", "# The release plan")  # prose only
    assert diff_json("a")["files"] == []
    assert run_diff("a").stdout == "No plan changed.\n"


def test_paths_limit_the_plans(plan_repo: Path) -> None:
    (plan_repo / "sub").mkdir()
    (plan_repo / "sub" / "other.md").write_text("# Other\n\n- [x] Done here\n", encoding="utf-8")
    edit(plan_repo / "plan.md", "- [ ] Write the README", "- [x] Write the README")
    commit_all(plan_repo, "two plans", DAY[1])
    assert [f["path"] for f in diff_json("a", "HEAD")["files"]] == ["plan.md", "sub/other.md"]
    assert [f["path"] for f in diff_json("a", "HEAD", "sub")["files"]] == ["sub/other.md"]
    assert [f["path"] for f in diff_json("a", "plan.md")["files"]] == ["plan.md"]  # a path, not HEAD


def test_an_unknown_revision_is_refused_with_gits_reason(plan_repo: Path) -> None:
    result = run_diff("no-such-rev")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "no-such-rev" in result.stderr
    assert "unknown revision" in result.stderr


def test_a_shallow_clone_says_to_fetch_more_history(
    plan_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(plan_repo / "plan.md", "- [ ] Write the README", "- [x] Write the README")
    commit_all(plan_repo, "tick", DAY[1])
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{plan_repo}", str(clone)], check=True)
    monkeypatch.chdir(clone)
    result = run_diff(rev(plan_repo, "a"), "HEAD")
    assert result.exit_code == 2
    assert "fetch-depth: 0" in result.stderr and "Traceback" not in result.stderr
    assert run_diff("HEAD").exit_code == 0


def test_outside_git_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_diff("HEAD")
    assert result.exit_code == 2 and "not inside a git repository" in result.stderr


def test_a_path_outside_the_repository_is_refused(plan_repo: Path, tmp_path: Path) -> None:
    result = run_diff("a", "HEAD", str(tmp_path))
    assert result.exit_code == 2 and "outside the repository" in result.stderr


def test_a_scheduled_plan_states_its_status_before_and_after(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    text = (
        "---\nstart: 2024-01-01\n---\n# P\n\n"
        "## Phase 1: A (1 week)\n\n- [x] a\n- [ ] b\n\n## Phase 2: B (2 weeks)\n\n- [ ] c\n"
    )
    (repo / "p.md").write_text(text, encoding="utf-8")
    commit_all(repo, "plan", DAY[0])
    (repo / "p.md").write_text(text.replace("- [ ] b", "- [x] b"), encoding="utf-8")
    [entry] = diff_json("HEAD")["files"]
    assert entry["schedule"]["before"].startswith("behind by ")
    assert entry["schedule"]["after"].startswith("behind by ")
    assert entry["schedule"]["before"] != entry["schedule"]["after"]  # phase 2 is due later
