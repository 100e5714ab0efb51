"""The ``plansync`` command line: click declarations, each calling one click-free function.

Exit codes: 0 ok; 1 findings (``check``: a stale region); 2 usage error or input refused
(the file untouched, ``path:line:col: message`` on stderr); 3 internal error; 130 Ctrl-C.
The ``--format`` choices are the formats registry's. Heavy modules are imported inside the
functions; plain ``sync``/``check`` calls do not even come here (see ``entry.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NoReturn

import click

from ..formats.registry import default, names
from .commands import run_check, run_sync
from .console import EXIT_FINDINGS, EXIT_OK, guarded, say, use_color
from .extras import run_badge, run_init, run_install_hook, run_pre_commit_hook, run_rules, run_uninstall_hook
from .report import run_report


class PlansyncGroup(click.Group):
    """A command group whose every run ends through ``console.guarded``.

    From the console script or from a test's ``CliRunner``, a run's return code, a refused
    input, Ctrl-C and a bug all become an exit code in that one place.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
        """Run the command line and exit (``standalone_mode`` is accepted and ignored: a run always exits)."""
        run = super().main

        def work() -> int:
            try:
                # Not standalone: click would turn Ctrl-C into "Aborted!" and exit 1, the findings code.
                code = run(args, prog_name, complete_var, standalone_mode=False, **extra)
            except click.Abort as exc:
                if isinstance(exc.__cause__, KeyboardInterrupt):
                    raise KeyboardInterrupt from None
                say("Aborted!", err=True)  # end of input at a prompt
                return EXIT_FINDINGS
            except click.ClickException as exc:
                exc.show()
                return exc.exit_code
            return code if isinstance(code, int) else EXIT_OK

        guarded(work)


@click.group(cls=PlansyncGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plansync")
def cli() -> None:
    """Keep a Markdown plan honest: its checkboxes drive its progress regions."""


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing about updated files.")
@click.option("--backfill", is_flag=True, help="Also date milestones recorded as undated, from git history.")
@click.option("--no-history", is_flag=True, help="Never read git history; new milestones are dated today.")
def sync(paths: tuple[str, ...], quiet: bool, backfill: bool, no_history: bool) -> int:
    """Regenerate the regions of PATHS (default: tracked Markdown files with markers)."""
    return run_sync(paths, quiet, backfill, no_history)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--diff", "show_diff", is_flag=True, help="Print what sync would change as a unified diff.")
@click.option(
    "--format", "fmt", type=click.Choice(names("check")), default=default("check"), show_default=True
)
@click.option("--fix", is_flag=True, help="Apply the rules' safe fixes and regenerate regions (writes).")
def check(paths: tuple[str, ...], show_diff: bool, fmt: str, fix: bool) -> int:
    """Report rule findings and stale regions of PATHS; exit 1 on an error. Never writes without --fix."""
    return run_check(paths, show_diff, fmt, fix)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format", "fmt", type=click.Choice(names("report")), default=default("report"), show_default=True
)
@click.option("--no-history", is_flag=True, help="Never read git history: dates come from stamps only.")
@click.option(
    "--fail-if-behind", type=int, metavar="DAYS", help="Exit 1 when a phase is more than DAYS late."
)
def report(paths: tuple[str, ...], fmt: str, no_history: bool, fail_if_behind: int | None) -> int:
    """Print where the plans in PATHS stand (under GitHub Actions, also to the job summary)."""
    return run_report(paths, fmt, not no_history, fail_if_behind, color=use_color())


@cli.command()
@click.argument("path")
@click.option(
    "--under", metavar="HEADING", help="Put the regions under the heading whose title contains this."
)
@click.option("--yes", "-y", is_flag=True, help="Apply without asking.")
def init(path: str, under: str | None, yes: bool) -> int:
    """Add summary and progress regions to the plan at PATH, then fill them."""
    return run_init(path, under, yes, confirm=_ask)


def _ask(question: str) -> bool:
    """A yes-or-no question at the terminal, yes by default; end of input aborts the run."""
    return click.confirm(question, default=True, abort=False)


@cli.command("badge")
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of to stdout.")
@click.option(
    "--format", "fmt", type=click.Choice(names("badge")), default=default("badge"), show_default=True
)
@click.option("--label", default="progress", show_default=True)
def badge(paths: tuple[str, ...], output: str | None, fmt: str, label: str) -> int:
    """A progress badge for PATHS (their tasks added up): SVG, or shields.io endpoint JSON."""
    return run_badge(paths, output, fmt, label)


@cli.command("rules")
@click.argument("code", required=False)
def rules_command(code: str | None) -> int:
    """List every rule, or explain one (with a bad and a good example)."""
    return run_rules(code)


@cli.command("install-hook")
@click.option("--force", is_flag=True, help="Replace a pre-commit hook plansync did not write.")
def install_hook_command(force: bool) -> int:
    """Install the plain git pre-commit hook in the hooks directory git uses."""
    return run_install_hook(force)


@cli.command("uninstall-hook")
def uninstall_hook_command() -> int:
    """Remove plansync's pre-commit hook (never another tool's)."""
    return run_uninstall_hook()


@cli.command("hook", hidden=True)
@click.argument("stage", type=click.Choice(["pre-commit"]))
def hook_command(stage: str) -> int:
    """Run by the installed git hook at commit time."""
    return run_pre_commit_hook()


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The click command line; no traceback reaches the user, whatever goes wrong."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="plansync")
