"""Plain git commands (argument lists, never a shell) for the hooks, file discovery and write checks.

History, which needs a streaming log, lives in ``history.py`` with GitPython; these are the
small one-shot queries where a subprocess is all it takes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

_BASE = ["git", "-c", "core.quotepath=false", "--no-pager"]


def run_git(
    args: list[str], cwd: Path | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``git ARGS``; the caller reads ``returncode`` (git missing reads as 127)."""
    try:
        return subprocess.run(
            [*_BASE, *args], cwd=cwd, input=stdin, capture_output=True, check=False, timeout=120
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return subprocess.CompletedProcess(args, 127, b"", str(exc).encode())


def toplevel(directory: Path) -> Path | None:
    """The work tree root holding ``directory``, or None outside git."""
    out = run_git(["rev-parse", "--show-toplevel"], cwd=directory)
    top = out.stdout.decode("utf-8", "surrogateescape").strip()
    return Path(top).resolve() if out.returncode == 0 and top else None


def error_text(result: subprocess.CompletedProcess[bytes]) -> str:
    """git's own one-line reason for a failure."""
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"git exited with {result.returncode}"
