"""PS2xx: numbering and structure -- duplicated, skipped or misplaced numbers, heading levels."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from ..document.numbering import leading_number
from ..model import Heading, Phase, Severity
from .base import Finding, RuleContext, rule

Numbered = tuple[Heading, tuple[int, ...]]


def _dotted(heading: Heading) -> tuple[int, ...] | None:
    number = leading_number(heading.title)
    return tuple(int(part) for part in number.split(".")) if number and "." in number else None


def _owners(ctx: RuleContext) -> list[int | None]:
    """Per heading, the nearest heading above it numbered as a whole (``Phase 2``, ``第二阶段``).

    Numbering rules follow these numbered parents rather than the detected phases, so a plan
    with a single ``## Phase 1`` is checked like any other.
    """
    headings = ctx.plan.headings
    owners: list[int | None] = []
    for heading in headings:
        parent = heading.parent
        while parent is not None and not (headings[parent].number or "").isdigit():
            parent = headings[parent].parent
        owners.append(parent)
    return owners


def _sections(ctx: RuleContext) -> dict[int, list[Numbered]]:
    """Dotted-numbered headings by the index of their numbered owner, in document order."""
    grouped: dict[int, list[Numbered]] = {}
    for heading, owner in zip(ctx.plan.headings, _owners(ctx), strict=True):
        number = _dotted(heading)
        if number is not None and owner is not None:
            grouped.setdefault(owner, []).append((heading, number))
    return grouped


def _phase_dot_section(ctx: RuleContext, sections: dict[int, list[Numbered]]) -> bool:
    """Whether the plan numbers its sections phase.section (``2.1`` under ``Phase 2``): at least
    half of its dotted numbers under numbered phases (or none) start with their phase's number.
    Sub-steps numbered relative to their step (``5.1`` under ``Step 2.5``) are another scheme."""
    owned = [(int(ctx.plan.headings[o].number or 0), n[0]) for o, found in sections.items() for _, n in found]
    return 2 * sum(own == first for own, first in owned) >= len(owned)


@rule("PS201", "duplicate-number", Severity.ERROR)
def duplicate_number(ctx: RuleContext) -> Iterator[Finding]:
    """Two headings carry the same section number.

    Bad:

        ### 1.2 Tooling
        ### 1.2 Tooling again

    Good:

        ### 1.2 Tooling
        ### 1.3 More tooling
    """
    # Phase.section numbers are unique in the plan; others (5.1 under Step 2.5) under one parent.
    plan_wide = _phase_dot_section(ctx, _sections(ctx))
    seen: dict[tuple[int | None, str], int] = {}
    for heading in ctx.plan.headings:
        number = leading_number(heading.title)
        if number is None or "." not in number:
            continue
        key = (None if plan_wide else heading.parent, number)
        if key in seen:
            yield Finding(
                heading.line, 1, f"section number {number} is used twice (first at line {seen[key]})"
            )
        else:
            seen[key] = heading.line


def _phase_number(phase: Phase) -> int | None:
    number = phase.heading.number
    return int(number) if number and number.isdigit() else None


@rule("PS202", "skipped-number", Severity.WARNING)
def skipped_number(ctx: RuleContext) -> Iterator[Finding]:
    """Section numbers skip one (1.1, then 1.3).

    Bad:

        ### 1.1 Setup
        ### 1.3 Release

    Good:

        ### 1.1 Setup
        ### 1.2 Release
    """
    for previous, current in _sequence(ctx):
        if previous is None:
            if current[1][-1] > 1:
                first = ".".join(map(str, (*current[1][:-1], 1)))
                yield Finding(
                    current[0].line, 1, f"section {_text(current[1])} comes first; {first} is missing"
                )
        elif current[1][:-1] == previous[1][:-1] and current[1][-1] > previous[1][-1] + 1:
            missing = _text((*current[1][:-1], previous[1][-1] + 1))
            yield Finding(
                current[0].line,
                1,
                f"section {_text(current[1])} follows {_text(previous[1])}; {missing} is missing",
            )


@rule("PS203", "out-of-order", Severity.ERROR)
def out_of_order(ctx: RuleContext) -> Iterator[Finding]:
    """Section numbers go backwards.

    Bad:

        ### 1.3 Release
        ### 1.2 Testing

    Good:

        ### 1.2 Testing
        ### 1.3 Release
    """
    for previous, current in _sequence(ctx):
        if previous is not None and current[1] < previous[1]:
            yield Finding(
                current[0].line,
                1,
                f"section {_text(current[1])} comes after {_text(previous[1])}; numbers go backwards",
            )


def _text(number: tuple[int, ...]) -> str:
    return ".".join(map(str, number))


def _sequence(ctx: RuleContext) -> Iterator[tuple[Numbered | None, Numbered]]:
    """Consecutive numbered sections under each numbered owner; misplaced ones and repeats left out."""
    for owner, sections in _sections(ctx).items():
        own = int(ctx.plan.headings[owner].number or 0)
        previous: Numbered | None = None
        for current in sections:
            if current[1][0] != own:
                continue  # PS204 reports it
            if previous is not None and current[1] == previous[1]:
                continue  # PS201 reports it
            if previous is None or len(current[1]) == len(previous[1]):
                yield previous, current
            previous = current


@rule("PS204", "wrong-phase", Severity.ERROR)
def wrong_phase(ctx: RuleContext) -> Iterator[Finding]:
    """A section's number does not start with its phase's number.

    Only in a plan that numbers its sections phase.section: at least half of its dotted
    section numbers under numbered phases start with their phase's number. Sub-steps
    numbered relative to their step (`5.1` under `Step 2.5`) are another scheme.

    Bad:

        ## Phase 2: Features
        ### 2.1 Parser
        ### 3.1 Renderer

    Good:

        ## Phase 2: Features
        ### 2.1 Parser
        ### 2.2 Renderer
    """
    grouped = _sections(ctx)
    if not _phase_dot_section(ctx, grouped):
        return
    for owner, sections in grouped.items():
        parent = ctx.plan.headings[owner]
        for heading, number in sections:
            if number[0] != int(parent.number or 0):
                yield Finding(
                    heading.line,
                    1,
                    f"section {_text(number)} sits under phase {parent.number} "
                    f"({parent.title}, line {parent.line})",
                )


@rule("PS205", "phase-gap", Severity.ERROR)
def phase_gap(ctx: RuleContext) -> Iterator[Finding]:
    """Phase numbers skip one, repeat or go backwards (第一, 第三 ... counts too).

    Labels are no phase numbers: `## 2025`, `## Q3 2026: Track A`, `### v0.3`, a date.

    Bad:

        ## Phase 1: Foundations
        ## Phase 3: Release

    Good:

        ## Phase 1: Foundations
        ## Phase 2: Release
    """
    previous: int | None = None
    for phase in ctx.plan.phases:
        number = _phase_number(phase)
        if number is None:
            continue
        if previous is not None and number != previous + 1:
            what = "repeats" if number == previous else "goes backwards" if number < previous else "skips"
            yield Finding(
                phase.heading.line, 1, f"phase {number} follows phase {previous}: the numbering {what}"
            )
        previous = number


@rule("PS206", "heading-jump", Severity.WARNING)
def heading_jump(ctx: RuleContext) -> Iterator[Finding]:
    """A heading is more than one level deeper than the heading before it.

    Bad:

        ### 2.1 Parser
        ##### 2.2 Renderer

    Good:

        ### 2.1 Parser
        ### 2.2 Renderer
    """
    headings = ctx.plan.headings
    for before, heading in pairwise(headings):
        if heading.level > before.level + 1:
            yield Finding(heading.line, 1, f"heading level jumps from {before.level} to {heading.level}")


@rule("PS207", "empty-phase", Severity.WARNING)
def empty_phase(ctx: RuleContext) -> Iterator[Finding]:
    """A heading numbered like a phase holds no tasks.

    Bad:

        ## Phase 3: Hardening
        Coming soon.

    Good:

        ## Phase 3: Hardening
        - [ ] fuzz the parser
    """
    phases = {p.heading.line for p in ctx.plan.phases}
    for heading in ctx.plan.headings:
        # "Phase 3", "第三阶段" -- a title that merely starts with a number is not a phase.
        named_phase = heading.number and leading_number(heading.title) is None
        if heading.level == ctx.plan.phase_level and named_phase and heading.line not in phases:
            yield Finding(heading.line, 1, f"phase {heading.number} has no tasks")


@rule("PS208", "missing-heading", Severity.WARNING)
def missing_heading(ctx: RuleContext) -> Iterator[Finding]:
    """A phase lacks a heading the configuration requires (`required-headings`).

    Bad (with `required-headings = ["Goals", "Verification"]`):

        ## Phase 1
        ### Goals

    Good:

        ## Phase 1
        ### Goals
        ### Verification
    """
    if not ctx.required_headings:
        return
    headings = ctx.plan.headings
    for phase in ctx.plan.phases:
        titles = [
            h.title
            for h, owner in zip(headings, ctx.phase_of_heading, strict=True)
            if h is not phase.heading and owner is not None and headings[owner] is phase.heading
        ]
        for pattern in ctx.required_headings:
            if not any(re.search(pattern, t) for t in titles):
                yield Finding(phase.heading.line, 1, f"phase has no heading matching '{pattern}'")
