"""plansync as the repository's git merge driver for plans: the two config keys git reads
(``merge.plansync.name``, ``merge.plansync.driver``) and the ``.gitattributes`` lines that
send Markdown files to it. Installing twice changes nothing; uninstalling removes only what
installing adds."""

from __future__ import annotations

import shlex
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import PlansyncError, Problem
from .git import error_text, run_git, toplevel

NAME = "plansync: merges plans, regenerating their generated regions"
PATTERNS = ("*.md",)


def driver_command() -> str:
    """How git runs the driver: ``plansync`` when it is on PATH (as git will see it), else
    this very interpreter (plansync installed by pre-commit, or in a virtual environment)."""
    program = "plansync" if shutil.which("plansync") else f"{shlex.quote(sys.executable)} -m plansync"
    return f"{program} merge %O %A %B %P"


def _attribute(pattern: str) -> str:
    return f"{pattern} merge=plansync"


def install_merge_driver(cwd: Path, patterns: Sequence[str] = PATTERNS) -> Path:
    """Register the driver in the repository holding ``cwd``; its ``.gitattributes``."""
    top = _repository(cwd)
    for key, value in (("merge.plansync.name", NAME), ("merge.plansync.driver", driver_command())):
        result = run_git(["config", "--local", key, value], cwd=top)
        if result.returncode != 0:
            raise PlansyncError(Problem(f"git config {key} failed: {error_text(result)}"))
    attributes = top / ".gitattributes"
    text = _read(attributes)
    present = {line.strip() for line in text.splitlines()}
    missing = [_attribute(p) for p in patterns if _attribute(p) not in present]
    if missing:
        eol = "\r\n" if "\r\n" in text else "\n"
        separator = "" if not text or text.endswith(("\n", "\r")) else eol
        _write(attributes, text + separator + "".join(line + eol for line in missing))
    return attributes


def uninstall_merge_driver(cwd: Path, patterns: Sequence[str] = PATTERNS) -> Path:
    """Remove the keys and the ``.gitattributes`` lines ``install_merge_driver`` adds (a file
    left empty goes too); every other line stays as it was."""
    top = _repository(cwd)
    run_git(["config", "--local", "--remove-section", "merge.plansync"], cwd=top)  # absent: fine
    attributes = top / ".gitattributes"
    if attributes.exists():
        ours = {_attribute(p) for p in patterns}
        kept = [line for line in _read(attributes).splitlines(keepends=True) if line.strip() not in ours]
        if any(line.strip() for line in kept):
            _write(attributes, "".join(kept))
        else:
            attributes.unlink()
    return attributes


def _read(path: Path) -> str:
    """A text file as it is, line endings included ("" when absent)."""
    return path.read_bytes().decode("utf-8") if path.exists() else ""


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def _repository(cwd: Path) -> Path:
    top = toplevel(cwd)
    if top is None:
        raise PlansyncError(Problem("not inside a git repository", path=str(cwd)))
    return top
