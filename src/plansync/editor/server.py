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
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from ..config import Config, config_for
from ..dates.dater import TaskDater
from ..dates.today import local_today
from ..errors import PlansyncError, Problem
from ..pipeline import SyncResult
from . import actions
from .analysis import Analysis, analyse
from .diagnostics import lsp_diagnostics
from .positions import Lines

log = logging.getLogger("plansync.lsp")
R = TypeVar("R")


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

    def is_open(self, uri: str) -> bool:
        return uri in self.workspace.text_documents

    def lines(self, text: str) -> Lines:
        return Lines(text, self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def open_texts(self) -> dict[Path, str]:
        """The buffers of the open files, by resolved path (for ``source=`` regions)."""
        return {
            Path(document.path).resolve(): document.source
            for uri, document in self.workspace.text_documents.items()
            if uri.startswith("file:")
        }

    def config(self, uri: str) -> Config | PlansyncError:
        """The configuration the command line would use for the document (found once per open)."""
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

    def snapshot(self, uri: str) -> Snapshot:
        """The document as it is now, with everything a worker thread needs to read it."""
        document, path = self.workspace.get_text_document(uri), self.path_of(uri)
        return Snapshot(document.source, document.version, path, self.config(uri), self.open_texts())

    def changed_since(self, uri: str, snapshot: Snapshot) -> bool:
        """Whether the document's text is no longer the snapshot's: a later version, or the
        same version number of another text (a document closed and opened again)."""
        document = self.workspace.get_text_document(uri)
        return (document.version, document.source) != (snapshot.version, snapshot.text)

    # -- analysis ----------------------------------------------------------------------------

    async def current(self, uri: str) -> Analysis:
        """The analysis of the document's text as it is now."""
        snapshot = self.snapshot(uri)
        known = self.analyses.get(uri)
        if known is not None and known.text == snapshot.text:
            return known
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.analysis_pool, analyse_snapshot, snapshot)

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
        loop = asyncio.get_running_loop()
        try:
            while self.is_open(uri):
                snapshot = self.snapshot(uri)
                lines = self.lines(snapshot.text)
                analysis, found = await loop.run_in_executor(self.analysis_pool, _published, snapshot, lines)
                if not self.is_open(uri) or self.changed_since(uri, snapshot):
                    continue  # changed meanwhile: what we have is already old
                self.analyses[uri], self.sources[uri] = analysis, analysis.sources
                published = types.PublishDiagnosticsParams(uri, found, snapshot.version)
                self.text_document_publish_diagnostics(published)
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

    async def slow(self, work: Callable[..., R], *args: object) -> R:
        """``work(*args)`` on a slow thread."""
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

        snapshot, editing = self.snapshot(uri), self.editing(uri)
        text = snapshot.text
        try:
            result = await self.slow(_rewritten, snapshot, command)
        except PlansyncError as exc:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, str(exc.problems[0])))
            return None
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return editing.edit(text_edits(text, result.fixed, result.plan.regions, encoding))

    async def apply(self, edit: types.WorkspaceEdit) -> None:
        await self.workspace_apply_edit_async(types.ApplyWorkspaceEditParams(edit, label="plansync"))


def _rewritten(snapshot: Snapshot, command: str) -> SyncResult:
    """What ``sync`` (or ``check --fix``) writes for the document's text."""
    text, path = snapshot.text, snapshot.path
    from ..api import preview

    if path is None:  # an unsaved, untitled buffer: no file, no history, no configuration
        from ..pipeline import regenerate
        from ..workspace.inputs import offline_dates

        return regenerate(text, dates=offline_dates(text, local_today()))
    return preview(path, text, fix=command == actions.FIX_ALL_COMMAND, opened=snapshot.opened)


class Snapshot(NamedTuple):
    """One version of a document, taken on the event loop for a worker thread to read."""

    text: str
    version: int | None
    path: Path | None
    config: Config | PlansyncError
    #: The open files' buffers, by resolved path.
    buffers: dict[Path, str]

    def opened(self, path: Path) -> str | None:
        return self.buffers.get(path)


def analyse_snapshot(snapshot: Snapshot) -> Analysis:
    """The analysis of one version of a document; a bug becomes a diagnostic, never a dead server."""
    text, config = snapshot.text, snapshot.config
    if isinstance(config, PlansyncError):
        return Analysis(text, None, [], list(config.problems))
    try:
        return analyse(text, snapshot.path, config, local_today(), snapshot.opened)
    except Exception as exc:
        log.exception("analysis failed")
        return Analysis(text, None, [], [Problem(f"internal error: {type(exc).__name__}: {exc}")])


def _published(snapshot: Snapshot, lines: Lines) -> tuple[Analysis, list[types.Diagnostic]]:
    analysis = analyse_snapshot(snapshot)
    return analysis, lsp_diagnostics(analysis, lines)
