"""The editor: ``plansync lsp``, a Language Server on pygls and lsprotocol (the ``lsp`` extra).

One module per feature, each turning a plan (and its text) into LSP records: positions.py
(code points to the client's units), analysis.py (a document's plan and findings),
diagnostics.py, outline.py (inlay hints, symbols), hover.py, actions.py (sync, fixes,
toggling a task), changes.py (the text edits between two texts). server.py holds the open
documents and the threads their work runs on; handlers.py answers each request. May import
anything below ``cli``; nothing below imports it, so the commit hook never loads pygls.
"""
