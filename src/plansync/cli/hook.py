"""The plain git pre-commit hook: install it, remove it, and what it does at commit time.

At commit time every staged Markdown plan with markers is brought up to date:

- when its working copy equals its staged copy, the working copy is synced (the usual safe
  write) and that rewrite alone is staged, so the commit carries fresh regions in one step;
  ``git add`` honours ``GIT_INDEX_FILE``, which ``git commit -a`` points at its own index;
- when it has unstaged edits, it is refused if its staged copy is stale, and neither the
  working copy nor the index is touched.

The pre-commit framework does not use this module: its ``plansync-sync`` hook runs ``plansync
sync`` on the files it is given, and the framework itself asks the user to re-add them.
"""

from __future__ import annotations

import shlex
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PlansyncError, Problem
from ..workspace.git import error_text, run_git

if TYPE_CHECKING:
    from ..api import FileOutcome

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


@dataclass(frozen=True, slots=True)
class HookResult:
    """What the hook did: files it updated and staged, and files it refused."""

    #: The files updated and staged, in order, each with what sync did (to tell what it replaced).
    updated: dict[str, FileOutcome]
    refused: list[str]


def run_pre_commit(top: Path) -> HookResult:
    """Sync every staged plan (see the module docstring). Raises PlansyncError on bad input."""
    from ..api import check_text, local_today, offline_dates, source_loader, sync_file
    from ..config import load_config
    from ..document.sniff import has_markers
    from ..document.text import decode

    updated: dict[str, FileOutcome] = {}
    refused: list[str] = []
    for name in _staged_markdown(top):
        staged = run_git(["cat-file", "blob", f":{name}"], cwd=top)
        if staged.returncode != 0 or not has_markers(staged.stdout):
            continue
        if _has_unstaged_changes(top, name):
            try:
                text = decode(staged.stdout).text
                config = load_config(top / name).for_file(top / name)
                dates = offline_dates(text, local_today())
                stale = not check_text(text, None, dates, config=config, sources=source_loader(top / name)).ok
            except PlansyncError as exc:
                raise exc.located(name) from None
            if stale:
                refused.append(name)
            continue
        outcome = sync_file(top / name)
        if outcome.changed:
            added = run_git(["add", "--", name], cwd=top)
            if added.returncode != 0:
                raise PlansyncError(Problem(f"cannot stage the update: {error_text(added)}", path=name))
            updated[name] = outcome
    return HookResult(updated, refused)


def _staged_markdown(top: Path) -> list[str]:
    out = run_git(
        ["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--", "*.md", "*.markdown"], cwd=top
    )
    if out.returncode != 0:
        raise PlansyncError(Problem(f"cannot list staged files: {error_text(out)}", path=str(top)))
    return [n for n in out.stdout.decode("utf-8", "surrogateescape").split("\0") if n]


def _has_unstaged_changes(top: Path, name: str) -> bool:
    """True when the working copy differs from the staged copy (after git's own filters)."""
    out = run_git(["diff", "--quiet", "--no-ext-diff", "--no-textconv", "--", name], cwd=top)
    return out.returncode != 0
