"""The ``plansync`` command line: thin click commands over ``plansync.api``.

Exit codes: 0 ok; 1 findings (``check``: a stale region); 2 usage error or input refused
(the file untouched, ``path:line:col: message`` on stderr); 3 internal error; 130 Ctrl-C.
Heavy modules are imported inside the commands; plain ``sync``/``check`` calls do not even
come here (see ``entry.py``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import click

from .commands import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_REFUSED,
    each,
    guarded,
    report_error,
    run_check,
    run_sync,
    say,
    targets,
    tell_replaced,
)

if TYPE_CHECKING:
    from ..dates.dater import TaskDater
    from ..formats.report_json import Schedule
    from ..model import Diagnostic, Plan


def _err(message: str) -> None:
    say(message, err=True)


def _use_color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plansync")
def cli() -> None:
    """Keep a Markdown plan honest: its checkboxes drive its progress regions."""


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing about updated files.")
@click.option("--backfill", is_flag=True, help="Also date milestones recorded as undated, from git history.")
@click.option("--no-history", is_flag=True, help="Never read git history; new milestones are dated today.")
def sync(paths: tuple[str, ...], quiet: bool, backfill: bool, no_history: bool) -> None:
    """Regenerate the regions of PATHS (default: tracked Markdown files with markers)."""
    sys.exit(run_sync(paths, quiet, backfill, no_history))


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--diff", "show_diff", is_flag=True, help="Print what sync would change as a unified diff.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
)
@click.option("--fix", is_flag=True, help="Apply the rules' safe fixes and regenerate regions (writes).")
def check(paths: tuple[str, ...], show_diff: bool, fmt: str, fix: bool) -> None:
    """Report rule findings and stale regions of PATHS; exit 1 on an error. Never writes without --fix."""
    sys.exit(run_check(paths, show_diff, fmt, fix))


@cli.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "github"]),
    default="text",
    show_default=True,
)
@click.option("--no-history", is_flag=True, help="Never read git history: dates come from stamps only.")
@click.option(
    "--fail-if-behind", type=int, metavar="DAYS", help="Exit 1 when a phase is more than DAYS late."
)
def report(paths: tuple[str, ...], fmt: str, no_history: bool, fail_if_behind: int | None) -> None:
    """Print where the plans in PATHS stand (under GitHub Actions, also to the job summary)."""
    from ..api import local_today
    from ..formats.report_json import schedule_of

    loaded, code = _load_for_report(targets(paths), not no_history, with_rules=fmt == "json")
    today = local_today()
    schedules = [schedule_of(e.plan, e.dater, today, _configured_start(e.path)) for e in loaded]
    if fmt == "json":
        _print_json_report(loaded, schedules)
    elif fmt == "markdown":
        click.echo(_markdown(loaded), nl=False)
    elif fmt == "github":
        from ..formats.report_json import github_annotations

        click.echo(github_annotations([(e.path, e.plan) for e in loaded], schedules), nl=False)
    else:
        _print_text_report([(e.path, e.plan) for e in loaded])
    _append_step_summary(loaded)
    for e in loaded:
        if e.dater.note and fmt != "text":
            _err(f"{e.path}: note: {e.dater.note}")
    if fail_if_behind is not None and _days_behind(schedules) > fail_if_behind:
        code = max(code, EXIT_FINDINGS)
    sys.exit(code)


def _configured_start(path: str) -> str | None:
    from pathlib import Path

    from ..config import load_config

    return load_config(Path(path)).for_file(Path(path)).start


class _Loaded(NamedTuple):
    path: str
    plan: Plan
    dater: TaskDater
    diagnostics: list[Diagnostic]


def _load_for_report(paths: Sequence[str], history: bool, with_rules: bool) -> tuple[list[_Loaded], int]:
    from ..api import inspect_file, load_with_dates

    def load(path: str) -> tuple[Plan, TaskDater, list[Diagnostic]]:
        if with_rules:
            return inspect_file(path, history=history)
        plan, dater = load_with_dates(path, history=history)
        return plan, dater, []

    loaded, code = [], EXIT_OK
    for path, found, status in each(paths, load):
        code = max(code, status)
        if found is not None:
            loaded.append(_Loaded(path, *found))
    return loaded, code


def _print_json_report(loaded: Sequence[_Loaded], schedules: Sequence[Schedule]) -> None:
    """The plansync.report/1 document: plans, task dates, schedule, rule findings."""
    import json

    from ..formats.report_json import report_json

    plans = [(e.path, e.plan) for e in loaded]
    document = report_json(
        plans, [e.dater.done_on for e in loaded], [e.diagnostics for e in loaded], schedules
    )
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def _markdown(loaded: Sequence[_Loaded]) -> str:
    from ..formats.report_markdown import markdown_report

    return markdown_report([(e.path, e.plan) for e in loaded], [e.dater.completed_on for e in loaded])


def _append_step_summary(loaded: Sequence[_Loaded]) -> None:
    """Under GitHub Actions, add the markdown report to the job's summary page."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target or not loaded:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:  # noqa: PTH123 -- a path from the environment
            handle.write(_markdown(loaded) + "\n")
    except OSError as exc:
        _err(f"plansync: cannot write the step summary {target}: {exc.strerror or exc}")


def _days_behind(schedules: Sequence[Schedule]) -> int:
    import re

    worst = 0
    for schedule in schedules:
        for status in schedule.status:
            if status and (m := re.fullmatch(r"behind by (\d+) days?", status)):
                worst = max(worst, int(m.group(1)))
    return worst


def _print_text_report(plans: Sequence[tuple[str, Plan]]) -> None:
    from ..formats.terminal import render_report, render_total

    color = _use_color()
    for i, (path, plan) in enumerate(plans):
        if i:
            click.echo("")
        click.echo("\n".join(render_report(path, plan, color=color)), color=color)
    if len(plans) > 1:
        click.echo("\n" + render_total([p for _, p in plans], color=color), color=color)


@cli.command()
@click.argument("path")
@click.option(
    "--under", metavar="HEADING", help="Put the regions under the heading whose title contains this."
)
@click.option("--yes", "-y", is_flag=True, help="Apply without asking.")
def init(path: str, under: str | None, yes: bool) -> None:
    """Add summary and progress regions to the plan at PATH, then fill them."""
    from pathlib import Path

    from ..api import init_file
    from ..errors import PlansyncError

    target = Path(path)
    try:
        preview = init_file(target, under, write=False)
        if preview is None:
            click.echo(f"{target} already has plansync regions; nothing to do")
            sys.exit(EXIT_OK)
        click.echo(preview.diff, nl=False)
        if not yes and not click.confirm(f"Add these regions to {target}?", default=True, abort=False):
            click.echo("nothing written")
            sys.exit(EXIT_OK)
        init_file(target, under, write=True)
    except PlansyncError as exc:
        sys.exit(report_error(exc))
    click.echo(f"plansync: added summary and progress regions to {target}")


@cli.command("badge")
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of to stdout.")
@click.option("--format", "fmt", type=click.Choice(["svg", "endpoint"]), default="svg", show_default=True)
@click.option("--label", default="progress", show_default=True)
def badge(paths: tuple[str, ...], output: str | None, fmt: str, label: str) -> None:
    """A progress badge for PATHS (their tasks added up): SVG, or shields.io endpoint JSON."""
    from ..api import load
    from ..formats.badge import badge_endpoint, badge_svg
    from ..model import Counts

    total, code = Counts(), EXIT_OK
    for _, plan, status in each(targets(paths), load):
        code = max(code, status)
        if plan is not None:
            total = total + plan.counts
    if code:
        sys.exit(code)
    text = badge_svg(total, label) if fmt == "svg" else badge_endpoint(total, label)
    if output is None:
        click.echo(text, nl=False)
        return
    from pathlib import Path

    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        _err(f"{output}: cannot write: {exc.strerror or exc}")
        sys.exit(EXIT_REFUSED)


@cli.command("rules")
@click.argument("code", required=False)
def rules_command(code: str | None) -> None:
    """List every rule, or explain one (with a bad and a good example)."""
    from ..rules.registry import BY_CODE, RULES

    if code is None:
        for r in RULES:
            fix = " (fixable)" if r.fixable else ""
            click.echo(f"{r.code}  {r.name:<26} {r.severity.value:<8} {r.summary}{fix}")
        return
    chosen = BY_CODE.get(code.upper())
    if chosen is None:
        _err(f"plansync: no rule {code}; `plansync rules` lists them")
        sys.exit(EXIT_REFUSED)
    click.echo(
        f"{chosen.code} {chosen.name} ({chosen.severity.value}{', fixable' if chosen.fixable else ''})\n"
    )
    click.echo(chosen.doc)


@cli.command("install-hook")
@click.option("--force", is_flag=True, help="Replace a pre-commit hook plansync did not write.")
def install_hook_command(force: bool) -> None:
    """Install the plain git pre-commit hook in the hooks directory git uses."""
    from pathlib import Path

    from ..errors import PlansyncError
    from .hook import install_hook

    try:
        target = install_hook(Path.cwd(), sys.executable, force)
    except PlansyncError as exc:
        sys.exit(report_error(exc))
    click.echo(f"plansync: installed {target}")


@cli.command("uninstall-hook")
def uninstall_hook_command() -> None:
    """Remove plansync's pre-commit hook (never another tool's)."""
    from pathlib import Path

    from ..errors import PlansyncError
    from .hook import uninstall_hook

    try:
        removed = uninstall_hook(Path.cwd())
    except PlansyncError as exc:
        sys.exit(report_error(exc))
    click.echo(f"plansync: removed {removed}" if removed else "plansync: no pre-commit hook installed")


@cli.command("hook", hidden=True)
@click.argument("stage", type=click.Choice(["pre-commit"]))
def hook_command(stage: str) -> None:
    """Run by the installed git hook at commit time."""
    from pathlib import Path

    from ..errors import PlansyncError
    from ..workspace.git import toplevel
    from .hook import run_pre_commit

    top = toplevel(Path.cwd()) or Path.cwd()
    try:
        result = run_pre_commit(top)
    except PlansyncError as exc:
        _err("plansync: commit stopped; fix the problem below and commit again")
        sys.exit(report_error(exc))
    for name, outcome in result.updated.items():
        tell_replaced(name, outcome)
        say(f"plansync: updated and staged {name}")
    for name in result.refused:
        _err(
            f"plansync: {name} has unstaged changes and its staged regions are stale; "
            f"stage them (git add {name}) or stash them (git stash push --keep-index), then commit again"
        )
    sys.exit(EXIT_FINDINGS if result.refused else EXIT_OK)


def main(argv: Sequence[str] | None = None) -> None:
    """The click command line; no traceback reaches the user, whatever goes wrong."""
    args = list(argv) if argv is not None else None

    def work() -> int:
        try:
            # Not standalone: click would turn Ctrl-C into "Aborted!" and exit 1, the findings code.
            code = cli.main(args=args, prog_name="plansync", standalone_mode=False)
        except click.Abort as exc:
            if isinstance(exc.__cause__, KeyboardInterrupt):
                raise KeyboardInterrupt from None
            _err("Aborted!")  # end of input at a prompt
            return EXIT_FINDINGS
        except click.ClickException as exc:
            exc.show()
            return exc.exit_code
        return code if isinstance(code, int) else EXIT_OK

    guarded(work)
