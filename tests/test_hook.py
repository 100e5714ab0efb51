"""The plain git pre-commit hook: its script, install/uninstall, and real commits through it."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from plansync.api import check_text, sync_text
from plansync.workspace.hooks import SIGNATURE, hook_script

from .conftest import GIT_ENV, ROOT, git

PLAN = """# Launch plan

Some prose about the launch.

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

## Build

- [ ] write the parser
- [ ] write the renderer
- [x] set up the repository
"""
FRESH = sync_text(PLAN)
FOREIGN_HOOK = "#!/bin/sh\n# another tool's hook\nexit 0\n"


def env(path: str | None = None) -> dict[str, str]:
    """The environment of a commit: the venv's bin first on PATH and the fixed git identity."""
    search = path if path is not None else os.environ.get("PATH", "")
    return {**os.environ, **GIT_ENV, "PATH": os.pathsep.join([str(Path(sys.executable).parent), search])}


def run(cwd: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), cwd=cwd, env={**env(), **extra}, capture_output=True, text=True, check=False, timeout=120
    )


def plansync(cwd: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return run(cwd, sys.executable, "-m", "plansync", *args, **extra)


def commit(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``git commit ARGS`` through the installed hook (never --no-verify)."""
    return run(cwd, "git", "commit", *args)


def head(cwd: Path, name: str = "plan.md") -> str:
    return git(cwd, "show", f"HEAD:{name}").stdout


def status(cwd: Path) -> str:
    return git(cwd, "status", "--porcelain").stdout


def tick(text: str, task: str) -> str:
    assert f"- [ ] {task}\n" in text
    return text.replace(f"- [ ] {task}\n", f"- [x] {task}\n")


def write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def hook_path(repo: Path) -> Path:
    return repo / ".git" / "hooks" / "pre-commit"


def is_executable(path: Path) -> bool:
    return bool(path.stat().st_mode & stat.S_IXUSR) and os.access(path, os.X_OK)


@pytest.fixture
def hooked(repo: Path) -> Path:
    """A repository with the hook installed and a fresh plan committed."""
    assert plansync(repo, "install-hook").returncode == 0
    write(repo / "plan.md", FRESH)
    git(repo, "add", "plan.md")
    done = commit(repo, "-m", "plan")
    assert done.returncode == 0, done.stderr
    assert head(repo) == FRESH
    return repo


# --- the script --------------------------------------------------------------------------------


def test_committed_hook_is_the_generated_script_and_executable() -> None:
    committed = ROOT / "hooks" / "pre-commit"
    assert committed.read_bytes() == hook_script().encode("utf-8")
    assert is_executable(committed)
    assert committed.read_text(encoding="utf-8").startswith("#!/bin/sh\n")


# --- install-hook / uninstall-hook -------------------------------------------------------------


def test_install_hook_writes_an_executable_hook_with_the_interpreter(repo: Path) -> None:
    done = plansync(repo, "install-hook")
    assert done.returncode == 0, done.stderr
    target = hook_path(repo)
    assert "plansync: installed" in done.stdout
    assert target.name in done.stdout
    text = target.read_text(encoding="utf-8")
    assert SIGNATURE in text
    assert sys.executable in text
    assert text == hook_script(sys.executable)
    assert is_executable(target)


def test_install_hook_from_a_subdirectory_uses_the_repository_hooks(repo: Path) -> None:
    sub = repo / "docs" / "deep"
    sub.mkdir(parents=True)
    assert plansync(sub, "install-hook").returncode == 0
    assert SIGNATURE in hook_path(repo).read_text(encoding="utf-8")
    assert not (sub / ".git").exists()


def test_install_hook_honours_core_hooks_path(repo: Path) -> None:
    git(repo, "config", "core.hooksPath", "custom-hooks")
    done = plansync(repo, "install-hook")
    assert done.returncode == 0, done.stderr
    target = repo / "custom-hooks" / "pre-commit"
    assert SIGNATURE in target.read_text(encoding="utf-8")
    assert is_executable(target)
    assert not hook_path(repo).exists()


def test_install_hook_in_a_worktree_writes_where_git_looks(repo: Path, tmp_path: Path) -> None:
    write(repo / "readme.md", "# Readme\n")
    git(repo, "add", "readme.md")
    git(repo, "commit", "-q", "-m", "init")
    tree = tmp_path / "tree"
    git(repo, "worktree", "add", "-q", "-b", "side", str(tree))
    where = git(tree, "rev-parse", "--git-path", "hooks").stdout.strip()
    expected = (tree / where).resolve() / "pre-commit"
    assert expected == (hook_path(repo)).resolve()
    done = plansync(tree, "install-hook")
    assert done.returncode == 0, done.stderr
    assert SIGNATURE in expected.read_text(encoding="utf-8")
    assert is_executable(expected)
    assert (tree / ".git").is_file()


def test_install_hook_refuses_a_foreign_hook_unless_forced(repo: Path) -> None:
    target = hook_path(repo)
    target.parent.mkdir(parents=True, exist_ok=True)
    write(target, FOREIGN_HOOK)
    target.chmod(0o755)
    refused = plansync(repo, "install-hook")
    assert refused.returncode == 2
    assert "--force" in refused.stderr
    assert "pre-commit" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert target.read_text(encoding="utf-8") == FOREIGN_HOOK
    forced = plansync(repo, "install-hook", "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8") == hook_script(sys.executable)
    assert is_executable(target)


def test_install_hook_again_replaces_its_own_hook(repo: Path) -> None:
    assert plansync(repo, "install-hook").returncode == 0
    write(hook_path(repo), f"#!/bin/sh\n{SIGNATURE} -- an older version\n")
    done = plansync(repo, "install-hook")
    assert done.returncode == 0, done.stderr
    assert hook_path(repo).read_text(encoding="utf-8") == hook_script(sys.executable)


def test_uninstall_hook_removes_only_plansyncs_hook(repo: Path) -> None:
    assert plansync(repo, "install-hook").returncode == 0
    removed = plansync(repo, "uninstall-hook")
    assert removed.returncode == 0, removed.stderr
    assert "plansync: removed" in removed.stdout
    assert not hook_path(repo).exists()

    nothing = plansync(repo, "uninstall-hook")
    assert nothing.returncode == 0
    assert nothing.stdout == "plansync: no pre-commit hook installed\n"

    write(hook_path(repo), FOREIGN_HOOK)
    kept = plansync(repo, "uninstall-hook")
    assert kept.returncode == 2
    assert "not written by plansync" in kept.stderr
    assert "Traceback" not in kept.stderr
    assert hook_path(repo).read_text(encoding="utf-8") == FOREIGN_HOOK


def test_install_hook_outside_git_is_refused_with_a_message(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    done = plansync(plain, "install-hook", GIT_CEILING_DIRECTORIES=str(tmp_path))
    assert done.returncode == 2
    assert "not a git repository" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert list(plain.iterdir()) == []


# --- real commits through the installed hook ---------------------------------------------------


def test_commit_all_carries_the_regenerated_region(hooked: Path) -> None:
    ticked = tick(FRESH, "write the parser")
    assert not check_text(ticked).ok
    write(hooked / "plan.md", ticked)
    done = commit(hooked, "-am", "tick")
    assert done.returncode == 0, done.stderr
    assert "plansync: updated and staged plan.md" in done.stderr  # git shows a hook's output on stderr
    assert head(hooked) == sync_text(ticked)
    assert "2 of 3 tasks done" in head(hooked)
    assert (hooked / "plan.md").read_text(encoding="utf-8") == sync_text(ticked)
    assert status(hooked) == ""


def with_note(text: str, note: str = "my private note") -> str:
    """``text`` with a line written inside its summary region, which sync replaces."""
    start = text.index("<!-- plansync:begin summary")
    body = text.index("\n", start) + 1
    return text[:body] + note + "\n" + text[body:]


def test_text_written_into_a_region_is_replaced_and_shown_at_commit(hooked: Path) -> None:
    ticked = tick(FRESH, "write the parser")
    write(hooked / "plan.md", with_note(ticked))
    done = commit(hooked, "-am", "note")
    assert done.returncode == 0, done.stderr
    assert "held text plansync does not write; it was replaced" in done.stderr
    assert "  | my private note\n" in done.stderr
    assert head(hooked) == sync_text(ticked)


def test_plain_staged_commit_carries_the_regenerated_region(hooked: Path) -> None:
    ticked = tick(FRESH, "write the renderer")
    write(hooked / "plan.md", ticked)
    git(hooked, "add", "plan.md")
    done = commit(hooked, "-m", "tick")
    assert done.returncode == 0, done.stderr
    assert head(hooked) == sync_text(ticked)
    assert check_text(head(hooked)).ok
    assert status(hooked) == ""


def test_hook_falls_back_to_the_interpreter_when_plansync_is_not_on_path(hooked: Path) -> None:
    system = os.pathsep.join(str(Path(p).parent) for p in {shutil.which("git") or "/usr/bin/git", "/bin/sh"})
    assert all(shutil.which("plansync", path=d) is None for d in system.split(os.pathsep))
    ticked = tick(FRESH, "write the parser")
    write(hooked / "plan.md", ticked)
    done = subprocess.run(
        ["git", "commit", "-am", "tick"],
        cwd=hooked,
        env={**os.environ, **GIT_ENV, "PATH": system},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert head(hooked) == sync_text(ticked)
    assert status(hooked) == ""


def test_partially_staged_stale_plan_is_refused_untouched(hooked: Path) -> None:
    staged = tick(FRESH, "write the parser")
    write(hooked / "plan.md", staged)
    git(hooked, "add", "plan.md")
    working = tick(staged, "write the renderer")
    write(hooked / "plan.md", working)
    cached = git(hooked, "diff", "--cached").stdout
    before = git(hooked, "rev-parse", "HEAD").stdout
    done = commit(hooked, "-m", "tick")
    assert done.returncode != 0
    assert "plan.md" in done.stderr
    assert "stage" in done.stderr
    assert "stash" in done.stderr
    assert (hooked / "plan.md").read_bytes() == working.encode("utf-8")
    assert git(hooked, "diff", "--cached").stdout == cached
    assert git(hooked, "rev-parse", "HEAD").stdout == before


def test_partially_staged_plan_with_a_fresh_staged_copy_commits(hooked: Path) -> None:
    staged = sync_text(tick(FRESH, "write the parser"))
    write(hooked / "plan.md", staged)
    git(hooked, "add", "plan.md")
    working = staged.replace("Some prose about the launch.", "Some prose about the launch, edited.")
    assert working != staged
    write(hooked / "plan.md", working)
    done = commit(hooked, "-m", "tick")
    assert done.returncode == 0, done.stderr
    assert head(hooked) == staged
    assert (hooked / "plan.md").read_bytes() == working.encode("utf-8")
    assert status(hooked) == " M plan.md\n"


def test_staged_conflict_markers_stop_the_commit(hooked: Path) -> None:
    conflicted = FRESH.replace(
        "- [ ] write the parser\n",
        "<<<<<<< HEAD\n- [x] write the parser\n=======\n- [ ] write the parser, twice\n>>>>>>> b\n",
    )
    line = conflicted.splitlines().index("<<<<<<< HEAD") + 1
    write(hooked / "plan.md", conflicted)
    git(hooked, "add", "plan.md")
    before = git(hooked, "rev-parse", "HEAD").stdout
    done = commit(hooked, "-m", "conflict")
    assert done.returncode != 0
    assert re.search(rf"plan\.md:{line}:1: .*conflict", done.stderr), done.stderr
    assert "Traceback" not in done.stderr
    assert (hooked / "plan.md").read_bytes() == conflicted.encode("utf-8")
    assert git(hooked, "rev-parse", "HEAD").stdout == before


def test_crlf_plan_with_autocrlf_is_committed_once_and_left_alone(repo: Path) -> None:
    git(repo, "config", "core.autocrlf", "true")
    assert plansync(repo, "install-hook").returncode == 0
    stale = tick(FRESH, "write the parser")
    plan = repo / "plan.md"
    plan.write_bytes(stale.replace("\n", "\r\n").encode("utf-8"))
    git(repo, "add", "plan.md")
    done = commit(repo, "-m", "plan")
    assert done.returncode == 0, done.stderr
    assert head(repo) == sync_text(stale)
    synced = plan.read_bytes()
    assert synced == sync_text(stale).replace("\n", "\r\n").encode("utf-8")
    assert status(repo) == ""

    mtime = plan.stat().st_mtime_ns
    tree = git(repo, "rev-parse", "HEAD^{tree}").stdout
    again = commit(repo, "--allow-empty", "-m", "x")
    assert again.returncode == 0, again.stderr
    assert "plansync" not in again.stdout + again.stderr
    assert (plan.read_bytes(), plan.stat().st_mtime_ns) == (synced, mtime)
    assert git(repo, "rev-parse", "HEAD^{tree}").stdout == tree
    assert status(repo) == ""


def test_markdown_without_markers_is_never_touched(hooked: Path) -> None:
    notes = hooked / "notes.md"
    text = "# Notes\n\n- [ ] an unrelated checkbox\n- [x] another one\n"
    write(notes, text)
    mtime = notes.stat().st_mtime_ns
    git(hooked, "add", "notes.md")
    done = commit(hooked, "-m", "notes")
    assert done.returncode == 0, done.stderr
    assert "plansync" not in done.stdout + done.stderr
    assert notes.read_bytes() == text.encode("utf-8")
    assert notes.stat().st_mtime_ns == mtime
    assert head(hooked, "notes.md") == text
    assert head(hooked) == FRESH


def test_non_ascii_file_name_is_synced_and_staged(hooked: Path) -> None:
    name = "计划.md"
    stale = tick(PLAN, "write the renderer")
    write(hooked / name, stale)
    git(hooked, "add", name)
    done = commit(hooked, "-m", "plan in chinese")
    assert done.returncode == 0, done.stderr
    assert f"plansync: updated and staged {name}" in done.stderr
    assert head(hooked, name) == sync_text(stale)
    assert (hooked / name).read_text(encoding="utf-8") == sync_text(stale)
    assert status(hooked) == ""


def test_commit_all_in_a_worktree(hooked: Path, tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    git(hooked, "worktree", "add", "-q", "-b", "side", str(tree))
    ticked = tick(FRESH, "write the parser")
    write(tree / "plan.md", ticked)
    done = commit(tree, "-am", "tick in the worktree")
    assert done.returncode == 0, done.stderr
    assert head(tree) == sync_text(ticked)
    assert (tree / "plan.md").read_text(encoding="utf-8") == sync_text(ticked)
    assert status(tree) == ""
    assert head(hooked) == FRESH
    assert status(hooked) == ""


def test_merge_commit_with_conflict_markers_is_refused(hooked: Path) -> None:
    git(hooked, "checkout", "-q", "-b", "b")
    write(hooked / "plan.md", tick(FRESH, "write the parser"))
    assert commit(hooked, "-am", "tick on b").returncode == 0
    git(hooked, "checkout", "-q", "main")
    write(hooked / "plan.md", FRESH.replace("- [ ] write the parser\n", "- [ ] write the parser again\n"))
    assert commit(hooked, "-am", "reword on main").returncode == 0

    merge = run(hooked, "git", "merge", "--no-edit", "b")
    assert merge.returncode != 0
    assert "CONFLICT" in merge.stdout
    conflicted = (hooked / "plan.md").read_bytes()
    assert b"<<<<<<< " in conflicted
    git(hooked, "add", "plan.md")
    line = conflicted.decode("utf-8").splitlines().index("<<<<<<< HEAD") + 1

    done = commit(hooked, "--no-edit")
    assert done.returncode != 0
    assert re.search(rf"plan\.md:{line}:1: ", done.stderr), done.stderr
    assert "Traceback" not in done.stderr
    assert (hooked / "plan.md").read_bytes() == conflicted
    assert (hooked / ".git" / "MERGE_HEAD").exists()
    assert git(hooked, "log", "--format=%s", "-1").stdout == "reword on main\n"


# --- a rewrite that leaves nothing to commit ---------------------------------------------------

EMPTIED = "nothing is left to commit"


def assert_stopped_as_empty(repo: Path, done: subprocess.CompletedProcess[str], before: str) -> None:
    """The hook stopped the commit, said why, showed the replaced note; the plan is as in HEAD."""
    assert done.returncode != 0, done.stdout + done.stderr
    assert EMPTIED in done.stderr and "plan.md" in done.stderr
    assert "  | my private note\n" in done.stderr  # never lost: printed whole
    assert "Traceback" not in done.stderr
    assert git(repo, "rev-parse", "HEAD").stdout == before
    assert (repo / "plan.md").read_text(encoding="utf-8") == FRESH
    assert status(repo) == ""


@pytest.mark.parametrize("how", ["staged", "commit -a"])
def test_a_commit_whose_only_change_the_hook_replaced_is_stopped(hooked: Path, how: str) -> None:
    before = git(hooked, "rev-parse", "HEAD").stdout
    write(hooked / "plan.md", with_note(FRESH))
    if how == "staged":
        git(hooked, "add", "plan.md")
        done = commit(hooked, "-m", "note")
    else:
        done = commit(hooked, "-am", "note")
    assert_stopped_as_empty(hooked, done, before)
    assert git(hooked, "rev-list", "--count", "HEAD").stdout == "1\n"


def test_a_replaced_note_beside_another_staged_change_commits(hooked: Path) -> None:
    write(hooked / "plan.md", with_note(FRESH))
    write(hooked / "other.txt", "something else\n")
    git(hooked, "add", "plan.md", "other.txt")
    done = commit(hooked, "-m", "note and other")
    assert done.returncode == 0, done.stderr
    assert EMPTIED not in done.stderr
    assert head(hooked) == FRESH
    assert git(hooked, "diff", "--name-only", "HEAD~1", "HEAD").stdout == "other.txt\n"
    assert status(hooked) == ""


def test_amend_with_nothing_staged_is_left_alone(hooked: Path) -> None:
    tree = git(hooked, "rev-parse", "HEAD^{tree}").stdout
    done = commit(hooked, "--amend", "-m", "plan, reworded")
    assert done.returncode == 0, done.stderr
    assert "plansync" not in done.stdout + done.stderr
    assert git(hooked, "log", "--format=%s", "-1").stdout == "plan, reworded\n"
    assert git(hooked, "rev-parse", "HEAD^{tree}").stdout == tree


@pytest.mark.parametrize("flag", ["--amend", "--allow-empty"])
def test_amend_or_allow_empty_after_a_replaced_note_passes_when_run_again(hooked: Path, flag: str) -> None:
    """git does not tell a hook about --amend or --allow-empty: the first run stops, as for any
    commit the rewrite emptied, and the same command run again passes (nothing left to change)."""
    tree = git(hooked, "rev-parse", "HEAD^{tree}").stdout
    before = git(hooked, "rev-parse", "HEAD").stdout
    write(hooked / "plan.md", with_note(FRESH))
    git(hooked, "add", "plan.md")
    assert_stopped_as_empty(hooked, commit(hooked, flag, "-m", "again"), before)
    again = commit(hooked, flag, "-m", "again")
    assert again.returncode == 0, again.stderr
    assert "plansync" not in again.stdout + again.stderr
    assert git(hooked, "log", "--format=%s", "-1").stdout == "again\n"
    assert git(hooked, "rev-parse", "HEAD^{tree}").stdout == tree
    count = "1\n" if flag == "--amend" else "2\n"
    assert git(hooked, "rev-list", "--count", "HEAD").stdout == count


def test_a_merge_that_keeps_our_tree_is_not_stopped(hooked: Path) -> None:
    """Concluding a merge records it even when the tree stays HEAD's; the hook never stops that."""
    git(hooked, "checkout", "-q", "-b", "b")
    write(hooked / "other.txt", "from b\n")
    git(hooked, "add", "other.txt")
    assert commit(hooked, "-m", "on b").returncode == 0
    git(hooked, "checkout", "-q", "main")
    git(hooked, "merge", "-q", "--no-commit", "-s", "ours", "b")
    write(hooked / "plan.md", with_note(FRESH))
    git(hooked, "add", "plan.md")
    done = commit(hooked, "--no-edit")
    assert done.returncode == 0, done.stderr
    assert EMPTIED not in done.stderr
    assert git(hooked, "rev-list", "--parents", "-1", "HEAD").stdout.count(" ") == 2
    assert head(hooked) == FRESH
    assert status(hooked) == ""
