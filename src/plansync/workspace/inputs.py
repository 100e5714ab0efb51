"""What the pure pipeline takes from around one plan file, each read only when needed: its
dates (recorded first, then stamps and git history) and its layout (the formatter's config)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from ..dates.dater import TaskDater
from ..document.text import Text
from ..model import Plan
from ..pipeline import DateSource, LayoutSource

if TYPE_CHECKING:
    from ..regions.layout import Layout


def dater_for(plan: Plan, text: str, path: Path | None, history: bool, today: str | None = None) -> TaskDater:
    """A plan's dater: the dates its milestones region records first, then stamps and history."""
    recorded = {}
    if any(r.name == "milestones" for r in plan.regions):
        from ..regions.milestones import recorded_dates

        recorded = recorded_dates(plan, Text(text))
    return TaskDater(plan, text, path, history, today, recorded)


def dater_source(text: str, path: Path, history: bool, today: str) -> tuple[DateSource, list[TaskDater]]:
    """A DateSource for one file, and the list that will hold the dater it made (for its note)."""
    made: list[TaskDater] = []

    def dates(plan: Plan) -> TaskDater:
        dater = dater_for(plan, text, path, history, today)
        made.append(dater)
        return dater

    return dates, made


def layout_source(path: Path) -> tuple[LayoutSource, list[str]]:
    """The layout of the formatter configuration for ``path``, read only when a body must be
    rewritten (a current plan costs no lookup, nor the import), and the list for its note."""
    notes: list[str] = []

    @functools.cache
    def layout() -> Layout:
        from .formatting import formatter_layout

        layout, note = formatter_layout(path)
        notes.extend([note] if note else [])
        return layout

    return layout, notes


def offline_dates(text: str, today: str) -> DateSource:
    """Dates without history: anything not recorded yet is dated ``today``."""
    return lambda plan: dater_for(plan, text, None, False, today)
