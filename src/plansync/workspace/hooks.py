"""The plain git pre-commit hook's script: install it, remove it, never another tool's."""

from __future__ import annotations

import shlex
import stat
from pathlib import Path

from ..errors import PlansyncError, Problem
from .git import error_text, run_git

SIGNATURE = "# plansync pre-commit hook"
_HOOK_TEMPLATE = """#!/bin/sh
{signature} -- written by `plansync install-hook`, removed by `plansync uninstall-hook`.
# Regenerates the plansync regions of the staged Markdown plans so that the commit carries them.
if command -v plansync >/dev/null 2>&1; then
    exec plansync hook pre-commit
fi
exec {python} -m plansync hook pre-commit
"""


def hook_script(python: str = "python3") -> str:
    """The hook's text; ``python`` is the interpreter to fall back on when plansync is not on PATH."""
    return _HOOK_TEMPLATE.format(signature=SIGNATURE, python=shlex.quote(python))


def hooks_dir(cwd: Path) -> Path:
    """The hooks directory git actually uses (``core.hooksPath``, worktrees included)."""
    out = run_git(["rev-parse", "--git-path", "hooks"], cwd=cwd)
    if out.returncode != 0:
        raise PlansyncError(Problem(f"not a git repository ({error_text(out)})", path=str(cwd)))
    return cwd / out.stdout.decode("utf-8", "surrogateescape").strip()


def install_hook(cwd: Path, python: str, force: bool = False) -> Path:
    """Write the pre-commit hook; refuse to replace a hook plansync did not write, unless ``force``."""
    target = hooks_dir(cwd) / "pre-commit"
    if target.exists() and not force and SIGNATURE not in _read(target):
        raise PlansyncError(
            Problem(
                "a pre-commit hook plansync did not write is already there; use --force to replace it",
                path=str(target),
            )
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(hook_script(python), encoding="utf-8")
    target.chmod(target.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return target


def uninstall_hook(cwd: Path) -> Path | None:
    """Remove plansync's pre-commit hook; None when there is none. Another tool's hook is kept."""
    target = hooks_dir(cwd) / "pre-commit"
    if not target.exists():
        return None
    if SIGNATURE not in _read(target):
        raise PlansyncError(
            Problem("this pre-commit hook was not written by plansync; left alone", path=str(target))
        )
    target.unlink()
    return target


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise PlansyncError(Problem(f"cannot read: {exc.strerror or exc}", path=str(path))) from None
