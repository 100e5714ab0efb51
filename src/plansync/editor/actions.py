"""Code actions: a quick fix per safe fix, "toggle task" on a task line, and the two whole-plan
actions -- "Sync plansync regions" and "Fix all plansync findings" -- whose edits are only
computed when the client resolves them (editors ask for code actions at every cursor move)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from lsprotocol import types

from ..edits.stamping import stamping_enabled
from ..edits.toggling import toggled
from ..model import Diagnostic, TaskState
from .analysis import Analysis
from .diagnostics import lsp_diagnostic
from .hover import task_at
from .positions import Lines

# Kinds below ``source`` of plansync's own: a client can ask for them by name (on save, say).
SYNC = "source.plansync.sync"
FIX_ALL = "source.fixAll.plansync"
TOGGLE = types.CodeActionKind.RefactorRewrite
KINDS: list[types.CodeActionKind | str] = [types.CodeActionKind.QuickFix, TOGGLE, SYNC, FIX_ALL]

#: The commands the server runs (``workspace/executeCommand``): each takes the document's URI;
#: toggling also the position of the task.
TOGGLE_COMMAND = "plansync.toggleTask"
SYNC_COMMAND = "plansync.sync"
FIX_ALL_COMMAND = "plansync.fixAll"
COMMANDS = [TOGGLE_COMMAND, SYNC_COMMAND, FIX_ALL_COMMAND]


class Editing(NamedTuple):
    """Where edits go: the document's URI and version, and how the client takes a WorkspaceEdit."""

    uri: str
    version: int | None
    #: The client takes versioned ``documentChanges`` (and so rejects an edit of an old text).
    document_changes: bool

    def edit(self, edits: Sequence[types.TextEdit]) -> types.WorkspaceEdit:
        if self.document_changes:
            document = types.OptionalVersionedTextDocumentIdentifier(self.uri, self.version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(document, list(edits))])
        return types.WorkspaceEdit(changes={self.uri: list(edits)})


def code_actions(
    analysis: Analysis, lines: Lines, where: types.Range, today: str, editing: Editing, resolves: bool
) -> list[types.CodeAction]:
    """The actions for the lines of ``where``; whole-plan ones carry ``data`` to resolve them
    (or, for a client that cannot resolve, the command that applies them)."""
    actions = [_quick_fix(d, lines, editing) for d in _fixable(analysis.findings, where)]
    if (toggle := toggle_edit(analysis, lines, where.start.line, today)) is not None:
        title, edit = toggle
        actions.append(types.CodeAction(title, kind=TOGGLE, edit=editing.edit([edit])))
    if analysis.pending:
        actions.append(_deferred("Sync plansync regions", SYNC, SYNC_COMMAND, editing, resolves))
    if any(d.fix is not None for d in analysis.findings):
        actions.append(_deferred("Fix all plansync findings", FIX_ALL, FIX_ALL_COMMAND, editing, resolves))
    return actions


def wanted(actions: list[types.CodeAction], only: Sequence[str] | None) -> list[types.CodeAction]:
    """The actions of the kinds the client asked for (a kind includes its sub-kinds)."""
    if not only:
        return actions
    kinds = [(a, str(getattr(a.kind, "value", a.kind))) for a in actions]  # an enum's str() is its name
    return [a for a, kind in kinds if any(kind == k or kind.startswith(f"{k}.") for k in only)]


def _fixable(findings: Sequence[Diagnostic], where: types.Range) -> list[Diagnostic]:
    first, last = where.start.line, where.end.line
    return [d for d in findings if d.fix is not None and d.line is not None and first <= d.line - 1 <= last]


def _quick_fix(finding: Diagnostic, lines: Lines, editing: Editing) -> types.CodeAction:
    line = finding.line - 1 if finding.line is not None else 0
    return types.CodeAction(
        f"Fix {finding.code}: {finding.message}",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp_diagnostic(finding, lines)],
        is_preferred=True,
        edit=editing.edit([types.TextEdit(lines.line_range(line), finding.fix or "")]),
    )


def _deferred(title: str, kind: str, command: str, editing: Editing, resolves: bool) -> types.CodeAction:
    data: dict[str, Any] = {"uri": editing.uri, "command": command}
    if resolves:
        return types.CodeAction(title, kind=kind, data=data)
    return types.CodeAction(title, kind=kind, command=types.Command(title, command, arguments=[editing.uri]))


def toggle_edit(analysis: Analysis, lines: Lines, line: int, today: str) -> tuple[str, types.TextEdit] | None:
    """("Tick task" or "Untick task", the edit) for the task starting on 0-based ``line``."""
    plan = analysis.plan
    index = task_at(plan, line) if plan is not None else None
    if plan is None or index is None:
        return None
    task = plan.tasks[index]
    new = toggled(lines.content(line), task.state, stamping_enabled(plan), today)
    if new is None:
        return None
    title = "Untick task" if task.state is TaskState.DONE else "Tick task"
    return title, types.TextEdit(lines.line_range(line), new)
