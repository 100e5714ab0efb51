"""File-system faults: an exception at every step of the safe write, SIGKILL mid-write,
concurrent runs on one file, refused input through the real command line.

Real files in tmp_path. Faults are injected by replacing one call at a time (in-process with
monkeypatch, or in a child started with ``python -c`` that patches the call and then runs
``plansync.cli.app.main``). Children are synchronised by the lines they print, never by sleeps.
"""

from __future__ import annotations

import errno
import os
import re
import select
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from plansync.api import sync_file
from plansync.errors import WriteError

PLAN = (
    "# 计划 Plan\n\n## Phase 1: 基础\n\n- [x] one\n- [ ] two 🚀\n\n## Phase 2\n\n- [ ] three\n\n"
    "<!-- plansync:begin summary -->\n<!-- plansync:end summary -->\n\n"
    "<!-- plansync:begin progress -->\n<!-- plansync:end progress -->\n"
).encode()
PAST_NS = 1_600_000_000_123_456_789
MODE = 0o640
TMP_SUFFIX = ".plansync-tmp"


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(TMP_SUFFIX))


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def make_plan(directory: Path, data: bytes = PLAN, mode: int = MODE, name: str = "plan.md") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(data)
    path.chmod(mode)
    os.utime(path, ns=(PAST_NS, PAST_NS))
    return path


def synced(data: bytes, scratch: Path) -> bytes:
    """What a complete sync writes: sync run on a copy in a directory of its own."""
    copy = make_plan(scratch, data)
    assert sync_file(copy, history=False).changed
    return copy.read_bytes()


@pytest.fixture
def new_bytes(tmp_path: Path) -> bytes:
    fresh = synced(PLAN, tmp_path / "reference")
    assert fresh != PLAN and fresh.startswith(PLAN[: PLAN.index(b"<!-- plansync:begin")])
    return fresh


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PLANSYNC_DEBUG"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def assert_untouched(path: Path, before: os.stat_result, data: bytes = PLAN) -> None:
    """The original bytes, inode, mode and mtime are all still there, and nothing else is."""
    after = path.stat()
    assert path.read_bytes() == data
    assert after.st_ino == before.st_ino
    assert stat.S_IMODE(after.st_mode) == stat.S_IMODE(before.st_mode)
    assert after.st_mtime_ns == before.st_mtime_ns
    assert leftovers(path.parent) == []


# ------------------------------------------------------------- 1. an exception at every write step

#: The steps of files._replace, in order.
STEPS = ["mkstemp", "write", "flush", "fsync", "fchmod", "replace"]


class FailingHandle:
    """The temp file's handle, failing at ``write`` (after half the bytes reached the file) or ``flush``."""

    def __init__(self, real: Any, step: str, exc: BaseException, seen: dict[str, Any]) -> None:
        self.real, self.step, self.exc, self.seen = real, step, exc, seen

    def __enter__(self) -> FailingHandle:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.real.close()

    def fileno(self) -> int:
        return int(self.real.fileno())

    def write(self, data: bytes) -> int:
        if self.step == "write":
            self.real.write(data[: len(data) // 2])  # a partial write: some bytes, then the disk is full
            self.real.flush()
            self.seen["temp size"] = os.fstat(self.real.fileno()).st_size
            self.seen["data size"] = len(data)
            raise self.exc
        return int(self.real.write(data))

    def flush(self) -> None:
        if self.step == "flush":
            self.seen["temp size"] = os.fstat(self.real.fileno()).st_size
            raise self.exc
        self.real.flush()


def inject(monkeypatch: pytest.MonkeyPatch, step: str, exc: BaseException, directory: Path) -> dict[str, Any]:
    """Make ``step`` raise ``exc``; what the failing call saw is recorded in the returned dict."""
    seen: dict[str, Any] = {}

    def fail(*args: object, **kwargs: object) -> Any:
        seen["temps at failure"] = leftovers(directory)
        if step in ("fsync", "fchmod"):
            seen["temp size"] = os.fstat(int(args[0])).st_size  # type: ignore[call-overload]
        raise exc

    if step == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", fail)
    elif step in ("write", "flush"):
        real_fdopen = os.fdopen

        def fdopen(fd: int, *args: Any, **kwargs: Any) -> FailingHandle:
            seen["temps at failure"] = leftovers(directory)
            return FailingHandle(real_fdopen(fd, *args, **kwargs), step, exc, seen)

        monkeypatch.setattr(os, "fdopen", fdopen)
    elif step == "replace":
        monkeypatch.setattr(Path, "replace", fail)
    else:
        monkeypatch.setattr(os, step, fail)
    return seen


def os_error(code: int) -> OSError:
    return OSError(code, os.strerror(code))


DISK_FULL = "cannot write (disk full); the file is unchanged"
OS_FAULTS = [
    ("mkstemp", errno.ENOSPC, "cannot create a temporary file next to it: No space left on device"),
    ("mkstemp", errno.EACCES, "cannot create a temporary file next to it: Permission denied"),
    ("write", errno.ENOSPC, DISK_FULL),
    ("flush", errno.ENOSPC, DISK_FULL),
    ("flush", errno.EIO, "cannot write (Input/output error); the file is unchanged"),
    ("fsync", errno.ENOSPC, DISK_FULL),
    ("fsync", errno.EIO, "cannot write (Input/output error); the file is unchanged"),
    ("fchmod", errno.EPERM, "cannot write (Operation not permitted); the file is unchanged"),
    ("replace", errno.EIO, "cannot write (Input/output error); the file is unchanged"),
    ("replace", errno.EACCES, "cannot write (Permission denied); the file is unchanged"),
]


def check_what_the_fault_saw(step: str, seen: dict[str, Any], new: bytes) -> None:
    """The fault really struck mid-write: the temp file existed, with the bytes written so far."""
    if step == "mkstemp":
        assert seen["temps at failure"] == []
        return
    assert len(seen["temps at failure"]) == 1
    assert seen["temps at failure"][0].startswith(".plan.md.")
    if step == "write":
        assert 0 < seen["temp size"] == len(new) // 2 < seen["data size"] == len(new)
    elif step == "flush":
        assert seen["temp size"] == 0  # still buffered: nothing reached the temp file
    elif step in ("fsync", "fchmod"):
        assert seen["temp size"] == len(new)


@pytest.mark.parametrize(
    ("step", "code", "expected"), OS_FAULTS, ids=[f"{s}-{errno.errorcode[c]}" for s, c, _ in OS_FAULTS]
)
def test_os_error_at_every_write_step_keeps_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_bytes: bytes, step: str, code: int, expected: str
) -> None:
    """Catalog: ENOSPC/EACCES/EIO/EPERM at temp create, partial write, flush, fsync, fchmod, rename."""
    path = make_plan(tmp_path / "plans")
    before = path.stat()
    seen = inject(monkeypatch, step, os_error(code), path.parent)
    with pytest.raises(WriteError) as info:
        sync_file(path, history=False)
    monkeypatch.undo()
    check_what_the_fault_saw(step, seen, new_bytes)
    assert [p.message for p in info.value.problems] == [expected]
    assert str(info.value) == f"{path}: {expected}"
    assert_untouched(path, before)
    assert names(path.parent) == ["plan.md"]
    # Nothing is left locked or half-done: the next run writes the file completely.
    assert sync_file(path, history=False).changed
    assert path.read_bytes() == new_bytes
    assert stat.S_IMODE(path.stat().st_mode) == MODE
    assert names(path.parent) == ["plan.md"]


@pytest.mark.parametrize("exc_type", [KeyboardInterrupt, RuntimeError])
@pytest.mark.parametrize("step", STEPS)
def test_non_os_error_at_every_write_step_propagates_and_keeps_the_original(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    new_bytes: bytes,
    step: str,
    exc_type: type[BaseException],
) -> None:
    """Catalog: Ctrl-C or a bug at any step is re-raised as is, after the temp file is removed."""
    path = make_plan(tmp_path / "plans")
    before = path.stat()
    injected = exc_type(f"injected at {step}")
    seen = inject(monkeypatch, step, injected, path.parent)
    with pytest.raises(exc_type) as info:
        sync_file(path, history=False)
    monkeypatch.undo()
    assert info.value is injected
    assert not isinstance(info.value, WriteError)
    check_what_the_fault_saw(step, seen, new_bytes)
    assert_untouched(path, before)
    assert names(path.parent) == ["plan.md"]
    assert sync_file(path, history=False).changed
    assert path.read_bytes() == new_bytes


def test_directory_fsync_failure_after_the_rename_is_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_bytes: bytes
) -> None:
    """After the rename the new bytes are in place: an EIO from fsync on the directory is ignored
    (sync reports success; only the rename's durability across a power cut is then unknown)."""
    path = make_plan(tmp_path / "plans")
    real_fsync = os.fsync
    calls: list[str] = []

    def fsync(fd: int) -> None:
        is_dir = stat.S_ISDIR(os.fstat(fd).st_mode)
        calls.append("dir" if is_dir else "file")
        if is_dir:
            raise os_error(errno.EIO)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert sync_file(path, history=False).changed
    monkeypatch.undo()
    assert calls == ["file", "dir"]
    assert path.read_bytes() == new_bytes
    assert names(path.parent) == ["plan.md"]


CLI_FAULT_DRIVER = """
import errno, os, sys
from plansync.cli.app import main

def fault(*args):
    raise {exc}

os.fsync = fault
main(["sync", sys.argv[1]])
"""


@pytest.mark.parametrize(
    ("exc", "code", "stderr"),
    [
        ("OSError(errno.ENOSPC, 'No space left on device')", 2, "{path}: " + DISK_FULL),
        (
            "RuntimeError('injected')",
            3,
            "plansync: internal error: RuntimeError: injected (set PLANSYNC_DEBUG=1 for details)",
        ),
        # click ends the ^C line first
        ("KeyboardInterrupt()", 130, "\nplansync: interrupted"),
    ],
    ids=["ENOSPC", "RuntimeError", "KeyboardInterrupt"],
)
def test_fsync_fault_through_the_real_command_line(tmp_path: Path, exc: str, code: int, stderr: str) -> None:
    """Catalog: the CLI turns a write fault into its exit code and one line, never a traceback."""
    path = make_plan(tmp_path / "plans")
    before = path.stat()
    result = run_fault_driver(path, exc)
    assert_untouched(path, before)
    assert names(path.parent) == ["plan.md"]
    assert (result.returncode, result.stdout, result.stderr) == (code, "", stderr.format(path=path) + "\n")


def run_fault_driver(path: Path, exc: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CLI_FAULT_DRIVER.format(exc=exc), str(path)],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=30,
        check=False,
    )


# ------------------------------------------------------------------------ 2. SIGKILL during a write

KILL_DRIVER = r"""
import os, pathlib, sys, tempfile, time

point, plan = sys.argv[1], sys.argv[2]
real_mkstemp, real_fdopen, real_fsync, real_replace = (
    tempfile.mkstemp, os.fdopen, os.fsync, pathlib.Path.replace
)


def halt(tag):
    print(tag, flush=True)  # the parent kills us as soon as it reads this line
    time.sleep(60)
    sys.exit(99)


def mkstemp(*args, **kwargs):
    if point == "before-temp":
        halt(point)
    made = real_mkstemp(*args, **kwargs)
    if point == "temp-created":
        halt(point)
    return made


class Handle:
    def __init__(self, real):
        self.real = real

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()

    def fileno(self):
        return self.real.fileno()

    def flush(self):
        self.real.flush()

    def write(self, data):
        if point == "mid-write":
            self.real.write(data[: len(data) // 2])
            self.real.flush()
            halt(point)
        return self.real.write(data)


def fdopen(fd, *args, **kwargs):
    return Handle(real_fdopen(fd, *args, **kwargs))


fsyncs = 0


def fsync(fd):
    global fsyncs
    fsyncs += 1
    if point == "written-not-fsynced" and fsyncs == 1:
        halt(point)
    real_fsync(fd)
    if point == "after-directory-fsync" and fsyncs == 2:
        halt(point)


def replace(self, target):
    if point == "fsynced-not-renamed":
        halt(point)
    done = real_replace(self, target)
    if point == "renamed":
        halt(point)
    return done


tempfile.mkstemp, os.fdopen, os.fsync, pathlib.Path.replace = mkstemp, fdopen, fsync, replace
from plansync.cli.app import main

main(["sync", plan])
"""

#: Kill point -> (the file holds the new bytes, what the leftover temp file holds: None = no temp).
KILL_POINTS: dict[str, tuple[bool, Callable[[bytes], bytes] | None]] = {
    "before-temp": (False, None),
    "temp-created": (False, lambda new: b""),
    "mid-write": (False, lambda new: new[: len(new) // 2]),
    "written-not-fsynced": (False, lambda new: new),
    "fsynced-not-renamed": (False, lambda new: new),
    "renamed": (True, None),
    "after-directory-fsync": (True, None),
}


def read_line(proc: subprocess.Popen[str], timeout: float = 15.0) -> str:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    return proc.stdout.readline() if ready else ""


def test_kill_driver_without_a_kill_point_syncs_normally(tmp_path: Path, new_bytes: bytes) -> None:
    """The control run: the driver's wrappers change nothing when no kill point is chosen."""
    path = make_plan(tmp_path / "plans")
    result = subprocess.run(
        [sys.executable, "-c", KILL_DRIVER, "none", str(path)],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=30,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, f"plansync: updated {path}\n", "")
    assert path.read_bytes() == new_bytes
    assert names(path.parent) == ["plan.md"]


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_sigkill_at_every_point_leaves_old_or_new_bytes(tmp_path: Path, new_bytes: bytes, point: str) -> None:
    """Catalog: SIGKILL anywhere in the write leaves the old or the complete new file, never a torn one.

    A kill between the temp file's creation and the rename leaves that temp file behind
    (``.plan.md.XXXX.plansync-tmp``); the next write removes it.
    """
    path = make_plan(tmp_path / "plans")
    before = path.stat()
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_DRIVER, point, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    line = ""
    try:
        line = read_line(proc)
        if line == f"{point}\n":
            os.kill(proc.pid, signal.SIGKILL)  # the child is sleeping at the kill point
    finally:
        if proc.poll() is None and line != f"{point}\n":
            proc.kill()  # it never got there: do not leave it running
        _, err = proc.communicate(timeout=15)
    assert line == f"{point}\n", err
    assert proc.returncode == -signal.SIGKILL
    assert time.monotonic() - started < 5

    has_new, temp_holds = KILL_POINTS[point]
    data = path.read_bytes()
    assert data in (PLAN, new_bytes)  # never truncated, empty or mixed
    assert data == (new_bytes if has_new else PLAN)
    if has_new:
        assert path.stat().st_ino != before.st_ino
        assert stat.S_IMODE(path.stat().st_mode) == MODE
    else:
        after = path.stat()
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, PAST_NS)
        assert stat.S_IMODE(after.st_mode) == MODE
    temps = leftovers(path.parent)
    if temp_holds is None:
        assert temps == []
    else:
        assert len(temps) == 1 and re.fullmatch(r"\.plan\.md\..+\.plansync-tmp", temps[0])
        assert (path.parent / temps[0]).read_bytes() == temp_holds(new_bytes)

    # The directory lock died with the process: the next run completes and clears the leftover.
    assert sync_file(path, history=False).changed is not has_new
    assert path.read_bytes() == new_bytes
    assert leftovers(path.parent) == []


# -------------------------------------------------------------- 3. several processes, one file

RACE_DRIVER = r"""
import os, sys, time

go, plan, slow = sys.argv[1], sys.argv[2], float(sys.argv[3])
if slow:
    real_fsync = os.fsync

    def fsync(fd):
        time.sleep(slow)
        real_fsync(fd)

    os.fsync = fsync
import plansync.api
from plansync.cli.app import main

print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.0005)
main(["sync", plan])
"""


@pytest.mark.parametrize("slow", [0.0, 0.03], ids=["plain", "slow-fsync"])
def test_concurrent_syncs_of_one_file_write_it_once(tmp_path: Path, new_bytes: bytes, slow: float) -> None:
    """Catalog: 4 processes released together on a stale plan, 3 rounds: one well-formed result.

    The directory lock serialises them: exactly one rewrites the file, the others read the
    fresh file under the lock and have nothing to do (exit 0, no output).
    """
    for round_ in range(3):
        work = tmp_path / f"round{round_}"
        path = make_plan(work / "plans")
        go = work / "go"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", RACE_DRIVER, str(go), str(path), str(slow)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=child_env(),
            )
            for _ in range(4)
        ]
        try:
            assert [read_line(p) for p in procs] == ["ready\n"] * 4
            go.touch()
            results = [(p.wait(timeout=30), *p.communicate(timeout=30)) for p in procs]
        finally:
            for p in procs:
                if p.poll() is None:
                    p.kill()
                    p.wait()
        codes = [code for code, _, _ in results]
        outs = [out for _, out, _ in results]
        errs = [err for _, _, err in results]
        assert codes == [0, 0, 0, 0], errs
        assert errs == ["", "", "", ""]
        assert sorted(outs) == ["", "", "", f"plansync: updated {path}\n"]
        assert path.read_bytes() == new_bytes
        assert stat.S_IMODE(path.stat().st_mode) == MODE
        assert names(path.parent) == ["plan.md"]


# ------------------------------------------------------ 4. refused input via the real command line

STALE_TAIL = b"\n<!-- plansync:begin summary -->\n<!-- plansync:end summary -->\n"
REFUSED: dict[str, tuple[bytes, int, list[str]]] = {
    "not UTF-8": (b"# Plan\n\n- [ ] caf\xe9\n" + STALE_TAIL, MODE, [":3:10: not valid UTF-8 at byte 17"]),
    "conflict markers": (
        b"# Plan\n\n<<<<<<< HEAD\n- [x] a\n=======\n- [ ] a\n>>>>>>> other\n" + STALE_TAIL,
        MODE,
        [":3:1: unresolved merge conflict marker; resolve the conflict first"],
    ),
    "broken marker": (
        b"# Plan\n\n- [ ] a\n\n<!--plansync:BEGIN summary-->\n",
        MODE,
        [":5:1: malformed marker; expected exactly"],
    ),
    "unclosed marker": (
        b"# Plan\n\n- [ ] a\n\n<!-- plansync:begin summary -->\n",
        MODE,
        [":5:1: plansync:begin summary is never closed"],
    ),
    "read-only": (
        b"# Plan\n\n- [ ] a\n" + STALE_TAIL,
        0o444,
        [": file is read-only; refusing to replace it"],
    ),
}


def sync_through_the_cli(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plansync", "sync", str(path)],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=30,
        check=False,
    )


@pytest.mark.parametrize("case", list(REFUSED))
def test_refused_input_keeps_bytes_and_mtime_through_the_cli(tmp_path: Path, case: str) -> None:
    """Catalog: non-UTF-8, conflicts, broken markers, read-only: exit 2, file untouched."""
    data, mode, messages = REFUSED[case]
    path = make_plan(tmp_path / "plans", data, mode)
    before = path.stat()
    result = sync_through_the_cli(path)
    assert (result.returncode, result.stdout) == (2, "")
    lines = result.stderr.splitlines()
    assert len(lines) == len(messages), result.stderr
    for line, expected in zip(lines, messages, strict=True):
        assert line.startswith(f"{path}{expected}")
    assert "Traceback" not in result.stderr
    assert_untouched(path, before, data)
    assert names(path.parent) == ["plan.md"]


def test_hard_linked_plan_is_refused_through_the_cli_and_both_names_keep_their_bytes(tmp_path: Path) -> None:
    path = make_plan(tmp_path / "plans")
    other = path.parent / "other.md"
    os.link(path, other)
    before = path.stat()
    result = sync_through_the_cli(path)
    expected = f"{path}: file has 2 hard links and a rewrite would break them; refusing\n"
    assert (result.returncode, result.stdout, result.stderr) == (2, "", expected)
    assert_untouched(path, before)
    assert other.read_bytes() == PLAN and other.stat().st_ino == before.st_ino
    assert names(path.parent) == ["other.md", "plan.md"]
