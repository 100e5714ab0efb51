"""The many-plans rows of the benchmark: a repository of 300 plans of 100 tasks each.

Three commits after the first tick six boxes in 100 plans each, so history has something to
date. ``report --format json`` with history is timed against the same without it (history
read in one ``git log`` pass for every plan), and ``check`` of all 300 files against one
process that only parses each with markdown-it (``check`` shares the files among the cores).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

PLANS = 300
TASKS = 100
COMMITS = ("2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04")
OPEN_BOX = re.compile(r"^([ \t]*(?:[-*+]|\d+[.)])[ \t]+)\[ \]", re.MULTILINE)
DONE_BOX = re.compile(r"^([ \t]*(?:[-*+]|\d+[.)])[ \t]+)\[[xX]\]", re.MULTILINE)

# One process parsing every file it is given with markdown-it's defaults (block and inline):
# what reading them all costs a tool that does not share them among the cores.
BARE_MANY = """\
import sys
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark")
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as f:
        md.parse(f.read())
"""


def git(repo: Path, *args: str, day: str = COMMITS[0]) -> None:
    stamp = f"{day}T12:00:00+00:00"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.org", GIT_COMMITTER_NAME="Bench",
               GIT_COMMITTER_EMAIL="bench@example.org", GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp,
               GIT_CONFIG_NOSYSTEM="1")  # fmt: skip
    subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True)


def untick(text: str) -> str:
    """Every box open: the commits tick them one by one."""
    return DONE_BOX.sub(r"\1[ ]", text)


def tick(text: str, boxes: int) -> str:
    return OPEN_BOX.sub(r"\1[x]", text, count=boxes)


def build(repo: Path, ps: str, plan_text: Callable[[int], str]) -> list[str]:
    """The repository, with its plans synced after every commit; the plans' paths."""
    paths = [f"d{(i - 1) // 20 + 1:02d}/p{i:03d}.md" for i in range(1, PLANS + 1)]
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for i, path in enumerate(paths, 1):
        (repo / path).parent.mkdir(exist_ok=True)
        (repo / path).write_text(untick(plan_text(i)), encoding="utf-8")
    for k, day in enumerate(COMMITS):
        if k:
            for path in paths[k - 1 :: 3]:
                (repo / path).write_text(tick((repo / path).read_text(encoding="utf-8"), 6), encoding="utf-8")
        subprocess.run([ps, "sync", "-q"], cwd=repo, check=True, capture_output=True)
        git(repo, "add", "-A", day=day)
        git(repo, "commit", "-q", "-m", f"commit {k}", day=day)
    return paths


#: A row: what, plansync's median seconds, the reference's, the median ratio, the target.
Measured = tuple[str, float, float, float, float]


def many_rows(
    ps: str, py: str, tmp: Path, timer: Any, runs: int, plan_text: Callable[[int], str]
) -> list[Measured]:
    """History's cost for many plans, and ``check`` of many files on all cores. ``timer`` is
    run.py's; ``plan_text(i)`` is the i-th plan, regions empty."""
    sys.stderr.write(f"many plans: {PLANS} plans of {TASKS} tasks over {len(COMMITS)} commits\n")
    repo = tmp / "many"
    paths = build(repo, ps, plan_text)
    bare = tmp / "bare_many.py"
    bare.write_text(BARE_MANY, encoding="utf-8")
    report = [ps, "report", "--format", "json"]
    p = timer.pair(report, [*report, "--no-history"], runs, cwd=repo)
    q = timer.pair([ps, "check"], [py, str(bare), *paths], runs, cwd=repo, ok_a=(0, 1))
    commits = len(COMMITS) - 1
    return [
        (f"{PLANS} plans of {TASKS} tasks, {commits} commits of ticks: report --format json / the same "
         "with --no-history, wall", p.a, p.b, p.wall_ratio, 1.6),
        (f"{PLANS} plans: check (on {os.cpu_count()} cores) / one process parsing every file "
         "(markdown-it, commonmark), wall",
         q.a, q.b, q.wall_ratio, 0.8),
    ]  # fmt: skip
