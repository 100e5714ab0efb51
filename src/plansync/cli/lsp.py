"""``plansync lsp``: the language server on stdin/stdout, when the ``lsp`` extra is installed.

stdout is the protocol's channel: nothing else may be printed there, so every word for the
user goes to stderr.
"""

from __future__ import annotations

from .console import EXIT_REFUSED, say

INSTALL = 'pip install "plansync[lsp]"'


def run_lsp() -> int:
    """Serve until the client says exit; 2 when pygls or lsprotocol is missing."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError as exc:
        say(
            f"plansync lsp: the language server needs the lsp extra ({exc.name} is missing): {INSTALL}",
            err=True,
        )
        return EXIT_REFUSED
    import gc

    from ..editor.handlers import serve

    gc.enable()  # console.guarded turns the collector off for a short run; a server runs for hours
    return serve()
