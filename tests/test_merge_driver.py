"""``plansync install-merge-driver`` / ``uninstall-merge-driver``: the two config keys, the
``.gitattributes`` lines, idempotence, custom patterns, the user's own lines left alone, the
interpreter fallback when ``plansync`` is not on PATH, and the refusal outside a repository."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .test_hook import plansync
from .test_merging import DONE, assert_merged, environment, g, new_repo, tick, two_sides, write

ATTR = "*.md merge=plansync"
DRIVER = "plansync merge %O %A %B %P"


def config(repo: Path) -> dict[str, list[str]]:
    """Every ``merge.plansync.*`` key of the repository's own configuration, with its values."""
    out = g(repo, "config", "--local", "--get-regexp", r"^merge\.plansync\.", check=False).stdout
    found: dict[str, list[str]] = {}
    for line in out.splitlines():
        key, _, value = line.partition(" ")
        found.setdefault(key, []).append(value)
    return found


def attribute(repo: Path, path: str) -> str:
    """What ``git check-attr merge`` says of ``path``: ``plansync``, ``unspecified``…"""
    return g(repo, "check-attr", "merge", "--", path).stdout.strip().rsplit(": ", 1)[1]


def plain_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    g(repo, "init", "-q", "-b", "main")
    return repo


def test_install_twice_sets_the_keys_and_one_attribute_line(tmp_path: Path) -> None:
    repo = plain_repo(tmp_path)
    first = plansync(repo, "install-merge-driver")
    second = plansync(repo, "install-merge-driver")
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert first.stdout.startswith("plansync: merge driver installed")
    assert second.stdout == first.stdout
    keys = config(repo)
    assert keys["merge.plansync.driver"] == [DRIVER]
    assert len(keys["merge.plansync.name"]) == 1 and "plansync" in keys["merge.plansync.name"][0]
    assert (repo / ".gitattributes").read_bytes() == f"{ATTR}\n".encode()
    assert attribute(repo, "plan.md") == "plansync"
    assert attribute(repo, "docs/deep/notes.md") == "plansync"
    assert attribute(repo, "plan.txt") == "unspecified"


def test_install_from_a_subdirectory_writes_at_the_top(tmp_path: Path) -> None:
    repo = plain_repo(tmp_path)
    sub = repo / "docs" / "plans"
    sub.mkdir(parents=True)
    assert plansync(sub, "install-merge-driver").returncode == 0
    assert (repo / ".gitattributes").exists() and not (sub / ".gitattributes").exists()
    assert plansync(sub, "uninstall-merge-driver").returncode == 0
    assert not (repo / ".gitattributes").exists()
    assert config(repo) == {}


def test_custom_pattern_twice(tmp_path: Path) -> None:
    repo = plain_repo(tmp_path)
    for _ in range(2):
        done = plansync(repo, "install-merge-driver", "--pattern", "docs/*.md", "--pattern", "ROADMAP.md")
        assert done.returncode == 0, done.stderr
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == (
        "docs/*.md merge=plansync\nROADMAP.md merge=plansync\n"
    )
    assert attribute(repo, "docs/plan.md") == "plansync"
    assert attribute(repo, "ROADMAP.md") == "plansync"
    assert attribute(repo, "plan.md") == "unspecified"
    assert plansync(repo, "install-merge-driver").returncode == 0  # the default pattern is added
    assert (repo / ".gitattributes").read_text(encoding="utf-8").splitlines()[-1] == ATTR
    done = plansync(repo, "uninstall-merge-driver", "--pattern", "docs/*.md")
    assert done.returncode == 0
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == f"ROADMAP.md merge=plansync\n{ATTR}\n"
    assert attribute(repo, "docs/plan.md") == "plansync"  # still matched by *.md
    assert config(repo) == {}  # the keys go with any uninstall


def test_uninstall_leaves_the_users_lines_byte_identical(tmp_path: Path) -> None:
    repo = plain_repo(tmp_path)
    own = "# the team's attributes\n*.png binary\n\ndocs/*.md linguist-documentation   \n*.sh text eol=lf\n"
    attributes = write(repo / ".gitattributes", own)
    assert plansync(repo, "install-merge-driver").returncode == 0
    assert attributes.read_text(encoding="utf-8") == own + f"{ATTR}\n"
    assert attribute(repo, "plan.md") == "plansync"
    assert set(config(repo)) == {"merge.plansync.name", "merge.plansync.driver"}
    for _ in range(2):  # a second uninstall changes nothing
        done = plansync(repo, "uninstall-merge-driver")
        assert done.returncode == 0, done.stderr
        assert done.stdout == "plansync: merge driver removed\n"
        assert attributes.read_bytes() == own.encode()
        assert config(repo) == {}
        assert attribute(repo, "plan.md") == "unspecified"


def test_uninstall_keeps_the_users_other_config(tmp_path: Path) -> None:
    repo = plain_repo(tmp_path)
    g(repo, "config", "merge.other.driver", "other-tool %A")
    g(repo, "config", "merge.conflictStyle", "diff3")
    assert plansync(repo, "install-merge-driver").returncode == 0
    assert plansync(repo, "uninstall-merge-driver").returncode == 0
    assert g(repo, "config", "merge.other.driver").stdout.strip() == "other-tool %A"
    assert g(repo, "config", "merge.conflictStyle").stdout.strip() == "diff3"
    assert not (repo / ".gitattributes").exists()


def test_uninstall_without_an_install_changes_nothing(tmp_path: Path) -> None:
    repo = plain_repo(tmp_path)
    done = plansync(repo, "uninstall-merge-driver")
    assert done.returncode == 0, done.stderr
    assert not (repo / ".gitattributes").exists()
    assert sorted(p.name for p in repo.iterdir()) == [".git"]


def test_uninstall_after_a_gitattributes_without_final_newline_keeps_its_lines(tmp_path: Path) -> None:
    """Install must end the user's last line to add its own; uninstall keeps that line ending
    (it cannot know the file once lacked it, and a text file ends in one)."""
    repo = plain_repo(tmp_path)
    own = b"*.png binary"
    (repo / ".gitattributes").write_bytes(own)
    assert plansync(repo, "install-merge-driver").returncode == 0
    assert (repo / ".gitattributes").read_bytes() == own + f"\n{ATTR}\n".encode()
    assert plansync(repo, "uninstall-merge-driver").returncode == 0
    assert (repo / ".gitattributes").read_bytes() == own + b"\n"


def test_crlf_gitattributes_keeps_its_line_endings(tmp_path: Path) -> None:
    repo = plain_repo(tmp_path)
    own = b"*.png binary\r\ndocs/*.md linguist-documentation\r\n"
    (repo / ".gitattributes").write_bytes(own)
    assert plansync(repo, "install-merge-driver").returncode == 0
    assert (repo / ".gitattributes").read_bytes().startswith(own)
    assert plansync(repo, "uninstall-merge-driver").returncode == 0
    assert (repo / ".gitattributes").read_bytes() == own


@pytest.mark.parametrize("command", ["install-merge-driver", "uninstall-merge-driver"])
def test_outside_a_repository_is_refused_in_one_line(tmp_path: Path, command: str) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    done = plansync(plain, command, GIT_CEILING_DIRECTORIES=str(tmp_path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert "not inside a git repository" in done.stderr
    assert list(plain.iterdir()) == []


def test_a_missing_version_is_refused_in_one_line_and_current_untouched(tmp_path: Path) -> None:
    current = tmp_path / "current.md"
    current.write_bytes(b"# Plan\n\n- [x] a\n")
    (tmp_path / "other.md").write_bytes(b"# Plan\n\n- [ ] a\n")
    done = plansync(tmp_path, "merge", "missing.md", "current.md", "other.md", "plan.md")
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["missing.md: no such file"]
    assert current.read_bytes() == b"# Plan\n\n- [x] a\n"


def test_outside_a_repository_message_names_no_placeholder(tmp_path: Path) -> None:
    done = plansync(tmp_path, "install-merge-driver", GIT_CEILING_DIRECTORIES=str(tmp_path))
    assert "<text>" not in done.stderr


def test_driver_falls_back_to_the_interpreter_when_plansync_is_not_on_path(tmp_path: Path) -> None:
    """Installed from an environment where ``plansync`` is not on PATH, the driver names this
    interpreter, and git runs it with that PATH: the merge is clean."""
    git_dir = Path(shutil.which("git") or "/usr/bin/git").parent
    bare_path = str(git_dir)
    assert shutil.which("plansync", path=bare_path) is None
    repo = new_repo(tmp_path / "repo", driver=False)
    done = plansync(repo, "install-merge-driver", PATH=bare_path)
    assert done.returncode == 0, done.stderr
    assert config(repo)["merge.plansync.driver"] == [
        f"{shlex.quote(sys.executable)} -m plansync merge %O %A %B %P"
    ]
    g(repo, "add", "-A")
    g(repo, "commit", "-q", "-m", "driver")
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", "pour the footings"),
        lambda: tick(repo, "2025-11-02", "fix the rafters"),
    )
    merged = subprocess.run(
        ["git", "merge", "-q", "--no-edit", "a"],
        cwd=repo,
        env={**environment("2025-11-03"), "PATH": bare_path},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_merged(repo, merged, DONE + 2, "pour the footings", "fix the rafters")


def test_reinstall_from_another_environment_replaces_the_driver(tmp_path: Path) -> None:
    repo = plain_repo(tmp_path)
    git_dir = str(Path(shutil.which("git") or "/usr/bin/git").parent)
    assert plansync(repo, "install-merge-driver", PATH=git_dir).returncode == 0
    assert plansync(repo, "install-merge-driver").returncode == 0
    assert config(repo)["merge.plansync.driver"] == [DRIVER]
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == f"{ATTR}\n"


def test_attribute_without_the_driver_configured_falls_back_to_git(tmp_path: Path) -> None:
    """A clone that has the committed ``.gitattributes`` line but never ran the install: git's
    own merge, so the regenerated regions conflict (``plansync resolve`` settles them)."""
    repo = new_repo(tmp_path / "repo")
    assert plansync(repo, "uninstall-merge-driver").returncode == 0
    write(repo / ".gitattributes", f"{ATTR}\n")  # as committed: only the keys are gone
    assert g(repo, "status", "--porcelain").stdout == ""
    assert config(repo) == {}
    two_sides(
        repo,
        lambda: tick(repo, "2025-11-01", "pour the footings"),
        lambda: tick(repo, "2025-11-02", "fix the rafters"),
    )
    merged = g(repo, "merge", "-q", "--no-edit", "a", day="2025-11-03", check=False)
    assert merged.returncode != 0
    resolved = plansync(repo, "resolve", "plan.md")
    assert_merged(repo, resolved, DONE + 2, "pour the footings", "fix the rafters")
