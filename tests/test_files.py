"""Reading and writing plan files: real files in tmp_path; mocks only for injected I/O faults."""

from __future__ import annotations

import errno
import fcntl
import os
import pathlib
import stat
from pathlib import Path

import pytest

from plansync.errors import WriteError
from plansync.workspace.files import locked, read_file, write_file

OLD = b"# Plan\n\n- [ ] one\n"
NEW = b"# Plan\n\n- [x] one\n"
PAST_NS = 1_600_000_000_123_456_789


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def leftovers(*directories: Path) -> list[str]:
    """Temp files plansync could have left behind (hidden ones included)."""
    return sorted(n for d in directories for n in names(d) if n.endswith(".plansync-tmp"))


def plan_file(directory: Path, name: str = "plan.md", data: bytes = OLD, mode: int | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(data)
    if mode is not None:
        path.chmod(mode)
    return path


def message(exc: pytest.ExceptionInfo[WriteError]) -> str:
    return exc.value.problems[0].message


# ---------------------------------------------------------------------------------------- read_file


def test_read_file_returns_bytes_and_resolved_path(tmp_path: Path) -> None:
    path = plan_file(tmp_path)
    snapshot = read_file(path)
    assert snapshot.data == OLD
    assert snapshot.path == path
    assert snapshot.real == path.resolve()


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("missing", "no such file"),
        ("dangling symlink", "no such file"),
        ("directory", "is a directory"),
        ("too big", "file is 101 bytes, over the 100-byte limit (max-file-size)"),
    ],
)
def test_read_file_refuses(tmp_path: Path, setup: str, expected: str) -> None:
    path = tmp_path / "plan.md"
    if setup == "directory":
        path.mkdir()
    elif setup == "too big":
        path.write_bytes(b"x" * 101)
    elif setup == "dangling symlink":
        path.symlink_to(tmp_path / "gone.md")
    with pytest.raises(WriteError) as exc:
        read_file(path, max_bytes=100)
    assert expected in message(exc)
    assert exc.value.path == str(path)
    assert str(path) in str(exc.value)


def test_read_file_accepts_exactly_max_bytes(tmp_path: Path) -> None:
    path = plan_file(tmp_path, data=b"x" * 100)
    assert read_file(path, max_bytes=100).data == b"x" * 100


# --------------------------------------------------------------------------------------- write_file


def test_equal_bytes_are_not_written(tmp_path: Path) -> None:
    path = plan_file(tmp_path)
    os.utime(path, ns=(PAST_NS, PAST_NS))
    before = path.stat()
    assert write_file(read_file(path), OLD) is False
    after = path.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
    assert after.st_mtime_ns == PAST_NS
    assert path.read_bytes() == OLD


@pytest.mark.parametrize("mode", [0o754, 0o640, 0o600, 0o666])
def test_new_bytes_are_written_and_mode_is_kept(tmp_path: Path, mode: int) -> None:
    path = plan_file(tmp_path, mode=mode)
    assert write_file(read_file(path), NEW) is True
    assert path.read_bytes() == NEW
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.is_file() and not path.is_symlink()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("plan.md", "real.md"),  # same directory
        ("plan.md", "sub/real.md"),  # below the link's directory
        ("a/plan.md", "a/b/c/real.md"),
    ],
)
def test_symlink_inside_the_tree_is_written_through(tmp_path: Path, link: str, target: str) -> None:
    root = tmp_path / "plans"
    real = plan_file((root / target).parent, Path(target).name)
    path = root / link
    path.parent.mkdir(parents=True, exist_ok=True)
    relative = os.path.relpath(real, path.parent)
    path.symlink_to(relative)

    assert write_file(read_file(path), NEW) is True

    assert path.is_symlink()
    assert str(path.readlink()) == relative
    assert real.read_bytes() == NEW
    assert path.read_bytes() == NEW
    assert leftovers(path.parent, real.parent) == []


@pytest.mark.parametrize("target", ["../outside/real.md", "../real.md"])
def test_symlink_pointing_outside_its_directory_is_refused(tmp_path: Path, target: str) -> None:
    links = tmp_path / "links"
    links.mkdir()
    real = plan_file((links / target).resolve().parent, Path(target).name)
    path = links / "plan.md"
    path.symlink_to(target)
    snapshot = read_file(path)
    with pytest.raises(WriteError) as exc:
        write_file(snapshot, NEW)
    assert "symlink points outside" in message(exc)
    assert str(links) in message(exc)
    assert real.read_bytes() == OLD
    assert path.is_symlink() and str(path.readlink()) == target
    assert leftovers(links, real.parent) == []


def test_symlink_elsewhere_in_the_same_git_repo_is_written(repo: Path) -> None:
    real = plan_file(repo / "plans", "real.md")
    docs = repo / "docs"
    docs.mkdir()
    path = docs / "plan.md"
    path.symlink_to("../plans/real.md")
    assert write_file(read_file(path), NEW) is True
    assert path.is_symlink()
    assert real.read_bytes() == NEW


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_read_only_file_is_refused_even_for_root(tmp_path: Path, mode: int) -> None:
    path = plan_file(tmp_path, mode=mode)
    before = path.stat()
    snapshot = read_file(path)
    with pytest.raises(WriteError) as exc:
        write_file(snapshot, NEW)
    assert "read-only" in message(exc)
    after = path.stat()
    assert path.read_bytes() == OLD
    assert stat.S_IMODE(after.st_mode) == mode
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert leftovers(tmp_path) == []


def test_hard_linked_file_is_refused(tmp_path: Path) -> None:
    path = plan_file(tmp_path)
    other = tmp_path / "other.md"
    os.link(path, other)
    snapshot = read_file(path)
    with pytest.raises(WriteError) as exc:
        write_file(snapshot, NEW)
    assert "2 hard links" in message(exc)
    assert path.read_bytes() == OLD
    assert other.read_bytes() == OLD
    assert path.stat().st_ino == other.stat().st_ino
    assert path.stat().st_nlink == 2
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("how", ["in place", "replaced"])
def test_file_changed_since_read_is_left_alone(tmp_path: Path, how: str) -> None:
    path = plan_file(tmp_path)
    snapshot = read_file(path)
    theirs = b"# Plan\n\n- [ ] one\n- [ ] added by someone else\n"
    if how == "in place":
        path.write_bytes(theirs)
    else:
        (tmp_path / "x.tmp").write_bytes(theirs)
        (tmp_path / "x.tmp").replace(path)
    with pytest.raises(WriteError) as exc:
        write_file(snapshot, NEW)
    assert "changed while plansync was working on it" in message(exc)
    assert "nothing written" in message(exc)
    assert path.read_bytes() == theirs
    assert leftovers(tmp_path) == []


def _fsync_full(fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _replace_fails(self: Path, target: object) -> Path:
    raise OSError(errno.EIO, "Input/output error")


@pytest.mark.parametrize(
    ("target", "replacement", "reason"),
    [
        (os, ("fsync", _fsync_full), "disk full"),
        (pathlib.Path, ("replace", _replace_fails), "Input/output error"),
    ],
    ids=["fsync ENOSPC", "replace EIO"],
)
def test_injected_io_failure_keeps_the_original(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    target: object,
    replacement: tuple[str, object],
    reason: str,
) -> None:
    path = plan_file(tmp_path, mode=0o640)
    before = path.stat()
    snapshot = read_file(path)
    monkeypatch.setattr(target, *replacement)
    with pytest.raises(WriteError) as exc:
        write_file(snapshot, NEW)
    monkeypatch.undo()
    assert message(exc) == f"cannot write ({reason}); the file is unchanged"
    assert path.read_bytes() == OLD
    after = path.stat()
    assert (after.st_ino, stat.S_IMODE(after.st_mode)) == (before.st_ino, 0o640)
    assert leftovers(tmp_path) == []
    assert names(tmp_path) == ["plan.md"]


def test_nothing_but_the_file_remains_after_success(tmp_path: Path) -> None:
    path = plan_file(tmp_path)
    snapshot = read_file(path)
    assert write_file(snapshot, NEW) is True
    assert names(tmp_path) == ["plan.md"]
    # The snapshot is now stale: a second write from it is refused and changes nothing.
    with pytest.raises(WriteError):
        write_file(snapshot, b"other\n")
    assert path.read_bytes() == NEW
    assert names(tmp_path) == ["plan.md"]


# ------------------------------------------------------------------------------------------- locked


def _try_lock(directory: Path) -> bool:
    """Whether another open file description can take the directory lock right now."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


def test_locked_can_be_entered_twice_in_a_row(tmp_path: Path) -> None:
    path = plan_file(tmp_path)
    for _ in range(2):
        with locked(path):
            assert not _try_lock(tmp_path)
        assert _try_lock(tmp_path)


def test_locked_releases_on_error(tmp_path: Path) -> None:
    path = plan_file(tmp_path)
    with pytest.raises(RuntimeError, match="boom"), locked(path):
        raise RuntimeError("boom")
    assert _try_lock(tmp_path)
    with locked(path):
        assert not _try_lock(tmp_path)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_owner_is_kept_when_root_rewrites(tmp_path: Path) -> None:
    path = plan_file(tmp_path, mode=0o664)
    os.chown(path, 1234, 2345)
    assert write_file(read_file(path), NEW) is True
    info = path.stat()
    assert (info.st_uid, info.st_gid) == (1234, 2345)
    assert stat.S_IMODE(info.st_mode) == 0o664


def test_extended_attributes_survive_a_rewrite(tmp_path: Path) -> None:
    """A rename gives the plan a new inode; its extended attributes (and ACLs) go with it."""
    path = plan_file(tmp_path)
    try:
        os.setxattr(path, "user.plansync.test", b"kept")
    except OSError as exc:
        pytest.skip(f"this file system keeps no user attributes ({exc.strerror})")
    before = path.stat().st_ino
    assert write_file(read_file(path), NEW) is True
    assert path.stat().st_ino != before
    assert os.getxattr(path, "user.plansync.test") == b"kept"
