"""Reading and writing plan files without ever losing a byte.

Writes go to a temp file in the same directory, are fsynced and then renamed over the
original, keeping its mode (and owner, where permitted). A symlink is written through to its
target; a read-only file is refused even when ``os.replace`` (or root) could bypass the bit;
a file that changed since it was read is left alone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from ..config import MAX_BYTES
from ..errors import Problem, WriteError

_TMP_SUFFIX = ".plansync-tmp"


class FileSnapshot(NamedTuple):
    """A file's bytes as read, with the facts needed to write it back safely."""

    #: The path as the user gave it (for messages).
    path: Path
    #: Where the bytes live: the symlink's target, resolved once.
    real: Path
    data: bytes


def _fail(path: Path, message: str) -> WriteError:
    return WriteError(Problem(message, None, path=str(path)))


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[None]:
    """An OSError while reading ``path`` as a one-line refusal naming it."""
    try:
        yield
    except FileNotFoundError:
        raise _fail(path, "no such file") from None
    except OSError as exc:
        raise _fail(path, f"cannot read: {exc.strerror or exc}") from None


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> FileSnapshot:
    """Read a plan, refusing what cannot be a plan (directories, huge files, dangling links)."""
    with _reading(path):
        real = path.resolve(strict=True)
        info = real.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _fail(path, "is a directory; name its Markdown files, or run plansync there without paths")
        if info.st_size > max_bytes:
            raise _fail(
                path, f"file is {info.st_size} bytes, over the {max_bytes}-byte limit (max-file-size)"
            )
        data = real.read_bytes()
    return FileSnapshot(path, real, data)


def read_bytes(path: Path) -> bytes:
    """Any file's bytes, whatever their size (git's merge driver is handed every file it is
    registered for); a missing or unreadable one is refused by name."""
    with _reading(path):
        data = path.read_bytes()
    return data


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An advisory lock on the file's directory, so two plansync runs never interleave a rewrite.

    The directory is locked rather than the file because the rewrite replaces the file's inode.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    directory = path.resolve().parent
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def write_file(snapshot: FileSnapshot, new: bytes) -> bool:
    """Replace the file's bytes with ``new`` atomically; False (and no write) when they are equal.

    Call it under ``locked(snapshot.path)``: temp files of a killed run are cleared first.
    """
    if new == snapshot.data:
        return False
    path, real = snapshot.path, snapshot.real
    info = _writable(path, real)
    _confine_symlink(path, real)
    current = _read_again(path, real)
    if current != snapshot.data:
        raise _fail(path, "the file changed while plansync was working on it; nothing written, run again")
    _replace(path, real, new, info)
    return True


def _writable(path: Path, real: Path) -> os.stat_result:
    info = real.stat()
    if info.st_nlink > 1:
        raise _fail(path, f"file has {info.st_nlink} hard links and a rewrite would break them; refusing")
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(real, os.W_OK):
        raise _fail(path, "file is read-only; refusing to replace it")
    return info


def _confine_symlink(path: Path, real: Path) -> None:
    """A symlinked plan may only be written when its target lies inside the link's repository."""
    if not path.is_symlink():
        return
    from .git import toplevel

    link_dir = path.absolute().parent
    root = toplevel(link_dir) or link_dir.resolve()
    if not real.is_relative_to(root):
        raise _fail(path, f"symlink points outside {root}; refusing to write {real}")


def _read_again(path: Path, real: Path) -> bytes:
    try:
        return real.read_bytes()
    except OSError as exc:
        raise _fail(path, f"cannot read: {exc.strerror or exc}") from None


def _replace(path: Path, real: Path, data: bytes, info: os.stat_result) -> None:
    import tempfile

    _remove_leftovers(real)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=_TMP_SUFFIX, dir=real.parent)
    except OSError as exc:
        raise _fail(path, f"cannot create a temporary file next to it: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), stat.S_IMODE(info.st_mode))
            _keep_owner(handle.fileno(), info)
            _keep_extended_attributes(real, handle.fileno())
        tmp.replace(real)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        message = "disk full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise _fail(path, f"cannot write ({message}); the file is unchanged") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _sync_directory(real.parent)


def _keep_extended_attributes(real: Path, fd: int) -> None:
    """Copy the old file's extended attributes (POSIX ACLs are among them) to the new inode."""
    if not hasattr(os, "listxattr"):  # pragma: no cover - not Linux
        return
    try:
        names = os.listxattr(real)
    except OSError:  # the file system keeps none
        return
    for name in names:
        with contextlib.suppress(OSError):  # e.g. security.* attributes only root may set
            os.setxattr(fd, name, os.getxattr(real, name))


def _remove_leftovers(real: Path) -> None:
    """Temp files of this plan that a killed run left behind.

    Every write happens under the directory lock (``locked``), so no live run owns them.
    """
    import glob

    for stale in real.parent.glob(f".{glob.escape(real.name)}.*{_TMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _keep_owner(fd: int, info: os.stat_result) -> None:
    current = os.fstat(fd)
    if (current.st_uid, current.st_gid) != (info.st_uid, info.st_gid):
        with contextlib.suppress(OSError):  # only root may give a file away; others keep their own
            os.fchown(fd, info.st_uid, info.st_gid)


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
