"""Which files to work on when none are named: tracked Markdown files that hold markers."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from .git import run_git

MARKDOWN_SUFFIXES = (".md", ".markdown")
_SKIP_DIRS = {"node_modules", "__pycache__", "venv", "site-packages"}


def git_markdown_files(directory: Path) -> list[Path] | None:
    """Markdown files git tracks under ``directory`` (relative paths), or None outside git."""
    patterns = [f"*{suffix}" for suffix in MARKDOWN_SUFFIXES]
    out = run_git(["ls-files", "-z", "--cached", "--", *patterns], cwd=directory)
    if out.returncode != 0:
        return None
    names = out.stdout.decode("utf-8", "surrogateescape").split("\0")
    return [Path(n) for n in names if n and (directory / n).is_file()]


def walk_markdown_files(directory: Path) -> list[Path]:
    """Markdown files under ``directory``, skipping hidden and vendored directories."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        base = Path(root).relative_to(directory)
        found += [base / f for f in sorted(files) if f.endswith(MARKDOWN_SUFFIXES)]
    return found


def discover(directory: Path, wanted: Callable[[bytes], bool]) -> list[Path]:
    """Files under ``directory`` whose bytes satisfy ``wanted`` (e.g. hold plansync markers)."""
    candidates = git_markdown_files(directory)
    if candidates is None:
        candidates = walk_markdown_files(directory)
    chosen = []
    for path in candidates:
        try:
            data = (directory / path).read_bytes()
        except OSError:
            continue
        if wanted(data):
            chosen.append(path)
    return sorted(chosen)


def glob_files(base: Path, patterns: Sequence[str], relative_to: Path) -> list[Path]:
    """The files matching the configured globs (relative to the config file's directory)."""
    found: set[Path] = set()
    for pattern in patterns:
        found.update(p for p in base.glob(pattern) if p.is_file())
    return sorted(_relative(p, relative_to) for p in found)


def _relative(path: Path, start: Path) -> Path:
    try:
        return path.resolve().relative_to(start.resolve())
    except ValueError:
        return path
