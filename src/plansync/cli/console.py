"""Everything the command line prints, and the one place where a run's outcome becomes its exit code.

Every run, whether from the console script, the click application or a test's ``CliRunner``,
goes through ``guarded``: a refused input (``PlansyncError``) becomes its problems on stderr and
its exit code, Ctrl-C exits 130 and a bug one line with exit 3, never a traceback.

Imported on the plain ``sync``/``check`` path: it imports nothing heavy, and no click.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from ..errors import PlansyncError

EXIT_OK, EXIT_FINDINGS, EXIT_REFUSED, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def say(message: str, err: bool = False) -> None:
    """One line for the user; file names and plan text in it are printed harmlessly."""
    from ..formats.printable import printable

    write(printable(message) + "\n", err)


def write(text: str, err: bool = False) -> None:
    """``text`` exactly as given: a document (JSON, a diff, a log) that must not be altered."""
    stream = sys.stderr if err else sys.stdout
    stream.write(text)
    stream.flush()


def echo(text: str) -> None:
    """``text`` on stdout; piped to a file or a CI log, without colour codes (CSI sequences)."""
    if "\x1b" in text and not sys.stdout.isatty():
        import re

        text = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", "", text)
    write(text)


def report_error(exc: PlansyncError) -> int:
    """Print each of ``exc``'s problems as ``path:line:col: message``; its exit code."""
    for problem in exc.problems:
        say(str(problem), err=True)
    return exc.exit_code


def use_color() -> bool:
    """Colour for a terminal, unless NO_COLOR (https://no-color.org) asks for none."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def guarded(work: Callable[[], int]) -> NoReturn:
    """Exit with ``work()``'s code, or with the code of the error that ended it (see the module)."""
    import gc

    from ..errors import PlansyncError

    # A run lives for a moment and builds large acyclic structures (tokens, the plan): the
    # cycle collector would only re-scan them, more often the bigger the plan.
    collecting = gc.isenabled()
    gc.disable()
    try:
        code = work()
    except PlansyncError as exc:
        code = report_error(exc)
    except KeyboardInterrupt:
        say("plansync: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # a bug in plansync, never a user's mistake: one line, not a traceback
        if os.environ.get("PLANSYNC_DEBUG"):
            raise
        say(
            f"plansync: internal error: {type(exc).__name__}: {exc} (set PLANSYNC_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    finally:
        if collecting:  # as it was, for callers in the same process (tests, a library user)
            gc.enable()
    sys.exit(code)
