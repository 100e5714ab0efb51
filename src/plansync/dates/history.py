"""When each task was ticked, read from git history. The only module that imports GitPython.

One streaming ``git log --follow -p -U0`` per file, newest commit first, is read line by
line; never a git call per commit. A task is followed back through text edits (the removed
and added lines of a hunk are paired in order) and moves (a done line removed and re-added in
one commit is not a tick). Dates are author dates in the commit's own offset, so every
machine and time zone reads the same day.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from ..document.stamps import strip_stamp
from ..document.text import strip_eol
from ..errors import PlansyncError, Problem

if TYPE_CHECKING:
    from git import Repo

_TASK_LINE = re.compile(
    r"^[ \t]*+(?:>[ \t]*+)*+(?:[-*+]|\d{1,9}[.)])[ \t]++"  # quotes, indent, list marker
    r"\[([ xX/-])\][ \t]++(.*)"  # the box and the text (possessive: linear on long blank runs)
)
_SPACES = re.compile(r"[ \t]+")
_DONE = {"x", "X"}


class Undated(Enum):
    """Why history gives a done task no date."""

    #: The task is done in the working copy but not (yet) in any commit: it is being ticked now.
    UNCOMMITTED = "uncommitted"
    #: A shallow clone: the task was already done at the boundary, its tick lies beyond it.
    BEYOND_HISTORY = "beyond history"
    #: Two done tasks share the same text: never guess which tick is whose.
    AMBIGUOUS = "ambiguous"


TickDate = str | Undated


class HistoryUnavailable(PlansyncError):
    """History cannot be read (no repository, git refusing it): dates from history are off."""

    exit_code = 0


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
class _Walk:
    """The state of one backward walk: which texts are still looked for, and what was found."""

    #: text seen in newer commits -> the current key it stands for
    looking: dict[str, str]
    found: dict[str, TickDate] = field(default_factory=dict)
    boundary: frozenset[str] = frozenset()


@dataclass
class _Commit:
    sha: str
    date: str
    hunks: list[tuple[list[tuple[bool, str]], list[tuple[bool, str]]]] = field(default_factory=list)


def tick_dates(path: str | Path, done_texts: Iterable[str]) -> dict[str, TickDate]:
    """For each current done task (by identity text), the day it was last ticked, or why not."""
    wanted = list(done_texts)
    counts: dict[str, int] = {}
    for text in wanted:
        counts[text] = counts.get(text, 0) + 1
    walk = _Walk(looking={t: t for t, n in counts.items() if n == 1})
    result: dict[str, TickDate] = {t: Undated.AMBIGUOUS for t, n in counts.items() if n > 1}
    if walk.looking:
        repo, relative = _open(Path(path))
        walk.boundary = _boundary_or_refusal(repo)
        for commit in _commits(repo, relative):
            _apply(walk, commit)
            if not walk.looking:
                break
        result.update(walk.found)
        result.update(dict.fromkeys(walk.looking.values(), Undated.UNCOMMITTED))
    return result


def _apply(walk: _Walk, commit: _Commit) -> None:
    """Settle every looked-for text this commit touches."""
    if not commit.hunks:
        return
    removed = {text: done for hunk_removed, _ in commit.hunks for done, text in hunk_removed}
    renames: dict[str, str] = {}
    for hunk_removed, hunk_added in commit.hunks:
        for position, (done, text) in enumerate(hunk_added):
            current = walk.looking.get(text)
            if current is None:
                continue
            if commit.sha in walk.boundary:
                _settle(walk, text, Undated.BEYOND_HISTORY)
            elif not done:
                _settle(walk, text, Undated.UNCOMMITTED)  # unticked here, so ticked again since
            elif removed.get(text) is True:
                continue  # moved or re-indented while done: not a tick
            else:
                partner = hunk_removed[position] if position < len(hunk_removed) else None
                if partner is not None and partner[0] and partner[1] != text:
                    renames[text] = partner[1]  # the text was edited after the tick
                else:
                    _settle(walk, text, commit.date)
    for new, old in renames.items():
        walk.looking[old] = walk.looking.pop(new)


def _settle(walk: _Walk, text: str, value: TickDate) -> None:
    walk.found[walk.looking.pop(text)] = value


def _open(path: Path) -> tuple[Repo, str]:
    """The repository holding ``path`` and the path relative to its work tree (POSIX form)."""
    import git

    # The bytes plansync reads are the symlink target's, so its history is the target's too;
    # resolving also keeps GitPython from collapsing "link/../x" as text.
    real = path.resolve()
    try:
        repo = git.Repo(real.parent, search_parent_directories=True)
        top = repo.working_tree_dir
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise HistoryUnavailable(Problem("not in a git repository; dates from history are off")) from None
    except git.GitCommandError as exc:
        raise HistoryUnavailable(Problem(_git_refusal(exc))) from None
    if top is None:
        raise HistoryUnavailable(Problem("a bare repository has no work tree; dates from history are off"))
    relative = os.path.relpath(real, Path(top).resolve())
    if relative.startswith(".."):
        raise HistoryUnavailable(Problem("the file lies outside the repository's work tree"))
    return repo, Path(relative).as_posix()


def _git_refusal(exc: Exception) -> str:
    text = str(exc)
    if "dubious ownership" in text or "safe.directory" in text:
        return (
            "git refuses this repository (dubious ownership); if you trust it, run "
            "`git config --global --add safe.directory <path>`; dates from history are off"
        )
    last = text.strip().splitlines()[-1] if text.strip() else "no message"
    return f"git failed ({last}); dates from history are off"


def _boundary_or_refusal(repo: Repo) -> frozenset[str]:
    """The shallow boundary; also the first git command, where git refuses a repository."""
    import git

    try:
        return _shallow_boundary(repo)
    except git.GitCommandError as exc:
        raise HistoryUnavailable(Problem(_git_refusal(exc))) from None


def _shallow_boundary(repo: Repo) -> frozenset[str]:
    """The commits at a shallow clone's cut: their diffs show old lines as new."""
    if repo.git.rev_parse("--is-shallow-repository").strip() != "true":
        return frozenset()
    shallow = Path(repo.git.rev_parse("--git-path", "shallow").strip())
    if not shallow.is_absolute():
        shallow = Path(str(repo.working_tree_dir)) / shallow
    try:
        return frozenset(shallow.read_text(encoding="ascii").split())
    except OSError:
        return frozenset()


def _commits(repo: Repo, relative: str) -> Iterator[_Commit]:
    """The commits that changed the file, newest first, with their task-line hunks."""
    import git

    if not repo.head.is_valid():
        return  # an empty repository has no history yet
    # While a merge is being committed, the merged branch's ticks are history too, not today's.
    tips = ["HEAD", "MERGE_HEAD"] if (Path(repo.git_dir) / "MERGE_HEAD").is_file() else ["HEAD"]
    args = [
        "git", "-c", "core.quotepath=false", "--no-pager", "log", "--follow", "-p", "-U0", "--text",
        "--no-textconv", "--no-ext-diff", "--no-color", "--format=%x00%H %aI", *tips, "--", relative,
    ]  # fmt: skip
    try:
        process = repo.git.execute(args, as_process=True)
        yield from _parse_log(process.stdout)
        process.wait()
    except git.GitCommandError as exc:
        raise HistoryUnavailable(Problem(_git_refusal(exc))) from None


def _parse_log(stream: Iterable[bytes]) -> Iterator[_Commit]:
    commit: _Commit | None = None
    in_header = True
    removed: list[tuple[bool, str]] = []
    added: list[tuple[bool, str]] = []
    for raw in stream:
        line = strip_eol(raw.decode("utf-8", "surrogateescape"))
        if line.startswith("\x00"):
            if commit is not None:
                _close_hunk(commit, removed, added)
                yield commit
            sha, _, when = line[1:].partition(" ")
            commit, in_header = _Commit(sha, when[:10]), True
        elif commit is None:
            continue
        elif line.startswith("diff --git "):
            _close_hunk(commit, removed, added)
            in_header = True
        elif line.startswith("@@"):
            _close_hunk(commit, removed, added)
            in_header = False
        elif not in_header and line[:1] in "+-" and line:
            task = task_key(line[1:])
            if task is not None:
                (removed if line[0] == "-" else added).append(task)
    if commit is not None:
        _close_hunk(commit, removed, added)
        yield commit


def _close_hunk(commit: _Commit, removed: list[tuple[bool, str]], added: list[tuple[bool, str]]) -> None:
    if removed or added:
        commit.hunks.append((list(removed), list(added)))
        removed.clear()
        added.clear()


def first_commit_day(path: str | Path) -> str | None:
    """The author day of the commit that added the file (renames followed), or None.

    In a shallow clone the oldest commit at hand shows every file as added: when that is the
    one found, the real first commit lies beyond the cut and the day is unknown (raised as
    HistoryUnavailable, whose message says what to do), never the cut's day.
    """
    import git

    repo, relative = _open(Path(path))
    if not repo.head.is_valid():
        return None
    try:
        out = repo.git.execute(
            ["git", "-c", "core.quotepath=false", "--no-pager", "log", "--follow", "--diff-filter=A",
             "--format=%H %aI", "HEAD", "--", relative]
        )  # fmt: skip
        boundary = _shallow_boundary(repo)
    except git.GitCommandError as exc:
        raise HistoryUnavailable(Problem(_git_refusal(exc))) from None
    found = str(out).split()
    if not found:
        return None
    sha, day = found[-2], found[-1][:10]
    if sha in boundary:
        raise HistoryUnavailable(Problem(SHALLOW_START))
    return day


SHALLOW_START = (
    "the plan was first committed beyond this shallow clone's history, so its schedule has no "
    "start; add 'start: YYYY-MM-DD' to its front matter (or fetch the whole history: fetch-depth: 0)"
)
