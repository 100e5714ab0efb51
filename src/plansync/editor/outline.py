"""Progress where the plan is read: inlay hints at phase and section headings, and the
document's symbols (phases holding their sections), without writing the file."""

from __future__ import annotations

from lsprotocol import types

from ..config import Config
from ..dates.schedule import PhaseStatus, Schedule, StatusKind, schedule_of
from ..model import Counts, Heading, Plan
from ..regions.figures import fraction, heading_title, percent_text
from ..workspace.inputs import dater_for
from .positions import Lines


def inlay_hints(plan: Plan, lines: Lines, config: Config, today: str) -> list[types.InlayHint]:
    """``done/total · percent`` after each phase and section heading; for a dated phase, its
    due day or how far behind it is. Dates come from the document only: no history is read."""
    schedule = _schedule(plan, lines.text, config, today)
    hints = []
    for index, phase in enumerate(plan.phases):
        if phase.heading.level:
            hints.append(_hint(phase.heading, _figures(phase.counts) + _when(schedule, index), lines))
        for section in phase.sections:
            if section.heading.level and section.heading.line != phase.heading.line:
                hints.append(_hint(section.heading, _figures(section.counts), lines))
    return hints


def _figures(counts: Counts) -> str:
    return f"{fraction(counts)} · {percent_text(counts)}"


def _schedule(plan: Plan, text: str, config: Config, today: str) -> Schedule | None:
    if not plan.phases:
        return None
    return schedule_of(plan, dater_for(plan, text, None, False, today), today, config.start)


def _when(schedule: Schedule | None, index: int) -> str:
    """`` · due DAY`` for a phase on track, `` · behind by N days``, `` · done late``; or ""."""
    if schedule is None:
        return ""
    status: PhaseStatus | None = schedule.status[index]
    due = schedule.due[index]
    if status is None:
        return ""
    if status.kind is StatusKind.ON_TRACK and due is not None:
        return f" · due {due}"
    return f" · {status}"


def _hint(heading: Heading, label: str, lines: Lines) -> types.InlayHint:
    line = heading.line - 1
    return types.InlayHint(
        position=lines.at(line, len(lines.content(line))),
        label=label,
        padding_left=True,
    )


def document_symbols(plan: Plan, lines: Lines) -> list[types.DocumentSymbol]:
    """Phases, each spanning to the next phase, holding their sections; counts in ``detail``."""
    symbols = []
    starts = [p.heading.line for p in plan.phases] + [len(lines) + 1]
    for phase, stop in zip(plan.phases, starts[1:], strict=True):
        sections = [
            s for s in phase.sections if s.heading.line != phase.heading.line or not phase.heading.level
        ]
        section_starts = [s.heading.line for s in sections] + [stop]
        children = [
            _symbol(
                s.heading,
                plan.lang,
                _figures(s.counts),
                (s.heading.line, end),
                lines,
                types.SymbolKind.Namespace,
            )
            for s, end in zip(sections, section_starts[1:], strict=True)
            if s.heading.level
        ]
        symbol = _symbol(
            phase.heading,
            plan.lang,
            _figures(phase.counts),
            (phase.heading.line, stop),
            lines,
            types.SymbolKind.Module,
        )
        symbol.children = children
        symbols.append(symbol)
    return symbols


def _symbol(
    heading: Heading, lang: str, detail: str, span: tuple[int, int], lines: Lines, kind: types.SymbolKind
) -> types.DocumentSymbol:
    first, stop = span[0] - 1, max(span[1] - 1, span[0])
    return types.DocumentSymbol(
        name=heading_title(heading, lang),
        kind=kind,
        range=types.Range(lines.at(first), lines.at(stop - 1, len(lines.content(stop - 1)))),
        selection_range=lines.line_range(first),
        detail=detail,
    )
