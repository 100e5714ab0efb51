"""``plansync watch``: sync plans as they are saved, for editors without a language server.

watchfiles (the optional ``watch`` extra) reports file events from the OS; each batch of them
is synced through the same ``api.sync_file`` and printed with the same lines as ``plansync
sync``. plansync's own rewrite is an event too: syncing it again finds nothing to do and
writes nothing, so the watcher never loops. A refused file, a file gone before its turn, even a
bug met on one file costs at most one line: the watch goes on. Ctrl-C ends it through
``console.guarded`` (exit 130); SIGTERM, how service managers and editors stop a helper, ends
it cleanly (exit 0) between two files, never in the middle of a write.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .commands import say_nothing_found, targets, tell_synced
from .console import EXIT_OK, EXIT_REFUSED, report_error, say

#: Milliseconds. A batch is handed over once the file system has been quiet for a step (an
#: editor's save is a burst of events well inside 100 ms), or after the debounce in a steady
#: stream of events; either way a save is synced within about a fifth of a second.
STEP_MS, DEBOUNCE_MS = 100, 500
INSTALL = 'pip install "plansync[watch]"'


def run_watch(paths: Sequence[str]) -> int:
    """``plansync watch``: sync the plans of ``paths`` now and whenever they change; the exit code."""
    try:
        import watchfiles
    except ImportError:
        say(f"plansync: watch needs the watchfiles package: {INSTALL}", err=True)
        return EXIT_REFUSED
    import gc

    from ..workspace.watching import watch_set

    gc.enable()  # console.guarded turns the collector off for a short run; a watch runs for hours
    named = targets(paths)
    if not named:
        say_nothing_found("watch")
        return EXIT_OK
    watched = watch_set(named)
    noted: set[str] = set()  # layout notes, said once per watch as sync says them once per run
    with _stopped_by_sigterm() as stop:
        plans = watched.plans()
        _sync_all(plans, noted, stop)
        where = " ".join(paths) or "."
        say(f"plansync: watching {len(plans)} plan(s) in {where} (Ctrl-C to stop)", err=True)
        roots, recursive = watched.roots(), watched.recursive
        for batch in watchfiles.watch(
            *roots, step=STEP_MS, debounce=DEBOUNCE_MS, recursive=recursive, stop_event=stop
        ):
            # Any kind of event counts: a save by rename reports the old file deleted and the new
            # one added, so whether the file is there is read from the disk, not from the event.
            changed = {found for _, path in batch for found in watched.concerned(path)}
            _sync_all(sorted(changed), noted, stop)
    return EXIT_OK


@contextmanager
def _stopped_by_sigterm() -> Iterator[threading.Event]:
    """An event that SIGTERM sets: watchfiles checks it at every step, and so do we between files.

    The default action would kill the process mid-write (harmless, the write is atomic, but
    exit 143); the previous handler is restored for a caller in the same process.
    """
    stop = threading.Event()
    try:
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    except ValueError:  # not the main thread: nobody can send us a signal to handle here
        yield stop
        return
    try:
        yield stop
    finally:
        signal.signal(signal.SIGTERM, previous)


def _sync_all(paths: Sequence[str], noted: set[str], stop: threading.Event) -> None:
    for path in paths:
        if stop.is_set():
            return
        _sync_one(path, noted)


def _sync_one(path: str, noted: set[str]) -> None:
    """Sync one plan as ``plansync sync PATH`` would, printing what it prints; never raise."""
    from ..api import sync_file
    from ..document.sniff import readable_without_markers
    from ..errors import PlansyncError

    # Gone since the event (deleted, renamed away), or no plan at all: nothing worth a line.
    if not Path(path).is_file() or readable_without_markers(path):
        return
    try:
        outcome = sync_file(path)
    except PlansyncError as exc:  # refused, or changed while we worked: the next save comes back
        report_error(exc)
        return
    except Exception as exc:  # a bug met on one file must not end the watch over every other
        if os.environ.get("PLANSYNC_DEBUG"):
            import traceback

            traceback.print_exc()
        say(f"{path}: internal error: {type(exc).__name__}: {exc} (set PLANSYNC_DEBUG=1 for details)", True)
        return
    tell_synced(path, outcome, noted)
