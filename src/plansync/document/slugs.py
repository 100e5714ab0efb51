"""GitHub's anchors: how ``#anchor`` links find their heading, or an anchor defined in HTML."""

from __future__ import annotations

import re
from collections.abc import Iterable

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[`*~]|<[^>]+>")
# GitHub keeps letters, marks, digits, '_', '-' and spaces (CJK included), drops the rest (emoji too).
_DROP = re.compile(r"[^\w\- ]")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)>")
_ANCHOR_ATTRIBUTE = re.compile(
    r"(?<![\w:-])(id|name)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+))", re.IGNORECASE
)


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


def html_anchors(html: str) -> set[str]:
    """Anchors that HTML in ``html`` defines, lowercased: ``id`` on any element, ``name`` on ``<a>``.

    Comments define none. Ids are matched without regard to case, like heading anchors.
    """
    found: set[str] = set()
    for tag in _TAG.finditer(_COMMENT.sub("", html) if "<!--" in html else html):
        for attribute in _ANCHOR_ATTRIBUTE.finditer(tag[2]):
            value = attribute[2] if attribute[2] is not None else attribute[3] or attribute[4] or ""
            if value and (attribute[1].lower() == "id" or tag[1].lower() == "a"):
                found.add(value.lower())
    return found
