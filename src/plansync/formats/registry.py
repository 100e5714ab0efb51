"""Every output format, registered once: ``FORMATS`` is the one list the command line reads.

A format is one function in a module of this package, named by ``target``
(``"module:function"``) and imported only when it is used, so ``plansync check FILE`` never
imports what the SARIF log or the JSON report needs. The functions share one signature per
command:

- ``check``: ``(results) -> str``, ``results`` a sequence of ``(path, diagnostics)``;
- ``report``: ``(plans, color) -> str``, ``plans`` a sequence of ``report_input.PlanReport``;
- ``badge``: ``(counts, label) -> str``;
- ``diff``: ``(comparison, color) -> str``, ``comparison`` a ``delta.compare.Comparison``.

The first format listed for a command is its default, the one written for people at a
terminal. Any other is a document someone captures whole (JSON, a log, Markdown for a job
page), so what else the command has to say (a diff, a note) must not go into it.

Adding a format is one module function plus one line here; ``tests/test_format_registry.py``
fails when the line names something that does not import, takes the wrong arguments or is
missing from the command line's choices.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeAlias, cast, overload

if TYPE_CHECKING:
    from ..delta.compare import Comparison
    from ..model import Counts, Diagnostic
    from .report_input import PlanReport

CheckFormatter: TypeAlias = "Callable[[Sequence[tuple[str, Sequence[Diagnostic]]]], str]"
ReportFormatter: TypeAlias = "Callable[[Sequence[PlanReport], bool], str]"
BadgeFormatter: TypeAlias = "Callable[[Counts, str], str]"
DiffFormatter: TypeAlias = "Callable[[Comparison, bool], str]"


class Format(NamedTuple):
    """One output format of one command."""

    #: The command that prints it: ``"check"``, ``"report"``, ``"badge"`` or ``"diff"``.
    command: str
    #: What ``--format`` calls it.
    name: str
    #: ``"module:function"``, the module inside ``plansync.formats``.
    target: str
    #: One line on what it is for.
    help: str
    #: The output shows the rules' findings, so the command runs the rules before formatting.
    with_rules: bool = False


FORMATS: tuple[Format, ...] = (
    Format("check", "text", "check:as_text", "path:line:col: CODE message, one finding a line"),
    Format("check", "json", "check:as_json", "the plansync.check/1 JSON document"),
    Format("check", "github", "github:check_annotations", "GitHub Actions annotations on the files"),
    Format("check", "sarif", "sarif:as_sarif", "a SARIF 2.1.0 log for code scanning"),
    Format("report", "text", "terminal:text_report", "bars, percents and next tasks for a terminal"),
    Format("report", "json", "report_json:json_report", "the plansync.report/1 JSON document", True),
    Format("report", "markdown", "report_markdown:markdown_report", "Markdown for a job summary or comment"),
    Format("report", "github", "github:report_annotations", "GitHub Actions notices and schedule warnings"),
    Format("badge", "svg", "badge:badge_svg", "a self-contained SVG badge"),
    Format("badge", "endpoint", "badge:badge_endpoint", "shields.io endpoint JSON"),
    Format("diff", "text", "diff_text:text_diff", "per plan: before -> after, every task it moved"),
    Format("diff", "markdown", "diff_markdown:markdown_diff", "a compact pull-request comment"),
    Format("diff", "json", "diff_json:json_diff", "the plansync.diff/1 JSON document"),
    Format("diff", "github", "diff_text:github_diff", "GitHub Actions notices, one per plan"),
)


def names(command: str) -> list[str]:
    """The formats ``command`` accepts, its default first."""
    return [f.name for f in FORMATS if f.command == command]


def default(command: str) -> str:
    """The format ``command`` prints when none is asked for (see the module docstring)."""
    return names(command)[0]


def lookup(command: str, name: str) -> Format:
    """The registration of ``name`` for ``command``; KeyError when there is none."""
    for found in FORMATS:
        if (found.command, found.name) == (command, name):
            return found
    raise KeyError(f"plansync {command} has no format {name!r}; it has {', '.join(names(command))}")


@overload
def formatter(command: Literal["check"], name: str) -> CheckFormatter: ...
@overload
def formatter(command: Literal["report"], name: str) -> ReportFormatter: ...
@overload
def formatter(command: Literal["badge"], name: str) -> BadgeFormatter: ...
@overload
def formatter(command: Literal["diff"], name: str) -> DiffFormatter: ...
@overload
def formatter(command: str, name: str) -> Callable[..., str]: ...
def formatter(command: str, name: str) -> Callable[..., str]:
    """The function that prints ``command``'s format ``name``, its module imported now."""
    module, function = lookup(command, name).target.split(":")
    found: Any = getattr(import_module(f"{__package__}.{module}"), function)
    return cast("Callable[..., str]", found)
