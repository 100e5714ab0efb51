"""PS4xx: links -- relative links and images to files or headings that do not exist."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from ..model import Severity
from .base import Finding, RuleContext, rule, without_code_spans

# Link text may hold one level of brackets (``[![badge](a.svg)](b)``) and a destination one
# level of parentheses; neither may run past an unbalanced bracket, so a line of ``[a](`` or
# ``[[[`` costs linear time, not quadratic.
_TEXT = r"(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*+\])*+"
_DESTINATION = r"<[^<>\n]*>|(?:[^()\s\\]|\\.|\([^()\s]*\))++"
_INLINE = re.compile(
    rf"!?\[{_TEXT}\]\(\s*+(?P<target>{_DESTINATION})(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*(?P<target><[^>]*>|\S+)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


def _targets(ctx: RuleContext) -> Iterator[tuple[int, int, str]]:
    """(line, column, target) of every inline link, image and link definition in prose."""
    for number, line in ctx.markdown_lines():
        if "](" not in line and "]:" not in line:
            continue
        prose = without_code_spans(line)
        for m in _INLINE.finditer(prose):
            yield number, m.start() + 1, m["target"].strip("<>")
        if definition := _DEFINITION.match(prose):
            yield number, definition.start("target") + 1, definition["target"].strip("<>")


@rule("PS401", "missing-file", Severity.WARNING)
def missing_file(ctx: RuleContext) -> Iterator[Finding]:
    """A relative link or image points to a file that does not exist.

    Bad:

        See [the notes](./docs/missing-notes.md).

    Good:

        See [the notes](./docs/notes.md).
    """
    if ctx.exists is None:
        return
    for line, col, target in _targets(ctx):
        if _SCHEME.match(target) or target.startswith("#"):
            continue
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if path and not ctx.exists(path):
            yield Finding(line, col, f"link to '{path}', which does not exist")


@rule("PS402", "missing-anchor", Severity.WARNING)
def missing_anchor(ctx: RuleContext) -> Iterator[Finding]:
    """A '#anchor' link names neither a heading of this file nor an anchor its HTML defines.

    Headings get GitHub's slugs; HTML defines anchors with `id` on any element and `name` on
    `<a>`, outside code. Both are matched without regard to case.

    Bad:

        See [setup](#set-up).
        ## Setup

    Good:

        See [setup](#setup).
        ## Setup
    """
    known: set[str] | None = None
    from_html: set[str] | None = None
    for line, col, target in _targets(ctx):
        if not target.startswith("#") or len(target) == 1:
            continue
        if known is None:
            from ..document.slugs import anchors  # only plans with anchor links pay for its regexes

            every = sorted([(h.line, h.title) for h in ctx.plan.headings] + list(ctx.plan.nested_headings))
            known = anchors(title for _, title in every)
        wanted = unquote(target[1:]).lower()
        if wanted in known:
            continue
        if from_html is None:
            from_html = _html_anchors(ctx)
        if wanted not in from_html:
            yield Finding(line, col, f"no heading has the anchor '{target}'")


_HTML_ANCHOR = re.compile(r"\b(?:id|name)\s*=", re.IGNORECASE)


def _html_anchors(ctx: RuleContext) -> set[str]:
    """Anchors defined by HTML in prose (inline code aside) and in HTML blocks."""
    from ..document.slugs import html_anchors

    found: set[str] = set()
    for _, line in ctx.markdown_lines():
        if "<" in line:
            found |= html_anchors(without_code_spans(line))
    lines = ctx.lines
    if any(_HTML_ANCHOR.search(lines[n - 1]) for a, b in ctx.plan.opaque for n in range(a, b + 1)):
        # Opaque lines hold code as well as HTML: only the parse tells which blocks are HTML.
        from ..document.parse import parse_document

        for first, last in parse_document(ctx.text.value).html_blocks:
            found |= html_anchors("\n".join(lines[first - 1 : last]))
    return found
