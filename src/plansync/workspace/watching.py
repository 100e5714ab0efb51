"""What ``plansync watch`` watches: the paths it was given, and which file events concern them.

File events arrive as absolute paths. A named file is watched through its directory, because
editors and plansync itself save by renaming a new file over the old one, and a watch on the
old inode would go deaf after the first save. A named directory stands for every Markdown file
under it, new ones included, hidden and vendored directories skipped as in discovery.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..document.sniff import has_markers
from ..errors import PlansyncError, Problem
from .discovery import MARKDOWN_SUFFIXES, select, skipped_directory, walk_markdown_files


def _absolute(path: Path) -> Path:
    """``path`` absolute and without ``..``, as the file watcher reports paths under a root."""
    return Path(os.path.normpath(path.absolute()))


@dataclass(frozen=True)
class WatchSet:
    """The watched paths, each kept with the spelling the user gave it (for messages)."""

    #: Named files: absolute path (and the symlink's target, if it is one) -> as named.
    files: dict[Path, str]
    #: Named directories: (absolute path, as named).
    directories: tuple[tuple[Path, str], ...]

    @property
    def recursive(self) -> bool:
        """Only a named directory needs its subdirectories watched."""
        return bool(self.directories)

    def roots(self) -> list[str]:
        """The directories to hand to the file watcher, none under another when recursive."""
        wanted = {d for d, _ in self.directories} | {f.parent for f in self.files}
        if self.recursive:
            wanted = {d for d in wanted if not any(d != o and d.is_relative_to(o) for o in wanted)}
        return sorted(str(d) for d in wanted)

    def concerned(self, changed: str) -> list[str]:
        """The paths to sync for a file event on ``changed``, as the user would name them; none
        when the event concerns no watched plan (another file, a temp file, a swap file)."""
        path = Path(changed)
        if path in self.files:
            return [self.files[path]]
        for directory, named in self.directories:
            if not path.is_relative_to(directory):
                continue
            inside = path.relative_to(directory)
            if any(skipped_directory(part) for part in inside.parts[:-1]):
                continue
            if path.name.endswith(MARKDOWN_SUFFIXES):  # as discovery: `.md`, `.markdown`
                return [str(Path(named) / inside)]
            if inside.parts and not skipped_directory(inside.name) and path.is_dir():
                # A new directory: files written into it before the OS watch on it was set up
                # have sent no event of their own.
                return [str(Path(named) / inside / p) for p in walk_markdown_files(path)]
        return []

    def plans(self) -> list[str]:
        """The watched files that hold markers now, as the user would name them."""
        named_files = [Path(n) for n in dict.fromkeys(self.files.values())]
        found = [str(p) for p in select(Path.cwd(), named_files, has_markers)]
        for directory, named in self.directories:
            under = select(directory, walk_markdown_files(directory), has_markers)
            found += [str(Path(named) / p) for p in under]
        return sorted(dict.fromkeys(found))


def watch_set(paths: Sequence[str]) -> WatchSet:
    """The WatchSet for ``paths`` (files or directories); a PlansyncError names a missing one."""
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise PlansyncError([Problem("no such file or directory", path=p) for p in missing])
    files: dict[Path, str] = {}
    directories: list[tuple[Path, str]] = []
    for named in paths:
        path = Path(named)
        if path.is_dir():
            directories.append((_absolute(path), named))
            continue
        files[_absolute(path)] = named
        # A symlinked plan is rewritten at its target: that file's events count too.
        files.setdefault(path.resolve(), named)
    return WatchSet(files, tuple(directories))
