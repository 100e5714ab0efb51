"""The file-level API: read, lock, date, check and safely write plans around the pure pipeline.

``pipeline.py`` turns text into verified text; this module adds the file, its configuration,
git history for dates, other plans for ``source=`` regions, the rules, and the safe write.
Every function taking a path reports a problem in the text at that path (``path:line:col``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Concatenate, NamedTuple, ParamSpec, TypeVar

from .config import Config, config_for
from .dates.dater import TaskDater
from .dates.today import commit_day, local_today
from .document.outline import counter_for
from .document.sniff import has_markers
from .document.text import Decoded, Text, decode, dominant_eol, unified_diff
from .edits.lines import apply_line_edits
from .errors import PlansyncError
from .model import Diagnostic, Plan, Region

# The pure pipeline's public names are part of this module's API too (``plansync.api.check_text``).
from .pipeline import Assessment, SyncResult, regenerate
from .pipeline import check_text as check_text
from .pipeline import parse as parse
from .pipeline import sync_text as sync_text
from .workspace.files import FileSnapshot, locked, read_file, write_file
from .workspace.inputs import dater_for, dater_source, layout_source
from .workspace.inputs import offline_dates as offline_dates
from .workspace.sources import OpenText, link_checker, source_loader

P = ParamSpec("P")
R = TypeVar("R")


def _about_file(work: Callable[Concatenate[Path, P], R]) -> Callable[Concatenate[str | Path, P], R]:
    """Give ``work`` a Path, and attribute any PlansyncError raised without a file to it."""

    @functools.wraps(work)
    def run(path: str | Path, /, *args: P.args, **kwargs: P.kwargs) -> R:
        where = Path(path)
        try:
            return work(where, *args, **kwargs)
        except PlansyncError as exc:
            if exc.path != "<text>":
                raise
            raise exc.located(str(where)) from None

    return run


class _Opened(NamedTuple):
    """A plan file as read: its bytes (to write back safely), its text, its configuration."""

    snapshot: FileSnapshot
    decoded: Decoded
    config: Config

    @property
    def text(self) -> str:
        return self.decoded.text


def _open(path: Path) -> _Opened:
    """Read (within the configured size cap) and decode a plan."""
    config = config_for(path)
    snapshot = read_file(path, config.max_bytes)
    return _Opened(snapshot, decode(snapshot.data), config)


@_about_file
def load(path: Path) -> Plan:
    """Read and parse a plan file."""
    opened = _open(path)
    return parse(opened.text, opened.config)


class FileOutcome(NamedTuple):
    """The result of syncing or checking one file."""

    path: Path
    #: False when the file holds no marker and was not parsed.
    parsed: bool
    changed: bool = False
    #: The file's text as read.
    old: str = ""
    #: What ``sync`` computed (None when the file was not parsed).
    result: SyncResult | None = None
    #: Why dates from history were off, when they were needed and could not be read.
    note: str | None = None
    #: What the structure rules found (``check`` only).
    diagnostics: Sequence[Diagnostic] = ()
    #: Why a rewritten region could not follow the repository's formatter configuration.
    layout_note: str | None = None

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


@_about_file
def sync_file(
    path: Path, *, today: str | None = None, history: bool = True, backfill: bool = False
) -> FileOutcome:
    """Regenerate the regions (and stamps) of one file; write only when its bytes change.

    A completion or tick not recorded yet is dated from git history (unless ``history`` is
    False), else ``today``: it is being committed now (default: the commit's author date when
    git states it in ``GIT_AUTHOR_DATE``, else the local date; see ``dates.today``). With
    ``backfill``, milestones recorded as undated are dated again too. A region body someone
    wrote into is replaced like any other; ``FileOutcome.replaced`` hands back what it held.
    """
    with locked(path):
        config = config_for(path)
        snapshot = read_file(path, config.max_bytes)
        if not has_markers(snapshot.data):
            return FileOutcome(path, parsed=False)
        decoded = decode(snapshot.data)
        day = today or commit_day(os.environ)
        result, made, notes = _regenerate_at(path, decoded.text, config, day, history, backfill)
        changed = write_file(snapshot, decoded.encode(result.fixed)) if not result.ok else False
    note = next((d.note for d in made if d.note), None)
    return FileOutcome(path, True, changed, decoded.text, result, note, layout_note=next(iter(notes), None))


def _regenerate_at(
    path: Path,
    text: str,
    config: Config,
    today: str,
    history: bool,
    backfill: bool = False,
    opened: OpenText | None = None,
) -> tuple[SyncResult, list[TaskDater], list[str]]:
    """``regenerate`` for ``text`` at ``path``, with the daters made and the layout's notes."""
    dates, made = dater_source(text, path, history, today)
    layout, notes = layout_source(path)
    result = regenerate(text, None, dates, backfill, config, source_loader(path, opened), layout)
    return result, made, notes


@_about_file
def check_file(path: Path, today: str | None = None, rules: bool = True) -> FileOutcome:
    """What ``sync`` would change in one file and what the rules find, without writing or history."""
    opened = _open(path)
    _, result, found = _offline_check(path, opened, today or local_today(), rules)
    return FileOutcome(path, True, False, opened.text, result, None, found)


def _offline_check(
    path: Path, opened: _Opened, today: str, rules: bool
) -> tuple[Plan, SyncResult, list[Diagnostic]]:
    """The plan as on disk, what sync would do (dates: ``today``, no history), the findings."""
    text, config = opened.text, opened.config
    dates, layout = offline_dates(text, today), layout_source(path)[0]  # --diff shows what sync writes
    result = regenerate(text, None, dates, False, config, source_loader(path), layout)
    # With stamp or cookie edits, result.plan is of the edited text: rules read the file as it is.
    plan = parse(text, config) if result.stamped or result.cookies else result.plan
    found = diagnose(text, plan, result, path, config, today) if rules else []
    return plan, result, found


def diagnose(
    text: str,
    plan: Plan,
    result: SyncResult | Assessment,
    path: Path | None,
    config: Config,
    today: str | None,
) -> list[Diagnostic]:
    """Every rule's diagnostics for one plan (PS5xx from ``result``, what ``sync`` would change)."""
    from .rules.base import RuleContext
    from .rules.registry import run_rules

    ctx = RuleContext(
        plan=plan,
        text=Text(text),
        path=path,
        today=today,
        required_headings=config.required_headings,
        exists=link_checker(path) if path is not None else None,
        stale=result.stale_indices,
        edited=frozenset(result.edited),
        stamped=result.stamped,
        cookies=result.cookies,
        count=counter_for(plan, config),
    )
    return run_rules(ctx, config.select, config.ignore, config.severity)


@_about_file
def fix_file(path: Path, today: str | None = None) -> FileOutcome:
    """Apply the rules' safe fixes, then regenerate regions; write only when bytes change."""
    with locked(path):
        opened = _open(path)
        result, notes = _fixed(path, opened.text, opened.config, today or local_today())
        changed = write_file(opened.snapshot, opened.decoded.encode(result.fixed))
    return FileOutcome(path, True, changed, opened.text, result, layout_note=next(iter(notes), None))


@_about_file
def preview(path: Path, text: str, fix: bool = False, opened: OpenText | None = None) -> SyncResult:
    """What ``sync`` (with ``fix``: ``check --fix``) would write for ``text``, an editor's
    buffer of ``path``; nothing is written."""
    config, day = config_for(path), local_today()
    return (
        _fixed(path, text, config, day, opened)[0]
        if fix
        else _regenerate_at(path, text, config, day, True, False, opened)[0]
    )


def _fixed(
    path: Path, text: str, config: Config, day: str, opened: OpenText | None = None
) -> tuple[SyncResult, list[str]]:
    """The rules' safe fixes applied to ``text``, then its regions regenerated."""
    first = regenerate(text, config=config, sources=source_loader(path, opened))
    found = diagnose(text, first.plan, first, path, config, day)
    edits = {d.line: d.fix for d in found if d.fix is not None and d.line is not None}
    fixed = apply_line_edits(Text(text), edits)
    parse(fixed, config)  # a fix must leave a plan that still parses
    result, _, notes = _regenerate_at(path, fixed, config, day, True, False, opened)
    return result, notes


@_about_file
def inspect_file(path: Path, history: bool = True) -> tuple[Plan, TaskDater, list[Diagnostic]]:
    """Everything ``report --format json`` shows of a file: plan, task dates, rule findings."""
    opened = _open(path)
    plan, _, found = _offline_check(path, opened, local_today(), rules=True)
    return plan, dater_for(plan, opened.text, path, history), found


@_about_file
def load_with_dates(path: Path, history: bool = True) -> tuple[Plan, TaskDater]:
    """A plan and a dater for its tasks' ``done_on`` (stamps, then history unless turned off)."""
    opened = _open(path)
    plan = parse(opened.text, opened.config)
    return plan, dater_for(plan, opened.text, path, history)


@_about_file
def staged_copy_is_stale(path: Path, data: bytes) -> bool:
    """Whether ``sync`` would change ``data``, another copy (the staged one) of the plan at ``path``."""
    text = decode(data).text
    dates = offline_dates(text, local_today())
    return not regenerate(text, None, dates, config=config_for(path), sources=source_loader(path)).ok


class InitPreview(NamedTuple):
    """What ``plansync init`` adds: the filled text and its diff against the file."""

    text: str
    diff: str


@_about_file
def init_file(path: Path, under: str | None, write: bool) -> InitPreview | None:
    """Add filled summary and progress regions to a plan; None when it already has regions."""
    from .edits.insertion import insert_regions

    with locked(path):
        opened = _open(path)
        plan = parse(opened.text, opened.config)
        if plan.regions:
            return None
        eol = dominant_eol(opened.text)  # the plan has no region yet: every line counts
        inserted, _ = insert_regions(Text(opened.text), plan, under, eol)
        layout, _ = layout_source(path)
        filled = sync_text(inserted, eol, config=opened.config, layout=layout())
        if write:
            write_file(opened.snapshot, opened.decoded.encode(filled))
    return InitPreview(filled, unified_diff(path, opened.text, filled))
