"""The ``plansync`` console entry point.

The commit hooks run ``plansync sync FILE...`` and ``plansync check FILE...`` on every commit.
Such plain calls (a command and file names, no options) go straight to ``commands`` without
importing click, which would cost more than the whole check of a small plan; anything else
goes to the click command line in ``app``, which behaves the same for those calls.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

_PLAIN = frozenset({"sync", "check"})


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in _PLAIN and not any(a.startswith("-") for a in args[1:]):
        from .commands import run_check, run_sync
        from .console import guarded

        command = run_sync if args[0] == "sync" else run_check
        guarded(lambda: command(args[1:]))
    from .app import main as full

    full(args)
