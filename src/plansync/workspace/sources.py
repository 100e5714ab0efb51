"""Other plans a file names: ``source=`` regions, a dashboard's ``files=`` glob, and links,
resolved inside the repository.

A dashboard's plans are read without git history: a plan's last activity is the newest date it
records itself (✅ stamps, its milestones region), so ``check`` and ``sync`` draw the same
table, and fast.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..config import config_for
from ..document.text import decode
from ..errors import PlansyncError, Problem
from ..model import Plan, Region
from ..pipeline import SourceLoader, parse
from .files import read_file

if TYPE_CHECKING:
    from ..dates.dater import TaskDater
    from ..regions.render import Listed

#: The text an editor holds for a file, or None to read that file from disk.
OpenText = Callable[[Path], "str | None"]


def source_loader(path: Path, opened: OpenText | None = None) -> SourceLoader:
    """Plans named by ``source=`` and matched by a dashboard's ``files=``, resolved next to
    ``path`` and confined to its repository (outside git: to its own directory tree); read
    and parsed once each.

    ``opened`` gives the text an editor holds for a file (None: read it from disk), so a
    region summarising another open document follows its unsaved edits.
    """
    return _Sources(path.absolute(), opened)


class _Sources:
    """The ``SourceLoader`` of one file."""

    def __init__(self, path: Path, opened: OpenText | None) -> None:
        self.path, self.base, self.opened = path, path.parent, opened
        self.cache: dict[str, Plan] = {}
        self.globbed: dict[str, list[Listed]] = {}

    def __call__(self, region: Region) -> Plan:
        value = region.option("source") or ""
        if value not in self.cache:
            self.cache[value] = _load(self.base, value, region.begin_line, self.opened)
        return self.cache[value]

    def listed(self, region: Region) -> Sequence[Listed]:
        value = region.option("files") or ""
        if value not in self.globbed:
            self.globbed[value] = listed_plans(self.path, value, region.begin_line, self.opened)
        return self.globbed[value]


def _load(base: Path, value: str, line: int, opened: OpenText | None) -> Plan:
    root = repository_root(base)
    target = (base / value).resolve()
    if not target.is_relative_to(root):
        raise PlansyncError(Problem(f"source={value} lies outside {root}; refusing it", line))
    if not target.is_file():
        raise PlansyncError(Problem(f"source={value}: no such file", line))
    return read_plan(target, f"source={value}", line, opened)[0]


def repository_root(base: Path) -> Path:
    """Where other plans may be read from: the repository, else ``base``'s own tree."""
    from .git import toplevel  # subprocess is imported only for plans that name another

    return toplevel(base) or base.resolve()


def read_plan(target: Path, what: str, line: int, opened: OpenText | None) -> tuple[Plan, str]:
    """The plan at ``target`` and its text; a refusal is reported at ``line`` as ``what``'s."""
    config = config_for(target)
    text = opened(target) if opened is not None else None
    if text is None:
        text = decode(read_file(target, config.max_bytes).data).text
    try:
        return parse(text, config), text
    except PlansyncError as exc:
        first = exc.problems[0]
        where = f"line {first.line}: " if first.line is not None else ""
        raise PlansyncError(Problem(f"{what}: {where}{first.message}", line)) from None


def link_checker(path: Path) -> Callable[[str], bool]:
    """Whether a link target exists: relative to the plan, or to the repository root for '/x'."""
    base = path.absolute().parent

    def exists(target: str) -> bool:
        if target.startswith("/"):
            from .git import toplevel

            root = toplevel(base) or base
            return (root / target.lstrip("/")).exists()
        return (base / target).exists()

    return exists


_GLOB_CHARS = frozenset("*?[")


def listed_plans(host: Path, pattern: str, line: int, opened: OpenText | None = None) -> list[Listed]:
    """The plans (Markdown files with task boxes) ``pattern`` matches next to ``host``, sorted by
    path, ``host`` itself left out. A pattern reaching outside the repository, and a matched
    plan plansync refuses, are refused at ``line``: a dashboard silently missing a plan would
    report wrong totals."""
    from ..dates.today import local_today
    from ..regions.render import Listed
    from .inputs import dater_for

    what = f"files={pattern}"
    if not pattern:
        raise PlansyncError(Problem("a dashboard needs files=GLOB (the plans it lists)", line))
    base = host.parent
    root = repository_root(base)
    if PurePosixPath(pattern).is_absolute() or not _literal_prefix(base, pattern).is_relative_to(root):
        raise PlansyncError(Problem(f"{what} lies outside {root}; refusing it", line))
    found: list[Listed] = []
    today = local_today()
    for target in _matches(base, pattern, root, host.resolve(), what, line):
        shown = Path(os.path.relpath(target, base.resolve())).as_posix()  # "../x.md" too: a link
        plan, text = read_plan(target, f"{what}: {shown}", line, opened)
        if plan.tasks:
            dater = dater_for(plan, text, None, False)  # recorded dates only: no history
            found.append(Listed(shown, plan, _last_activity(dater), _status(dater, target, today)))
    return sorted(found, key=lambda entry: entry.path)


def _literal_prefix(base: Path, pattern: str) -> Path:
    """The directory a pattern starts globbing in (its parts before the first wildcard), resolved."""
    parts = PurePosixPath(pattern).parts
    literal = []
    for part in parts[:-1]:
        if _GLOB_CHARS & set(part):
            break
        literal.append(part)
    return (base.joinpath(*literal)).resolve()


def _matches(base: Path, pattern: str, root: Path, host: Path, what: str, line: int) -> list[Path]:
    """Resolved Markdown files ``pattern`` matches (hidden and vendored directories skipped)."""
    from .discovery import MARKDOWN_SUFFIXES, skipped_directory

    found = set()
    for match in base.glob(pattern):
        relative = match.relative_to(base).parts
        if not match.name.endswith(MARKDOWN_SUFFIXES) or not match.is_file():
            continue
        if any(skipped_directory(p) for p in relative[:-1] if p != ".."):
            continue
        target = match.resolve()
        if not target.is_relative_to(root):  # a symbolic link out of the repository
            raise PlansyncError(Problem(f"{what}: {match} lies outside {root}; refusing it", line))
        if target != host:
            found.add(target)
    return sorted(found)


def _last_activity(dater: TaskDater) -> str | None:
    """The newest date the plan records: a ✅ stamp or a date its milestones region holds."""
    from ..document.stamps import stamp_date

    days = {day for task in dater.plan.tasks if (day := stamp_date(task.stamp)) is not None}
    days.update(dater.recorded.values())
    return max(days, default=None)


def _status(dater: TaskDater, target: Path, today: str) -> str | None:
    """Where the schedule stands: the current phase's status (the last phase's once all are
    done), None without due dates. Days late are left out so the table changes on the day a
    phase falls behind, not every day after it."""
    from ..dates.schedule import current_status, schedule_of, start_date

    start = config_for(target).start
    if start_date(dater.plan, start) is None:
        return None  # no start: nothing is dated, and no history is read for one
    found = current_status(dater.plan, schedule_of(dater.plan, dater, today, start))
    return found.kind.value if found is not None else None
