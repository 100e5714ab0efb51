"""The pure pipeline: text -> Plan -> fresh region bodies (and stamp/cookie edits) -> verified text.

No file, clock or git is touched here: dates and other plans come in through callbacks
(``DateSource``, ``SourceLoader``) that the file-level API in ``api.py`` provides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

from .config import Config
from .dates.dater import TaskDater
from .document.outline import build_plan, counter_for
from .document.parse import parse_document
from .document.text import check_conflicts, dominant_eol, line_starts, split_lines
from .edits.cookies import cookie_edits, strip_cookie
from .edits.stamping import apply_line_edits, stamp_edits, stamping_enabled, strip_stamp
from .errors import PlansyncError, Problem, VerificationError
from .model import Plan, Region
from .regions.markers import find_regions, region_body, splice

if TYPE_CHECKING:
    from .regions.milestones import CompletedOn

_STAMP_ANYWHERE = re.compile(r"(?<![ \t])[ \t]*✅[ \t]*\d{4}-\d{2}-\d{2}")


def parse(text: str, config: Config | None = None) -> Plan:
    """Parse a plan's text (without BOM). Raises PlansyncError on input it refuses."""
    check_conflicts(text)
    doc = parse_document(text)
    return build_plan(doc, find_regions(doc.markers), config)


#: Given the parsed plan, the dater for its new milestones and stamps (see ``TaskDater``).
DateSource: TypeAlias = Callable[[Plan], TaskDater]


#: The plan a ``source=`` region summarises (raises PlansyncError at the marker's line).
SourceLoader: TypeAlias = Callable[[Region], Plan]


def stale_bodies(
    text: str,
    plan: Plan,
    eol: str,
    completed_on: CompletedOn | None = None,
    refill: bool = False,
    sources: SourceLoader | None = None,
) -> dict[int, str]:
    """Fresh bodies of the regions whose current body differs, by region index."""
    from .regions.render import render_body

    starts = line_starts(text)
    fresh = {}
    for index, region in enumerate(plan.regions):
        current = region_body(text, starts, region)
        subject = _source_plan(region, sources) if region.option("source") else plan
        body_eol = _body_eol(text, starts, region, eol)
        body = render_body(subject, region, body_eol, current, completed_on, refill, plan.lang)
        if body != current:
            fresh[index] = body
    return fresh


def _body_eol(text: str, starts: Sequence[int], region: Region, eol: str) -> str:
    """The file's line ending, unless it would fuse with the begin marker's own.

    In a mostly-LF file, a begin marker line ending in a lone CR followed by a body starting
    with LF would read as one CRLF: the body's blank first line would vanish.
    """
    marker_end = starts[region.begin_line] - 1
    if eol == "\n" and text[marker_end] == "\r":
        return "\r"
    return eol


def _source_plan(region: Region, sources: SourceLoader | None) -> Plan:
    if sources is None:
        raise PlansyncError(
            Problem("source= needs the file's own location; use sync_file", region.begin_line)
        )
    return sources(region)


class CheckResult(NamedTuple):
    """What ``sync`` would do to a text: the plan, the stale regions, the stamps, the fixed text."""

    plan: Plan
    stale: list[Region]
    fixed: str
    #: 1-based lines whose ✅ stamp ``sync`` adds or removes (``stamp=done`` only).
    stamped: list[int]
    #: Indices (into ``plan.regions``) of the stale regions.
    stale_indices: list[int]
    #: 1-based heading lines whose progress cookie (``[3/5]``, ``[60%]``) ``sync`` rewrites.
    cookies: list[int]
    #: Stale regions whose body holds text plansync does not write: index -> that body.
    edited: dict[int, str]

    @property
    def ok(self) -> bool:
        return not self.stale and not self.stamped and not self.cookies


def check_text(
    text: str,
    eol: str | None = None,
    dates: DateSource | None = None,
    refill: bool = False,
    config: Config | None = None,
    sources: SourceLoader | None = None,
) -> CheckResult:
    """Which regions (and stamps) are stale, and the text ``sync`` would write (verified).

    New lines end in ``eol``; by default, the most frequent line ending outside region bodies.

    Without ``dates`` nothing is dated: a completion the milestones region does not list yet
    is rendered undated (and makes the region stale), and no stamp is added.
    """
    plan = parse(text, config)
    # Counted outside region bodies, which sync never changes: the choice cannot flip back and forth.
    eol = eol or dominant_eol("".join(_outside(text, plan.regions)))
    dater = dates(plan) if dates is not None else None
    stamps: dict[int, str] = {}
    if dater is not None and stamping_enabled(plan):
        stamps = stamp_edits(text, plan, dater.tick_date)
    cookies = cookie_edits(text, plan, counter_for(plan, config))
    if stamps or cookies:
        edited_text = apply_line_edits(text, {**stamps, **cookies})
        edited_plan = parse(edited_text, config)
        _verify_line_edits(text, plan, edited_text, edited_plan, {**stamps, **cookies})
        text, plan = edited_text, edited_plan
    bodies = stale_bodies(text, plan, eol, dater.completed_on if dater else None, refill, sources)
    fixed = text
    if bodies:
        fixed = splice(text, plan.regions, bodies)
        _verify(text, plan, fixed, eol, config, sources)
    stale = sorted(bodies)
    edited = _edited_by_hand(text, plan.regions, stale)
    return CheckResult(
        plan, [plan.regions[i] for i in stale], fixed, sorted(stamps), stale, sorted(cookies), edited
    )


def _edited_by_hand(text: str, regions: Sequence[Region], stale: list[int]) -> dict[int, str]:
    """The stale regions' current bodies that hold text plansync never writes, by index."""
    if not stale:
        return {}
    from .regions.kinds import edited_by_hand

    starts = line_starts(text)
    current = {i: region_body(text, starts, regions[i]) for i in stale}
    return {i: body for i, body in current.items() if edited_by_hand(regions[i], body)}


def sync_text(
    text: str,
    eol: str | None = None,
    dates: DateSource | None = None,
    refill: bool = False,
    config: Config | None = None,
    sources: SourceLoader | None = None,
) -> str:
    """The text with every region regenerated; identical to ``text`` when nothing is stale."""
    return check_text(text, eol, dates, refill, config, sources).fixed


def _verify_line_edits(old: str, plan: Plan, new: str, again: Plan, edits: dict[int, str]) -> None:
    """Stamps and cookies changed nothing but themselves, on the edited lines only."""

    def bare(line: str) -> str:
        return strip_cookie(strip_stamp(line.rstrip("\r\n")))

    old_lines, new_lines = split_lines(old), split_lines(new)
    same_shape = len(old_lines) == len(new_lines) and all(
        a == b or (n in edits and bare(a) == bare(b))
        for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=True), 1)
    )
    tasks_kept = [(t.state, _unstamped(t.text)) for t in plan.tasks] == [
        (t.state, _unstamped(t.text)) for t in again.tasks
    ]
    if not (same_shape and tasks_kept):
        raise VerificationError(Problem("internal error: stamps or cookies changed more than themselves"))


def _unstamped(text: str) -> str:
    return " ".join(_STAMP_ANYWHERE.sub(" ", text).split())


def _verify(
    old: str, plan: Plan, new: str, eol: str, config: Config | None, sources: SourceLoader | None = None
) -> None:
    """The write promises, checked on the result before anything is written."""
    try:
        again = parse(new, config)
    except PlansyncError as exc:
        raise VerificationError(Problem(f"internal error: the rewrite does not parse back ({exc})")) from None
    if _outside(old, plan.regions) != _outside(new, again.regions):
        raise VerificationError(Problem("internal error: the rewrite changed text outside the regions"))
    if [(t.state, t.text) for t in plan.tasks] != [(t.state, t.text) for t in again.tasks]:
        raise VerificationError(Problem("internal error: the rewrite changed the tasks"))
    if stale_bodies(new, again, eol, sources=sources):
        raise VerificationError(Problem("internal error: a second sync would change the file again"))


def _outside(text: str, regions: Sequence[Region]) -> list[str]:
    starts = line_starts(text)
    cuts = [0]
    for r in regions:
        cuts += [starts[r.begin_line], starts[r.end_line - 1]]
    cuts.append(len(text))
    return [text[a:b] for a, b in zip(cuts[::2], cuts[1::2], strict=True)]
