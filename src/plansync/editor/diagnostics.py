"""A document's findings as LSP diagnostics: the codes, severities and messages of ``check``."""

from __future__ import annotations

from lsprotocol import types

from ..errors import Problem
from ..model import Diagnostic, Severity
from .analysis import Analysis
from .positions import Lines

SOURCE = "plansync"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
}


def lsp_diagnostics(analysis: Analysis, lines: Lines) -> list[types.Diagnostic]:
    """Every finding of ``analysis``, and why plansync refuses the text when it does."""
    found = [lsp_diagnostic(d, lines) for d in analysis.findings]
    return found + [_refusal(p, lines) for p in analysis.refused]


def lsp_diagnostic(diagnostic: Diagnostic, lines: Lines) -> types.Diagnostic:
    line = (diagnostic.line or 1) - 1
    return types.Diagnostic(
        range=lines.line_range(line, diagnostic.col - 1),
        message=diagnostic.message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        source=SOURCE,
        # Where the rule is explained; a client shows it, and code actions find the fix by it.
        data={"explain": f"plansync rules {diagnostic.code}", "fixable": diagnostic.fix is not None},
    )


def _refusal(problem: Problem, lines: Lines) -> types.Diagnostic:
    """An error for text plansync will not handle; a problem in another file (the
    configuration, a ``source=`` plan) sits on the first line and names that file."""
    elsewhere = problem.path != "<text>"
    line = 0 if elsewhere or problem.line is None else problem.line - 1
    return types.Diagnostic(
        range=lines.line_range(line, 0 if elsewhere else problem.col - 1),
        message=str(problem) if elsewhere else problem.message,
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )
