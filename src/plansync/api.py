"""Orchestration: text -> Plan -> fresh region bodies -> verified new text, and the file wrappers.

``sync_text`` and ``check_text`` are pure; ``sync_file`` and ``check_file`` add the read,
the lock and the safe write around them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

from .dating import TaskDater
from .errors import PlansyncError, Problem, VerificationError
from .files import locked, read_file, write_file
from .model import Plan, Region
from .parser import parse_document
from .regions import find_regions, region_body, splice
from .render.milestones import CompletedOn
from .sniff import has_markers
from .source import check_conflicts, decode, dominant_eol, line_starts, split_lines
from .structure import build_plan


def parse(text: str) -> Plan:
    """Parse a plan's text (without BOM). Raises PlansyncError on input it refuses."""
    check_conflicts(text)
    doc = parse_document(text)
    return build_plan(doc, find_regions(doc.markers))


def load(path: str | Path) -> Plan:
    """Read and parse a plan file."""
    path = Path(path)
    snapshot = read_file(path)
    with _located(path):
        return parse(decode(snapshot.data).text)


#: Given the parsed plan, how to date its new completions (see ``TaskDater.completed_on``).
DateSource: TypeAlias = Callable[[Plan], CompletedOn]


def stale_bodies(
    text: str, plan: Plan, eol: str, dates: DateSource | None = None, refill: bool = False
) -> dict[int, str]:
    """Fresh bodies of the regions whose current body differs, by region index."""
    from .render import render_body

    starts = line_starts(text)
    completed_on = dates(plan) if dates is not None else None
    fresh = {}
    for index, region in enumerate(plan.regions):
        current = region_body(text, starts, region)
        body = render_body(plan, region, eol, current, completed_on, refill)
        if body != current:
            fresh[index] = body
    return fresh


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What ``sync`` would do to a text: the plan, the stale regions and the fixed text."""

    plan: Plan
    stale: list[Region]
    fixed: str

    @property
    def ok(self) -> bool:
        return not self.stale


def check_text(
    text: str, eol: str | None = None, dates: DateSource | None = None, refill: bool = False
) -> CheckResult:
    """Which regions are stale, and the text ``sync`` would write (verified).

    Without ``dates`` no history is read: a completion the milestones region does not list
    yet is rendered undated (and makes the region stale).
    """
    plan = parse(text)
    eol = eol or dominant_eol(text)
    bodies = stale_bodies(text, plan, eol, dates, refill)
    if not bodies:
        return CheckResult(plan, [], text)
    fixed = splice(text, plan.regions, bodies)
    _verify(text, plan, fixed, eol)
    return CheckResult(plan, [plan.regions[i] for i in sorted(bodies)], fixed)


def sync_text(
    text: str, eol: str | None = None, dates: DateSource | None = None, refill: bool = False
) -> str:
    """The text with every region regenerated; identical to ``text`` when nothing is stale."""
    return check_text(text, eol, dates, refill).fixed


def _verify(old: str, plan: Plan, new: str, eol: str) -> None:
    """The write promises, checked on the result before anything is written."""
    try:
        again = parse(new)
    except PlansyncError as exc:
        raise VerificationError(Problem(f"internal error: the rewrite does not parse back ({exc})")) from None
    if _outside(old, plan.regions) != _outside(new, again.regions):
        raise VerificationError(Problem("internal error: the rewrite changed text outside the regions"))
    if [(t.state, t.text) for t in plan.tasks] != [(t.state, t.text) for t in again.tasks]:
        raise VerificationError(Problem("internal error: the rewrite changed the tasks"))
    if stale_bodies(new, again, eol):
        raise VerificationError(Problem("internal error: a second sync would change the file again"))


def _outside(text: str, regions: Sequence[Region]) -> list[str]:
    starts = line_starts(text)
    cuts = [0]
    for r in regions:
        cuts += [starts[r.begin_line], starts[r.end_line - 1]]
    cuts.append(len(text))
    return [text[a:b] for a, b in zip(cuts[::2], cuts[1::2], strict=True)]


@contextmanager
def _located(path: Path) -> Iterator[None]:
    """Attribute any PlansyncError raised inside, still without a file, to ``path``."""
    try:
        yield
    except PlansyncError as exc:
        if exc.path != "<text>":
            raise
        raise exc.located(str(path)) from None


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """The result of syncing or checking one file."""

    path: Path
    #: False when the file holds no marker and was not parsed.
    parsed: bool
    changed: bool = False
    stale: list[Region] = field(default_factory=list)
    old: str = ""
    new: str = ""
    #: Why dates from history were off, when they were needed and could not be read.
    note: str | None = None


def sync_file(
    path: str | Path, *, today: str | None = None, history: bool = True, backfill: bool = False
) -> FileOutcome:
    """Regenerate the regions of one file; write only when its bytes change.

    A completion the milestones region does not list yet is dated from stamps, then git
    history (unless ``history`` is False), else ``today`` (default: the local date). With
    ``backfill``, milestones recorded as undated are dated again too.
    """
    path = Path(path)
    with locked(path):
        snapshot = read_file(path)
        if not has_markers(snapshot.data):
            return FileOutcome(path, parsed=False)
        with _located(path):
            source = decode(snapshot.data)
            daters: list[TaskDater] = []

            def dates(plan: Plan) -> CompletedOn:
                dater = TaskDater(plan, split_lines(source.text), path, history)
                daters.append(dater)
                day = today or _local_today()
                return lambda indices: dater.completed_on(indices, day)

            result = check_text(source.text, source.eol, dates, backfill)
        changed = write_file(snapshot, source.encode(result.fixed)) if result.stale else False
    note = next((d.note for d in daters if d.note), None)
    return FileOutcome(path, True, changed, result.stale, source.text, result.fixed, note)


def _local_today() -> str:
    import datetime

    return datetime.date.today().isoformat()


def check_file(path: str | Path) -> FileOutcome:
    """Report the stale regions of one file without writing anything (and without history)."""
    path = Path(path)
    snapshot = read_file(path)
    with _located(path):
        source = decode(snapshot.data)
        result = check_text(source.text, source.eol)
    return FileOutcome(path, True, False, result.stale, source.text, result.fixed)


def load_with_dates(path: str | Path, history: bool = True) -> tuple[Plan, TaskDater]:
    """A plan and a dater for its tasks' ``done_on`` (stamps, then history unless turned off)."""
    path = Path(path)
    snapshot = read_file(path)
    with _located(path):
        source = decode(snapshot.data)
        plan = parse(source.text)
    return plan, TaskDater(plan, split_lines(source.text), path, history)


def unified_diff(path: str | Path, old: str, new: str) -> str:
    """A unified diff of two versions of ``path``; every line ends in a newline."""
    import difflib

    from .source import split_lines

    lines = difflib.unified_diff(split_lines(old), split_lines(new), fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)


@dataclass(frozen=True, slots=True)
class InitPreview:
    """What ``plansync init`` adds: the filled text and its diff against the file."""

    text: str
    diff: str


def init_file(path: Path, under: str | None, write: bool) -> InitPreview | None:
    """Add filled summary and progress regions to a plan; None when it already has regions."""
    from .initialize import insert_regions

    with locked(path):
        snapshot = read_file(path)
        with _located(path):
            source = decode(snapshot.data)
            plan = parse(source.text)
            if plan.regions:
                return None
            inserted, _ = insert_regions(source.text, plan, under, source.eol)
            filled = sync_text(inserted, source.eol)
        if write:
            write_file(snapshot, source.encode(filled))
    return InitPreview(filled, unified_diff(path, source.text, filled))
