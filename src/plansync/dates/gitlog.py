"""git's side of history: the repository holding a file, and ``git log -p -U0`` read as a stream
of commits, each with the task lines it removed and added per file. The only module that
imports GitPython.

One process reads the history of one file (``--follow``) or of many at once (rename detection
over the files' suffixes, so a plan renamed within them keeps its past); the output is read
line by line and closed as soon as the reader has what it needs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, TypeVar

from ..document.text import strip_eol
from ..errors import PlansyncError, Problem

if TYPE_CHECKING:
    from git import Repo

#: A task line's (done, identity text).
TaskLine = tuple[bool, str]
Hunk = tuple[list[TaskLine], list[TaskLine]]
T = TypeVar("T")

_QUOTED_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}
_OCTAL = re.compile(r"[0-7]{3}")


class HistoryUnavailable(PlansyncError):
    """History cannot be read (no repository, git refusing it): dates from history are off."""

    exit_code = 0


@dataclass
class FileChange:
    """What one commit did to one file."""

    #: The file's path after the commit (before it, for a deletion), relative to the work tree.
    path: str
    #: Its path before the commit when the commit renamed it.
    old_path: str | None = None
    #: The commit added the file (or, at a shallow clone's cut, shows it as added).
    created: bool = False
    hunks: list[Hunk] = field(default_factory=list)


@dataclass
class Commit:
    sha: str
    #: The author day in the commit's own offset: every machine and time zone reads the same.
    day: str
    changes: list[FileChange] = field(default_factory=list)


class Repository:
    """An opened repository: its work tree, its shallow cut, and ``git log`` over some files."""

    def __init__(self, repo: Repo, top: Path) -> None:
        self._repo = repo
        self.top = top
        #: The commits at a shallow clone's cut: their diffs show old lines as new.
        self.boundary = self._git_call(self._shallow_boundary)

    def relative(self, path: Path) -> str:
        """``path`` (already resolved) relative to the work tree, POSIX form; refused outside it."""
        relative = os.path.relpath(path, self.top)
        if relative.startswith(".."):
            raise HistoryUnavailable(Problem("the file lies outside the repository's work tree"))
        return Path(relative).as_posix()

    def commits(
        self, paths: Sequence[str], reads: Callable[[str], bool], tasks: Callable[[str], TaskLine | None]
    ) -> Iterator[Commit]:
        """The commits that changed ``paths``, newest first, with the lines ``tasks`` reads as
        task lines in the hunks of the files ``reads`` names. One path is followed through
        renames with ``--follow``; several are read in one pass, renames detected among the
        files of their suffixes."""
        import git

        head = self._git_call(lambda: self._repo.git.rev_parse("--verify", "-q", "HEAD^{commit}"), "")
        if not head:
            return  # an empty repository (or an unborn branch) has no history yet
        # While a merge is being committed, the merged branch's ticks are history too, not today's.
        tips = ["HEAD", "MERGE_HEAD"] if (Path(self._repo.git_dir) / "MERGE_HEAD").is_file() else ["HEAD"]
        scope = ["--follow", "--", *paths] if len(paths) == 1 else ["-M", "--", *_pathspecs(paths)]
        # showRoot: the root commit's diff is where most files were added.
        args = [
            "git", "-c", "core.quotepath=false", "-c", "log.showRoot=true", "--no-pager", "log", "-p",
            "-U0", "--text", "--no-textconv", "--no-ext-diff", "--no-color", "--src-prefix=a/",
            "--dst-prefix=b/", "--format=%x00%H %aI", *tips, *scope,
        ]  # fmt: skip
        try:
            process = self._repo.git.execute(args, as_process=True)
            try:
                yield from parse_log(process.stdout, reads, tasks)
            finally:
                if process.proc is not None:
                    process.proc.kill()  # the reader may have stopped early: git need not go on
                process.wait()
        except git.GitCommandError as exc:
            if exc.status not in (-9, 128 + 9):  # our own kill once the reader had enough
                raise HistoryUnavailable(Problem(git_refusal(exc))) from None

    def _shallow_boundary(self) -> frozenset[str]:
        if self._repo.git.rev_parse("--is-shallow-repository").strip() != "true":
            return frozenset()
        shallow = Path(self._repo.git.rev_parse("--git-path", "shallow").strip())
        if not shallow.is_absolute():
            shallow = self.top / shallow
        try:
            return frozenset(shallow.read_text(encoding="ascii").split())
        except OSError:
            return frozenset()

    def _git_call(self, call: Callable[[], T], *default: T) -> T:
        import git

        try:
            return call()
        except git.GitCommandError as exc:
            if default and exc.status == 1:
                return default[0]
            raise HistoryUnavailable(Problem(git_refusal(exc))) from None


def _pathspecs(paths: Sequence[str]) -> list[str]:
    """Every file of the paths' suffixes (so a rename among them is seen), plus any path
    without a suffix, as literal-free glob pathspecs."""
    suffixes = sorted({PurePosixPath(p).suffix for p in paths} - {""})
    plain = sorted(p for p in paths if not PurePosixPath(p).suffix)
    return [f":(glob)**/*{_glob_escape(s)}" for s in suffixes] + [f":(literal){p}" for p in plain]


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[\]\\])", r"\\\1", text)


def open_repository(path: Path, opened: dict[Path, Repository] | None = None) -> Repository:
    """The repository holding the file at ``path`` (already resolved). ``opened`` caches them
    by directory, for many files."""
    import git

    if opened is not None and path.parent in opened:
        return opened[path.parent]
    try:
        repo = git.Repo(path.parent, search_parent_directories=True)
        top = repo.working_tree_dir
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise HistoryUnavailable(Problem("not in a git repository; dates from history are off")) from None
    except git.GitCommandError as exc:
        raise HistoryUnavailable(Problem(git_refusal(exc))) from None
    if top is None:
        raise HistoryUnavailable(Problem("a bare repository has no work tree; dates from history are off"))
    found = Repository(repo, Path(top).resolve())
    if opened is not None:
        opened[path.parent] = found
    return found


def git_refusal(exc: Exception) -> str:
    """One line saying why git refused, and what to do when that is known."""
    text = str(exc)
    if "dubious ownership" in text or "safe.directory" in text:
        return (
            "git refuses this repository (dubious ownership); if you trust it, run "
            "`git config --global --add safe.directory <path>`; dates from history are off"
        )
    last = text.strip().splitlines()[-1] if text.strip() else "no message"
    return f"git failed ({last}); dates from history are off"


def parse_log(
    stream: Iterable[bytes], reads: Callable[[str], bool], tasks: Callable[[str], TaskLine | None]
) -> Iterator[Commit]:
    """Commits from ``git log -p`` output, each yielded once its last line is read."""
    commit: Commit | None = None
    change: FileChange | None = None
    in_header, wanted = True, False
    removed: list[TaskLine] = []
    added: list[TaskLine] = []
    for raw in stream:
        line = strip_eol(raw.decode("utf-8", "surrogateescape"))
        if line.startswith("\x00"):
            if commit is not None:
                _close(commit, change, removed, added)
                yield commit
            sha, _, when = line[1:].partition(" ")
            commit, change, in_header = Commit(sha, when[:10]), None, True
        elif commit is None:
            continue
        elif line.startswith("diff --git "):
            _close(commit, change, removed, added)
            change, in_header, wanted = FileChange(""), True, False
        elif change is None:
            continue
        elif in_header:
            in_header = _read_header(change, line)
            wanted = not in_header and reads(change.path)
        elif line.startswith("@@"):
            _close_hunk(change, removed, added)
        elif wanted and line[:1] in "+-" and line:
            task = tasks(line[1:])
            if task is not None:
                (removed if line[0] == "-" else added).append(task)
    if commit is not None:
        _close(commit, change, removed, added)
        yield commit


def _read_header(change: FileChange, line: str) -> bool:
    """Take what a header line says about the file; False once the first hunk begins."""
    if line.startswith("@@"):
        return False
    if line.startswith(("new file mode", "deleted file mode")):
        change.created = line.startswith("new")
    elif line.startswith("rename from "):
        change.old_path = _unquote(line[12:])
    elif line.startswith("rename to "):
        change.path = _unquote(line[10:])
    elif line.startswith("--- a/") or line.startswith('--- "a/'):
        change.path = change.path or _unquote(line[4:].removesuffix("\t"))[2:]
    elif line.startswith("+++ b/") or line.startswith('+++ "b/'):
        change.path = _unquote(line[4:].removesuffix("\t"))[2:]
    return True


def _unquote(name: str) -> str:
    """A path as git prints it: C-quoted (with octal bytes) when it holds unusual characters."""
    if not (len(name) >= 2 and name[0] == name[-1] == '"'):
        return name
    out, i, body = bytearray(), 0, name[1:-1]
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            octal = _OCTAL.match(body, i + 1)
            if octal:
                out.append(int(octal.group(), 8))
                i += 4
                continue
            out.append(_QUOTED_ESCAPES.get(body[i + 1], ord(body[i + 1])))
            i += 2
            continue
        out += char.encode("utf-8", "surrogateescape")
        i += 1
    return out.decode("utf-8", "surrogateescape")


def _close(commit: Commit, change: FileChange | None, removed: list[TaskLine], added: list[TaskLine]) -> None:
    if change is not None and change.path:
        _close_hunk(change, removed, added)
        commit.changes.append(change)
    removed.clear()
    added.clear()


def _close_hunk(change: FileChange, removed: list[TaskLine], added: list[TaskLine]) -> None:
    if removed or added:
        change.hunks.append((list(removed), list(added)))
        removed.clear()
        added.clear()
