"""What the plain git pre-commit hook does at commit time (``workspace.hooks`` installs it).

At commit time every staged Markdown plan with markers is brought up to date:

- when its working copy equals its staged copy, the working copy is synced (the usual safe
  write) and that rewrite alone is staged, so the commit carries fresh regions in one step;
  ``git add`` honours ``GIT_INDEX_FILE``, which ``git commit -a`` points at its own index;
- when it has unstaged edits, it is refused if its staged copy is stale, and neither the
  working copy nor the index is touched.

When its rewrites leave the index equal to HEAD (the only staged change was text written inside
a region, which sync replaced), the commit would be empty: the hook stops it. git does not tell a
hook about ``--allow-empty`` or ``--amend``; both pass when run again, since the hook then has
nothing left to change. A merge being concluded is never stopped: its commit records the merge.

The pre-commit framework does not use this module: its ``plansync-sync`` hook runs ``plansync
sync`` on the files it is given, and the framework itself asks the user to re-add them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PlansyncError, Problem
from ..workspace.git import error_text, run_git

if TYPE_CHECKING:
    from ..api import FileOutcome


@dataclass(frozen=True, slots=True)
class HookResult:
    """What the hook did: files it updated and staged, and files it refused."""

    #: The files updated and staged, in order, each with what sync did (to tell what it replaced).
    updated: dict[str, FileOutcome]
    refused: list[str]
    #: True when the updates left nothing to commit: the index now equals HEAD.
    emptied: bool = False


def run_pre_commit(top: Path) -> HookResult:
    """Sync every staged plan (see the module docstring). Raises PlansyncError on bad input."""
    from ..api import staged_copy_is_stale, sync_file
    from ..document.sniff import has_markers

    updated: dict[str, FileOutcome] = {}
    refused: list[str] = []
    for name in _staged_markdown(top):
        staged = run_git(["cat-file", "blob", f":{name}"], cwd=top)
        if staged.returncode != 0 or not has_markers(staged.stdout):
            continue
        if _has_unstaged_changes(top, name):
            try:
                stale = staged_copy_is_stale(top / name, staged.stdout)
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
    return HookResult(updated, refused, emptied=bool(updated) and _nothing_to_commit(top))


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


def _nothing_to_commit(top: Path) -> bool:
    """True when the index (``GIT_INDEX_FILE`` when git set one) equals HEAD outside a merge."""
    if run_git(["rev-parse", "-q", "--verify", "MERGE_HEAD"], cwd=top).returncode == 0:
        return False
    return run_git(["diff", "--cached", "--quiet", "--no-ext-diff"], cwd=top).returncode == 0
