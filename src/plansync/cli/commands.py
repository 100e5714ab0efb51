"""What ``plansync sync`` and ``plansync check`` do, free of click.

The commit hook runs these two on every commit; ``entry.main`` calls them directly for plain
invocations (no options) so that a commit never pays for importing click, and the click
commands in ``app`` call the same functions. Everything here prints through ``console``;
``targets`` is shared by the other commands.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from .console import EXIT_FINDINGS, EXIT_OK, say, write
from .parallel import each

if TYPE_CHECKING:
    from ..api import FileOutcome
    from ..model import Diagnostic


def targets(paths: Sequence[str]) -> list[str]:
    """The files named (as given), or the tracked Markdown files with markers under the current directory."""
    if paths:
        return list(paths)
    from pathlib import Path

    from ..config import load_config
    from ..document.sniff import has_markers
    from ..workspace.discovery import discover, glob_files

    config = load_config(Path.cwd())
    if config.files and config.source is not None:
        return [str(p) for p in glob_files(config.source.parent, config.files, Path.cwd())]
    return [str(p) for p in discover(Path.cwd(), has_markers)]


def nothing_found(command: str) -> str | None:
    """The one line saying that ``command`` found no plan to work on, and where it looked; None
    inside ``.git``, where finding none is no news (a clean no-op, see docs/reliability.md)."""
    import shlex
    from pathlib import Path

    from ..config import load_config
    from ..document.sniff import has_markers
    from ..workspace.discovery import inside_git_dir, select, untracked_markdown_files

    here = Path.cwd()
    config = load_config(here)
    said = "plansync: no plan found: no"
    if config.files and config.source is not None:
        return f"{said} file matches the `files` globs of {config.source}"
    untracked = untracked_markdown_files(here)
    if untracked is None:
        if inside_git_dir(here):
            return None
        return f"{said} Markdown file here holds plansync markers (`plansync init FILE` adds them)"
    said += " tracked Markdown file here holds plansync markers; untracked files are not searched"
    plans = " ".join(shlex.quote(str(p)) for p in select(here, untracked, has_markers)[:3])
    if plans:
        return f"{said}: `plansync {command} {plans}` or `git add {plans}`"
    return f"{said} (`plansync init FILE` adds regions to a plan)"


def say_nothing_found(command: str) -> None:
    """Tell, on stderr, that ``command`` was given no paths and found no plan (see ``nothing_found``)."""
    line = nothing_found(command)
    if line is not None:
        say(line, err=True)


def run_sync(
    paths: Sequence[str],
    quiet: bool = False,
    backfill: bool = False,
    no_history: bool = False,
) -> int:
    """``plansync sync``: regenerate the regions of ``paths``; the exit code."""
    from ..document.sniff import readable_without_markers

    files = targets(paths)
    if not files and not paths:
        say_nothing_found("sync")
        return EXIT_OK
    # Files without markers are skipped before the parser (or anything else) is imported.
    todo = [p for p in files if not readable_without_markers(str(p))]
    if not todo:
        return EXIT_OK
    from ..api import sync_file

    def work(path: str) -> FileOutcome:
        return sync_file(path, history=not no_history, backfill=backfill)

    code = EXIT_OK
    noted: set[str] = set()  # a formatter configuration shared by many plans: said once
    for path, outcome, status in each(todo, work):
        code = max(code, status)
        if outcome is not None:
            tell_synced(path, outcome, noted, quiet)
    return code


def tell_synced(path: str, outcome: FileOutcome, noted: set[str], quiet: bool = False) -> None:
    """Print what syncing ``path`` did: its notes, replaced text, the update (``watch`` too).

    ``noted`` holds the layout notes already said, so each is said once per run.
    """
    if outcome.note:
        say(f"{path}: note: {outcome.note}", err=True)
    if outcome.layout_note and outcome.layout_note not in noted:
        noted.add(outcome.layout_note)
        say(outcome.layout_note, err=True)
    if outcome.changed:
        tell_replaced(path, outcome)
        if not quiet:
            say(f"plansync: updated {path}")


def tell_replaced(path: str, outcome: FileOutcome) -> None:
    """Print, whole, any text someone wrote into a region that sync just replaced: never lost."""
    from ..document.text import split_lines

    for region, body in outcome.replaced:
        where = f"{path}:{region.begin_line}: note: region '{region.name}'"
        say(f"{where} held text plansync does not write; it was replaced. Keep notes outside", True)
        say("  the markers. What it held:", True)
        for line in split_lines(body):
            say(f"  | {line.rstrip(chr(13) + chr(10))}", True)


def run_check(
    paths: Sequence[str], show_diff: bool = False, fmt: str | None = None, fix: bool = False
) -> int:
    """``plansync check``: rule findings and stale regions of ``paths`` in format ``fmt`` (by
    default the text); the exit code."""
    from ..api import fix_file
    from ..formats.registry import default, formatter
    from ..model import Severity

    people = default("check")
    fmt = fmt or people
    files = targets(paths)
    if not files and not paths:
        say_nothing_found("check")
    code = EXIT_OK
    if fix:
        for path, outcome, status in each(files, fix_file):
            code = max(code, status)
            if outcome is not None and outcome.changed:
                say(f"plansync: fixed {path}", err=True)
    from .parallel import each_on_all_cores

    results: list[tuple[str, list[Diagnostic]]] = []
    for path, found, status in each_on_all_cores(files, partial(checked, show_diff)):
        code = max(code, status)
        if found is None:
            continue
        diagnostics, diff = found
        results.append((path, diagnostics))
        if any(d.severity is Severity.ERROR for d in diagnostics):
            code = max(code, EXIT_FINDINGS)
        if diff is not None:
            # The diff goes to stdout for people; any other format is a document it must not spoil.
            write(diff, err=fmt != people)
    write(formatter("check", fmt)(results))
    return code


def checked(show_diff: bool, path: str) -> tuple[list[Diagnostic], str | None]:
    """``check``'s findings for one file, and (``show_diff``) the diff ``sync`` would apply
    when it is stale: what a worker process sends back."""
    from ..api import check_file

    outcome = check_file(path)
    diff = _diff(path, outcome) if show_diff and not outcome.ok else None
    return list(outcome.diagnostics), diff


def _diff(path: str, outcome: FileOutcome) -> str:
    from ..document.text import unified_diff

    return unified_diff(path, outcome.old, outcome.new)
