"""Reading ``git log -p`` output: file paths (quoted, with spaces, renamed), added files, and
only the hunks of the files asked for."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from plansync.dates.gitlog import Commit, _pathspecs, _unquote, parse_log
from plansync.dates.history import task_key

from .conftest import GIT_ENV, commit_all, git


def log_of(repo: Path, reads: set[str] | None = None) -> list[Commit]:
    """The repository's whole history as ``Repository.commits`` reads it (rename detection on)."""
    out = subprocess.run(
        ["git", "-C", str(repo), "-c", "core.quotepath=false", "log", "-p", "-U0", "-M", "--src-prefix=a/",
         "--dst-prefix=b/", "--format=%x00%H %aI"],
        env={**os.environ, **GIT_ENV}, capture_output=True, check=True,
    ).stdout  # fmt: skip
    return list(parse_log(out.splitlines(keepends=True), lambda p: reads is None or p in reads, task_key))


def write(repo: Path, name: str, text: str) -> None:
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("printed", "path"),
    [
        ("plan.md", "plan.md"),
        ('"tab\\tname.md"', "tab\tname.md"),
        ('"say \\"hi\\".md"', 'say "hi".md'),
        ('"back\\\\slash.md"', "back\\slash.md"),
        ('"\\350\\256\\241\\345\\210\\222.md"', "计划.md"),  # octal bytes when core.quotepath is on
        ('"', '"'),
    ],
)
def test_paths_as_git_prints_them(printed: str, path: str) -> None:
    assert _unquote(printed) == path


def test_pathspecs_cover_the_suffixes_and_plain_names() -> None:
    assert _pathspecs(["a/x.md", "b.md", "c.markdown", "README", "w[1].md"]) == [
        ":(glob)**/*.markdown",
        ":(glob)**/*.md",
        ":(literal)README",
    ]


def test_added_renamed_and_quoted_files(repo: Path) -> None:
    write(repo, "sp ace.md", "- [ ] b\n")
    write(repo, "tab\tname.md", "- [x] a\n")
    commit_all(repo, "add", "2025-03-01T10:00:00+00:00")
    (repo / "docs").mkdir()
    git(repo, "mv", "sp ace.md", "docs/moved sp.md")
    commit_all(repo, "rename", "2025-03-02T10:00:00+00:00")
    write(repo, "docs/moved sp.md", "- [x] b\n")
    commit_all(repo, "tick", "2025-03-03T10:00:00+00:00")
    tick, rename, add = log_of(repo)
    assert [c.day for c in (tick, rename, add)] == ["2025-03-03", "2025-03-02", "2025-03-01"]
    assert [(c.path, c.old_path, c.created, c.hunks) for c in tick.changes] == [
        ("docs/moved sp.md", None, False, [([(False, "b")], [(True, "b")])])
    ]
    assert [(c.path, c.old_path, c.created, c.hunks) for c in rename.changes] == [
        ("docs/moved sp.md", "sp ace.md", False, [])
    ]
    assert sorted((c.path, c.created, c.hunks) for c in add.changes) == [
        ("sp ace.md", True, [([], [(False, "b")])]),
        ("tab\tname.md", True, [([], [(True, "a")])]),
    ]


def test_hunks_only_for_the_files_asked_for(repo: Path) -> None:
    write(repo, "wanted.md", "- [x] one\n")
    write(repo, "other.md", "- [x] two\n")
    commit_all(repo, "add", "2025-03-01T10:00:00+00:00")
    (only,) = log_of(repo, reads={"wanted.md"})
    assert sorted((c.path, c.hunks) for c in only.changes) == [
        ("other.md", []),
        ("wanted.md", [([], [(True, "one")])]),
    ]


def test_deleted_file_keeps_its_path(repo: Path) -> None:
    write(repo, "gone.md", "- [x] one\n")
    commit_all(repo, "add", "2025-03-01T10:00:00+00:00")
    (repo / "gone.md").unlink()
    commit_all(repo, "delete", "2025-03-02T10:00:00+00:00")
    delete, _ = log_of(repo)
    assert [(c.path, c.created, c.hunks) for c in delete.changes] == [
        ("gone.md", False, [([(True, "one")], [])])
    ]
