"""GitHub Actions workflow commands: ``check``'s annotations and ``report``'s notices.

A workflow command is one line, ``::LEVEL key=value,...::message``; its properties and its
message are escaped so that a file name or a plan's text can neither end the line nor add a
property (https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..regions.figures import heading_title, percent_text

if TYPE_CHECKING:
    from ..model import Diagnostic
    from .report_input import PlanReport


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def check_annotations(files: Sequence[tuple[str, Sequence[Diagnostic]]]) -> str:
    """An ``::error`` or ``::warning`` per finding, on its file, line and column."""
    lines = []
    for path, found in files:
        for d in found:
            props = [f"file={escape_property(path)}"]
            if d.line is not None:
                props += [f"line={d.line}", f"col={d.col}"]
            props.append(f"title={escape_property(d.code)}")
            lines.append(f"::{d.severity.value} {','.join(props)}::{escape_data(d.message)}")
    return "".join(line + "\n" for line in lines)


def report_annotations(plans: Sequence[PlanReport], color: bool) -> str:
    """A notice with each plan's progress, and a warning on each phase behind its schedule."""
    from ..dates.schedule import StatusKind  # (dates and schedules are the report's, not check's)

    lines = []
    for report in plans:
        path, c, current = escape_property(report.path), report.plan.counts, report.plan.current_phase
        where = f"; current phase: {heading_title(current.heading, report.plan.lang)}" if current else ""
        message = f"{percent_text(c)} done ({c.done} of {c.total} tasks){where}"
        lines.append(f"::notice file={path},title=plansync::{escape_data(message)}")
        schedule = report.schedule
        for phase, due, status in zip(report.plan.phases, schedule.due, schedule.status, strict=True):
            if status is not None and status.kind is StatusKind.BEHIND:
                text = f"{heading_title(phase.heading, report.plan.lang)}: {status} (due {due})"
                lines.append(
                    f"::warning file={path},line={phase.heading.line},title=plansync::{escape_data(text)}"
                )
    return "".join(line + "\n" for line in lines)
