"""The hooks of ``.pre-commit-hooks.yaml``, run by the real pre-commit framework (``try-repo``)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from plansync.api import check_text, sync_text

from .conftest import GIT_ENV, ROOT, git

PRE_COMMIT = shutil.which("pre-commit")
pytestmark = pytest.mark.skipif(PRE_COMMIT is None, reason="the pre-commit executable is not on PATH")

STALE = """# Release plan

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

## Work

- [x] draft the notes
- [ ] tag the release
"""
FRESH = sync_text(STALE)


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {**env, **GIT_ENV, **extra}


@pytest.fixture(scope="session")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed snapshot of the project's working tree, uncommitted and new files included.

    ``try-repo`` on a dirty checkout commits only tracked changes (``git add -u``) to its shadow
    repository, so a module not yet added to git would be missing from the hook's environment;
    the snapshot holds exactly what the editable install runs. (``try-repo`` always installs
    into a throwaway store, so each call builds the environment again: keep the calls few.)
    """
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        env=_clean_env(),
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8", "surrogateescape")
    snapshot = tmp_path_factory.mktemp("plansync-snapshot")
    for name in sorted({n for n in listed.split("\0") if n}):
        source = ROOT / name
        if source.is_file():
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        subprocess.run(["git", "-C", str(snapshot), *args], env=_clean_env(), capture_output=True, check=True)
    return snapshot


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's own home (log, database), shared by the module and never the user's."""
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(
    repo: Path, hooks_repo: Path, home: Path, hook: str, *files: str
) -> subprocess.CompletedProcess[str]:
    assert PRE_COMMIT is not None
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(hooks_repo), hook, "--files", *files],
        cwd=repo,
        env=_clean_env(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never"),
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def committed(repo: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (repo / name).write_bytes(text.encode("utf-8"))
    git(repo, "add", *files)
    git(repo, "commit", "-q", "-m", "plans")
    return repo


def test_sync_hook_rewrites_a_stale_plan_then_passes_once_added(
    repo: Path, hooks_repo: Path, pre_commit_home: Path
) -> None:
    assert not check_text(STALE).ok
    plan = committed(repo, {"plan.md": STALE}) / "plan.md"

    first = try_repo(repo, hooks_repo, pre_commit_home, "plansync-sync", "plan.md")
    assert first.returncode != 0, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "plansync: updated plan.md" in first.stdout
    assert plan.read_text(encoding="utf-8") == FRESH
    assert check_text(plan.read_text(encoding="utf-8")).ok

    git(repo, "add", "plan.md")
    second = try_repo(repo, hooks_repo, pre_commit_home, "plansync-sync", "plan.md")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
    assert plan.read_text(encoding="utf-8") == FRESH


def test_check_hook_passes_on_a_synced_plan_and_fails_on_a_stale_one(
    repo: Path, hooks_repo: Path, pre_commit_home: Path
) -> None:
    committed(repo, {"fresh.md": FRESH, "stale.md": STALE})

    passed = try_repo(repo, hooks_repo, pre_commit_home, "plansync-check", "fresh.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout

    failed = try_repo(repo, hooks_repo, pre_commit_home, "plansync-check", "stale.md")
    assert failed.returncode != 0, failed.stdout + failed.stderr
    assert "stale.md:3:1: PS501 region 'summary' is stale" in failed.stdout
    assert (repo / "stale.md").read_bytes() == STALE.encode("utf-8")
    assert git(repo, "status", "--porcelain").stdout == ""
