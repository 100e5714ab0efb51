"""GitHub's heading anchors: how ``#anchor`` links find their heading."""

from __future__ import annotations

import re
from collections.abc import Iterable

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[`*~]|<[^>]+>")
# GitHub keeps letters, marks, digits, '_', '-' and spaces (CJK included), drops the rest (emoji too).
_DROP = re.compile(r"[^\w\- ]")


def slug(title: str) -> str:
    """The anchor GitHub gives a heading with this Markdown text (before de-duplication)."""
    text = _MARKUP.sub("", _LINK.sub(r"\1", title))
    return _DROP.sub("", text.strip().lower()).replace(" ", "-")


def anchors(titles: Iterable[str]) -> set[str]:
    """Every anchor of a document's headings, repeats numbered ``-1``, ``-2`` as GitHub does."""
    seen: dict[str, int] = {}
    found: set[str] = set()
    for title in titles:
        base = slug(title)
        count = seen.get(base, 0)
        found.add(base if count == 0 else f"{base}-{count}")
        seen[base] = count + 1
    return found
