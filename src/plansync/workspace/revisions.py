"""Plans at two revisions, read from git's objects (never by checking a revision out).

``changed_files`` names what changed between two revisions (or a revision and the work tree),
renames followed by git's own detection; ``read_blobs`` reads many files at revisions through
one ``git cat-file --batch``, so a pull request touching many plans costs two git processes.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..errors import PlansyncError, Problem
from .git import error_text, run_git

#: What a shallow clone lacking the base revision should do about it (CI checkouts are shallow).
FETCH_HINT = "fetch more history: git fetch --unshallow (or actions/checkout with fetch-depth: 0)"


class RevisionError(PlansyncError):
    """A revision git cannot resolve; the message is git's reason or what to fetch."""

    exit_code = 2


def refusal(message: str) -> RevisionError:
    """A RevisionError saying ``message``, attributed to plansync itself (no file is at fault)."""
    return RevisionError(Problem(message, None, 1, "plansync"))


class ChangedFile(NamedTuple):
    """One file that differs between the revisions."""

    #: Its path at HEAD (at BASE for a deleted file), relative to the repository's root.
    path: str
    #: Its path at BASE when git saw a rename, else None.
    old_path: str | None
    #: git's status letter: A, M, D, R, T.
    status: str


def resolve(top: Path, revision: str) -> str:
    """The full commit id ``revision`` names; RevisionError with git's reason or a fetch hint."""
    found = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], top)
    if found.returncode == 0:
        return found.stdout.decode("ascii").strip()
    shallow = run_git(["rev-parse", "--is-shallow-repository"], top).stdout.strip() == b"true"
    if shallow:
        raise refusal(f"{revision}: not in this shallow clone's history; {FETCH_HINT}")
    # --verify --quiet says nothing: ask again without them for git's own words.
    reason = run_git(["rev-parse", "--end-of-options", f"{revision}^{{commit}}"], top)
    raise refusal(f"{revision}: {_first_reason(reason.stderr).replace('^{commit}', '')}")


def _first_reason(stderr: bytes) -> str:
    """git's first ``fatal:`` or ``error:`` line, its prefix dropped (advice lines follow it)."""
    for line in stderr.decode("utf-8", "replace").splitlines():
        for prefix in ("fatal: ", "error: "):
            if line.startswith(prefix):
                return line[len(prefix) :]
    return "unknown revision"


def changed_files(top: Path, base: str, head: str | None) -> list[ChangedFile]:
    """Files changed from ``base`` to ``head`` (None: the work tree, staged or not)."""
    args = ["diff", "--no-ext-diff", "--no-textconv", "--name-status", "-M", "-z", base]
    result = run_git([*args, *([head] if head else []), "--"], top)
    if result.returncode != 0:
        raise refusal(error_text(result))
    return parse_name_status(result.stdout)


def parse_name_status(data: bytes) -> list[ChangedFile]:
    """``git diff --name-status -z`` output: a status, then one path (two for a rename or copy)."""
    fields = data.decode("utf-8", "surrogateescape").split("\0")
    found: list[ChangedFile] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in "RC":
            old, new = fields[i + 1], fields[i + 2]
            # A copy leaves its source in place: the new file is simply added.
            found.append(ChangedFile(new, old if status == "R" else None, "R" if status == "R" else "A"))
            i += 3
        else:
            found.append(ChangedFile(fields[i + 1], None, status))
            i += 2
    return found


def read_blobs(top: Path, specs: list[tuple[str, str]]) -> list[bytes | None]:
    """The bytes of each ``(revision, path)``, None where the path is absent at that revision."""
    if not specs:
        return []
    request = "".join(f"{rev}:{path}\n" for rev, path in specs).encode("utf-8", "surrogateescape")
    result = run_git(["cat-file", "--batch"], top, stdin=request)
    if result.returncode != 0:
        raise refusal(error_text(result))
    return _split_batch(result.stdout, len(specs))


def _split_batch(out: bytes, count: int) -> list[bytes | None]:
    """``cat-file --batch`` answers: ``<id> <type> <size>\\n<bytes>\\n``, or ``<name> missing\\n``."""
    found: list[bytes | None] = []
    at = 0
    for _ in range(count):
        end = out.index(b"\n", at)
        header = out[at:end].split(b" ")
        if len(header) != 3 or header[1] != b"blob":  # missing, ambiguous, or a submodule
            found.append(None)
            at = end + 1
            continue
        size = int(header[2])
        found.append(out[end + 1 : end + 1 + size])
        at = end + 1 + size + 1
    return found


def read_worktree(top: Path, path: str) -> bytes | None:
    """A file as it is on disk now, None when it is gone."""
    try:
        return (top / path).read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
