"""More git situations from the reliability catalog (cases 36, 44, 48, 54, 58, 59), end to end.

A directory where no temp file can be created (36), a partially staged plan under the pre-commit
framework (44), plansync run from inside ``.git`` (48), an orphan branch before its first commit
(54), committed merges both ways (58) and the relative path git is given after ``--`` (59).
Real repositories with fixed dates, plansync as a subprocess (``python -m plansync``), the real
``pre-commit`` framework driving ``git commit``.
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from plansync.api import check_text, sync_text

from .conftest import ROOT, commit_all, git
from .test_git_situations import (
    DONE_ON,
    MILESTONES,
    PLAN,
    ROOT_ONLY,
    build_history,
    committed,
    dated,
    day,
    entries,
    read,
    report,
    sync,
    tick,
    today,
    write,
)
from .test_hook import commit, plansync, run, status
from .test_precommit import PRE_COMMIT

# --- 36. a directory where no temp file can be created -----------------------------------------

NOBODY = 65534


def _cap_last() -> int:
    try:
        return int(Path("/proc/sys/kernel/cap_last_cap").read_text(encoding="ascii"))
    except (OSError, ValueError):
        return 63


def _without_capabilities() -> Callable[[], None]:
    """A ``preexec_fn`` emptying the capability bounding set: uid 0 keeps no privilege after exec."""
    libc = ctypes.CDLL(None, use_errno=True)
    last = _cap_last()

    def drop() -> None:
        for cap in range(last + 1):
            if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                os._exit(97)

    return drop


def _probe(**how: Any) -> bool:
    """Whether plansync can be started that way (interpreter and sources reachable, privileges gone)."""
    code = "import plansync, pathlib; print(pathlib.Path('/proc/self/status').read_text())"
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60, **how
        )
    except (OSError, subprocess.SubprocessError):
        return False
    if done.returncode != 0:
        return False
    caps = [line.split()[1] for line in done.stdout.splitlines() if line.startswith("CapEff:")]
    return not caps or set(caps[0]) == {"0"}


@pytest.fixture
def unprivileged() -> tuple[dict[str, Any], int]:
    """How to run plansync without privileges, and the mode of a root-owned directory it cannot write.

    Preferred: uid/gid 65534 and a 0o755 directory. When that user cannot reach the interpreter
    (a venv under a 0o700 /root), uid 0 with an empty capability bounding set instead: without
    CAP_DAC_OVERRIDE root is held to the owner bits, so the directory is made 0o555.
    """
    as_nobody: dict[str, Any] = {"user": NOBODY, "group": NOBODY, "extra_groups": []}
    if _probe(**as_nobody):
        return as_nobody, 0o755
    without_caps: dict[str, Any] = {"preexec_fn": _without_capabilities()}
    if _probe(**without_caps):
        return without_caps, 0o555
    pytest.skip("can neither run the interpreter as uid 65534 nor drop the capabilities of root")


@pytest.fixture
def world_dir() -> Iterator[Path]:
    """A directory every user can reach (pytest's tmp_path lies under a 0o700 directory)."""
    with tempfile.TemporaryDirectory(prefix="plansync-nowrite-") as name:
        top = Path(name)
        top.chmod(0o755)
        yield top
        for path in [top, *top.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)


@ROOT_ONLY
def test_unwritable_directory_sync_refuses_with_one_line_and_leaves_no_temp_file(
    unprivileged: tuple[dict[str, Any], int], world_dir: Path
) -> None:
    how, mode = unprivileged
    folder = world_dir / "plans"
    plan = write(folder / "plan.md", PLAN)  # summary and milestones regions are empty: stale
    assert sync_text(PLAN) != PLAN
    plan.chmod(0o666)
    folder.chmod(mode)
    assert (folder.stat().st_uid, plan.stat().st_uid) == (0, 0)
    before, mtime = plan.read_bytes(), plan.stat().st_mtime_ns

    done = subprocess.run(
        [sys.executable, "-m", "plansync", "sync", "plan.md"],
        cwd=folder,
        env={**os.environ, "HOME": str(world_dir)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        **how,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("plan.md: "), lines
    assert "temporary file" in lines[0] and "Permission denied" in lines[0], lines
    assert (plan.read_bytes(), plan.stat().st_mtime_ns) == (before, mtime)
    assert sorted(p.name for p in folder.iterdir()) == ["plan.md"]


# --- 44. a partially staged plan under the pre-commit framework --------------------------------

NOTE = "\nA note about the weather, far from the regions, not staged.\n"


def _framework_env(home: Path) -> dict[str, str]:
    return {"PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}


def precommit_repo(repo: Path, home: Path) -> Path:
    """A repository whose commits run ``plansync-sync`` through ``pre-commit install``.

    The hook is the manifest's own (``.pre-commit-hooks.yaml``: entry, types, require_serial) as a
    ``local`` hook with ``language: system``, so the framework does not build a virtualenv: the
    ``plansync`` on PATH (the venv's editable install) runs. The fresh plan is committed on day 1.
    """
    if PRE_COMMIT is None:
        pytest.skip("the pre-commit executable is not on PATH")
    import yaml

    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in manifest if h["id"] == "plansync-sync")
    config = {"repos": [{"repo": "local", "hooks": [{**hook, "language": "system"}]}]}
    write(repo / ".pre-commit-config.yaml", json.dumps(config, indent=2) + "\n")
    plan = write(repo / "plan.md", sync_text(PLAN))
    commit_all(repo, "plan", day(1))
    installed = run(repo, PRE_COMMIT, "install", **_framework_env(home))
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return plan


def patches(home: Path) -> list[str]:
    """The unstaged changes pre-commit saved while its hooks ran."""
    return [p.read_text(encoding="utf-8") for p in sorted(home.glob("patch*"))]


def framework_commit(repo: Path, home: Path, message: str) -> subprocess.CompletedProcess[str]:
    done = run(repo, "git", "commit", "-m", message, **_framework_env(home), **dated(day(8)))
    assert "Traceback" not in done.stdout + done.stderr
    return done


def test_precommit_partially_staged_plan_region_rewritten_and_unstaged_note_kept(
    repo: Path, tmp_path: Path
) -> None:
    home = tmp_path / "pre-commit-home"
    plan = precommit_repo(repo, home)
    head = git(repo, "rev-parse", "HEAD").stdout
    staged = tick(read(plan), "test the soil")
    write(plan, staged)
    git(repo, "add", "plan.md")
    working = staged + NOTE
    write(plan, working)
    fresh = sync_text(staged)
    assert fresh != staged and "1 of 4 tasks done" in fresh
    assert status(repo) == "MM plan.md\n"

    first = framework_commit(repo, home, "soil tested")
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    assert "Unstaged files detected" in output
    assert "files were modified by this hook" in output
    assert "plansync: updated plan.md" in output
    assert "conflicted with hook auto-fixes" not in output
    assert "Restored changes from" in output
    assert git(repo, "rev-parse", "HEAD").stdout == head  # no commit yet
    # The region is rewritten and the unstaged note is back: nothing lost, nothing staged behind
    # the user's back.
    assert read(plan) == fresh + NOTE
    assert git(repo, "show", ":plan.md").stdout == staged
    assert [NOTE.strip() in p for p in patches(home)] == [True]

    git(repo, "add", "plan.md")
    second = framework_commit(repo, home, "soil tested")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "plansync sync" in second.stderr and "Passed" in second.stderr
    assert committed(repo) == read(plan) == fresh + NOTE
    assert check_text(committed(repo)).ok
    assert git(repo, "rev-parse", "HEAD~1").stdout == head
    assert status(repo) == ""


def test_precommit_partially_staged_plan_unstaged_edit_inside_the_region_is_never_lost(
    repo: Path, tmp_path: Path
) -> None:
    home = tmp_path / "pre-commit-home"
    plan = precommit_repo(repo, home)
    head = git(repo, "rev-parse", "HEAD").stdout
    staged = tick(read(plan), "test the soil")
    write(plan, staged)
    git(repo, "add", "plan.md")
    line = "- **Overall**: 0 of 4 tasks done (0%)\n"
    assert line in staged and line not in sync_text(staged)  # the very line the hook rewrites
    working = staged.replace(line, "- **Overall**: 0 of 4 tasks done (0%), my own words\n")
    write(plan, working)

    first = framework_commit(repo, home, "soil tested")
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    assert "plansync: updated plan.md" in output
    assert "conflicted with hook auto-fixes" in output  # pre-commit rolls plansync's rewrite back
    assert git(repo, "rev-parse", "HEAD").stdout == head
    assert read(plan) == working  # the user's edit, byte for byte; not corrupted
    assert git(repo, "show", ":plan.md").stdout == staged
    assert [("my own words" in p) for p in patches(home)] == [True]
    assert status(repo) == "MM plan.md\n"


# --- 48. plansync run from inside .git ---------------------------------------------------------


def test_inside_dot_git_without_paths_sync_check_report_are_a_clean_no_op(repo: Path) -> None:
    plan = build_history(repo)  # regions never synced: stale
    before, mtime = plan.read_bytes(), plan.stat().st_mtime_ns
    inside = repo / ".git"
    for args in (["sync"], ["check"], ["report"]):
        done = plansync(inside, *args)
        assert (done.returncode, done.stdout, done.stderr) == (0, "", ""), args
    shown = plansync(inside, "report", "--format", "json")
    assert shown.returncode == 0 and shown.stderr == "", shown.stderr
    assert json.loads(shown.stdout)["files"] == []
    assert (plan.read_bytes(), plan.stat().st_mtime_ns) == (before, mtime)
    assert status(repo) == ""


@pytest.mark.parametrize("form", ["relative", "absolute"])
def test_inside_dot_git_a_plan_named_by_path_is_dated_and_synced(repo: Path, form: str) -> None:
    plan = build_history(repo)
    inside = repo / ".git"
    name = "../plan.md" if form == "relative" else str(plan)
    stale = plansync(inside, "check", name)
    assert stale.returncode == 1 and "PS501" in stale.stdout, stale.stdout + stale.stderr
    assert report(inside, name) == DONE_ON
    done = sync(inside, name)
    assert done.stdout == f"plansync: updated {name}\n"
    assert entries(read(plan)) == MILESTONES
    assert status(repo) == " M plan.md\n"


# --- 54. an orphan branch before its first commit ----------------------------------------------


def test_orphan_branch_before_first_commit_dates_ticks_as_uncommitted(repo: Path) -> None:
    plan = build_history(repo)
    git(repo, "checkout", "-q", "--orphan", "new")
    assert git(repo, "symbolic-ref", "HEAD").stdout == "refs/heads/new\n"
    assert run(repo, "git", "rev-parse", "--verify", "-q", "HEAD").returncode != 0  # unborn
    write(plan, tick(read(plan), "buy seeds"))

    # main's history is not this branch's: every tick is being made now (done_on null, no note).
    assert report(repo, "plan.md") == dict.fromkeys(DONE_ON)
    before = today()
    done = sync(repo, "plan.md")
    days = {before, today()}
    assert done.stdout == "plansync: updated plan.md\n"
    soil, phase = entries(read(plan))
    assert soil[2:12] in days and soil.endswith(" — Soil")
    assert phase[2:12] in days and phase.endswith(" — **Phase 1: Ground work**")
    assert "3 of 4 tasks done" in read(plan)

    # The branch's first commit, through the plain hook: fresh already, committed as is.
    assert plansync(repo, "install-hook").returncode == 0
    first = commit(repo, "-am", "first on the orphan branch")
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    assert git(repo, "rev-list", "--count", "HEAD").stdout == "1\n"
    assert committed(repo) == read(plan)
    assert status(repo) == ""


# --- 58. committed merges both ways -------------------------------------------------------------

MERGED = {**DONE_ON, "buy seeds": "2025-03-06", "sow carrots": "2025-03-07"}


def merge(repo: Path, branch: str, when: str) -> None:
    done = run(repo, "git", "merge", "--no-ff", "--no-edit", branch, **dated(when))
    assert done.returncode == 0, done.stdout + done.stderr
    assert git(repo, "rev-list", "--parents", "-1", "HEAD").stdout.count(" ") == 2  # a merge commit
    assert git(repo, "log", "-1", "--format=%as").stdout == when[:10] + "\n"


def prose(path: Path, words: str) -> None:
    write(path, read(path).replace("# Garden plan\n", f"# Garden plan\n\n{words}\n"))


@pytest.mark.parametrize("main_edits_plan", [False, True], ids=["main-untouched", "main-edits-prose"])
def test_merge_commit_topic_into_main_dates_ticks_by_the_topic_commits(
    repo: Path, main_edits_plan: bool
) -> None:
    plan = build_history(repo)
    git(repo, "checkout", "-q", "-b", "topic")
    write(plan, tick(read(plan), "buy seeds"))
    commit_all(repo, "seeds bought", day(6))
    write(plan, tick(read(plan), "sow carrots"))
    commit_all(repo, "carrots sown", day(7))
    git(repo, "checkout", "-q", "main")
    if main_edits_plan:
        prose(plan, "Some words about the garden.")
    else:
        write(repo / "notes.txt", "unrelated\n")
    commit_all(repo, "on main meanwhile", day(8))
    merge(repo, "topic", day(10))
    assert "- [x] sow carrots" in read(plan)
    assert ("Some words" in read(plan)) is main_edits_plan

    assert report(repo, "plan.md") == MERGED
    sync(repo, "plan.md")
    assert entries(read(plan)) == [
        *MILESTONES,
        "- 2025-03-07 — Seeds",
        "- 2025-03-07 — **Phase 2: Planting**",
    ]


def test_merge_commit_main_into_topic_dates_the_main_tick_by_its_own_commit(repo: Path) -> None:
    plan = build_history(repo)
    git(repo, "checkout", "-q", "-b", "topic")
    prose(plan, "Topic words about the garden.")
    commit_all(repo, "topic prose", day(6))
    git(repo, "checkout", "-q", "main")
    write(plan, tick(read(plan), "buy seeds"))
    commit_all(repo, "seeds bought on main", day(7))
    write(plan, tick(read(plan), "sow carrots"))
    commit_all(repo, "carrots sown on main", day(8))
    git(repo, "checkout", "-q", "topic")
    write(plan, read(plan).replace("## Phase 2: Planting\n", "## Phase 2: Planting\n\nOrder early.\n"))
    commit_all(repo, "more topic prose", day(9))  # the newest plan commit before the merge
    merge(repo, "main", day(10))
    text = read(plan)
    assert "Topic words" in text and "Order early." in text
    assert "- [x] buy seeds" in text and "- [x] sow carrots" in text

    assert report(repo, "plan.md") == {**DONE_ON, "buy seeds": "2025-03-07", "sow carrots": "2025-03-08"}
    sync(repo, "plan.md")
    assert entries(read(plan)) == [
        *MILESTONES,
        "- 2025-03-08 — Seeds",
        "- 2025-03-08 — **Phase 2: Planting**",
    ]

    # And back: topic merged into main (a fast-forward refused), the dates stay the ticks' own.
    commit_all(repo, "synced", day(11))
    git(repo, "checkout", "-q", "main")
    merge(repo, "topic", day(12))
    assert report(repo, "plan.md") == {**DONE_ON, "buy seeds": "2025-03-07", "sow carrots": "2025-03-08"}


# --- 59. the path git is given after `--` ------------------------------------------------------

NESTED = "docs/sub/plan.md"


@pytest.mark.parametrize(
    "form",
    ["absolute", "./docs/sub/plan.md", "docs//sub/../sub/plan.md", "docs/./sub//plan.md"],
)
def test_nested_plan_named_absolute_dot_slash_or_with_dotdot_is_dated_the_same(repo: Path, form: str) -> None:
    plan = build_history(repo, NESTED)
    name = str(plan) if form == "absolute" else form
    assert report(repo, name) == DONE_ON
    if form == "absolute":
        assert report(repo / "docs", name) == DONE_ON  # from a subdirectory too
    done = sync(repo, name)
    assert done.stdout == f"plansync: updated {name}\n"
    assert entries(read(plan)) == MILESTONES
    assert status(repo) == f" M {NESTED}\n"


def test_plan_named_through_a_tracked_file_symlink_is_dated_from_its_targets_history(repo: Path) -> None:
    """plansync reads and writes the link's target, so the target's history dates it."""
    plan = build_history(repo, NESTED)
    (repo / "plan.md").symlink_to(NESTED)
    commit_all(repo, "link", day(6))
    assert git(repo, "ls-files", "-s", "plan.md").stdout.startswith("120000 ")
    assert report(repo, "plan.md") == DONE_ON
    sync(repo, "plan.md")
    assert entries(read(plan)) == MILESTONES


@pytest.mark.parametrize(
    "name",
    ["shortcut/plan.md", "shortcut/../sub/plan.md"],
)
def test_plan_named_through_a_tracked_directory_symlink_is_dated_from_history(repo: Path, name: str) -> None:
    plan = build_history(repo, NESTED)
    (repo / "shortcut").symlink_to("docs/sub", target_is_directory=True)
    commit_all(repo, "link", day(6))
    assert (repo / name).resolve() == plan.resolve()
    assert report(repo, name) == DONE_ON
    sync(repo, name)
    assert entries(read(plan)) == MILESTONES
