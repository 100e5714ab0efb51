"""Git situations from the reliability catalog, end to end: real repositories, the real CLI.

Worktrees, submodules, CRLF checkouts, non-ASCII paths, merges in progress, empty repositories,
the environment git gives its hooks, rewritten history, detached HEAD, repositories git refuses,
symlinks checked out as files, and nested paths. Every repository is built with fixed author and
committer dates; plansync runs as a subprocess (``python -m plansync``), git hooks through real
``git commit`` calls.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
from pathlib import Path

import pytest

from .conftest import GIT_ENV, commit_all, git
from .test_hook import commit, plansync, run, status

PLAN = """# Garden plan

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

<!-- plansync:begin milestones -->
<!-- plansync:end milestones -->

## Phase 1: Ground work

### Soil

- [ ] test the soil
- [ ] add compost

## Phase 2: Planting

### Seeds

- [ ] buy seeds
- [ ] sow carrots
"""

#: Author dates of the history ``build_history`` commits (the compost tick in its own -05:00 offset,
#: already the next day in UTC: the commit's own offset decides the day).
DAY_1, DAY_3 = "2025-03-01T12:00:00+00:00", "2025-03-03T12:00:00+00:00"
EVENING_5 = "2025-03-05T23:30:00-05:00"
DONE_ON = {"test the soil": "2025-03-03", "add compost": "2025-03-05", "buy seeds": None, "sow carrots": None}
MILESTONES = ["- 2025-03-05 — Soil", "- 2025-03-05 — **Phase 1: Ground work**"]


def day(n: int) -> str:
    return f"2025-03-{n:02d}T12:00:00+00:00"


def tick(text: str, *tasks: str) -> str:
    for task in tasks:
        assert f"- [ ] {task}\n" in text, task
        text = text.replace(f"- [ ] {task}\n", f"- [x] {task}\n")
    return text


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def build_history(repo: Path, name: str = "plan.md") -> Path:
    """The plan committed open on day 1, 'test the soil' ticked on day 3, 'add compost' on day 5.

    The regions are never synced in these commits, so the Soil completion is not recorded yet:
    whoever syncs next has to date it from history.
    """
    path = write(repo / name, PLAN)
    commit_all(repo, "plan", DAY_1)
    write(path, tick(PLAN, "test the soil"))
    commit_all(repo, "soil tested", DAY_3)
    write(path, tick(PLAN, "test the soil", "add compost"))
    commit_all(repo, "compost added", EVENING_5)
    return path


def entries(text: str) -> list[str]:
    """The lines of the milestones region."""
    body = text.split("<!-- plansync:begin milestones -->", 1)[1].split("<!-- plansync:end milestones -->")[0]
    return [line.rstrip("\r") for line in body.splitlines() if line.strip()]


def report(cwd: Path, *paths: str, **extra: str) -> dict[str, str | None]:
    """``plansync report --format json PATHS``: every task's ``done_on``, by task text."""
    done = plansync(cwd, "report", "--format", "json", *paths, **extra)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "note:" not in done.stderr, done.stderr
    files = json.loads(done.stdout)["files"]
    return {task["text"]: task["done_on"] for file in files for task in file["tasks"]}


def sync(cwd: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    done = plansync(cwd, "sync", *args, **extra)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr
    return done


def today() -> str:
    return datetime.date.today().isoformat()


def committed(cwd: Path, name: str = "plan.md", rev: str = "HEAD") -> str:
    return git(cwd, "show", f"{rev}:{name}").stdout


def dated(when: str) -> dict[str, str]:
    """Extra environment for a commit authored and committed ``when``."""
    return {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}


def rewriting(committer: str) -> dict[str, str]:
    """The environment of a history rewrite: a new committer date, the author date left to git."""
    env = {k: v for k, v in {**os.environ, **GIT_ENV}.items() if k != "GIT_AUTHOR_DATE"}
    return {**env, "GIT_COMMITTER_DATE": committer}


# --- 1. worktrees ------------------------------------------------------------------------------


def test_worktree_sync_and_report_date_ticks_from_history(repo: Path, tmp_path: Path) -> None:
    build_history(repo)
    main_copy = (repo / "plan.md").read_bytes()
    tree = tmp_path / "tree"
    git(repo, "worktree", "add", "-q", "-b", "side", str(tree))
    assert (tree / ".git").is_file()

    assert report(tree, "plan.md") == DONE_ON
    done = sync(tree, "plan.md")
    assert done.stdout == "plansync: updated plan.md\n"
    assert entries(read(tree / "plan.md")) == MILESTONES
    assert (repo / "plan.md").read_bytes() == main_copy
    assert status(repo) == ""


def test_worktree_hook_commit_dates_an_earlier_completion_from_history(repo: Path, tmp_path: Path) -> None:
    build_history(repo)
    tree = tmp_path / "tree"
    git(repo, "worktree", "add", "-q", "-b", "side", str(tree))
    installed = plansync(tree, "install-hook")
    assert installed.returncode == 0, installed.stderr
    assert (repo / ".git" / "hooks" / "pre-commit").is_file()  # the common dir's hooks, not the worktree's
    assert not (repo / ".git" / "worktrees" / "tree" / "hooks").exists()

    write(tree / "plan.md", tick(read(tree / "plan.md"), "buy seeds"))
    done = run(tree, "git", "commit", "-qam", "seeds bought", **dated(day(8)))
    assert done.returncode == 0, done.stderr
    assert "plansync: updated and staged plan.md" in done.stderr
    assert entries(committed(tree)) == MILESTONES
    assert "3 of 4 tasks done" in committed(tree)
    assert read(tree / "plan.md") == committed(tree)
    assert status(tree) == ""
    assert committed(repo, rev="main") == tick(PLAN, "test the soil", "add compost")


# --- 2. submodules -----------------------------------------------------------------------------


def test_submodule_checkout_dates_ticks_and_runs_the_hook(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    git(source, "init", "-q", "-b", "main")
    build_history(source)
    top = tmp_path / "super"
    top.mkdir()
    git(top, "init", "-q", "-b", "main")
    write(top / "README.md", "# Super\n")
    commit_all(top, "super", day(6))
    git(top, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(source), "mod")
    commit_all(top, "add the submodule", day(7))
    mod = top / "mod"
    assert (mod / ".git").is_file()
    assert "modules/mod" in (mod / ".git").read_text(encoding="utf-8")

    # From the superproject, naming the plan inside the submodule; and from inside it.
    assert report(top, "mod/plan.md") == DONE_ON
    assert report(mod, "plan.md") == DONE_ON
    sync(mod, "plan.md")
    assert entries(read(mod / "plan.md")) == MILESTONES

    installed = plansync(mod, "install-hook")
    assert installed.returncode == 0, installed.stderr
    assert (top / ".git" / "modules" / "mod" / "hooks" / "pre-commit").is_file()
    write(mod / "plan.md", tick(read(mod / "plan.md"), "buy seeds"))
    done = run(mod, "git", "commit", "-qam", "seeds bought", **dated(day(8)))
    assert done.returncode == 0, done.stderr
    assert "plansync: updated and staged plan.md" in done.stderr
    assert entries(committed(mod)) == MILESTONES
    assert "3 of 4 tasks done" in committed(mod)
    assert status(mod) == ""


# --- 3. CRLF working tree, LF index ------------------------------------------------------------


@pytest.mark.parametrize("setting", ["core.autocrlf=true", "gitattributes eol=crlf"])
def test_crlf_checkout_sync_is_a_fixed_point_and_the_hook_commits_once(repo: Path, setting: str) -> None:
    if setting == "core.autocrlf=true":
        git(repo, "config", "core.autocrlf", "true")
    else:
        write(repo / ".gitattributes", "*.md text eol=crlf\n")
    plan = build_history(repo)
    plan.unlink()
    git(repo, "checkout", "--", "plan.md")  # checked out again: CRLF in the working tree
    data = plan.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 0
    assert "\r" not in git(repo, "show", ":plan.md").stdout  # LF in the index
    assert status(repo) == ""

    plan.write_bytes(data.replace(b"- [ ] buy seeds\r\n", b"- [x] buy seeds\r\n"))
    done = sync(repo, "plan.md")
    assert done.stdout == "plansync: updated plan.md\n"
    synced = plan.read_bytes()
    assert synced.count(b"\r\n") == synced.count(b"\n")  # CRLF kept, no bare LF added
    assert entries(synced.decode("utf-8")) == MILESTONES
    git(repo, "add", "plan.md")
    assert git(repo, "diff").stdout == ""
    assert status(repo) == "M  plan.md\n"
    assert "\r" not in git(repo, "show", ":plan.md").stdout

    mtime = plan.stat().st_mtime_ns
    again = sync(repo, "plan.md")
    assert again.stdout == ""
    assert (plan.read_bytes(), plan.stat().st_mtime_ns) == (synced, mtime)
    assert status(repo) == "M  plan.md\n"

    # Through the plain hook: a stale staged plan is synced and staged once, then left alone.
    assert plansync(repo, "install-hook").returncode == 0
    plan.write_bytes(synced.replace(b"- [ ] sow carrots\r\n", b"- [x] sow carrots\r\n"))
    git(repo, "add", "plan.md")
    first = commit(repo, "-m", "carrots sown")
    assert first.returncode == 0, first.stderr
    assert "plansync: updated and staged plan.md" in first.stderr
    after = plan.read_bytes()
    assert after.count(b"\r\n") == after.count(b"\n")
    assert committed(repo) == after.decode("utf-8").replace("\r\n", "\n")
    assert "4 of 4 tasks done" in committed(repo)
    assert status(repo) == ""

    mtime, tree = plan.stat().st_mtime_ns, git(repo, "rev-parse", "HEAD^{tree}").stdout
    second = commit(repo, "--allow-empty", "-m", "nothing")
    assert second.returncode == 0, second.stderr
    assert "plansync" not in second.stdout + second.stderr
    assert (plan.read_bytes(), plan.stat().st_mtime_ns) == (after, mtime)
    assert git(repo, "rev-parse", "HEAD^{tree}").stdout == tree
    assert status(repo) == ""
    assert git(repo, "diff").stdout == ""


# --- 4. non-ASCII paths ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["计划.md", "café/plan.md"])
def test_non_ascii_path_is_dated_from_history_and_synced_by_the_hook(repo: Path, name: str) -> None:
    plan = build_history(repo, name)
    assert report(repo, name) == DONE_ON
    assert report(plan.parent, plan.name) == DONE_ON

    assert plansync(repo, "install-hook").returncode == 0
    write(plan, tick(read(plan), "buy seeds"))
    git(repo, "add", name)
    done = commit(repo, "-m", "seeds bought")
    assert done.returncode == 0, done.stderr
    assert f"plansync: updated and staged {name}" in done.stderr
    assert entries(committed(repo, name)) == MILESTONES
    assert read(plan) == committed(repo, name)
    assert status(repo) == ""


# --- 5. merges in progress ---------------------------------------------------------------------


def branches_touching_the_plan(repo: Path, topic_ticks: tuple[str, ...]) -> Path:
    """main: the history, then a prose edit on day 8; topic (from the history): ``topic_ticks`` on day 7."""
    plan = build_history(repo)
    git(repo, "checkout", "-q", "-b", "topic")
    write(plan, tick(read(plan), *topic_ticks))
    commit_all(repo, "topic ticks", day(7))
    git(repo, "checkout", "-q", "main")
    write(plan, read(plan).replace("# Garden plan\n", "# Garden plan\n\nSome words about the garden.\n"))
    commit_all(repo, "prose", day(8))
    return plan


def test_merge_in_progress_without_conflict_hook_syncs_and_stages(repo: Path) -> None:
    plan = branches_touching_the_plan(repo, ("buy seeds",))
    assert plansync(repo, "install-hook").returncode == 0
    merge = run(repo, "git", "merge", "--no-commit", "--no-ff", "topic")
    assert merge.returncode == 0, merge.stdout + merge.stderr
    assert (repo / ".git" / "MERGE_HEAD").is_file()
    assert "Some words" in read(plan) and "- [x] buy seeds" in read(plan)

    done = commit(repo, "--no-edit")
    assert done.returncode == 0, done.stderr
    assert "plansync: updated and staged plan.md" in done.stderr
    assert not (repo / ".git" / "MERGE_HEAD").exists()
    assert git(repo, "rev-parse", "HEAD^2").stdout == git(repo, "rev-parse", "topic").stdout
    assert entries(committed(repo)) == MILESTONES
    assert "3 of 4 tasks done" in committed(repo)
    assert read(plan) == committed(repo)
    assert status(repo) == ""


def test_merge_in_progress_sync_works_on_the_merged_plan(repo: Path) -> None:
    plan = branches_touching_the_plan(repo, ("buy seeds",))
    merge = run(repo, "git", "merge", "--no-commit", "--no-ff", "topic")
    assert merge.returncode == 0, merge.stdout + merge.stderr
    done = sync(repo, "plan.md")
    assert done.stdout == "plansync: updated plan.md\n"
    assert entries(read(plan)) == MILESTONES
    assert "3 of 4 tasks done" in read(plan)
    assert (repo / ".git" / "MERGE_HEAD").is_file()
    assert status(repo) == "MM plan.md\n"  # git's merge result is staged, plansync's rewrite is not yet
    git(repo, "add", "plan.md")
    commit_all(repo, "merge topic", day(9))
    assert git(repo, "rev-parse", "HEAD^2").stdout == git(repo, "rev-parse", "topic").stdout
    assert committed(repo) == read(plan)


def test_merge_in_progress_dates_a_completion_from_the_merged_branch(repo: Path) -> None:
    plan = branches_touching_the_plan(repo, ("buy seeds", "sow carrots"))
    merge = run(repo, "git", "merge", "--no-commit", "--no-ff", "topic")
    assert merge.returncode == 0, merge.stdout + merge.stderr
    sync(repo, "plan.md")
    # Seeds was completed by the topic commit of 2025-03-07, not by the merge being made now.
    assert entries(read(plan)) == [
        *MILESTONES,
        "- 2025-03-07 — Seeds",
        "- 2025-03-07 — **Phase 2: Planting**",
    ]
    assert report(repo, "plan.md") == {**DONE_ON, "buy seeds": "2025-03-07", "sow carrots": "2025-03-07"}


def test_merge_conflict_in_the_plan_sync_exits_2_naming_each_conflict(repo: Path) -> None:
    plan = build_history(repo)
    git(repo, "checkout", "-q", "-b", "topic")
    write(plan, tick(read(plan), "buy seeds").replace("# Garden plan", "# Garden plan (topic)"))
    commit_all(repo, "seeds bought", day(7))
    git(repo, "checkout", "-q", "main")
    reworded = read(plan).replace("- [ ] buy seeds\n", "- [ ] buy seeds and bulbs\n")
    write(plan, reworded.replace("# Garden plan", "# Garden"))
    commit_all(repo, "bulbs too", day(8))
    merge = run(repo, "git", "merge", "--no-edit", "topic")
    assert merge.returncode != 0
    assert "CONFLICT" in merge.stdout
    assert (repo / ".git" / "MERGE_HEAD").is_file()
    conflicted = plan.read_bytes()
    lines = conflicted.decode("utf-8").splitlines()
    openings = [i for i, line in enumerate(lines, 1) if line.startswith("<<<<<<< ")]
    assert len(openings) == 2 and openings[0] == 1
    mtime = plan.stat().st_mtime_ns

    done = plansync(repo, "sync", "plan.md")
    assert done.returncode == 2
    assert done.stdout == ""
    # One `path:line:col: message` line per conflict, at its <<<<<<< line.
    assert done.stderr.splitlines() == [
        f"plan.md:{n}:1: unresolved merge conflict marker; resolve the conflict first" for n in openings
    ]
    assert (plan.read_bytes(), plan.stat().st_mtime_ns) == (conflicted, mtime)


# --- 6. an empty repository --------------------------------------------------------------------


def test_empty_repository_sync_dates_today_report_works_and_the_first_commit_runs_the_hook(
    repo: Path,
) -> None:
    plan = write(repo / "plan.md", tick(PLAN, "test the soil", "add compost"))
    before = today()
    done = sync(repo, "plan.md")
    days = {before, today()}
    assert done.stdout == "plansync: updated plan.md\n"
    soil, phase = entries(read(plan))
    assert soil[2:12] in days and soil.endswith(" — Soil")
    assert phase[2:12] in days and phase.endswith(" — **Phase 1: Ground work**")
    assert report(repo, "plan.md") == dict.fromkeys(DONE_ON)

    assert plansync(repo, "install-hook").returncode == 0
    write(plan, tick(read(plan), "buy seeds"))
    git(repo, "add", "plan.md")
    first = commit(repo, "-m", "first")
    assert first.returncode == 0, first.stderr
    assert "plansync: updated and staged plan.md" in first.stderr
    assert read(plan) == committed(repo)
    assert "3 of 4 tasks done" in committed(repo)
    assert status(repo) == ""


# --- 7. the environment git gives its hooks, and GIT_DIR from elsewhere -------------------------


def test_hook_commit_all_dates_from_history_under_git_index_file(repo: Path) -> None:
    plan = build_history(repo)
    assert plansync(repo, "install-hook").returncode == 0
    write(plan, tick(read(plan), "buy seeds"))
    done = commit(repo, "-am", "seeds bought")
    assert done.returncode == 0, done.stderr
    assert "plansync: updated and staged plan.md" in done.stderr
    assert entries(committed(repo)) == MILESTONES
    assert read(plan) == committed(repo)
    assert status(repo) == ""
    assert git(repo, "fsck", "--no-progress").returncode == 0


def test_hook_commit_with_a_path_commits_fresh_regions_and_keeps_the_index_sound(repo: Path) -> None:
    plan = build_history(repo)
    write(repo / "notes.txt", "staged, not part of the partial commit\n")
    git(repo, "add", "notes.txt")
    assert plansync(repo, "install-hook").returncode == 0
    write(plan, tick(read(plan), "buy seeds"))
    done = commit(repo, "plan.md", "-m", "seeds bought")
    assert done.returncode == 0, done.stderr
    assert "plansync: updated and staged plan.md" in done.stderr
    assert entries(committed(repo)) == MILESTONES
    assert "3 of 4 tasks done" in committed(repo)
    assert read(plan) == committed(repo)
    assert git(repo, "ls-tree", "--name-only", "HEAD").stdout == "plan.md\n"
    # The regular index keeps what git put there before the hook ran (see the README); one
    # `git add` brings it level, and notes.txt is still staged.
    git(repo, "add", "plan.md")
    assert status(repo) == "A  notes.txt\n"
    assert git(repo, "fsck", "--no-progress").returncode == 0


@pytest.mark.parametrize("work_tree", [True, False], ids=["GIT_DIR+GIT_WORK_TREE", "GIT_DIR-only"])
def test_git_dir_from_another_directory_dates_and_leaves_the_index_alone(
    repo: Path, tmp_path: Path, work_tree: bool
) -> None:
    plan = build_history(repo)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    extra = {"GIT_DIR": str(repo / ".git"), "GIT_INDEX_FILE": str(repo / ".git" / "index")}
    if work_tree:
        extra["GIT_WORK_TREE"] = str(repo)
    index = (repo / ".git" / "index").read_bytes()

    assert report(elsewhere, str(plan), **extra) == DONE_ON
    done = sync(elsewhere, str(plan), **extra)
    assert done.stdout == f"plansync: updated {plan}\n"
    assert entries(read(plan)) == MILESTONES
    assert (repo / ".git" / "index").read_bytes() == index
    assert list(elsewhere.iterdir()) == []
    assert status(repo) == " M plan.md\n"


# --- 8. rewritten history: amend, rebase ----------------------------------------------------------


def test_amend_with_a_new_committer_date_keeps_done_on_dates(repo: Path) -> None:
    build_history(repo)
    assert report(repo, "plan.md") == DONE_ON
    author = git(repo, "log", "-1", "--format=%aI").stdout
    write(repo / "notes.txt", "amended in\n")
    git(repo, "add", "notes.txt")
    env = rewriting("2025-04-20T12:00:00+00:00")
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "--amend", "--no-edit"], env=env, check=True)
    assert git(repo, "log", "-1", "--format=%aI").stdout == author
    assert git(repo, "log", "-1", "--format=%cs").stdout == "2025-04-20\n"
    assert report(repo, "plan.md") == DONE_ON
    sync(repo, "plan.md")
    assert entries(read(repo / "plan.md")) == MILESTONES


def test_rebase_of_commits_ticking_the_plan_keeps_done_on_dates(repo: Path) -> None:
    plan = write(repo / "plan.md", PLAN)
    commit_all(repo, "plan", DAY_1)
    git(repo, "checkout", "-q", "-b", "topic")
    write(plan, tick(PLAN, "test the soil"))
    commit_all(repo, "soil tested", DAY_3)
    write(plan, tick(PLAN, "test the soil", "add compost"))
    commit_all(repo, "compost added", EVENING_5)
    assert report(repo, "plan.md") == DONE_ON
    old = git(repo, "rev-parse", "topic").stdout

    git(repo, "checkout", "-q", "main")
    write(repo / "notes.txt", "unrelated\n")
    commit_all(repo, "notes", day(4))
    git(repo, "checkout", "-q", "topic")
    env = rewriting("2025-04-21T12:00:00+00:00")
    subprocess.run(["git", "-C", str(repo), "rebase", "-q", "main"], env=env, check=True, capture_output=True)
    assert git(repo, "rev-parse", "topic").stdout != old
    rewritten = git(repo, "log", "--format=%cs %as", "-2").stdout  # committer day, author day
    assert rewritten == "2025-04-21 2025-03-05\n2025-04-21 2025-03-03\n"
    assert report(repo, "plan.md") == DONE_ON
    sync(repo, "plan.md")
    assert entries(read(plan)) == MILESTONES


# --- 9. detached HEAD --------------------------------------------------------------------------


def test_detached_head_report_sync_and_hook_commit_date_from_history(repo: Path) -> None:
    plan = build_history(repo)
    git(repo, "checkout", "-q", "--detach", "HEAD~1")
    assert report(repo, "plan.md") == {**DONE_ON, "add compost": None}
    git(repo, "checkout", "-q", "--detach", "main")
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").stdout == "HEAD\n"
    assert report(repo, "plan.md") == DONE_ON

    assert plansync(repo, "install-hook").returncode == 0
    write(plan, tick(read(plan), "buy seeds"))
    done = commit(repo, "-am", "seeds bought on a detached HEAD")
    assert done.returncode == 0, done.stderr
    assert "plansync: updated and staged plan.md" in done.stderr
    assert entries(committed(repo)) == MILESTONES
    assert status(repo) == ""


# --- 10. a repository git refuses (safe.directory) ---------------------------------------------


ROOT_ONLY = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the repository away"
)


@pytest.fixture
def dubious(repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The history repository, given away to uid 12345: git refuses it (dubious ownership)."""
    monkeypatch.delenv("SUDO_UID", raising=False)  # git would trust the sudo caller's uid instead
    build_history(repo)
    for path in [repo, *repo.rglob("*")]:
        os.lchown(path, 12345, 12345)
    refused = subprocess.run(["git", "-C", str(repo), "status"], capture_output=True, text=True, check=False)
    assert refused.returncode != 0 and "dubious ownership" in refused.stderr
    return repo


@ROOT_ONLY
def test_dubious_ownership_never_prints_a_traceback(dubious: Path) -> None:
    plan = dubious / "plan.md"
    before = plan.read_bytes()
    for args in (["report", "plan.md"], ["report", "--format", "json", "plan.md"]):
        done = plansync(dubious, *args)
        assert done.returncode == 0 and "Traceback" not in done.stderr, args
    # (the text report shows no dates, so only the JSON report reads history and names the way out)
    assert "safe.directory" in done.stderr
    synced = plansync(dubious, "sync", "plan.md")
    assert "Traceback" not in synced.stderr
    assert "safe.directory" in synced.stderr
    if synced.returncode != 0:
        assert plan.read_bytes() == before  # a sync that gives up writes nothing


@ROOT_ONLY
def test_dubious_ownership_report_turns_history_off_with_a_note(dubious: Path) -> None:
    result = plansync(dubious, "report", "--format", "json", "plan.md")
    assert result.returncode == 0, result.stderr
    notes = result.stderr.splitlines()
    assert len(notes) == 1 and notes[0].startswith("plan.md: note: ") and "safe.directory" in notes[0]
    files = json.loads(result.stdout)["files"]
    assert {t["text"]: t["done_on"] for t in files[0]["tasks"]} == dict.fromkeys(DONE_ON)


@ROOT_ONLY
def test_dubious_ownership_sync_dates_today_with_a_note(dubious: Path) -> None:
    plan = dubious / "plan.md"
    before = today()
    done = plansync(dubious, "sync", "plan.md")
    days = {before, today()}
    assert done.returncode == 0, done.stderr
    assert done.stdout == "plansync: updated plan.md\n"
    notes = done.stderr.splitlines()
    assert len(notes) == 1 and notes[0].startswith("plan.md: note: ") and "safe.directory" in notes[0]
    soil, phase = entries(read(plan))
    assert soil[2:12] in days and phase[2:12] in days
    assert plan.stat().st_uid == 12345  # the owner is kept


# --- 11. a tracked symlink checked out as a text file ------------------------------------------


def test_symlink_checked_out_with_core_symlinks_false_is_never_written(repo: Path, tmp_path: Path) -> None:
    write(repo / "docs" / "real.md", PLAN)
    (repo / "plan.md").symlink_to("docs/real.md")
    commit_all(repo, "plan and link", DAY_1)
    assert git(repo, "ls-files", "-s", "plan.md").stdout.startswith("120000 ")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "-c", "core.symlinks=false", str(repo), str(clone))
    link = clone / "plan.md"
    assert not link.is_symlink()
    assert link.read_bytes() == b"docs/real.md"
    mtime = link.stat().st_mtime_ns

    named = sync(clone, "plan.md")
    assert named.stdout == ""
    found = sync(clone)  # no paths: the tracked plans with markers (the real one only)
    assert found.stdout == "plansync: updated docs/real.md\n"
    assert (link.read_bytes(), link.stat().st_mtime_ns) == (b"docs/real.md", mtime)
    assert status(clone) == " M docs/real.md\n"


# --- 12. nested paths, from the root and from a subdirectory -----------------------------------


def test_nested_plan_is_dated_from_the_root_and_from_a_subdirectory(repo: Path) -> None:
    plan = build_history(repo, "docs/sub/plan.md")
    assert report(repo, "docs/sub/plan.md") == DONE_ON
    assert report(repo / "docs", "sub/plan.md") == DONE_ON
    assert report(repo / "docs" / "sub", "../sub/plan.md") == DONE_ON
    done = sync(repo / "docs")  # no paths: discovered under docs/
    assert done.stdout == f"plansync: updated {Path('sub', 'plan.md')}\n"
    assert entries(read(plan)) == MILESTONES
