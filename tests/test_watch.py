"""``plansync watch``: the real command in a subprocess, real files, real file events.

Each test waits for what it expects by polling with a deadline; the watcher is always killed.
Where a test must show that something did *not* happen (a loop, a write), it first waits for
a later event to be handled, so that the earlier one has been too.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from plansync.workspace.watching import watch_set

pytest.importorskip("watchfiles")

PLAN = """\
# Garden plan

## Phase 1: Soil

- [x] Test the soil
- [ ] Add compost

## Phase 2: Planting

- [ ] Sow beans
- [ ] Plant tomatoes

## Status

<!-- plansync:begin summary -->
<!-- plansync:end summary -->
"""
END = "<!-- plansync:end summary -->\n"
DEADLINE = 5.0


class Watcher:
    """A running ``plansync watch`` whose stdout and stderr go, interleaved, to one log file."""

    def __init__(self, proc: subprocess.Popen[bytes], log: Path) -> None:
        self.proc, self.log = proc, log

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def updates(self) -> list[str]:
        return [line for line in self.output().splitlines() if line.startswith("plansync: updated")]


def wait_for(condition: Callable[[], bool], what: str, deadline: float = DEADLINE) -> None:
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"not within {deadline} s: {what}")
        time.sleep(0.05)


@contextmanager
def watching(cwd: Path, *args: str) -> Iterator[Watcher]:
    log = cwd / "watch.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "plansync", "watch", *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    watcher = Watcher(proc, log)
    try:
        wait_for(lambda: "plansync: watching" in watcher.output(), "the start-up line")
        # The line comes just before the OS watch is set up: give that a moment.
        time.sleep(0.3)
        yield watcher
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def tick(path: Path, task: str) -> None:
    """Tick a box with one write, as an editor saves."""
    text = path.read_text(encoding="utf-8")
    assert f"- [ ] {task}" in text
    path.write_text(text.replace(f"- [ ] {task}", f"- [x] {task}", 1), encoding="utf-8")


def done(path: Path, count: int) -> Callable[[], bool]:
    return lambda: f"{count} of 4 tasks done" in path.read_text(encoding="utf-8")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plans" / "garden.md"
    path.parent.mkdir()
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_a_tick_is_synced_and_the_own_write_does_not_loop(tmp_path: Path, plan: Path) -> None:
    with watching(tmp_path, "plans/garden.md") as w:
        assert w.updates() == ["plansync: updated plans/garden.md"]  # the sync at start
        assert "watching 1 plan(s) in plans/garden.md" in w.output()
        tick(plan, "Add compost")
        wait_for(done(plan, 2), "the tick shows in the summary")
        synced = plan.read_bytes()
        tick(plan, "Sow beans")  # a second save: by now the first rewrite's own event is handled
        wait_for(done(plan, 3), "the second tick shows in the summary")
        time.sleep(0.5)  # time for the second rewrite's own event to come back, and be a no-op
        assert synced != plan.read_bytes()
        assert len(w.updates()) == 3
        assert w.proc.poll() is None


def test_a_refused_file_is_named_left_alone_and_synced_once_repaired(tmp_path: Path, plan: Path) -> None:
    with watching(tmp_path, "plans") as w:
        seen = len(w.output())
        plan.write_text(PLAN.replace(END, "").replace("- [ ] Add", "- [x] Add"), encoding="utf-8")
        broken = plan.read_bytes(), plan.stat().st_mtime_ns
        wait_for(lambda: "plans/garden.md:" in w.output()[seen:], "an error line naming the file")
        error = w.output()[seen:].strip()
        assert error.startswith("plans/garden.md:") and "summary" in error and len(error.splitlines()) == 1
        assert (plan.read_bytes(), plan.stat().st_mtime_ns) == broken
        assert w.proc.poll() is None
        plan.write_text(plan.read_text(encoding="utf-8") + END, encoding="utf-8")
        wait_for(done(plan, 2), "the repaired plan is synced")
        assert "Traceback" not in w.output()


def test_a_write_refused_by_the_file_is_reported_and_the_watch_goes_on(tmp_path: Path, plan: Path) -> None:
    other = plan.with_name("other.md")
    other.write_text(PLAN, encoding="utf-8")
    with watching(tmp_path, "plans") as w:
        plan.write_text(PLAN.replace("- [ ] Add", "- [x] Add"), encoding="utf-8")
        plan.chmod(0o444)  # within the step: the write and the mode change come as one batch
        wait_for(lambda: "read-only" in w.output(), "the refused write is reported")
        assert "plans/garden.md: file is read-only; refusing to replace it" in w.output()
        tick(other, "Sow beans")
        wait_for(done(other, 2), "the other plan is still synced")


def test_a_directory_takes_new_plans_and_ignores_other_files(tmp_path: Path, plan: Path) -> None:
    with watching(tmp_path, "plans") as w:
        notes = plan.with_name("notes.txt")
        notes.write_text(PLAN, encoding="utf-8")
        hidden = plan.parent / ".cache" / "copy.md"
        hidden.parent.mkdir()
        hidden.write_text(PLAN, encoding="utf-8")
        new = plan.parent / "deeper" / "new.md"
        new.parent.mkdir()
        new.write_text(PLAN.replace("- [ ] Add", "- [x] Add"), encoding="utf-8")
        wait_for(done(new, 2), "a plan created after start is synced")
        assert notes.read_text(encoding="utf-8") == hidden.read_text(encoding="utf-8") == PLAN
        assert w.updates()[-1] == "plansync: updated plans/deeper/new.md"


def test_a_deleted_plan_is_skipped_quietly(tmp_path: Path, plan: Path) -> None:
    other = plan.with_name("other.md")
    other.write_text(PLAN, encoding="utf-8")
    with watching(tmp_path, "plans") as w:
        seen = len(w.output())
        plan.write_text(PLAN.replace("- [ ] Add", "- [x] Add"), encoding="utf-8")
        plan.unlink()
        tick(other, "Add compost")
        wait_for(done(other, 2), "the other plan is synced")
        assert w.output()[seen:] == "plansync: updated plans/other.md\n"


@pytest.mark.parametrize(("sent", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 0)])
def test_a_signal_ends_it_promptly(tmp_path: Path, plan: Path, sent: int, code: int) -> None:
    with watching(tmp_path, str(plan)) as w:
        started = time.monotonic()
        w.proc.send_signal(sent)
        assert w.proc.wait(timeout=DEADLINE) == code
        assert time.monotonic() - started < 2
        assert "Traceback" not in w.output()


def test_without_watchfiles_it_exits_2_with_the_install_command(tmp_path: Path, plan: Path) -> None:
    blocked = "import sys; sys.modules['watchfiles'] = None; from plansync.cli.entry import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", blocked, "watch", str(plan)], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and 'pip install "plansync[watch]"' in result.stderr
    assert result.stdout == ""
    assert plan.read_text(encoding="utf-8") == PLAN


def test_a_missing_path_is_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "plansync", "watch", "nowhere.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert (result.returncode, result.stderr) == (2, "nowhere.md: no such file or directory\n")


def test_events_are_matched_to_the_watched_paths(
    tmp_path: Path, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "top.md").write_text(PLAN, encoding="utf-8")
    watched = watch_set(["plans", "top.md"])
    assert watched.recursive and watched.roots() == [str(tmp_path)]
    assert watched.plans() == ["plans/garden.md", "top.md"]
    inside = tmp_path / "plans"
    assert watched.concerned(str(tmp_path / "top.md")) == ["top.md"]
    assert watched.concerned(str(inside / "sub" / "a.markdown")) == ["plans/sub/a.markdown"]
    for other in ("other.md", "plans/garden.md.swp", "plans/.garden.md.1.plansync-tmp", "plans/.git/x.md"):
        assert watched.concerned(str(tmp_path / other)) == []
    (inside / "new" / "deeper").mkdir(parents=True)
    (inside / "new" / "deeper" / "b.md").write_text(PLAN, encoding="utf-8")
    assert watched.concerned(str(inside / "new")) == ["plans/new/deeper/b.md"]
    only_file = watch_set(["plans/garden.md"])
    assert not only_file.recursive and only_file.roots() == [str(inside)]
