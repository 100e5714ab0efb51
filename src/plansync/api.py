"""The file-level API: read, lock, date, check and safely write plans around the pure pipeline.

``pipeline.py`` turns text into verified text; this module adds the file, its configuration,
git history for dates, other plans for ``source=`` regions, the rules, and the safe write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from .config import Config, load_config
from .dates.dater import TaskDater
from .document.outline import counter_for
from .document.sniff import has_markers
from .document.text import decode, dominant_eol
from .edits.stamping import apply_line_edits
from .errors import PlansyncError, Problem
from .model import Diagnostic, Plan, Region

# The pure pipeline's names are part of this module's API too (``plansync.api.check_text``).
from .pipeline import CheckResult as CheckResult
from .pipeline import DateSource, SourceLoader
from .pipeline import check_text as check_text
from .pipeline import parse as parse
from .pipeline import stale_bodies as stale_bodies
from .pipeline import sync_text as sync_text
from .workspace.files import FileSnapshot, locked, read_file, write_file


def load(path: str | Path) -> Plan:
    """Read and parse a plan file."""
    path = Path(path)
    snapshot, config = _read_plan(path)
    with _located(path):
        return parse(decode(snapshot.data).text, config)


#: Given the parsed plan, the dater for its new milestones and stamps (see ``TaskDater``).
@contextmanager
def _located(path: Path) -> Iterator[None]:
    """Attribute any PlansyncError raised inside, still without a file, to ``path``."""
    try:
        yield
    except PlansyncError as exc:
        if exc.path != "<text>":
            raise
        raise exc.located(str(path)) from None


class FileOutcome(NamedTuple):
    """The result of syncing or checking one file."""

    path: Path
    #: False when the file holds no marker and was not parsed.
    parsed: bool
    changed: bool = False
    #: The file's text as read.
    old: str = ""
    #: What ``sync`` computed (None when the file was not parsed).
    result: CheckResult | None = None
    #: Why dates from history were off, when they were needed and could not be read.
    note: str | None = None
    #: What the structure rules found (``check`` only).
    diagnostics: Sequence[Diagnostic] = ()

    @property
    def replaced(self) -> list[tuple[Region, str]]:
        """The regions whose body held text plansync never writes, each with that text."""
        if self.result is None:
            return []
        return [(self.result.plan.regions[i], body) for i, body in sorted(self.result.edited.items())]

    @property
    def new(self) -> str:
        """The text ``sync`` writes (or would write)."""
        return self.result.fixed if self.result is not None else self.old

    @property
    def stale(self) -> list[Region]:
        return self.result.stale if self.result is not None else []

    @property
    def stamped(self) -> list[int]:
        return self.result.stamped if self.result is not None else []

    @property
    def ok(self) -> bool:
        """True when ``sync`` would change nothing."""
        return self.result is None or self.result.ok


def _dater_source(
    source_text: str, path: Path, history: bool, today: str
) -> tuple[DateSource, list[TaskDater]]:
    """A DateSource for one file, and the list that will hold the dater it made (for its note)."""
    made: list[TaskDater] = []

    def dates(plan: Plan) -> TaskDater:
        dater = TaskDater(plan, source_text, path, history, today)
        made.append(dater)
        return dater

    return dates, made


def _config_for(path: Path) -> Config:
    config = load_config(path)
    return config.for_file(path)


def _read_plan(path: Path) -> tuple[FileSnapshot, Config]:
    """A plan's bytes (within its configured size cap) and its configuration."""
    config = _config_for(path)
    return read_file(path, config.max_bytes), config


def sync_file(
    path: str | Path,
    *,
    today: str | None = None,
    history: bool = True,
    backfill: bool = False,
) -> FileOutcome:
    """Regenerate the regions (and stamps) of one file; write only when its bytes change.

    A completion or tick not recorded yet is dated from git history (unless ``history`` is
    False), else ``today`` (default: the local date): it is being committed now. With
    ``backfill``, milestones recorded as undated are dated again too. A region body someone
    wrote into is replaced like any other; ``FileOutcome.replaced`` hands back what it held.
    """
    path = Path(path)
    with locked(path):
        snapshot, config = _read_plan(path)
        if not has_markers(snapshot.data):
            return FileOutcome(path, parsed=False)
        with _located(path):
            source = decode(snapshot.data)
            dates, made = _dater_source(source.text, path, history, today or local_today())
            result = check_text(source.text, None, dates, backfill, config, source_loader(path))
        changed = write_file(snapshot, source.encode(result.fixed)) if not result.ok else False
    note = next((d.note for d in made if d.note), None)
    return FileOutcome(path, True, changed, source.text, result, note)


def local_today() -> str:
    """Today in the local time zone: the day a commit being made now is dated."""
    import time  # (not datetime: check would import it for this alone)

    return time.strftime("%Y-%m-%d")


def check_file(path: str | Path, today: str | None = None, rules: bool = True) -> FileOutcome:
    """What ``sync`` would change in one file and what the rules find, without writing or history."""
    path = Path(path)
    text, _, result, found = _offline_check(path, today or local_today(), rules)
    return FileOutcome(path, True, False, text, result, None, found)


def _offline_check(path: Path, today: str, rules: bool) -> tuple[str, Plan, CheckResult, list[Diagnostic]]:
    """Read a plan and run the pipeline (dates: ``today``, no history) and, optionally, the rules.

    Returns the text, the plan of the text as it is on disk, what sync would do, the findings.
    """
    snapshot, config = _read_plan(path)
    with _located(path):
        source = decode(snapshot.data)
        dates = offline_dates(source.text, today)
        result = check_text(source.text, None, dates, config=config, sources=source_loader(path))
        # With stamp or cookie edits, result.plan is of the edited text: rules read the file as it is.
        plan = parse(source.text, config) if result.stamped or result.cookies else result.plan
        found = diagnose(source.text, plan, result, path, config, today) if rules else []
    return source.text, plan, result, found


def diagnose(
    text: str, plan: Plan, result: CheckResult, path: Path | None, config: Config, today: str | None
) -> list[Diagnostic]:
    """Every rule's diagnostics for one plan (PS5xx from ``result``, what ``sync`` would change)."""
    from .rules.base import RuleContext
    from .rules.registry import run_rules

    ctx = RuleContext(
        plan=plan,
        text=text,
        path=path,
        today=today,
        required_headings=config.required_headings,
        exists=_link_checker(path) if path is not None else None,
        stale_bodies=dict.fromkeys(result.stale_indices, ""),
        edited=frozenset(result.edited),
        stamped=result.stamped,
        cookies=result.cookies,
        count=counter_for(plan, config),
    )
    return run_rules(ctx, config.select, config.ignore, config.severity)


def _link_checker(path: Path) -> Callable[[str], bool]:
    """Whether a link target exists: relative to the plan, or to the repository root for '/x'."""
    base = path.absolute().parent

    def exists(target: str) -> bool:
        if target.startswith("/"):
            from .workspace.git import toplevel

            root = toplevel(base) or base
            return (root / target.lstrip("/")).exists()
        return (base / target).exists()

    return exists


def fix_file(path: str | Path, today: str | None = None) -> FileOutcome:
    """Apply the rules' safe fixes, then regenerate regions; write only when bytes change."""
    path = Path(path)
    with locked(path):
        snapshot, config = _read_plan(path)
        day = today or local_today()
        with _located(path):
            source = decode(snapshot.data)
            first = check_text(source.text, config=config, sources=source_loader(path))
            found = diagnose(source.text, first.plan, first, path, config, day)
            edits = {d.line: d.fix for d in found if d.fix is not None and d.line is not None}
            fixed = apply_line_edits(source.text, edits)
            parse(fixed, config)  # a fix must leave a plan that still parses
            dates, _ = _dater_source(fixed, path, True, day)
            result = check_text(fixed, None, dates, False, config, source_loader(path))
        changed = write_file(snapshot, source.encode(result.fixed))
    return FileOutcome(path, True, changed, source.text, result)


def offline_dates(text: str, today: str) -> DateSource:
    """Dates without history: anything not recorded yet is dated ``today``."""
    return lambda plan: TaskDater(plan, text, None, False, today)


def inspect_file(path: str | Path, history: bool = True) -> tuple[Plan, TaskDater, list[Diagnostic]]:
    """Everything ``report --format json`` shows of a file: plan, task dates, rule findings."""
    path = Path(path)
    text, plan, _, found = _offline_check(path, local_today(), rules=True)
    return plan, TaskDater(plan, text, path, history), found


def load_with_dates(path: str | Path, history: bool = True) -> tuple[Plan, TaskDater]:
    """A plan and a dater for its tasks' ``done_on`` (stamps, then history unless turned off)."""
    path = Path(path)
    snapshot, config = _read_plan(path)
    with _located(path):
        source = decode(snapshot.data)
        plan = parse(source.text, config)
    return plan, TaskDater(plan, source.text, path, history)


def unified_diff(path: str | Path, old: str, new: str) -> str:
    """A unified diff of two versions of ``path``; every line ends in a newline."""
    import difflib

    from .document.text import split_lines

    lines = difflib.unified_diff(split_lines(old), split_lines(new), fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)


class InitPreview(NamedTuple):
    """What ``plansync init`` adds: the filled text and its diff against the file."""

    text: str
    diff: str


def init_file(path: Path, under: str | None, write: bool) -> InitPreview | None:
    """Add filled summary and progress regions to a plan; None when it already has regions."""
    from .edits.insertion import insert_regions

    with locked(path):
        snapshot, config = _read_plan(path)
        with _located(path):
            source = decode(snapshot.data)
            plan = parse(source.text, config)
            if plan.regions:
                return None
            eol = dominant_eol(source.text)  # the plan has no region yet: every line counts
            inserted, _ = insert_regions(source.text, plan, under, eol)
            filled = sync_text(inserted, eol, config=config)
        if write:
            write_file(snapshot, source.encode(filled))
    return InitPreview(filled, unified_diff(path, source.text, filled))


def source_loader(path: Path) -> SourceLoader:
    """Plans named by ``source=``, resolved next to ``path`` and confined to its repository
    (outside git: to its own directory tree); read and parsed once each."""
    base = path.absolute().parent
    cache: dict[str, Plan] = {}

    def load_source(region: Region) -> Plan:
        value = region.option("source") or ""
        if value not in cache:
            from .workspace.git import toplevel

            root = toplevel(base) or base.resolve()
            target = (base / value).resolve()
            if not target.is_relative_to(root):
                raise PlansyncError(
                    Problem(f"source={value} lies outside {root}; refusing it", region.begin_line)
                )
            if not target.is_file():
                raise PlansyncError(Problem(f"source={value}: no such file", region.begin_line))
            snapshot, config = _read_plan(target)
            try:
                cache[value] = parse(decode(snapshot.data).text, config)
            except PlansyncError as exc:
                first = exc.problems[0]
                where = f"line {first.line}: " if first.line is not None else ""
                raise PlansyncError(
                    Problem(f"source={value}: {where}{first.message}", region.begin_line)
                ) from None
        return cache[value]

    return load_source
