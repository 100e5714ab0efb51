"""What ``plansync report`` does, free of click: load, date and schedule the plans, print them.

Each plan is loaded once into a ``PlanReport`` and handed to the format the registry names.
Under GitHub Actions the Markdown report is also appended to the job's summary page, whatever
the format. ``--fail-if-behind`` turns a phase that is too late into exit code 1.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .commands import say_nothing_found, targets
from .console import EXIT_FINDINGS, EXIT_OK, echo, say
from .parallel import each

if TYPE_CHECKING:
    from ..dates.dater import TaskDater
    from ..formats.report_input import PlanReport
    from ..model import Diagnostic, Plan


def run_report(paths: Sequence[str], fmt: str, history: bool, fail_if_behind: int | None, color: bool) -> int:
    """``plansync report``: where the plans in ``paths`` stand, in format ``fmt``; the exit code.

    ``history`` lets dates come from git; ``color`` is for the text format on a terminal.
    """
    from ..formats.registry import default, formatter, lookup

    files = targets(paths)
    if not paths and not files:
        say_nothing_found("report")
    reports, code = load_reports(files, history, lookup("report", fmt).with_rules)
    echo(formatter("report", fmt)(reports, color))
    append_step_summary(reports)
    for report in reports:
        # A note says why some dates are missing; the text report shows no dates at all.
        if report.dater.note and fmt != default("report"):
            say(f"{report.path}: note: {report.dater.note}", err=True)
        if report.schedule.note:
            say(f"{report.path}: note: {report.schedule.note}", err=True)
    if fail_if_behind is not None:
        late = list(_late_phases(reports, fail_if_behind))
        for line in late:
            say(line, err=True)
        if late:
            code = max(code, EXIT_FINDINGS)
    return code


def _late_phases(reports: Sequence[PlanReport], allowed: int) -> Iterator[str]:
    """One line per phase more than ``allowed`` days behind its due date, saying by how much."""
    for report in reports:
        schedule = report.schedule
        for phase, due, status in zip(report.plan.phases, schedule.due, schedule.status, strict=True):
            if status is not None and status.days_late > allowed:
                days = f"{status.days_late} day{'s' if status.days_late != 1 else ''}"
                yield (
                    f"{report.path}:{phase.heading.line}: phase '{phase.heading.title}' is {days} behind "
                    f"(due {due}; --fail-if-behind {allowed})"
                )


def load_reports(paths: Sequence[str], history: bool, with_rules: bool) -> tuple[list[PlanReport], int]:
    """Each readable plan with its dates, schedule and (``with_rules``) rule findings; a refused
    file is reported and left out. The exit code so far."""
    from ..api import inspect_file, load_with_dates
    from ..dates.dater import read_together
    from ..dates.schedule import schedule_of, start_date
    from ..dates.today import local_today
    from ..formats.report_input import PlanReport

    def load(path: str) -> tuple[Plan, TaskDater, list[Diagnostic]]:
        if with_rules:
            return inspect_file(path, history=history)
        plan, dater = load_with_dates(path, history=history)
        return plan, dater, []

    loaded: list[tuple[str, Plan, TaskDater, list[Diagnostic]]] = []
    code = EXIT_OK
    for path, found, status in each(paths, load):
        code = max(code, status)
        if found is not None:
            loaded.append((path, *found))
    today = local_today()
    starts = [_configured_start(path) for path, *_ in loaded]
    # Every schedule needs its tasks' dates, and its first commit when nothing else gives a
    # start: read them for all the plans in one pass over history, not one per plan.
    unstarted = [start_date(plan, s) is None for (_, plan, _, _), s in zip(loaded, starts, strict=True)]
    read_together([dater for _, _, dater, _ in loaded], unstarted)
    reports = [
        PlanReport(path, plan, dater, found, schedule_of(plan, dater, today, start))
        for (path, plan, dater, found), start in zip(loaded, starts, strict=True)
    ]
    return reports, code


def _configured_start(path: str) -> str | None:
    from pathlib import Path

    from ..config import config_for

    return config_for(Path(path)).start


def append_step_summary(reports: Sequence[PlanReport]) -> None:
    """Under GitHub Actions, add the Markdown report to the job's summary page."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target or not reports:
        return
    from ..formats.report_markdown import markdown_report

    try:
        with open(target, "a", encoding="utf-8") as handle:  # noqa: PTH123 -- a path from the environment
            handle.write(markdown_report(reports, False) + "\n")
    except OSError as exc:
        say(f"plansync: cannot write the step summary {target}: {exc.strerror or exc}", err=True)
