"""TaskDater: a task's ✅ stamp first, then git history, and the date of a finished group."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from plansync.api import load_with_dates, parse
from plansync.dates.dater import TaskDater
from plansync.document.stamps import stamp_of

from .conftest import GIT_ENV, commit_all

TODAY = "2026-01-02"


def save(repo: Path, text: str, date: str, name: str = "plan.md") -> Path:
    path = repo / name
    path.write_text(text, encoding="utf-8")
    commit_all(repo, "edit", date)
    return path


def dater_for(path: Path, history: bool = True, today: str | None = TODAY) -> TaskDater:
    """A dater for the file on disk, dating unseen ticks ``today``."""
    text = path.read_text(encoding="utf-8")
    return TaskDater(parse(text), text, path, history, today)


def index_of(dater: TaskDater, text: str) -> int:
    return next(i for i, t in enumerate(dater.plan.tasks) if t.text.startswith(text))


PLAN_V1 = "# P\n\n## A\n\n- [ ] a1\n- [ ] a2\n- [ ] stamped\n- [/] doing\n- [-] dropped\n- [ ] open\n"


@pytest.fixture
def dated(repo: Path) -> Path:
    """a1 ticked on 2025-04-01, a2 on 2025-04-05, 'stamped' committed with an older stamp."""
    save(repo, PLAN_V1, "2025-03-20T10:00:00+00:00")
    text = PLAN_V1.replace("- [ ] a1", "- [x] a1").replace("- [ ] stamped", "- [x] stamped ✅ 2025-01-15")
    save(repo, text, "2025-04-01T10:00:00+00:00")
    return save(repo, text.replace("- [ ] a2", "- [x] a2"), "2025-04-05T10:00:00+00:00")


def test_stamp_of() -> None:
    assert stamp_of("write docs ✅ 2025-01-15") == "2025-01-15"
    assert stamp_of("write docs ✅2025-01-15 ") == "2025-01-15"
    assert stamp_of("write docs") is None


def test_done_on_from_history_and_stamp(dated: Path) -> None:
    _, dater = load_with_dates(dated)
    assert dater.done_on(index_of(dater, "a1")) == "2025-04-01"
    assert dater.done_on(index_of(dater, "a2")) == "2025-04-05"
    # The stamp wins over the commit that ticked it (2025-04-01).
    assert dater.done_on(index_of(dater, "stamped")) == "2025-01-15"
    assert dater.note is None


def test_done_on_is_none_for_unfinished_tasks(dated: Path) -> None:
    _, dater = load_with_dates(dated)
    for text in ("doing", "dropped", "open"):
        assert dater.done_on(index_of(dater, text)) is None, text


def test_open_task_with_a_stamp_has_no_done_on() -> None:
    text = "# P\n\n- [ ] later ✅ 2025-01-15\n- [-] gone ✅ 2025-01-16\n"
    dater = TaskDater(parse(text), text, None, use_history=False)
    assert [dater.done_on(i) for i in range(2)] == [None, None]


def test_tick_date_prefers_stamp_then_history_then_today(dated: Path) -> None:
    text = dated.read_text(encoding="utf-8").replace("- [ ] open", "- [x] open")
    dated.write_text(text, encoding="utf-8")
    dater = dater_for(dated)
    assert dater.tick_date(index_of(dater, "stamped")) == "2025-01-15"
    assert dater.tick_date(index_of(dater, "a1")) == "2025-04-01"
    assert dater.tick_date(index_of(dater, "open")) == TODAY  # ticked, not committed yet
    assert dater.done_on(index_of(dater, "open")) is None  # done_on never guesses
    assert dater.tick_date(index_of(dater, "doing")) is None
    assert dater_for(dated, today=None).tick_date(index_of(dater, "open")) is None


def test_completed_on_is_the_latest_tick(dated: Path) -> None:
    dater = dater_for(dated)
    a1, a2, stamped = (index_of(dater, t) for t in ("a1", "a2", "stamped"))
    assert dater.completed_on([a1, a2, stamped]) == "2025-04-05"
    assert dater.completed_on([stamped, a1]) == "2025-04-01"
    assert dater.completed_on([stamped]) == "2025-01-15"


def test_completed_on_skips_unfinished_tasks(dated: Path) -> None:
    dater = dater_for(dated)
    indices = [index_of(dater, t) for t in ("a1", "dropped", "doing")]
    assert dater.completed_on(indices) == "2025-04-01"


def test_completed_on_is_today_when_any_tick_is_uncommitted(dated: Path) -> None:
    text = dated.read_text(encoding="utf-8").replace("- [ ] open", "- [x] open")
    dated.write_text(text, encoding="utf-8")
    dater = dater_for(dated)
    indices = [index_of(dater, t) for t in ("a1", "a2", "stamped", "open")]
    assert dater.completed_on(indices) == TODAY
    # Without a today to give, a group with an unseen tick cannot be dated.
    assert dater_for(dated, today=None).completed_on(indices) is None


def test_without_history_unstamped_ticks_are_today(dated: Path) -> None:
    dater = dater_for(dated, history=False)
    a1, a2, stamped = (index_of(dater, t) for t in ("a1", "a2", "stamped"))
    assert dater.done_on(a1) is None
    assert dater.completed_on([a1, a2]) == TODAY
    # Stamps are data in the file: they still count without history.
    assert dater.done_on(stamped) == "2025-01-15"
    assert dater.completed_on([stamped]) == "2025-01-15"
    assert dater.note is None
    _, loaded = load_with_dates(dated, history=False)
    assert (loaded.done_on(a1), loaded.done_on(stamped)) == (None, "2025-01-15")


def test_completed_on_is_none_beyond_a_shallow_cut(repo: Path, tmp_path: Path) -> None:
    base = "# P\n\n## A\n\n- [x] a\n- [x] b\n\n## B\n\n- [ ] c\n- [ ] d\n"
    save(repo, base, "2025-04-01T10:00:00+00:00")
    save(repo, base + "\nMore notes.\n", "2025-04-02T10:00:00+00:00")
    save(repo, base.replace("- [ ] c", "- [x] c") + "\nMore notes.\n", "2025-04-09T10:00:00+00:00")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth=2", repo.as_uri(), str(clone)],
        env={**os.environ, **GIT_ENV},
        check=True,
        capture_output=True,
    )
    dater = dater_for(clone / "plan.md")
    a, b, c = (index_of(dater, t) for t in ("a", "b", "c"))
    assert dater.completed_on([a, b]) is None  # never the boundary's 2025-04-02, never today
    assert [dater.done_on(a), dater.done_on(b), dater.tick_date(a)] == [None, None, None]
    assert dater.completed_on([a, b, c]) == "2025-04-09"
    assert dater.note is None


def test_outside_a_repository_history_is_off_with_a_note(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    plan = folder / "plan.md"
    plan.write_text("# P\n\n- [x] a\n- [x] b ✅ 2025-02-03\n- [ ] c\n", encoding="utf-8")
    dater = dater_for(plan, history=True)
    assert dater.note is None  # history is read lazily, only once a date is needed
    assert dater.done_on(0) is None
    assert dater.note is not None and "not in a git repository" in dater.note
    assert dater.use_history is False
    # Stamps still count; an unstamped tick is dated today, as without history.
    assert dater.done_on(1) == "2025-02-03"
    assert dater.completed_on([0, 1]) == TODAY
    assert dater.completed_on([1]) == "2025-02-03"
    _, loaded = load_with_dates(plan)
    assert loaded.done_on(0) is None and loaded.note == dater.note


def test_no_history_is_read_when_every_done_task_is_stamped(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text("# P\n\n- [x] a ✅ 2025-02-03\n- [x] b ✅ 2025-02-01\n", encoding="utf-8")
    dater = dater_for(plan, history=True)
    assert dater.completed_on([0, 1]) == "2025-02-03"
    assert dater.note is None


def test_a_dater_without_a_path_never_reads_history() -> None:
    text = "# P\n\n- [x] a\n- [x] b\n"
    dater = TaskDater(parse(text), text, None, True, TODAY)
    assert dater.use_history is False
    assert dater.done_on(0) is None
    assert dater.completed_on([0, 1]) == TODAY
    assert dater.note is None
