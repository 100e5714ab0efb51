"""``plansync report`` tells one truth: the dates a plan records, a schedule start that never
moves silently in a shallow clone, and why ``--fail-if-behind`` failed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import GIT_ENV, commit_all, git

RECORDED = """---
start: 2025-01-01
---
# Plan

## Phase 1: Setup (1 week)

### 1.1 Tools

- [x] install git
- [x] install python

## Phase 2: Build (1 week)

### 2.1 Code

- [ ] write the parser

## Milestones

<!-- plansync:begin milestones -->

- 2025-01-05 — 1.1 Tools
- 2025-01-05 — **Phase 1: Setup**

<!-- plansync:end milestones -->
"""


def report(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    return subprocess.run(
        [sys.executable, "-m", "plansync", "report", *args],
        cwd=cwd,
        env={**env, **GIT_ENV},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def recorded(repo: Path) -> Path:
    """The plan committed on 2025-03-01, long after the dates its milestones region records."""
    (repo / "plan.md").write_text(RECORDED, encoding="utf-8")
    commit_all(repo, "plan", "2025-03-01T10:00:00+00:00")
    return repo


@pytest.mark.parametrize("history", [(), ("--no-history",)], ids=["history", "no-history"])
def test_the_markdown_report_shows_the_recorded_dates(recorded: Path, history: tuple[str, ...]) -> None:
    done = report(recorded, "--format", "markdown", *history, "plan.md")
    assert done.returncode == 0, done.stderr
    assert "- 2025-01-05 — 1.1 Tools" in done.stdout
    assert "2025-03-01" not in done.stdout


def test_the_schedule_judges_a_phase_by_its_recorded_date(recorded: Path) -> None:
    done = report(recorded, "--format", "json", "plan.md")
    phases = json.loads(done.stdout)["files"][0]["phases"]
    # Due 2025-01-08; recorded 2025-01-05: on time (history alone would say 2025-03-01, late).
    assert phases[0]["status"] == "done on time"


SCHEDULED = """# Plan

## Phase 1: Basics (1-2 weeks)

- [x] read the intro
- [ ] set up the tools

## Phase 2: More (2-3 weeks)

- [ ] build the thing
"""


def test_a_shallow_clone_never_moves_the_schedule_start(repo: Path, tmp_path: Path) -> None:
    (repo / "plan.md").write_text(SCHEDULED, encoding="utf-8")
    commit_all(repo, "plan", "2025-01-01T10:00:00+00:00")
    (repo / "notes.md").write_text("later\n", encoding="utf-8")
    commit_all(repo, "notes", "2026-01-01T10:00:00+00:00")
    full = json.loads(report(repo, "--format", "json", "plan.md").stdout)
    assert [p["due"] for p in full["files"][0]["phases"]] == ["2025-01-15", "2025-02-05"]

    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    done = report(clone, "--format", "json", "plan.md")
    shallow = json.loads(done.stdout)["files"][0]
    assert [p["due"] for p in shallow["phases"]] == [None, None]
    assert shallow["schedule"]["start"] is None
    assert "plan.md: note: the plan was first committed beyond this shallow clone" in done.stderr
    assert "start: YYYY-MM-DD" in done.stderr


def test_a_shallow_clone_that_holds_the_first_commit_keeps_the_start(repo: Path, tmp_path: Path) -> None:
    (repo / "plan.md").write_text(SCHEDULED, encoding="utf-8")
    commit_all(repo, "plan", "2025-01-01T10:00:00+00:00")
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    done = report(clone, "--format", "json", "plan.md")
    # The only commit is the cut, and it is also where the plan was added: git cannot tell the
    # two apart, so the start stays unknown rather than guessed.
    assert [p["due"] for p in json.loads(done.stdout)["files"][0]["phases"]] == [None, None]
    assert "note:" in done.stderr


BEHIND = """---
start: 2025-01-01
---
# Plan

## Phase 1: Basics (1 week)

- [x] read the intro

## Phase 2: Deploy (1 week)

- [ ] deploy it

## Phase 3: Polish (1 week)

- [ ] polish it
"""


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "github"])
def test_fail_if_behind_names_each_late_phase_on_stderr(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "plan.md").write_text(BEHIND, encoding="utf-8")
    done = report(tmp_path, "--format", fmt, "--fail-if-behind", "0", "plan.md")
    assert done.returncode == 1
    late = [line for line in done.stderr.splitlines() if "behind" in line]
    assert [line.split(":")[1] for line in late] == ["10", "14"]
    assert late[0].startswith("plan.md:10: phase 'Phase 2: Deploy (1 week)' is ")
    assert "days behind (due 2025-01-15; --fail-if-behind 0)" in late[0]


def test_fail_if_behind_within_the_allowance_says_nothing(tmp_path: Path) -> None:
    (tmp_path / "plan.md").write_text(BEHIND.replace("2025-01-01", "2999-01-01"), encoding="utf-8")
    done = report(tmp_path, "--fail-if-behind", "0", "plan.md")
    assert (done.returncode, "behind" in done.stderr) == (0, False)
