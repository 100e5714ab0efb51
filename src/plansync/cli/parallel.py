"""Work on every file named: ``each`` in this process, ``each_on_all_cores`` in a process
pool, which ``check`` of a whole repository runs in.

A pool costs tens of milliseconds to start, so a few files (a commit) stay in this process;
from ``PARALLEL_FROM`` files on, they are shared among one worker per usable core. Workers
are forked where that is safe and cheap (Linux): they start with everything already imported.
Results come back in the order of the paths, and a refused file is reported by this process,
exactly as ``each`` does, so the output is the same either way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import TypeVar

from ..errors import PlansyncError
from .console import EXIT_OK, report_error

T = TypeVar("T")

#: The fewest files worth a pool. Below it, starting workers costs more than they save.
PARALLEL_FROM = 24
#: Set to a number of processes to use at most (1: never a pool).
JOBS_VARIABLE = "PLANSYNC_JOBS"


def each(paths: Sequence[str], work: Callable[[str], T]) -> Iterator[tuple[str, T | None, int]]:
    """Run ``work`` on every path; a refused file yields its exit code and the others go on."""
    for path in paths:
        try:
            yield path, work(path), EXIT_OK
        except PlansyncError as exc:
            yield path, None, report_error(exc)


def each_on_all_cores(paths: Sequence[str], work: Callable[[str], T]) -> Iterator[tuple[str, T | None, int]]:
    """``each``, on a pool of processes when there are enough paths and cores.

    ``work`` must be picklable (a module-level function, or a ``functools.partial`` of one)
    and so must what it returns. Where no pool can start (no POSIX semaphores in some
    sandboxes) or a worker dies (killed for memory), the files not yet answered are done here.
    """
    workers = pool_size(len(paths))
    if workers < 2:
        yield from each(paths, work)
        return
    from concurrent.futures.process import BrokenProcessPool

    # The first file is done here: it imports what the work needs (plansync imports lazily),
    # so forked workers start with all of it instead of each importing it again.
    yield from each(paths[:1], work)
    answers = _pooled(paths[1:], work, workers)
    try:
        for index in range(1, len(paths)):
            try:
                value, error = next(answers)
            except (OSError, ImportError, BrokenProcessPool):  # only the pool's own failures
                yield from each(paths[index:], work)
                return
            path = paths[index]
            yield (path, value, EXIT_OK) if error is None else (path, None, report_error(error))
    finally:
        answers.close()  # the pool's workers are joined here, whenever the caller stops


def _pooled(
    paths: Sequence[str], work: Callable[[str], T], workers: int
) -> Generator[tuple[T | None, PlansyncError | None], None, None]:
    """``work`` on each path in a pool of ``workers`` processes, the answers in order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    chunk = max(1, len(paths) // (workers * 4))
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(_refusals_returned, [work] * len(paths), paths, chunksize=chunk)


def pool_size(files: int) -> int:
    """How many worker processes ``files`` files get: 1 (no pool) below ``PARALLEL_FROM``,
    else one per usable core, at most ``PLANSYNC_JOBS``."""
    if files < PARALLEL_FROM:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    limit = os.environ.get(JOBS_VARIABLE, "").strip()
    if limit.isdigit():
        cores = min(cores, max(1, int(limit)))
    return min(cores, files)


def _refusals_returned(work: Callable[[str], T], path: str) -> tuple[T | None, PlansyncError | None]:
    """``work(path)``, with a refused file's error returned rather than raised (so that the
    parent reports it in order, like every other)."""
    try:
        return work(path), None
    except PlansyncError as exc:
        return None, exc
