"""Shared fixtures: where the shared data lives, a clean git environment, a CLI runner."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"

#: Fixed identity and dates so every git repository a test builds is the same everywhere.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Plan Author",
    "GIT_AUTHOR_EMAIL": "plan@example.org",
    "GIT_COMMITTER_NAME": "Plan Author",
    "GIT_COMMITTER_EMAIL": "plan@example.org",
    "GIT_AUTHOR_DATE": "2025-10-22T10:00:00+00:00",
    "GIT_COMMITTER_DATE": "2025-10-22T10:00:00+00:00",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when that folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(autouse=True)
def _clean_git_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No GIT_* variable from the caller (a hook, CI) leaks into a test; HOME is private."""
    for name in list(os.environ):
        if name.startswith("GIT_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(
        ["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True
    )


def commit_all(repo: Path, message: str, date: str, committer_date: str | None = None) -> None:
    """Stage everything and commit with the given author (and committer) date."""
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": committer_date or date}
    for args in (["add", "-A"], ["commit", "-q", "--allow-empty", "-m", message]):
        subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """An empty git repository with a fixed identity."""
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    return path
