"""The language server: pygls speaks the protocol; this module keeps the open documents'
analyses fresh and hands each request to its feature module.

Diagnostics never wait: every change schedules one refresh per document, run on a worker
thread; changes that arrive meanwhile are folded into the next round (a burst of 50 edits
costs two analyses, and the last one published is always of the latest text). Slow work --
git history for hover, the sync and fix edits -- runs on its own threads.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from ..config import Config, config_for
from ..dates.dater import TaskDater
from ..dates.today import local_today
from ..errors import PlansyncError, Problem
from ..pipeline import SyncResult
from ..workspace.sources import OpenText
from . import actions
from .analysis import Analysis, analyse
from .positions import Lines

log = logging.getLogger("plansync.lsp")


class PlansyncServer(LanguageServer):
    """pygls' server plus the state of the open plans."""

    def __init__(self) -> None:
        from importlib.metadata import version

        super().__init__(
            "plansync", version("plansync"), text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        #: The analysis last published for each open document, until its text changes.
        self.analyses: dict[str, Analysis] = {}
        #: The plans each open document's ``source=`` regions summarise (kept across changes).
        self.sources: dict[str, frozenset[Path]] = {}
        self.configs: dict[str, Config | PlansyncError] = {}
        self.refreshing: dict[str, asyncio.Task[None]] = {}
        #: Analyses run one at a time, off the event loop: requests are answered meanwhile.
        self.analysis_pool = ThreadPoolExecutor(1, "plansync-analysis")
        #: History, the sync and fix edits: never in the way of diagnostics.
        self.slow_pool = ThreadPoolExecutor(2, "plansync-slow")
        self.shut_down = False
        #: Per document: the text, the history read for it (under way or done), its dater.
        self.histories: dict[str, tuple[str, asyncio.Future[None], TaskDater]] = {}

    # -- documents ---------------------------------------------------------------------------

    def path_of(self, uri: str) -> Path | None:
        path = self.workspace.get_text_document(uri).path
        return Path(path) if uri.startswith("file:") else None

    def text_of(self, uri: str) -> str:
        return self.workspace.get_text_document(uri).source

    def is_open(self, uri: str) -> bool:
        return uri in self.workspace.text_documents

    def lines(self, text: str) -> Lines:
        return Lines(text, self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def opened_text(self, path: Path) -> str | None:
        """The buffer of an open document at ``path`` (a ``source=`` plan being edited)."""
        for uri, document in list(self.workspace.text_documents.items()):
            if uri.startswith("file:") and Path(document.path).resolve() == path:
                text: str = document.source
                return text
        return None

    def config(self, uri: str) -> Config | PlansyncError:
        if uri not in self.configs:
            path = self.path_of(uri)
            try:
                self.configs[uri] = config_for(path) if path is not None else Config()
            except PlansyncError as exc:
                self.configs[uri] = exc
        return self.configs[uri]

    def forget(self, uri: str) -> None:
        self.analyses.pop(uri, None)
        self.sources.pop(uri, None)
        self.configs.pop(uri, None)
        self.histories.pop(uri, None)

    # -- analysis ----------------------------------------------------------------------------

    def analyse_now(self, uri: str, text: str) -> Analysis:
        """The analysis of ``text``; a bug becomes a diagnostic, never a dead server."""
        config = self.config(uri)
        if isinstance(config, PlansyncError):
            return Analysis(text, None, [], list(config.problems))
        try:
            return analyse(text, self.path_of(uri), config, local_today(), self.opened_text)
        except Exception as exc:
            log.exception("analysis failed")
            return Analysis(text, None, [], [Problem(f"internal error: {type(exc).__name__}: {exc}")])

    async def current(self, uri: str) -> Analysis:
        """The analysis of the document's text as it is now."""
        text = self.text_of(uri)
        known = self.analyses.get(uri)
        if known is not None and known.text == text:
            return known
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.analysis_pool, self.analyse_now, uri, text)

    def schedule(self, uri: str, changed: bool = False) -> None:
        """Refresh ``uri``'s diagnostics; a refresh under way picks the new text up when done.

        The analysis of a ``changed`` text is dropped at once: nothing may use it any more, and
        holding it while the next one is built would add a plan's worth to the server's peak.
        """
        if changed:
            self.analyses.pop(uri, None)
        if uri not in self.refreshing:
            self.refreshing[uri] = asyncio.ensure_future(self._refresh(uri))

    async def _refresh(self, uri: str) -> None:
        from .diagnostics import lsp_diagnostics

        loop = asyncio.get_running_loop()
        try:
            while self.is_open(uri):
                document = self.workspace.get_text_document(uri)
                text, version = document.source, document.version
                analysis, found = await loop.run_in_executor(
                    self.analysis_pool, _with_diagnostics, self, uri, text, lsp_diagnostics
                )
                if not self.is_open(uri) or self.workspace.get_text_document(uri).version != version:
                    continue  # changed meanwhile: what we have is already old
                self.analyses[uri], self.sources[uri] = analysis, analysis.sources
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, found, version))
                break
        finally:
            self.refreshing.pop(uri, None)

    def dependents(self, uri: str) -> list[str]:
        """Open documents whose ``source=`` regions summarise the document at ``uri``."""
        path = self.path_of(uri)
        if path is None:
            return []
        target = path.resolve()
        return [u for u, named in list(self.sources.items()) if u != uri and target in named]

    async def slow(self, work: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self.slow_pool, work, *args)

    # -- edits -------------------------------------------------------------------------------

    def editing(self, uri: str) -> actions.Editing:
        capabilities = self.client_capabilities.workspace
        versioned = bool(
            capabilities and capabilities.workspace_edit and capabilities.workspace_edit.document_changes
        )
        return actions.Editing(uri, self.workspace.get_text_document(uri).version, versioned)

    def resolves(self) -> bool:
        """Whether the client resolves a code action's edit when it is chosen."""
        document = self.client_capabilities.text_document
        support = document.code_action.resolve_support if document and document.code_action else None
        return support is not None and "edit" in support.properties

    async def rewrite(self, uri: str, command: str) -> types.WorkspaceEdit | None:
        """The edit of the sync (or fix-all) of the document as it is now; None when plansync
        refuses it (the user is told why)."""
        from .changes import text_edits

        text, editing = self.text_of(uri), self.editing(uri)
        try:
            result = await self.slow(_rewritten, self.path_of(uri), text, command, self.opened_text)
        except PlansyncError as exc:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, str(exc.problems[0])))
            return None
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return editing.edit(text_edits(text, result.fixed, result.plan.regions, encoding))

    async def apply(self, edit: types.WorkspaceEdit) -> None:
        await self.workspace_apply_edit_async(types.ApplyWorkspaceEditParams(edit, label="plansync"))


def _rewritten(path: Path | None, text: str, command: str, opened: OpenText) -> SyncResult:
    """What ``sync`` (or ``check --fix``) writes for the buffer ``text`` of ``path``."""
    from ..api import preview

    if path is None:  # an unsaved, untitled buffer: no file, no history, no configuration
        from ..pipeline import regenerate
        from ..workspace.inputs import offline_dates

        return regenerate(text, dates=offline_dates(text, local_today()))
    return preview(path, text, fix=command == actions.FIX_ALL_COMMAND, opened=opened)


def _with_diagnostics(server: PlansyncServer, uri: str, text: str, convert: Any) -> tuple[Analysis, Any]:
    analysis = server.analyse_now(uri, text)
    return analysis, convert(analysis, server.lines(text))
