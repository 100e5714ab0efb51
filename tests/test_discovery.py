"""Which files plansync works on by default: tracked Markdown files holding markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansync.document.sniff import has_markers
from plansync.workspace.discovery import (
    discover,
    git_markdown_files,
    inside_git_dir,
    select,
    untracked_markdown_files,
    walk_markdown_files,
)

from .conftest import git

MARKED = "# Plan\n\n<!-- plansync:begin summary -->\n<!-- plansync:end summary -->\n\n- [ ] one\n"
PLAIN = "# Notes\n\n- [ ] nothing generated here\n"

# (path, text, tracked, expected to be discovered)
LAYOUT = [
    ("plan.md", MARKED, True, True),
    ("docs/roadmap.md", MARKED, True, True),
    ("docs/deep/er/plan.markdown", MARKED, True, True),
    ("计划.md", MARKED, True, True),
    ("学习/第一阶段 计划.md", MARKED, True, True),
    ("my plan.md", MARKED, True, True),
    ("notes.md", PLAIN, True, False),
    ("docs/readme.md", PLAIN, True, False),
    ("draft.md", MARKED, False, False),
    ("docs/untracked plan.md", MARKED, False, False),
    ("plan.txt", MARKED, True, False),
]


def build(root: Path, layout: list[tuple[str, str, bool, bool]]) -> None:
    for name, text, tracked, _ in layout:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if tracked:
            git(root, "add", "--", name)


def expected(layout: list[tuple[str, str, bool, bool]]) -> list[Path]:
    return sorted(Path(name) for name, _, _, wanted in layout if wanted)


def test_discover_finds_tracked_marked_markdown(repo: Path) -> None:
    build(repo, LAYOUT)
    git(repo, "commit", "-q", "-m", "plans")
    found = discover(repo, has_markers)
    assert found == expected(LAYOUT)
    for path in found:
        assert not path.is_absolute()
        assert has_markers((repo / path).read_bytes())


def test_discover_sees_staged_files_before_any_commit(repo: Path) -> None:
    build(repo, LAYOUT)
    assert discover(repo, has_markers) == expected(LAYOUT)


@pytest.mark.parametrize("name", ["计划.md", "my plan.md", "学习/第一阶段 计划.md", "naïve plan.md"])
def test_unusual_names_come_back_exactly(repo: Path, name: str) -> None:
    build(repo, [(name, MARKED, True, True), ("other.md", PLAIN, True, False)])
    found = git_markdown_files(repo)
    assert found is not None
    assert Path(name) in found
    assert (repo / name).read_text(encoding="utf-8") == MARKED
    assert discover(repo, has_markers) == [Path(name)]


def test_git_markdown_files_lists_tracked_markdown_only(repo: Path) -> None:
    build(repo, LAYOUT)
    found = git_markdown_files(repo)
    assert found is not None
    tracked_md = sorted(Path(n) for n, _, tracked, _ in LAYOUT if tracked and not n.endswith(".txt"))
    assert sorted(found) == tracked_md


def test_git_markdown_files_skips_tracked_files_deleted_from_disk(repo: Path) -> None:
    build(repo, [("plan.md", MARKED, True, True), ("gone.md", MARKED, True, False)])
    (repo / "gone.md").unlink()
    assert git_markdown_files(repo) == [Path("plan.md")]


def test_git_markdown_files_in_a_subdirectory_is_relative_to_it(repo: Path) -> None:
    build(repo, LAYOUT)
    found = git_markdown_files(repo / "docs")
    assert found is not None
    assert sorted(found) == sorted([Path("roadmap.md"), Path("deep/er/plan.markdown"), Path("readme.md")])


def test_git_markdown_files_is_none_outside_git(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "plan.md").write_text(MARKED, encoding="utf-8")
    assert git_markdown_files(plain) is None


WALK = {
    "plan.md": MARKED,
    "notes.md": PLAIN,
    "a/b/plan.markdown": MARKED,
    "计划.md": MARKED,
    "with space/plan.md": MARKED,
    "readme.txt": MARKED,
    ".hidden/plan.md": MARKED,
    "a/.git/plan.md": MARKED,
    "node_modules/pkg/README.md": MARKED,
    "a/node_modules/plan.md": MARKED,
    "__pycache__/plan.md": MARKED,
    "venv/plan.md": MARKED,
}
WALK_FOUND = ["plan.md", "notes.md", "a/b/plan.markdown", "计划.md", "with space/plan.md"]


def make_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_walk_skips_hidden_and_vendored_directories(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    make_tree(root, WALK)
    found = walk_markdown_files(root)
    assert sorted(found) == sorted(Path(n) for n in WALK_FOUND)
    assert all(not p.is_absolute() for p in found)


def test_discover_falls_back_to_walking_outside_git(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    make_tree(root, WALK)
    assert discover(root, has_markers) == sorted(Path(n) for n in WALK_FOUND if WALK[n] == MARKED)


@pytest.mark.parametrize(
    ("data", "wanted"),
    [
        (b"<!-- plansync:begin summary -->", True),
        (b"<!-- PlanSync : begin -->", True),  # near misses count, so they get reported
        ("计划 <!-- plansync:end progress -->".encode(), True),
        (b"# plansync without colon\n", False),
        (b"", False),
    ],
)
def test_has_markers(data: bytes, wanted: bool) -> None:
    assert has_markers(data) is wanted


# --- what was not searched: told when nothing is found -----------------------------------------


def test_untracked_markdown_files_lists_untracked_unignored_markdown(repo: Path) -> None:
    build(repo, LAYOUT)
    (repo / ".gitignore").write_text("ignored.md\n", encoding="utf-8")
    (repo / "ignored.md").write_text(MARKED, encoding="utf-8")
    untracked = untracked_markdown_files(repo)
    assert untracked == [Path("docs/untracked plan.md"), Path("draft.md")]
    assert untracked_markdown_files(repo / "docs") == [Path("untracked plan.md")]
    assert select(repo, untracked, has_markers) == untracked


def test_untracked_markdown_files_is_none_outside_git(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "plan.md").write_text(MARKED, encoding="utf-8")
    assert untracked_markdown_files(plain) is None
    assert not inside_git_dir(plain)


def test_inside_git_dir(repo: Path) -> None:
    assert inside_git_dir(repo / ".git")
    assert not inside_git_dir(repo)
