"""Whether a file could hold plansync markers, decided from its raw bytes.

Kept free of every other plansync module so that ``plansync sync`` on a file without markers
imports nothing but this and click.
"""

from __future__ import annotations

import re

# Any mention of a plansync marker, near-misses included, so that a malformed marker is
# reported rather than skipped; files without one are never parsed by ``sync``.
_MARKER_HINT = re.compile(rb"plansync\s*:", re.IGNORECASE)
_ANY_COOKIE = re.compile(rb"\[\d*(?:/\d*|%)\]")
# A heading ending in a progress cookie ("## Phase 1 [3/5]") asks for sync too.
_COOKIE_HINT = re.compile(rb"(?:^|[\r\n])[ ]{0,3}#{1,6}[ \t][^\r\n]*\[(?:\d*/\d*|\d*%)\][ \t#]*+(?:[\r\n]|$)")


def has_markers(data: bytes) -> bool:
    """Whether the bytes could hold a plansync marker or cookie (cheap: no decoding, no parsing)."""
    if _MARKER_HINT.search(data) is not None:
        return True
    # The unanchored cookie search is fast; the line-anchored one runs only when it finds one.
    return _ANY_COOKIE.search(data) is not None and _COOKIE_HINT.search(data) is not None


def readable_without_markers(path: str) -> bool:
    """True for a regular file that can be read and holds no marker: ``sync`` may skip it.

    Anything else (a marker, a directory, a missing or unreadable file) goes the full way, so
    that errors are reported by the code that knows how to word them.
    """
    try:
        with open(path, "rb") as handle:  # noqa: PTH123 -- pathlib costs this fast path ~4 ms
            return not has_markers(handle.read())
    except OSError:
        return False
