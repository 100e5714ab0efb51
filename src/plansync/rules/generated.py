"""PS5xx: regions and stamps that ``sync`` would rewrite."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Severity
from ..regions.kinds import HAND_EDIT_ADVICE
from .base import Finding, RuleContext, rule


def _stale(ctx: RuleContext, by_hand: bool) -> Iterator[Finding]:
    for index in sorted(ctx.stale):
        region = ctx.plan.regions[index]
        if (index in ctx.edited) == by_hand:
            what = HAND_EDIT_ADVICE if by_hand else "is stale; `plansync sync` regenerates it"
            yield Finding(region.begin_line, 1, f"region '{region.name}' {what}")


@rule("PS501", "stale-region", Severity.ERROR)
def stale_region(ctx: RuleContext) -> Iterator[Finding]:
    """A region no longer matches the plan's boxes.

    Bad:

        - [x] one
        <!-- plansync:begin summary -->
        - **Overall**: 0 of 1 tasks done (0%)
        <!-- plansync:end summary -->

    Good: run `plansync sync` (or let the commit hook do it).
    """
    yield from _stale(ctx, by_hand=False)


@rule("PS502", "edited-region", Severity.ERROR)
def edited_region(ctx: RuleContext) -> Iterator[Finding]:
    """A region's body holds text plansync never writes: someone edited it by hand.

    Bad:

        <!-- plansync:begin progress -->
        My own notes here.
        <!-- plansync:end progress -->

    Good: keep notes outside the markers. `plansync sync` replaces the body (and prints
    what it held).
    """
    yield from _stale(ctx, by_hand=True)


@rule("PS503", "stale-stamp", Severity.ERROR)
def stale_stamp(ctx: RuleContext) -> Iterator[Finding]:
    """With `stamp=done`, a done task lacks its ✅ stamp, or an undone one keeps it.

    Bad:

        - [x] tag v1.0
        - [ ] publish ✅ 2025-10-22

    Good:

        - [x] tag v1.0 ✅ 2025-10-22
        - [ ] publish
    """
    for line in ctx.stamped:
        yield Finding(line, 1, "the task's ✅ stamp is missing or no longer true; `plansync sync` fixes it")


@rule("PS504", "stale-cookie", Severity.ERROR)
def stale_cookie(ctx: RuleContext) -> Iterator[Finding]:
    """A heading's progress cookie (`[3/5]`, `[60%]`) no longer matches the tasks below it.

    Bad:

        ## Phase 1 [0/2]
        - [x] one
        - [ ] two

    Good (`plansync sync` rewrites it):

        ## Phase 1 [1/2]
        - [x] one
        - [ ] two
    """
    for line in ctx.cookies:
        yield Finding(line, 1, "the heading's progress cookie is stale; `plansync sync` rewrites it")
