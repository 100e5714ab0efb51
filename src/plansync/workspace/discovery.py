"""Which files to work on when none are named: the Markdown files that hold markers, those git
tracks in a repository, else those under the directory (hidden and vendored ones skipped)."""

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


def untracked_markdown_files(directory: Path) -> list[Path] | None:
    """Markdown files under ``directory`` that git neither tracks nor ignores, or None outside git.

    Discovery never works on them (a scratch copy is no plan); this tells the user why a plan
    they just wrote was not found.
    """
    patterns = [f"*{suffix}" for suffix in MARKDOWN_SUFFIXES]
    out = run_git(["ls-files", "-z", "--others", "--exclude-standard", "--", *patterns], cwd=directory)
    if out.returncode != 0:
        return None
    names = out.stdout.decode("utf-8", "surrogateescape").split("\0")
    return sorted(Path(n) for n in names if n and (directory / n).is_file())


def inside_git_dir(directory: Path) -> bool:
    """True inside a repository's ``.git`` directory, where no plan lives."""
    out = run_git(["rev-parse", "--is-inside-git-dir"], cwd=directory)
    return out.returncode == 0 and out.stdout.strip() == b"true"


def skipped_directory(name: str) -> bool:
    """Hidden and vendored directories hold no plan of the project's own (``watch`` asks too)."""
    return name.startswith(".") or name in _SKIP_DIRS


def walk_markdown_files(directory: Path) -> list[Path]:
    """Markdown files under ``directory``, skipping hidden and vendored directories."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not skipped_directory(d))
        base = Path(root).relative_to(directory)
        found += [base / f for f in sorted(files) if f.endswith(MARKDOWN_SUFFIXES)]
    return found


def discover(directory: Path, wanted: Callable[[bytes], bool]) -> list[Path]:
    """Files under ``directory`` whose bytes satisfy ``wanted`` (e.g. hold plansync markers)."""
    candidates = git_markdown_files(directory)
    if candidates is None:
        candidates = walk_markdown_files(directory)
    return select(directory, candidates, wanted)


def select(directory: Path, candidates: Sequence[Path], wanted: Callable[[bytes], bool]) -> list[Path]:
    """The ``candidates`` (relative to ``directory``) whose bytes satisfy ``wanted``, sorted,
    files holding a dashboard last (see ``dashboards_last``)."""
    chosen, hosts = [], set()
    for path in candidates:
        try:
            data = (directory / path).read_bytes()
        except OSError:
            continue
        if wanted(data):
            chosen.append(path)
            if _DASHBOARD in data:
                hosts.add(path)
    return sorted(chosen, key=lambda p: (p in hosts, p))


#: A dashboard's begin marker, as bytes are searched for it.
_DASHBOARD = b"plansync:begin dashboard"


def dashboards_last(directory: Path, paths: Sequence[Path]) -> list[Path]:
    """``paths`` sorted, files holding a dashboard last: one ``sync`` run updates the plans
    before the dashboards drawn from them, so ``check`` is clean after it."""

    def holds_dashboard(path: Path) -> bool:
        try:
            return _DASHBOARD in (directory / path).read_bytes()
        except OSError:
            return False

    return sorted(paths, key=lambda p: (holds_dashboard(p), p))


def glob_files(base: Path, patterns: Sequence[str], relative_to: Path) -> list[Path]:
    """The files matching the configured globs (relative to the config file's directory)."""
    found: set[Path] = set()
    for pattern in patterns:
        found.update(p for p in base.glob(pattern) if p.is_file())
    return dashboards_last(relative_to, [_relative(p, relative_to) for p in found])


def _relative(path: Path, start: Path) -> Path:
    try:
        return path.resolve().relative_to(start.resolve())
    except ValueError:
        return path
