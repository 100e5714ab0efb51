"""The ``plansync`` command line: click declarations, each calling one click-free function.

Exit codes: 0 ok; 1 findings (``check``: a stale region); 2 usage error or input refused
(the file untouched, ``path:line:col: message`` on stderr); 3 internal error; 130 Ctrl-C.
The ``--format`` choices are the formats registry's. Heavy modules are imported inside the
functions; plain ``sync``/``check`` calls do not even come here (see ``entry.py``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TypeVar

import click

from ..formats.registry import FORMATS, default, names
from .commands import run_check, run_sync
from .console import EXIT_FINDINGS, EXIT_OK, guarded, say, use_color
from .extras import run_badge, run_init, run_install_hook, run_pre_commit_hook, run_rules, run_uninstall_hook
from .report import run_report

F = TypeVar("F", bound=Callable[..., Any])


def _format_option(command: str) -> Callable[[F], F]:
    """``--format``: the formats registry's choices for ``command``, each with its one line of help."""
    described = "; ".join(f"{f.name}: {f.help}" for f in FORMATS if f.command == command)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(names(command)),
        default=default(command),
        show_default=True,
        help=f"Output format ({described}).",
    )


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


# "\b" keeps click from re-wrapping a paragraph.
EPILOG = """\b
Environment:
  NO_COLOR             no colour in the terminal report
  PLANSYNC_DEBUG=1     a traceback instead of the one-line internal error
  GITHUB_STEP_SUMMARY  report also appends its Markdown to this file
  PLANSYNC_JOBS=N      check uses at most N processes (from 24 files on)

\b
Configuration: .plansync.toml, or [tool.plansync] in pyproject.toml;
the nearest one at or above the plan applies.
"""


@click.group(cls=PlansyncGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
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
@_format_option("check")
@click.option("--fix", is_flag=True, help="Apply the rules' safe fixes and regenerate regions (writes).")
def check(paths: tuple[str, ...], show_diff: bool, fmt: str, fix: bool) -> int:
    """Report rule findings and stale regions of PATHS; exit 1 on an error. Never writes without --fix."""
    return run_check(paths, show_diff, fmt, fix)


@cli.command()
@click.argument("paths", nargs=-1)
@_format_option("report")
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
    "--under", metavar="HEADING", help="Put the regions under the first heading whose title contains this."
)
@click.option("--yes", "-y", is_flag=True, help="Apply without asking.")
def init(path: str, under: str | None, yes: bool) -> int:
    """Add summary and progress regions to the plan at PATH, then fill them.

    They go under the first heading named for progress or status (Progress log, Status, 进度,
    状态, 進捗, 진행 ...), else at the end. init shows them and asks first; with no terminal to
    ask at, it writes only with --yes (else exit 2). A plan without tasks gets none.
    """
    return run_init(path, under, yes, confirm=_ask if _interactive() else None)


def _interactive() -> bool:
    """True when a person can answer a question: standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


def _ask(question: str) -> bool:
    """A yes-or-no question at the terminal, yes by default; end of input aborts the run."""
    return click.confirm(question, default=True, abort=False)


@cli.command("badge")
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of to stdout.")
@_format_option("badge")
@click.option("--label", default="progress", show_default=True, help="The text on the badge's left side.")
def badge(paths: tuple[str, ...], output: str | None, fmt: str, label: str) -> int:
    """A progress badge for PATHS (their tasks added up): SVG, or shields.io endpoint JSON."""
    return run_badge(paths, output, fmt, label)


@cli.command("diff")
@click.argument("base")
@click.argument("rest", nargs=-1, metavar="[HEAD] [PATHS]...")
@_format_option("diff")
def diff_command(base: str, rest: tuple[str, ...], fmt: str) -> int:
    """What changed in the plans from BASE to HEAD (default: the work tree), read from git.

    HEAD is taken as a path when a file or directory of that name exists. Exit 2 when a
    revision is unknown, or beyond a shallow clone's history (fetch more of it).
    """
    from .diff import run_diff, split_revisions

    head, paths = split_revisions(rest)
    return run_diff(base, head, paths, fmt, color=use_color())


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


@cli.command("merge")
@click.argument("base")
@click.argument("current")
@click.argument("other")
@click.argument("path", required=False)
def merge_command(base: str, current: str, other: str, path: str | None) -> int:
    """git's merge driver: merge OTHER into CURRENT; regions never conflict."""
    from .merging import run_merge

    return run_merge(base, current, other, path)


@cli.command("resolve")
@click.argument("paths", nargs=-1, required=True)
def resolve_command(paths: tuple[str, ...]) -> int:
    """Settle conflict markers that lie only in generated text, and regenerate."""
    from .merging import run_resolve

    return run_resolve(paths)


@cli.command("install-merge-driver")
@click.option("--pattern", "patterns", multiple=True, help="Files to merge with plansync (default: *.md).")
def install_merge_driver_command(patterns: tuple[str, ...]) -> int:
    """Register plansync as git's merge driver for plans (config and .gitattributes)."""
    from .merging import run_install_merge_driver

    return run_install_merge_driver(patterns)


@cli.command("uninstall-merge-driver")
@click.option("--pattern", "patterns", multiple=True, help="The patterns given to install (default: *.md).")
def uninstall_merge_driver_command(patterns: tuple[str, ...]) -> int:
    """Remove what install-merge-driver added."""
    from .merging import run_uninstall_merge_driver

    return run_uninstall_merge_driver(patterns)


@cli.command("watch")
@click.argument("paths", nargs=-1)
def watch_command(paths: tuple[str, ...]) -> int:
    """Sync PATHS (files or directories; default: as sync finds them) whenever they are saved.

    For editors without a language server. Needs the watch extra: pip install "plansync[watch]".
    Ctrl-C stops it (exit 130); so does SIGTERM (exit 0).
    """
    from .watch import run_watch

    return run_watch(paths)


@cli.command("lsp")
@click.option("--stdio", is_flag=True, help="Accepted for clients that pass it: stdio is the only transport.")
def lsp_command(stdio: bool) -> int:
    """A Language Server on stdin/stdout: diagnostics, progress hints, sync as you edit.

    Needs the lsp extra: pip install "plansync[lsp]". Editor set-up: docs/editor.md.
    """
    from .lsp import run_lsp

    return run_lsp()


@cli.command("hook", hidden=True)
@click.argument("stage", type=click.Choice(["pre-commit"]))
def hook_command(stage: str) -> int:
    """Run by the installed git hook at commit time."""
    return run_pre_commit_hook()


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The click command line; no traceback reaches the user, whatever goes wrong."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="plansync")
