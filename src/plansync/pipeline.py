"""The pure pipeline: text -> Plan -> fresh region bodies (and stamp/cookie edits) -> verified text.

No file, clock or git is touched here: dates and other plans come in through callbacks
(``DateSource``, ``SourceLoader``) that the file-level API in ``api.py`` provides.
``regenerate`` is the engine; ``check_text`` and ``sync_text`` are its two public faces.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeAlias

from .config import Config
from .dates.dater import TaskDater
from .document.outline import build_plan, counter_for
from .document.parse import parse_document
from .document.stamps import strip_stamp, without_stamps
from .document.text import Text, check_conflicts, dominant_eol
from .edits.cookies import cookie_edits, strip_cookie
from .edits.lines import apply_line_edits
from .edits.stamping import stamp_edits, stamping_enabled
from .errors import PlansyncError, Problem, VerificationError
from .model import Plan, Region
from .regions.markers import find_regions
from .regions.render import RenderRequest, body_text, region_lang, render_lines
from .regions.splice import body_eol, outside_regions, region_body, splice

if TYPE_CHECKING:
    from .document.reparse import Reader
    from .regions.layout import Layout
    from .regions.render import CompletedOn, Listed


def parse(text: str, config: Config | None = None, read: Reader = parse_document) -> Plan:
    """Parse a plan's text (without BOM). Raises PlansyncError on input it refuses."""
    check_conflicts(text)
    doc = read(text)
    return build_plan(doc, find_regions(doc.markers), config)


#: Given the parsed plan, the dater for its new milestones and stamps (see ``TaskDater``).
DateSource: TypeAlias = Callable[[Plan], TaskDater]


class SourceLoader(Protocol):
    """Other plans a region draws on; both raise PlansyncError at the marker's line."""

    def __call__(self, region: Region) -> Plan:
        """The plan a ``source=`` region summarises."""

    def listed(self, region: Region) -> Sequence[Listed]:
        """The plans a ``dashboard`` region's ``files=`` matches, sorted by path."""


#: The layout a rewritten body is written in (read only when a body must be rewritten).
LayoutSource: TypeAlias = Callable[[], "Layout"]


def stale_bodies(
    text: Text,
    plan: Plan,
    eol: str,
    completed_on: CompletedOn | None = None,
    backfill: bool = False,
    sources: SourceLoader | None = None,
    layout: LayoutSource | None = None,
) -> dict[int, str]:
    """Fresh bodies of the regions whose current body means something else, by region index.

    A body in another layout (a formatter re-wrapped or re-indented it) is current; a stale
    one is rewritten in ``layout``, else in the default layout.
    """
    fresh = {}
    for index, region in enumerate(plan.regions):
        current = region_body(text, region)
        subject = _located(region, sources)(region) if region.option("source") else plan
        listed = _located(region, sources).listed(region) if region.name == "dashboard" else ()
        request = RenderRequest(
            region, region_lang(region, plan.lang, subject.lang), current, completed_on, backfill, listed
        )
        lines = render_lines(subject, request)
        region_eol = body_eol(text, region, eol)
        body = body_text(lines, region_eol)
        if body != current and not _same_meaning(current, body):
            fresh[index] = _laid_out(lines, body, region_eol, layout)
    return fresh


def _laid_out(lines: list[str], body: str, eol: str, layout: LayoutSource | None) -> str:
    """``body`` (of content ``lines``) in ``layout``; as it is when laying it out would change
    what it means (a sync must never fail, or write a wrong body, for the sake of layout)."""
    if layout is None:
        return body
    from .regions.layout import in_layout

    laid = body_text(in_layout(lines, layout()), eol)
    return laid if _same_meaning(laid, body) else body


def _same_meaning(current: str, fresh: str) -> bool:
    # Imported here: a body equal to its fresh rendering, the common case, needs no parse.
    from .regions.meaning import same_meaning

    return same_meaning(current, fresh)


def _located(region: Region, sources: SourceLoader | None) -> SourceLoader:
    """``sources``, which a region reading other files needs (only a file has a location)."""
    if sources is None:
        what = "files=" if region.name == "dashboard" else "source="
        raise PlansyncError(Problem(f"{what} needs the file's location: sync_file", region.begin_line))
    return sources


class Assessment(NamedTuple):
    """What ``sync`` would change in a text, found without rewriting it: enough for ``check``'s
    findings and an editor's diagnostics, which never need the rewritten text itself."""

    #: The plan of the text as given.
    given: Plan
    #: The plan of ``lines`` (``given`` itself when no stamp or cookie changes).
    plan: Plan
    #: The text with stamps and cookies brought up to date (the text itself when none change).
    lines: Text
    #: The line ending of new lines.
    eol: str
    #: Fresh bodies of the stale regions, by region index.
    bodies: dict[int, str]
    #: 1-based lines whose ✅ stamp ``sync`` adds or removes (``stamp=done`` only).
    stamped: list[int]
    #: 1-based heading lines whose progress cookie (``[3/5]``, ``[60%]``) ``sync`` rewrites.
    cookies: list[int]
    #: Stale regions whose body holds text plansync does not write: index -> that body.
    edited: dict[int, str]

    @property
    def stale_indices(self) -> list[int]:
        """Indices (into ``plan.regions``) of the stale regions."""
        return sorted(self.bodies)


class SyncResult(NamedTuple):
    """What ``sync`` does to a text: the plan, the stale regions, the stamps, the new text."""

    plan: Plan
    #: The text ``sync`` writes (verified); the input itself when nothing is stale.
    fixed: str
    #: Indices (into ``plan.regions``) of the stale regions.
    stale_indices: list[int]
    #: 1-based lines whose ✅ stamp ``sync`` adds or removes (``stamp=done`` only).
    stamped: list[int]
    #: 1-based heading lines whose progress cookie (``[3/5]``, ``[60%]``) ``sync`` rewrites.
    cookies: list[int]
    #: Stale regions whose body holds text plansync does not write: index -> that body.
    edited: dict[int, str]

    @property
    def stale(self) -> list[Region]:
        """The stale regions themselves."""
        return [self.plan.regions[i] for i in self.stale_indices]

    @property
    def ok(self) -> bool:
        return not self.stale_indices and not self.stamped and not self.cookies


def assess(
    text: str,
    eol: str | None = None,
    dates: DateSource | None = None,
    backfill: bool = False,
    config: Config | None = None,
    sources: SourceLoader | None = None,
    layout: LayoutSource | None = None,
    read: Reader = parse_document,
) -> Assessment:
    """Which regions, stamps and cookies are stale (see ``regenerate``), parsing the text once
    (twice when a stamp or cookie changes) and verifying nothing: nothing is written from it."""
    plan = parse(text, config, read)
    lines = Text(text)
    # Counted outside region bodies, which sync never changes: the choice cannot flip back and forth.
    eol = eol or dominant_eol("".join(outside_regions(lines, plan.regions)))
    dater = dates(plan) if dates is not None else None
    stamps: dict[int, str] = {}
    if dater is not None and stamping_enabled(plan):
        stamps = stamp_edits(lines, plan, dater.tick_date)
    cookies = cookie_edits(lines, plan, counter_for(plan, config))
    given = plan
    if stamps or cookies:
        edited_text = apply_line_edits(lines, {**stamps, **cookies})
        edited_plan = parse(edited_text, config, read)
        _verify_line_edits(lines, plan, Text(edited_text), edited_plan, {**stamps, **cookies})
        lines, plan = Text(edited_text), edited_plan
    completed_on = dater.completed_on if dater else None
    bodies = stale_bodies(lines, plan, eol, completed_on, backfill, sources, layout)
    edited = _edited_by_hand(lines, plan, sorted(bodies))
    return Assessment(given, plan, lines, eol, bodies, sorted(stamps), sorted(cookies), edited)


def regenerate(
    text: str,
    eol: str | None = None,
    dates: DateSource | None = None,
    backfill: bool = False,
    config: Config | None = None,
    sources: SourceLoader | None = None,
    layout: LayoutSource | None = None,
    read: Reader = parse_document,
) -> SyncResult:
    """Which regions, stamps and cookies are stale, and the text ``sync`` writes (verified).

    New lines end in ``eol``; by default, the most frequent line ending outside region bodies.
    Rewritten bodies are in ``layout`` (the repository's formatter's), else the default one.
    Without ``dates`` nothing is dated: a completion the milestones region does not list yet
    is rendered undated (and makes the region stale), and no stamp is added. ``read`` reads
    the text (the rewrite is verified by a parse of its own).
    """
    found = assess(text, eol, dates, backfill, config, sources, layout, read)
    fixed = found.lines.value
    if found.bodies:
        fixed = splice(found.lines, found.plan.regions, found.bodies)
        _verify(found.lines, found.plan, fixed, found.eol, config, sources)
    return SyncResult(found.plan, fixed, found.stale_indices, found.stamped, found.cookies, found.edited)


def _edited_by_hand(text: Text, plan: Plan, stale: Sequence[int]) -> dict[int, str]:
    """The stale regions' current bodies that hold text plansync never writes, by index."""
    if not stale:
        return {}
    from .regions.kinds import edited_by_hand

    current = {i: region_body(text, plan.regions[i]) for i in stale}
    return {i: body for i, body in current.items() if edited_by_hand(plan.regions[i], body)}


def check_text(
    text: str,
    eol: str | None = None,
    dates: DateSource | None = None,
    backfill: bool = False,
    config: Config | None = None,
    sources: SourceLoader | None = None,
    layout: Layout | None = None,
) -> SyncResult:
    """What ``sync`` would change in ``text``, without writing anything (see ``regenerate``)."""
    return regenerate(text, eol, dates, backfill, config, sources, _constant(layout))


def sync_text(
    text: str,
    eol: str | None = None,
    dates: DateSource | None = None,
    backfill: bool = False,
    config: Config | None = None,
    sources: SourceLoader | None = None,
    layout: Layout | None = None,
) -> str:
    """The text with every region regenerated; identical to ``text`` when nothing is stale."""
    return regenerate(text, eol, dates, backfill, config, sources, _constant(layout)).fixed


def _constant(layout: Layout | None) -> LayoutSource | None:
    return None if layout is None else lambda: layout


def _verify_line_edits(old: Text, plan: Plan, new: Text, again: Plan, edits: dict[int, str]) -> None:
    """Stamps and cookies changed nothing but themselves, on the edited lines only."""

    def bare(line: str) -> str:
        return strip_cookie(strip_stamp(line))

    old_lines, new_lines = old.lines(), new.lines()
    same_shape = len(old_lines) == len(new_lines) and all(
        a == b or (n in edits and bare(a) == bare(b))
        for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=True), 1)
    )
    tasks_kept = [(t.state, without_stamps(t.text)) for t in plan.tasks] == [
        (t.state, without_stamps(t.text)) for t in again.tasks
    ]
    if not (same_shape and tasks_kept):
        raise VerificationError(Problem("internal error: stamps or cookies changed more than themselves"))


def _verify(
    old: Text, plan: Plan, new: str, eol: str, config: Config | None, sources: SourceLoader | None
) -> None:
    """The write promises, checked on the result before anything is written."""
    try:
        again = parse(new, config)
    except PlansyncError as exc:
        raise VerificationError(Problem(f"internal error: the rewrite does not parse back ({exc})")) from None
    new_text = Text(new)
    if outside_regions(old, plan.regions) != outside_regions(new_text, again.regions):
        raise VerificationError(Problem("internal error: the rewrite changed text outside the regions"))
    if [(t.state, t.text) for t in plan.tasks] != [(t.state, t.text) for t in again.tasks]:
        raise VerificationError(Problem("internal error: the rewrite changed the tasks"))
    if stale_bodies(new_text, again, eol, sources=sources):
        raise VerificationError(Problem("internal error: a second sync would change the file again"))
