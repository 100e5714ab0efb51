"""The server's handlers, one per LSP method: each finds the document's current analysis and
asks a feature module for the answer; ``serve`` runs the server with them."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from lsprotocol import types

from ..dates.today import local_today
from ..errors import PlansyncError
from . import actions
from .analysis import Analysis
from .hover import HistoryDate, hover
from .outline import document_symbols, inlay_hints
from .server import PlansyncServer

#: How long a hover waits for git history before answering without it.
HISTORY_WAIT = 1.0


def register(server: PlansyncServer) -> None:
    """Attach every handler to ``server``."""
    _documents(server)
    _reading(server)
    _editing(server)


def _documents(server: PlansyncServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PlansyncServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.configs.pop(params.text_document.uri, None)  # found afresh, as the CLI would
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PlansyncServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.schedule(uri, changed=True)
        for other in ls.dependents(uri):
            ls.schedule(other, changed=True)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PlansyncServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.configs.clear()  # a configuration file may have been saved too
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PlansyncServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        summarising = ls.dependents(uri)  # they read its buffer; now they read the file on disk
        ls.forget(uri)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))
        for other in summarising:
            ls.schedule(other, changed=True)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: PlansyncServer, params: Any = None) -> None:
        ls.shut_down = True


def _reading(server: PlansyncServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_INLAY_HINT)
    async def hints(ls: PlansyncServer, params: types.InlayHintParams) -> list[types.InlayHint]:
        analysis = await ls.current(params.text_document.uri)
        config = ls.config(params.text_document.uri)
        if analysis.plan is None or isinstance(config, PlansyncError):
            return []
        found = inlay_hints(analysis.plan, ls.lines(analysis.text), config, local_today())
        first, last = params.range.start.line, params.range.end.line
        return [h for h in found if first <= h.position.line <= last]

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def symbols(ls: PlansyncServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        analysis = await ls.current(params.text_document.uri)
        return document_symbols(analysis.plan, ls.lines(analysis.text)) if analysis.plan else []

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: PlansyncServer, params: types.HoverParams) -> types.Hover | None:
        analysis = await ls.current(params.text_document.uri)
        if analysis.plan is None:
            return None
        history = await _history(ls, params.text_document.uri, analysis)
        return hover(analysis.plan, ls.lines(analysis.text), params.position.line, history)


async def _history(ls: PlansyncServer, uri: str, analysis: Analysis) -> HistoryDate | None:
    """Tick dates from git history, read once per text on a slow thread; None while unread."""
    from ..workspace.inputs import dater_for

    path = ls.path_of(uri)
    if path is None or analysis.plan is None:
        return None
    known = ls.histories.get(uri)
    if known is None or known[0] != analysis.text:
        dater = dater_for(analysis.plan, analysis.text, path, True)
        known = (analysis.text, asyncio.ensure_future(ls.slow(dater.read_history)), dater)
        ls.histories[uri] = known
    try:
        await asyncio.wait_for(asyncio.shield(known[1]), HISTORY_WAIT)
    except TimeoutError:
        return None
    except Exception:  # git failing in a way history does not foresee: hover without it
        logging.getLogger("plansync.lsp").exception("reading history failed")
        return None
    return known[2].done_on


def _editing(server: PlansyncServer) -> None:
    options = types.CodeActionOptions(code_action_kinds=actions.KINDS, resolve_provider=True)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, options)
    async def code_action(ls: PlansyncServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        analysis = await ls.current(uri)
        found = actions.code_actions(
            analysis, ls.lines(analysis.text), params.range, local_today(), ls.editing(uri), ls.resolves()
        )
        return actions.wanted(found, params.context.only)

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def resolve(ls: PlansyncServer, action: types.CodeAction) -> types.CodeAction:
        data = action.data if isinstance(action.data, dict) else {}
        uri = str(data.get("uri", ""))
        if ls.is_open(uri):
            action.edit = await ls.rewrite(uri, str(data.get("command")))
        return action

    @server.command(actions.TOGGLE_COMMAND)
    async def toggle(ls: PlansyncServer, *args: Any) -> None:
        uri, position = [*args, None, None][:2]
        if not isinstance(uri, str) or not ls.is_open(uri) or not isinstance(position, dict):
            return
        analysis = await ls.current(uri)
        found = actions.toggle_edit(
            analysis, ls.lines(analysis.text), int(position.get("line", -1)), local_today()
        )
        if found is not None:
            await ls.apply(ls.editing(uri).edit([found[1]]))

    for name in (actions.SYNC_COMMAND, actions.FIX_ALL_COMMAND):
        _whole_plan_command(server, name)


def _whole_plan_command(server: PlansyncServer, name: str) -> None:
    @server.command(name)
    async def run(ls: PlansyncServer, *args: Any) -> None:
        uri = args[0] if args else None
        if isinstance(uri, str) and ls.is_open(uri) and (edit := await ls.rewrite(uri, name)) is not None:
            await ls.apply(edit)


def serve() -> int:
    """Run the server on stdin/stdout until the client says exit: 0 after a shutdown request,
    1 without one (as the protocol asks)."""
    logging.basicConfig(level=logging.WARNING, format="plansync lsp: %(levelname)s: %(message)s")
    server = PlansyncServer()
    register(server)
    server.start_io()
    return 0 if server.shut_down else 1
