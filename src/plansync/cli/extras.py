"""What the commands beside sync, check and report do, free of click: ``init``, ``badge``,
``rules``, and the plain git hook's ``install-hook``, ``uninstall-hook`` and ``hook``.

Each returns its exit code; a refused input is raised as ``PlansyncError`` and becomes its
message and exit code in ``console.guarded``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .commands import nothing_found, targets, tell_replaced
from .console import EXIT_FINDINGS, EXIT_OK, EXIT_REFUSED, echo, say
from .parallel import each

if TYPE_CHECKING:
    from ..model import Counts


def run_init(path: str, under: str | None, yes: bool, confirm: Callable[[str], bool] | None) -> int:
    """Show the summary and progress regions ``init`` would add, then add them when ``yes`` or
    when ``confirm`` (asked the question) agrees; ``confirm`` is None when there is no terminal
    to ask at, and then only ``yes`` writes.

    A plan without tasks gets nothing: a region saying "0 of 0 tasks" tells nobody anything.
    """
    from pathlib import Path

    from ..api import init_file, load

    target = Path(path)
    preview = init_file(target, under, write=False)
    if preview is None:
        echo(f"{target} already has plansync regions; nothing to do\n")
        return EXIT_OK
    if not load(target).tasks:
        say(f"{target}: note: no tasks to track yet (no '- [ ]' items); nothing written. Add tasks,", True)
        say("  then run plansync init again", True)
        return EXIT_OK
    if not yes and confirm is None:
        import shlex

        say(f"plansync: no terminal to ask at, so init writes nothing to {target} without --yes;", True)
        say(f"  run `plansync init --yes {shlex.quote(path)}` to add the regions", True)
        return EXIT_REFUSED
    echo(preview.diff)
    if not yes and not (confirm and confirm(f"Add these regions to {target}?")):
        echo("nothing written\n")
        return EXIT_OK
    init_file(target, under, write=True)
    echo(f"plansync: added summary and progress regions to {target}\n")
    return EXIT_OK


def run_badge(paths: Sequence[str], output: str | None, fmt: str, label: str) -> int:
    """A badge for the tasks of every plan in ``paths`` added up, to stdout or to ``output``.

    Nothing is written when a plan is refused: a badge that left it out would show a wrong figure.
    """
    from ..api import load
    from ..formats.registry import formatter
    from ..model import total_counts

    files = targets(paths)
    if not files:
        # A badge of no plan would show a dash: say why there is none instead.
        say(nothing_found("badge") or "plansync: no plan found here; name one: plansync badge FILE", err=True)
        return EXIT_REFUSED
    counts: list[Counts] = []
    code = EXIT_OK
    for _, plan, status in each(files, load):
        code = max(code, status)
        if plan is not None:
            counts.append(plan.counts)
    if code:
        return code
    text = formatter("badge", fmt)(total_counts(counts), label)
    if output is None:
        echo(text)
        return EXIT_OK
    from pathlib import Path

    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        say(f"{output}: cannot write: {exc.strerror or exc}", err=True)
        return EXIT_REFUSED
    return EXIT_OK


def run_rules(code: str | None) -> int:
    """List every rule, or explain the one with ``code``."""
    from ..rules.registry import BY_CODE, RULES

    if code is None:
        for r in RULES:
            fix = " (fixable)" if r.fixable else ""
            echo(f"{r.code}  {r.name:<26} {r.severity.value:<8} {r.summary}{fix}\n")
        return EXIT_OK
    chosen = BY_CODE.get(code.upper())
    if chosen is None:
        say(f"plansync: no rule {code}; `plansync rules` lists them", err=True)
        return EXIT_REFUSED
    echo(f"{chosen.code} {chosen.name} ({chosen.severity.value}{', fixable' if chosen.fixable else ''})\n\n")
    echo(chosen.doc + "\n")
    return EXIT_OK


def run_install_hook(force: bool) -> int:
    """Install the plain git pre-commit hook; ``force`` replaces a hook another tool wrote."""
    import sys
    from pathlib import Path

    from ..workspace.hooks import install_hook

    target = install_hook(Path.cwd(), sys.executable, force)
    echo(f"plansync: installed {target}\n")
    echo(
        "plansync: for branches that tick different boxes to merge without conflicts in the regions,"
        " also run `plansync install-merge-driver`\n"
    )
    return EXIT_OK


def run_uninstall_hook() -> int:
    """Remove plansync's pre-commit hook, never another tool's."""
    from pathlib import Path

    from ..workspace.hooks import uninstall_hook

    removed = uninstall_hook(Path.cwd())
    echo(f"plansync: removed {removed}\n" if removed else "plansync: no pre-commit hook installed\n")
    return EXIT_OK


def run_pre_commit_hook() -> int:
    """The installed hook's run at commit time: sync and stage the staged plans, or stop the commit."""
    from pathlib import Path

    from ..errors import PlansyncError
    from ..workspace.git import toplevel
    from .hook import run_pre_commit

    top = toplevel(Path.cwd()) or Path.cwd()
    try:
        result = run_pre_commit(top)
    except PlansyncError:
        say("plansync: commit stopped; fix the problem below and commit again", err=True)
        raise
    for name, outcome in result.updated.items():
        tell_replaced(name, outcome)
        say(f"plansync: updated and staged {name}")
    for name in result.refused:
        say(
            f"plansync: {name} has unstaged changes and its staged regions are stale; "
            f"stage them (git add {name}) or stash them (git stash push --keep-index), then commit again",
            err=True,
        )
    if result.emptied and not result.refused:
        names, verb = ", ".join(result.updated), "is" if len(result.updated) == 1 else "are"
        say(f"plansync: commit stopped: with its regions regenerated, {names} {verb} as in HEAD and", True)
        say("  nothing is left to commit. To amend, or to make an empty commit, run git commit again", True)
        return EXIT_FINDINGS
    return EXIT_FINDINGS if result.refused else EXIT_OK
