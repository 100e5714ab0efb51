"""Tick dates from git history: task identity, edits, moves, renames, odd repositories."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from plansync.dates.history import (
    FileHistory,
    HistoryUnavailable,
    Undated,
    first_commit_day,
    read_histories,
    task_key,
    tick_dates,
)

from .conftest import GIT_ENV, commit_all, git


def save(repo: Path, name: str, lines: list[str], date: str, message: str = "edit") -> Path:
    """Write ``lines`` to ``repo/name`` and commit them on ``date``."""
    path = repo / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    commit_all(repo, message, date)
    return path


def day(n: int) -> str:
    return f"2025-03-{n:02d}T12:00:00+00:00"


# -- task_key ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- [x] a", (True, "a")),
        ("* [X] a", (True, "a")),
        ("+ [x] a", (True, "a")),
        ("1. [x] a", (True, "a")),
        ("1) [ ] a", (False, "a")),
        ("  - [x] a", (True, "a")),
        ("\t- [x] a", (True, "a")),
        ("> - [x] a", (True, "a")),
        ("> > - [ ] a", (False, "a")),
        ("- [x] a ✅ 2025-01-02", (True, "a")),
        ("- [x] a ✅2025-01-02  ", (True, "a")),
        ("- [x] a   b\t c", (True, "a b c")),
        ("- [x] a  ", (True, "a")),
        ("- [/] a", (False, "a")),
        ("- [-] a", (False, "a")),
        ("- [ ] a ✅ 2025-01-02 later", (False, "a ✅ 2025-01-02 later")),
    ],
)
def test_task_key_of_task_lines(line: str, expected: tuple[bool, str]) -> None:
    assert task_key(line) == expected


@pytest.mark.parametrize("line", ["- [x]a", "text", "", "- [y] a", "-[x] a", "[x] a", "- [] a", "## [x] a"])
def test_task_key_of_other_lines_is_none(line: str) -> None:
    assert task_key(line) is None


def test_stamp_and_indent_do_not_change_identity() -> None:
    keys = {
        task_key(line) for line in ["- [x] ship it", "    * [X] ship it ✅ 2024-12-31", "> 3. [x] ship  it"]
    }
    assert keys == {(True, "ship it")}


# -- tick dates ---------------------------------------------------------------------------------


def test_tick_date_survives_later_commits_on_other_lines(repo: Path) -> None:
    plan = save(repo, "plan.md", ["# P", "", "- [ ] a", "- [ ] b", "- [ ] c"], day(1))
    save(repo, "plan.md", ["# P", "", "- [x] a", "- [ ] b", "- [ ] c"], "2025-03-04T09:00:00+00:00")
    save(repo, "plan.md", ["# P", "", "- [x] a", "- [x] b", "- [ ] c"], day(10))
    save(repo, "plan.md", ["# Plan", "", "Intro.", "", "- [x] a", "- [x] b", "- [ ] c", "- [ ] d"], day(20))
    assert tick_dates(plan, ["a", "b"]) == {"a": "2025-03-04", "b": "2025-03-10"}


def test_ticked_unticked_ticked_again_gives_the_last_tick(repo: Path) -> None:
    save(repo, "plan.md", ["- [ ] a", "- [ ] b"], day(1))
    save(repo, "plan.md", ["- [x] a", "- [ ] b"], day(2))
    save(repo, "plan.md", ["- [ ] a", "- [ ] b"], day(3))
    plan = save(repo, "plan.md", ["- [x] a", "- [ ] b"], day(4))
    assert tick_dates(plan, ["a"]) == {"a": "2025-03-04"}


def test_unticked_in_head_and_reticked_in_working_copy_is_uncommitted(repo: Path) -> None:
    save(repo, "plan.md", ["- [ ] a", "- [x] b"], day(1))
    save(repo, "plan.md", ["- [x] a", "- [x] b"], day(2))
    plan = save(repo, "plan.md", ["- [ ] a", "- [x] b"], day(3))
    plan.write_text("- [x] a\n- [x] b\n", encoding="utf-8")  # ticked again, not committed
    assert tick_dates(plan, ["a", "b"]) == {"a": Undated.UNCOMMITTED, "b": "2025-03-01"}


def test_tick_only_in_working_copy_is_uncommitted(repo: Path) -> None:
    plan = save(repo, "plan.md", ["- [ ] a", "- [x] b"], day(1))
    plan.write_text("- [x] a\n- [x] b\n- [x] brand new\n", encoding="utf-8")
    assert tick_dates(plan, ["a", "b", "brand new"]) == {
        "a": Undated.UNCOMMITTED,
        "b": "2025-03-01",
        "brand new": Undated.UNCOMMITTED,
    }


def test_task_added_already_done_is_dated_by_its_commit(repo: Path) -> None:
    save(repo, "plan.md", ["# P", "", "- [x] first"], day(1))
    plan = save(repo, "plan.md", ["# P", "", "- [x] first", "- [x] added done"], day(5))
    save(repo, "plan.md", ["# P", "", "- [x] first", "- [x] added done", "- [ ] open"], day(9))
    assert tick_dates(plan, ["first", "added done"]) == {"first": "2025-03-01", "added done": "2025-03-05"}


def test_text_edited_after_the_tick_keeps_the_tick_date(repo: Path) -> None:
    save(repo, "plan.md", ["- [ ] a", "- [ ] b"], day(1))
    save(repo, "plan.md", ["- [x] a", "- [ ] b"], day(2))
    plan = save(repo, "plan.md", ["- [x] a (revised)", "- [ ] b"], day(7))
    assert tick_dates(plan, ["a (revised)"]) == {"a (revised)": "2025-03-02"}


def test_done_task_moved_keeps_its_tick_date(repo: Path) -> None:
    save(repo, "plan.md", ["## One", "", "- [ ] a", "- [ ] b", "", "## Two", "", "- [ ] c"], day(1))
    save(repo, "plan.md", ["## One", "", "- [x] a", "- [ ] b", "", "## Two", "", "- [ ] c"], day(2))
    plan = save(repo, "plan.md", ["## One", "", "- [ ] b", "", "## Two", "", "- [ ] c", "- [x] a"], day(8))
    assert tick_dates(plan, ["a"]) == {"a": "2025-03-02"}


def test_dates_from_before_a_rename_are_found(repo: Path) -> None:
    save(repo, "plan.md", ["# A plan", "", "- [ ] a", "- [ ] b"], day(1))
    save(repo, "plan.md", ["# A plan", "", "- [x] a", "- [ ] b"], day(3))
    git(repo, "mv", "plan.md", "roadmap.md")
    commit_all(repo, "rename", day(6))
    plan = save(repo, "roadmap.md", ["# A plan", "", "- [x] a", "- [x] b"], day(9))
    assert tick_dates(plan, ["a", "b"]) == {"a": "2025-03-03", "b": "2025-03-09"}


def test_duplicate_done_texts_are_ambiguous(repo: Path) -> None:
    save(repo, "plan.md", ["- [ ] same", "- [ ] other"], day(1))
    plan = save(repo, "plan.md", ["- [x] same", "- [x] other", "- [x] same"], day(2))
    assert tick_dates(plan, ["same", "other", "same"]) == {"same": Undated.AMBIGUOUS, "other": "2025-03-02"}


@pytest.mark.parametrize("name", ["计划.md", "my plan.md", "docs/学习 计划.md"])
def test_unusual_file_names(repo: Path, name: str) -> None:
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    save(repo, name, ["- [ ] 任务一", "- [ ] b"], day(1))
    save(repo, name, ["- [x] 任务一", "- [ ] b"], day(2))
    plan = save(repo, name, ["- [x] 任务一", "- [x] b"], day(3))
    assert tick_dates(plan, ["任务一", "b"]) == {"任务一": "2025-03-02", "b": "2025-03-03"}


def test_a_nul_byte_does_not_make_git_hide_the_diff(repo: Path) -> None:
    """git takes a file holding NUL for binary and shows no hunks, unless asked for text."""
    save(repo, "plan.md", ["notes \x00 here", "- [ ] a"], day(1))
    plan = save(repo, "plan.md", ["notes \x00 here", "- [x] a"], day(2))
    assert tick_dates(plan, ["a"]) == {"a": "2025-03-02"}


@pytest.fixture
def far_east_tz() -> Iterator[None]:
    """The process runs at UTC+14, where most of the world's evening is already tomorrow."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "Pacific/Kiritimati")
        time.tzset()
        yield
    time.tzset()


def test_the_author_date_decides_not_the_committer_date(repo: Path) -> None:
    save(repo, "plan.md", ["- [ ] a"], day(1))
    (repo / "plan.md").write_text("- [x] a\n", encoding="utf-8")
    commit_all(repo, "tick", "2025-03-04T10:00:00+00:00", committer_date="2025-03-09T10:00:00+00:00")
    assert tick_dates(repo / "plan.md", ["a"]) == {"a": "2025-03-04"}


@pytest.mark.usefixtures("far_east_tz")
def test_the_commits_own_offset_decides_the_day(repo: Path) -> None:
    assert time.localtime(1741131000).tm_gmtoff == 14 * 3600  # the zone is in effect (2025-03-04)
    save(repo, "plan.md", ["- [ ] late", "- [ ] early"], day(1))
    (repo / "plan.md").write_text("- [x] late\n- [ ] early\n", encoding="utf-8")
    commit_all(repo, "evening in New York", "2025-03-04T23:30:00-05:00")
    (repo / "plan.md").write_text("- [x] late\n- [x] early\n", encoding="utf-8")
    commit_all(repo, "morning in Auckland", "2025-03-10T00:30:00+13:00")
    assert tick_dates(repo / "plan.md", ["late", "early"]) == {"late": "2025-03-04", "early": "2025-03-10"}


def test_detached_head(repo: Path) -> None:
    save(repo, "plan.md", ["- [ ] a", "- [ ] b"], day(1))
    save(repo, "plan.md", ["- [x] a", "- [ ] b"], day(2))
    git(repo, "checkout", "-q", "--detach")
    plan = save(repo, "plan.md", ["- [x] a", "- [x] b"], day(4))
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip() == "HEAD"
    assert tick_dates(plan, ["a", "b"]) == {"a": "2025-03-02", "b": "2025-03-04"}


def test_empty_repository_dates_every_done_task_uncommitted(repo: Path) -> None:
    plan = repo / "plan.md"
    plan.write_text("- [x] a\n- [x] b\n", encoding="utf-8")
    assert tick_dates(plan, ["a", "b"]) == {"a": Undated.UNCOMMITTED, "b": Undated.UNCOMMITTED}


def test_untracked_file_in_a_repository_with_commits(repo: Path) -> None:
    save(repo, "other.md", ["- [x] a"], day(1))
    plan = repo / "plan.md"
    plan.write_text("- [x] a\n", encoding="utf-8")
    assert tick_dates(plan, ["a"]) == {"a": Undated.UNCOMMITTED}


def test_no_repository_raises(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    plan = folder / "plan.md"
    plan.write_text("- [x] a\n", encoding="utf-8")
    with pytest.raises(HistoryUnavailable) as info:
        tick_dates(plan, ["a"])
    assert "not in a git repository" in str(info.value)
    assert info.value.exit_code == 0


SHALLOW_TASKS = ["one", "two", "three", "four", "five"]


@pytest.fixture
def deep(repo: Path) -> Path:
    """Five commits on distinct days, commit n ticking task n (the first one also adds them all)."""
    for n in range(1, 6):
        lines = ["# Plan", ""] + [f"- [{'x' if i < n else ' '}] {t}" for i, t in enumerate(SHALLOW_TASKS)]
        save(repo, "plan.md", lines, day(n), f"tick {n}")
    return repo


def shallow_clone(source: Path, depth: int) -> Path:
    target = source.parent / f"shallow-{depth}"
    subprocess.run(
        ["git", "clone", "-q", f"--depth={depth}", source.as_uri(), str(target)],
        env={**os.environ, **GIT_ENV},
        check=True,
        capture_output=True,
    )
    assert git(target, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    return target


def test_deep_history_dates_every_task(deep: Path) -> None:
    dates = tick_dates(deep / "plan.md", SHALLOW_TASKS)
    assert dates == {t: f"2025-03-0{n}" for n, t in enumerate(SHALLOW_TASKS, start=1)}


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_shallow_clone_never_dates_by_the_boundary_commit(deep: Path, depth: int) -> None:
    clone = shallow_clone(deep, depth)
    dates = tick_dates(clone / "plan.md", SHALLOW_TASKS)
    boundary = 6 - depth  # the oldest commit in the clone: its diff shows every line as added
    for n, text in enumerate(SHALLOW_TASKS, start=1):
        if n > boundary:
            assert dates[text] == f"2025-03-0{n}", text  # ticked inside the depth
        elif n == boundary:
            assert dates[text] in (f"2025-03-0{n}", Undated.BEYOND_HISTORY), text
        else:
            assert dates[text] is Undated.BEYOND_HISTORY, text


def test_shallow_clone_with_later_unrelated_commits(deep: Path) -> None:
    save(deep, "plan.md", ["# Plan", "", "Notes.", ""] + [f"- [x] {t}" for t in SHALLOW_TASKS], day(7))
    save(deep, "notes.txt", ["unrelated"], day(8))
    clone = shallow_clone(deep, 1)
    dates = tick_dates(clone / "plan.md", SHALLOW_TASKS)
    assert dates == dict.fromkeys(SHALLOW_TASKS, Undated.BEYOND_HISTORY)


# -- many files in one pass ---------------------------------------------------------------------


def many_plans(repo: Path) -> dict[str, list[str]]:
    """Four plans ticked over five commits, one renamed into a folder and one with a name git
    quotes; the texts each one has done at the end."""
    save(repo, "a.md", ["- [ ] a1", "- [ ] a2"], day(1))
    save(repo, 'odd "name".md', ["- [ ] q1", "- [x] q2"], day(2))
    save(repo, "a.md", ["- [x] a1", "- [ ] a2"], day(3))
    save(repo, "plan.md", ["# P", "", "- [x] p1", "- [ ] p2", "- [ ] p3"], day(4))
    (repo / "docs").mkdir()
    git(repo, "mv", "plan.md", "docs/roadmap.md")
    save(repo, "docs/roadmap.md", ["# P", "", "- [x] p1", "- [x] p2", "- [ ] p3"], day(5))
    save(repo, 'odd "name".md', ["- [x] q1", "- [x] q2"], day(6))
    save(repo, "b.md", ["- [x] b1"], day(7))
    return {"a.md": ["a1"], 'odd "name".md': ["q1", "q2"], "docs/roadmap.md": ["p1", "p2"], "b.md": ["b1"]}


def test_many_files_read_in_one_pass_agree_with_each_file_alone(repo: Path) -> None:
    done = many_plans(repo)
    together = read_histories({repo / name: texts for name, texts in done.items()}, starts=True)
    for name, texts in done.items():
        found = together[repo / name]
        assert isinstance(found, FileHistory)
        assert found.ticks == tick_dates(repo / name, texts), name
        assert found.first_day == first_commit_day(repo / name), name
    assert together[repo / "docs/roadmap.md"] == FileHistory(
        {"p1": "2025-03-04", "p2": "2025-03-05"}, "2025-03-04"
    )
    assert together[repo / 'odd "name".md'] == FileHistory(
        {"q1": "2025-03-06", "q2": "2025-03-02"}, "2025-03-02"
    )


def test_many_files_cost_one_git_log(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    done = many_plans(repo)
    trace = tmp_path / "trace.txt"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    read_histories({repo / name: texts for name, texts in done.items()}, starts=True)
    commands = [
        line for line in trace.read_text(encoding="utf-8").splitlines() if "trace: built-in: git" in line
    ]
    assert sum(" log " in line for line in commands) == 1, commands


def test_files_in_two_repositories_and_outside_any(repo: Path, tmp_path: Path) -> None:
    first = save(repo, "plan.md", ["- [x] one"], day(1))
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q", "-b", "main")
    second = save(other, "plan.md", ["- [x] one"], day(2))
    loose = tmp_path / "loose" / "plan.md"
    loose.parent.mkdir()
    loose.write_text("- [x] one\n", encoding="utf-8")
    found = read_histories({first: ["one"], second: ["one"], loose: ["one"]}, starts=True)
    assert found[first] == FileHistory({"one": "2025-03-01"}, "2025-03-01")
    assert found[second] == FileHistory({"one": "2025-03-02"}, "2025-03-02")
    assert isinstance(found[loose], HistoryUnavailable)


def test_a_file_never_committed_has_no_first_day(repo: Path) -> None:
    save(repo, "plan.md", ["- [x] one"], day(1))
    fresh = repo / "fresh.md"
    fresh.write_text("- [x] new\n", encoding="utf-8")
    found = read_histories({repo / "plan.md": ["one"], fresh: ["new"]}, starts=True)
    assert found[fresh] == FileHistory({"new": Undated.UNCOMMITTED}, None)
    assert found[repo / "plan.md"] == FileHistory({"one": "2025-03-01"}, "2025-03-01")


def test_first_day_beyond_a_shallow_cut(deep: Path) -> None:
    save(deep, "other.md", ["- [x] later"], day(8))
    clone = shallow_clone(deep, 2)
    found = read_histories({clone / "plan.md": [], clone / "other.md": ["later"]}, starts=True)
    assert found[clone / "plan.md"] == FileHistory({}, Undated.BEYOND_HISTORY)
    assert found[clone / "other.md"] == FileHistory({"later": "2025-03-08"}, "2025-03-08")
    with pytest.raises(HistoryUnavailable, match="beyond this shallow clone"):
        first_commit_day(clone / "plan.md")
