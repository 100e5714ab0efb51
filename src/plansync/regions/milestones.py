"""The ``milestones`` region: every completed section and phase with the day it was completed.

Dates are data in the document: the region's own lines are read back, and a recorded date
is kept on every later sync. Only a completion the region does not list yet asks for a date
(from the ``completed_on`` callback: stamps, git history, or today). ``check`` passes no
callback: it needs no history, and an unlisted completion simply makes the region stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from ..document.text import Text
from ..model import Counts, Heading, Plan
from .escape import neutralize
from .labels import in_any_language, label
from .splice import region_body

if TYPE_CHECKING:
    from .render import CompletedOn, RenderRequest


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Completion(NamedTuple):
    heading: Heading
    is_phase: bool
    tasks: tuple[int, ...]


def completions(plan: Plan) -> Iterator[Completion]:
    """Finished sections and phases (with at least one task that counts), in document order."""
    for phase in plan.phases:
        if not phase.heading.title:
            continue  # tasks above the first heading: no heading to name their completion by
        for section in phase.sections:
            # A phase heading holding tasks directly is its own section: list it once, as the phase.
            if section.heading is not phase.heading and _complete(section.counts):
                yield Completion(section.heading, False, section.tasks)
        if _complete(phase.counts):
            yield Completion(phase.heading, True, tuple(i for s in phase.sections for i in s.tasks))


def _complete(counts: Counts) -> bool:
    return counts.total > 0 and counts.finished


class Recorded:
    """Dates already written in a milestones body (None for undated), by the label after the
    date, in order: two sections with the same title keep their own dates."""

    def __init__(self, body: str) -> None:
        entry = _entry_line()
        lines = [line.strip() for line in Text(body).lines()]
        #: A body a formatter re-wrapped or re-escaped is read by its meaning (``as_markdown``),
        #: and labels are looked up the same way; plansync's own lines are read as they are.
        self.by_meaning = not all(
            not line or entry.match(line) or _no_milestones().match(line) for line in lines
        )
        if self.by_meaning:
            from .meaning import markdown_lines

            lines = markdown_lines(body)
        self.dates: dict[str, list[str | None]] = {}
        for line in lines:
            match = entry.match(line.strip())
            if match:
                date, label = match["date"], self.key(match["label"])
                self.dates.setdefault(label, []).append(date if _DATE.fullmatch(date) else None)

    def key(self, label: str) -> str:
        """How a label read from the body is looked up: as it is, or by its meaning."""
        if not self.by_meaning:
            return label
        from .meaning import without_cj_spaces

        return without_cj_spaces(label)

    def take(self, label: str) -> tuple[bool, str | None]:
        """Whether ``label`` (as the region writes it) is listed, and its next recorded date."""
        if self.by_meaning:
            from .meaning import as_markdown, inline_meaning

            label = self.key(as_markdown(inline_meaning(label)))
        queue = self.dates.get(label)
        return (True, queue.pop(0)) if queue else (False, None)


@cache
def _no_milestones() -> re.Pattern[str]:
    return re.compile(f"(?:{in_any_language('no_milestones')})$")


@cache
def _entry_line() -> re.Pattern[str]:
    """``- DATE — LABEL`` as any language writes it (``undated`` in words)."""
    return re.compile(rf"^- (?P<date>{_DATE.pattern}|{in_any_language('undated')}) — (?P<label>.*)$")


def recorded_dates(plan: Plan, text: Text) -> dict[tuple[int, ...], str]:
    """The dates the plan's milestones regions record, by the tasks of the group they date.

    Entries are matched to completions as the region itself matches them on every sync.
    """
    bodies = [region_body(text, r) for r in plan.regions if r.name == "milestones"]
    if not bodies:
        return {}
    found: dict[tuple[int, ...], str] = {}
    for body in bodies:
        recorded = Recorded(body)
        for done in completions(plan):
            date = recorded.take(_entry_label(done))[1]
            if date is not None:
                found.setdefault(done.tasks, date)
    return found


def _entry_label(done: Completion) -> str:
    """How the region names a completion: a phase in bold, a section as it is."""
    title = neutralize(done.heading.title)
    return f"**{title}**" if done.is_phase else title


def render_milestones(
    plan: Plan, lang: str, current_body: str, completed_on: CompletedOn | None, backfill: bool = False
) -> list[str]:
    """Lines of the region. ``backfill`` also dates again entries recorded as undated."""
    recorded = Recorded(current_body)
    lines = []
    for done in completions(plan):
        text = _entry_label(done)
        listed, date = recorded.take(text)
        if listed:
            if date is None and backfill and completed_on is not None:
                date = completed_on(done.tasks)
        else:
            date = completed_on(done.tasks) if completed_on is not None else None
        lines.append(f"- {date or label(lang, 'undated')} — {text}")
    return lines or [label(lang, "no_milestones")]


def render(plan: Plan, request: RenderRequest) -> list[str]:
    return render_milestones(plan, request.lang, request.current_body, request.completed_on, request.backfill)
