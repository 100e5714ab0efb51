"""When each task was ticked, and when each plan was first committed, read from git history.

History is read from ``git log -p -U0`` (``gitlog``), newest commit first, in one pass for all
the files asked about in a repository; never a git call per commit or per file. A task is
followed back through text edits (the removed and added lines of a hunk are paired in order)
and moves (a done line removed and re-added in one commit is not a tick); a file through its
renames, back to the commit that added it. The pass ends as soon as every question has its
answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ..document.stamps import strip_stamp
from ..errors import Problem
from .gitlog import Commit, HistoryUnavailable, Hunk, Repository, open_repository

__all__ = ["FileHistory", "HistoryUnavailable", "Undated", "first_commit_day", "read_histories", "tick_dates"]

_TASK_LINE = re.compile(
    r"^[ \t]*+(?:>[ \t]*+)*+(?:[-*+]|\d{1,9}[.)])[ \t]++"  # quotes, indent, list marker
    r"\[([ xX/-])\][ \t]++(.*)"  # the box and the text (possessive: linear on long blank runs)
)
_SPACES = re.compile(r"[ \t]+")
_DONE = {"x", "X"}


class Undated(Enum):
    """Why history gives a done task (or a plan's first commit) no date."""

    #: The task is done in the working copy but not (yet) in any commit: it is being ticked now.
    UNCOMMITTED = "uncommitted"
    #: A shallow clone: the task was already done at the boundary, its tick lies beyond it.
    BEYOND_HISTORY = "beyond history"
    #: Two done tasks share the same text: never guess which tick is whose.
    AMBIGUOUS = "ambiguous"


TickDate = str | Undated


def task_key(line: str) -> tuple[bool, str] | None:
    """(done, identity text) of a raw task line, or None when the line is not a task.

    The identity is the text after the box with any ``✅ date`` stamp and repeated blanks
    removed, so re-stamping or re-indenting a task does not make it a new task.
    """
    match = _TASK_LINE.match(line)
    if match is None:
        return None
    text = _SPACES.sub(" ", strip_stamp(match.group(2).rstrip(" \t")))
    return match.group(1) in _DONE, text


@dataclass
class FileHistory:
    """What history says about one file."""

    #: For each done task asked about (by identity text): the day it was last ticked, or why not.
    ticks: dict[str, TickDate]
    #: The day the file was first committed (renames followed); ``BEYOND_HISTORY`` when that
    #: lies beyond a shallow clone's cut; None when it was never committed (or not asked).
    first_day: TickDate | None = None


@dataclass
class _Follow:
    """One file followed back through history: which texts are still looked for, what was found."""

    #: The file's path in the commit being read (renames change it).
    name: str
    #: text seen in newer commits -> the current key it stands for
    looking: dict[str, str]
    wants_start: bool
    found: dict[str, TickDate] = field(default_factory=dict)
    first_day: TickDate | None = None
    ended: bool = False

    @property
    def finished(self) -> bool:
        return self.ended or (not self.looking and not self.wants_start)

    def settle(self, text: str, value: TickDate) -> None:
        self.found[self.looking.pop(text)] = value

    def result(self) -> FileHistory:
        """What was found; a text still looked for was never ticked in a commit."""
        never: dict[str, TickDate] = dict.fromkeys(self.looking.values(), Undated.UNCOMMITTED)
        return FileHistory(self.found | never, self.first_day)


def tick_dates(path: str | Path, done_texts: Iterable[str]) -> dict[str, TickDate]:
    """For each current done task (by identity text), the day it was last ticked, or why not."""
    found = read_histories({Path(path): done_texts}, starts=False)[Path(path)]
    if isinstance(found, HistoryUnavailable):
        raise found
    return found.ticks


def first_commit_day(path: str | Path) -> str | None:
    """The author day of the commit that added the file (renames followed), or None.

    In a shallow clone the oldest commit at hand shows every file as added: when that is the
    one found, the real first commit lies beyond the cut and the day is unknown (raised as
    HistoryUnavailable, whose message says what to do), never the cut's day.
    """
    found = read_histories({Path(path): ()}, starts=True)[Path(path)]
    if isinstance(found, HistoryUnavailable):
        raise found
    if found.first_day is Undated.BEYOND_HISTORY:
        raise HistoryUnavailable(Problem(SHALLOW_START))
    return found.first_day if isinstance(found.first_day, str) else None


def read_histories(
    requests: Mapping[Path, Iterable[str]], starts: bool
) -> dict[Path, FileHistory | HistoryUnavailable]:
    """For each file, the tick days of the done task texts asked about and (``starts``) the day
    it was first committed; or why its history cannot be read. One ``git log`` per repository."""
    results: dict[Path, FileHistory | HistoryUnavailable] = {}
    opened: dict[Path, Repository] = {}
    groups: dict[Path, tuple[Repository, dict[str, list[Path]]]] = {}
    for path in requests:
        try:
            real = path.resolve()  # the bytes read are a symlink target's: so is its history
            repository = open_repository(real, opened)
            relative = repository.relative(real)
        except HistoryUnavailable as exc:
            results[path] = exc
            continue
        groups.setdefault(repository.top, (repository, {}))[1].setdefault(relative, []).append(path)
    for repository, files in groups.values():
        follows = {rel: _follow(rel, requests[paths[0]], starts) for rel, paths in files.items()}
        try:
            _walk(repository, follows)
        except HistoryUnavailable as exc:
            results.update((path, exc) for paths in files.values() for path in paths)
            continue
        for relative, paths in files.items():
            results.update((path, follows[relative].result()) for path in paths)
    return results


def _follow(relative: str, texts: Iterable[str], starts: bool) -> _Follow:
    counts: dict[str, int] = {}
    for text in texts:
        counts[text] = counts.get(text, 0) + 1
    follow = _Follow(relative, {t: t for t, n in counts.items() if n == 1}, starts)
    follow.found.update({t: Undated.AMBIGUOUS for t, n in counts.items() if n > 1})
    return follow


def _walk(repository: Repository, follows: Mapping[str, _Follow]) -> None:
    """Read the files' history until every follow has what it looks for."""
    live = {f.name: f for f in follows.values() if not f.finished}
    if not live:
        return
    for commit in repository.commits(list(live), live.__contains__, task_key):
        touched = [(live.pop(c.path), c) for c in commit.changes if c.path in live]
        for follow, change in touched:
            _apply(follow, commit, change.hunks, repository.boundary)
            if change.created:
                follow.first_day = Undated.BEYOND_HISTORY if commit.sha in repository.boundary else commit.day
                follow.ended = True  # nothing older is this file's
            elif change.old_path:
                follow.name = change.old_path
        live.update((f.name, f) for f, _ in touched if not f.finished)
        if not live:
            break


def _apply(follow: _Follow, commit: Commit, hunks: list[Hunk], boundary: frozenset[str]) -> None:
    """Settle every looked-for text these hunks of the commit touch."""
    if not hunks:
        return
    removed = {text: done for hunk_removed, _ in hunks for done, text in hunk_removed}
    renames: dict[str, str] = {}
    for hunk_removed, hunk_added in hunks:
        for position, (done, text) in enumerate(hunk_added):
            if text not in follow.looking:
                continue
            if commit.sha in boundary:
                follow.settle(text, Undated.BEYOND_HISTORY)
            elif not done:
                follow.settle(text, Undated.UNCOMMITTED)  # unticked here, so ticked again since
            elif removed.get(text) is True:
                continue  # moved or re-indented while done: not a tick
            else:
                partner = hunk_removed[position] if position < len(hunk_removed) else None
                if partner is not None and partner[0] and partner[1] != text:
                    renames[text] = partner[1]  # the text was edited after the tick
                else:
                    follow.settle(text, commit.day)
    for new, old in renames.items():
        follow.looking[old] = follow.looking.pop(new)


SHALLOW_START = (
    "the plan was first committed beyond this shallow clone's history, so its schedule has no "
    "start; add 'start: YYYY-MM-DD' to its front matter (or fetch the whole history: fetch-depth: 0)"
)
