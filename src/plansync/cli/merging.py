"""``plansync merge`` (git's merge driver), ``resolve``, and the driver's installation."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .console import EXIT_FINDINGS, EXIT_OK, EXIT_REFUSED, echo, say


def run_merge(base: str, current: str, other: str, path: str | None) -> int:
    """Merge OTHER into CURRENT (BASE their ancestor), as git's merge driver: the result in
    CURRENT; exit 0 when clean, 1 with conflict markers left in CURRENT."""
    import os

    from ..dates.today import commit_day
    from ..errors import Problem, WriteError
    from ..workspace.files import read_bytes
    from ..workspace.git import run_git
    from ..workspace.merging import merge_plans

    versions = [read_bytes(Path(p)) for p in (base, current, other)]
    style = run_git(["config", "--get", "merge.conflictStyle"]).stdout.decode().strip() or None
    merged = merge_plans(versions, Path(path or current), style, 7, commit_day(os.environ))
    try:
        Path(current).write_bytes(merged.data)  # git's own temporary copy of CURRENT
    except OSError as exc:
        raise WriteError(Problem(f"cannot write: {exc.strerror or exc}", path=current)) from None
    return EXIT_FINDINGS if merged.conflicts else EXIT_OK


def run_resolve(paths: Sequence[str]) -> int:
    """Settle the conflicts of plans that hold conflict markers, when all lie in generated text."""
    from ..dates.today import local_today
    from ..document.text import decode, dominant_eol, normalize_eol
    from ..workspace.files import locked, read_file, write_file
    from ..workspace.resolving import resolve_text

    code = EXIT_OK
    for name in paths:
        path = Path(name)
        with locked(path):
            snapshot = read_file(path)
            decoded = decode(snapshot.data)
            eol = dominant_eol(decoded.text)
            resolution = resolve_text(normalize_eol(decoded.text), path, local_today())
            if resolution.text is None:
                for line in resolution.outside:
                    say(f"{name}:{line}: conflict outside plansync regions", err=True)
                if not resolution.outside:
                    say(f"{name}: no conflict to resolve", err=True)
                code = EXIT_REFUSED if resolution.outside else code
                continue
            write_file(snapshot, decoded.encode(resolution.text.replace("\n", eol)))
        echo(f"plansync: resolved {name}\n")
    return code


def run_install_merge_driver(patterns: Sequence[str]) -> int:
    from ..workspace.merge_driver import PATTERNS, install_merge_driver

    attributes = install_merge_driver(Path.cwd(), patterns or PATTERNS)
    echo(f"plansync: merge driver installed (git config merge.plansync.*, {attributes})\n")
    return EXIT_OK


def run_uninstall_merge_driver(patterns: Sequence[str]) -> int:
    from ..workspace.merge_driver import PATTERNS, uninstall_merge_driver

    uninstall_merge_driver(Path.cwd(), patterns or PATTERNS)
    echo("plansync: merge driver removed\n")
    return EXIT_OK
