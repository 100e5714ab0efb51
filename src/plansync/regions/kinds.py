"""Every region kind, registered once in ``KINDS``: its name, options, renderer, line shapes.

Adding a kind is one module ``regions/<name>.py`` with ``render(plan, request) -> list[str]``
and one ``RegionKind`` line below; ``tests/test_region_kinds.py`` fails when a registered
kind cannot render, writes a line outside its own shape, or uses a label some language lacks.

The shape is how ``sync`` tells its own text from a person's: a body whose meaning holds a
line that matches no shape of its kind was edited by hand (``check`` reports PS502, and
``sync``, which owns the body, replaces it but prints what it held). Shapes are matched on
the body's meaning (``regions.meaning``), so a body a formatter re-wrapped or re-indented
reads as plansync wrote it, and only old figures make it stale (PS501).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Final, NamedTuple

from ..model import Region
from .labels import LANGUAGES, in_any_language

#: What to do about a region edited by hand (PS502).
HAND_EDIT_ADVICE = "was edited by hand; keep notes outside the markers: `plansync sync` replaces the body"

Options = Mapping[str, tuple[str, ...] | None]


class RegionKind(NamedTuple):
    """One kind of generated region."""

    name: str
    #: Option -> its allowed values (None: free text).
    options: Options
    #: The module under ``plansync.regions`` whose ``render(plan, request)`` writes the body.
    renderer: str
    #: A regex every line it writes matches (blank lines aside); ``<label:KEY>`` stands for
    #: that label in any language.
    shape: str
    #: The label keys its lines use.
    labels: tuple[str, ...]


_COMMON: Options = {"lang": LANGUAGES, "stamp": ("done",)}
_SOURCED: Options = {**_COMMON, "source": None}
_FIGURES = ("phase", "section", "progress", "count", "percent", "total")

KINDS: Final[Mapping[str, RegionKind]] = {
    kind.name: kind
    for kind in (
        RegionKind(
            "summary", _SOURCED, "summary", r"^(?:- \*\*|  - )",
            ("current_phase", "overall", "done", "in_progress", "next", "none", "no_text", "all_done",
             "no_phases", "tasks_done", "sections_done", "more", "doing", "cancelled", "list_sep", "colon"),
        ),
        RegionKind(
            "progress", {**_SOURCED, "depth": ("phases", "sections")}, "progress", r"^(?:\| |\*\*)", _FIGURES
        ),
        RegionKind(
            "milestones", _COMMON, "milestones",
            r"^(?:- (?:\d{4}-\d{2}-\d{2}|<label:undated>) — |(?:<label:no_milestones>)$)",
            ("undated", "no_milestones"),
        ),
        RegionKind(
            "chart", _SOURCED, "chart", r"^(?:```|    |pie |xychart-beta$|%%\{init: |(?:<label:no_tasks>)$)",
            ("no_tasks", "chart_states", "chart_burnup", "chart_burnup_every", "chart_tasks",
             "state_done", "state_doing", "state_open", "state_cancelled"),
        ),
        RegionKind(
            "dashboard", {"lang": LANGUAGES, "files": None}, "dashboard", r"^(?:\| |(?:<label:no_plans>)$)",
            ("plan", "progress", "count", "percent", "current_phase", "last_activity", "schedule", "total",
             "no_phases", "all_done", "untitled", "no_plans", "status_done", "status_done_on_time",
             "status_done_late", "status_on_track", "status_behind"),
        ),
    )
}  # fmt: skip


@cache
def shape_of(name: str) -> re.Pattern[str]:
    """The compiled shape of a kind's lines, labels spelled out in every language."""
    pattern = re.sub(r"<label:(\w+)>", lambda m: in_any_language(m.group(1)), KINDS[name].shape)
    return re.compile(pattern)


def edited_by_hand(region: Region, body: str) -> bool:
    """Whether a body means something plansync never writes (as opposed to merely old figures)."""
    from .meaning import markdown_lines

    shape = shape_of(region.name)
    return any(line.strip() and not shape.match(line) for line in markdown_lines(body))
