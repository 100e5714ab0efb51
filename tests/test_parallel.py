"""``check`` on all cores: when a pool is used, and that its output is the serial output."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from plansync.cli import parallel
from plansync.cli.commands import checked
from plansync.cli.parallel import PARALLEL_FROM, each, each_on_all_cores, pool_size
from plansync.errors import ConflictError, PlansyncError, Problem

from .conftest import EXAMPLES

CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
needs_two_cores = pytest.mark.skipif(CORES < 2, reason="a pool needs two usable cores")


def plans(folder: Path, count: int) -> list[str]:
    """``count`` copies of an example plan; the third is stale, the fifth holds a conflict."""
    text = (EXAMPLES / "roadmap-en.md").read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = folder / f"p{i:03d}.md"
        body = text.replace("- [ ] Ship an OpenTelemetry", "- [x] Ship an OpenTelemetry") if i == 2 else text
        path.write_text(
            body if i != 4 else "<<<<<<< ours\n" + body + "=======\n>>>>>>> theirs\n", encoding="utf-8"
        )
        paths.append(str(path))
    return paths


PARENT = os.getpid()


def dies_in_a_worker(path: str) -> str:
    if os.getpid() != PARENT:
        os._exit(9)  # as the kernel's OOM killer would end it
    return path.upper()


def pid_of(path: str) -> int:
    if path.endswith("refused"):
        raise ConflictError(Problem("refused here", 3, 1, path))
    return os.getpid()


def test_few_files_stay_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.JOBS_VARIABLE, raising=False)
    assert pool_size(1) == 1
    assert pool_size(PARALLEL_FROM - 1) == 1
    assert pool_size(PARALLEL_FROM) == min(CORES, PARALLEL_FROM)


@pytest.mark.parametrize(("value", "most"), [("1", 1), ("2", 2), ("0", 1), ("lots", None), ("", None)])
def test_plansync_jobs_limits_the_pool(monkeypatch: pytest.MonkeyPatch, value: str, most: int | None) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, value)
    assert pool_size(1000) == min(CORES, most or CORES)


def test_a_refusal_travels_between_processes_whole() -> None:
    error = ConflictError([Problem("conflict markers", 4, 1, "plan.md"), Problem("another", 9, 1, "plan.md")])
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is ConflictError and copy.problems == error.problems and str(copy) == str(error)
    assert isinstance(copy, PlansyncError) and copy.exit_code == 2


@needs_two_cores
def test_workers_share_the_files_and_answer_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.JOBS_VARIABLE, raising=False)
    paths = [f"file{i}" for i in range(PARALLEL_FROM * 2)] + ["last.refused"]
    found = list(each_on_all_cores(paths, pid_of))
    assert [p for p, _, _ in found] == paths
    pids = {value for _, value, _ in found if value is not None}
    assert len(pids) >= 2 and os.getpid() in pids  # the first file is done here, the rest by workers
    assert found[-1][1:] == (None, 2)


@needs_two_cores
def test_the_pool_finds_what_one_process_finds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = plans(tmp_path, PARALLEL_FROM + 6)
    serial = list(each(paths, partial(checked, True)))
    said_serially = capsys.readouterr()
    pooled = list(each_on_all_cores(paths, partial(checked, True)))
    assert pooled == serial
    assert capsys.readouterr() == said_serially
    assert serial[4][1:] == (None, 2) and serial[2][1] is not None and serial[2][1][1] is not None  # a diff


def test_check_prints_the_same_with_and_without_a_pool(tmp_path: Path) -> None:
    plans(tmp_path, PARALLEL_FROM + 6)

    def check(jobs: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, parallel.JOBS_VARIABLE: jobs}
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "plansync",
                "check",
                "--diff",
                *sorted(p.name for p in tmp_path.glob("*.md")),
            ],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    alone, pooled = check("1"), check(str(max(2, CORES)))
    assert (pooled.returncode, pooled.stdout, pooled.stderr) == (alone.returncode, alone.stdout, alone.stderr)
    assert alone.returncode == 2 and "p002.md" in alone.stdout and "p004.md" in alone.stderr


@needs_two_cores
def test_files_a_dead_worker_left_are_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.JOBS_VARIABLE, raising=False)
    paths = [f"file{i}" for i in range(PARALLEL_FROM * 2)]
    assert list(each_on_all_cores(paths, dies_in_a_worker)) == [(p, p.upper(), 0) for p in paths]
