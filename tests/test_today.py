"""The day a completion being committed now is dated: git's author date when it states one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plansync.dates.today import author_day, commit_day

from .conftest import GIT_ENV, commit_all, git

PLAN = """# Garden

## Seeds

- [x] buy seeds
- [ ] water

## Beds

- [ ] dig

<!-- plansync:begin milestones -->
<!-- plansync:end milestones -->
"""


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2025-10-29T10:00:00+00:00", "2025-10-29"),
        ("2025-10-29 23:30:00 -0700", "2025-10-29"),
        ("2025-10-29", "2025-10-29"),
        # git's internal form, as `git commit` exports it to its hooks: the day in the date's own zone.
        ("@1761778800 +0000", "2025-10-29"),
        ("@1761778800 +1400", "2025-10-30"),
        ("@1761778800 -0900", "2025-10-29"),
        ("Wed, 29 Oct 2025 10:00:00 +0000", "2025-10-29"),
        ("2025-13-45T10:00:00Z", None),
        ("yesterday", None),
    ],
)
def test_author_day_reads_every_form_git_accepts(value: str, day: str | None) -> None:
    assert author_day(value) == day


HOOK = {"GIT_INDEX_FILE": ".git/index"}


def test_in_a_git_hook_commit_day_is_the_author_date_git_states() -> None:
    assert commit_day({**HOOK, "GIT_AUTHOR_DATE": "@1761778800 +0000"}) == "2025-10-29"


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {**HOOK, "GIT_AUTHOR_DATE": ""},
        {**HOOK, "GIT_AUTHOR_DATE": "not a date"},
        {"GIT_AUTHOR_DATE": "2025-10-29T10:00:00+00:00"},  # left in a shell, outside any hook
    ],
)
def test_commit_day_is_today_otherwise(environ: dict[str, str]) -> None:
    assert commit_day(environ) == time.strftime("%Y-%m-%d")


def test_the_plain_hook_dates_a_completion_with_the_commits_author_date(repo: Path) -> None:
    plan = repo / "plan.md"
    plan.write_text(PLAN, encoding="utf-8")
    commit_all(repo, "plan", "2025-10-01T10:00:00+00:00")
    env = {**os.environ, **GIT_ENV}
    subprocess.run([sys.executable, "-m", "plansync", "install-hook"], cwd=repo, env=env, check=True)
    plan.write_text(PLAN.replace("- [ ] water", "- [x] water"), encoding="utf-8")
    commit_all(repo, "tick", "2025-10-29T22:30:00-05:00")
    committed = git(repo, "show", "HEAD:plan.md").stdout
    assert "- 2025-10-29 — **Seeds**" in committed  # 22:30 at -05:00 is still the 29th there
    assert git(repo, "status", "--porcelain").stdout == ""
