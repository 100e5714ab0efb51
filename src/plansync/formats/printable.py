"""Text safe to print on a terminal: file names and plan text are other people's bytes.

An escape sequence in a task or a file name could clear the screen, retitle the window or
hide a line; every escape sequence and control character is removed, tabs become spaces.
Plan text is Markdown, which a terminal does not render: ``plain`` shows it as read.
"""

from __future__ import annotations

import html
import re

from ..document.inline import code_span_split
from ..regions.escape import comment_end

_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.)?")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without escape sequences or control characters (a tab becomes a space)."""
    return _CONTROL.sub("", _ESCAPE.sub("", text)).replace("\t", " ")


# Inline Markdown, read without a parser: a terminal shows text, not markup.
_ATTRIBUTES = r"""(?:\s+[A-Za-z_:][\w:.-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^'<>]*'|"[^"<>]*"))?)*\s*"""
_TAG = rf"</?[A-Za-z][A-Za-z0-9-]*{_ATTRIBUTES}/?>"
_AUTOLINK = r"<(?P<url>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>"
_BREAK = re.compile(r"<br\b", re.IGNORECASE)
_HTML = re.compile(rf"(?P<html>{_TAG})|{_AUTOLINK}")
# [text](destination "title"), ![alt](src), [text][ref]: the text (or the alt text) is kept.
_LINK = re.compile(
    r"!?\[(?P<text>(?:\\.|[^\[\]\\])*)\](?:\((?:<[^>]*>|[^()\s]*(?:\([^()\s]*\))?)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)|\[[^\]]*\])"
)
# The content of an emphasis holds no delimiter character, so every attempt stops at the next
# one (linear time); nested emphasis goes in rounds, the innermost first.
_EMPHASIS = (
    re.compile(r"(?<![\\*\w])\*(?=[^\s*])([^*]+)(?<=[^\s\\])\*(?![*\w])"),
    re.compile(r"(?<![\\\w])_(?=[^\s_])([^_]+)(?<=[^\s\\])_(?!\w)"),
    re.compile(r"(?<!\\)\*\*(?=[^\s*])([^*]+)(?<=[^\s\\])\*\*"),
    re.compile(r"(?<![\\\w])__(?=[^\s_])([^_]+)(?<=[^\s\\])__(?!\w)"),
    re.compile(r"(?<!\\)~~(?=[^\s~])([^~]+)(?<=\S)~~"),
)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACES = re.compile(r"[ \t]{2,}")


def _html_shown(found: re.Match[str]) -> str:
    """What a piece of inline HTML shows: an autolink its address, a ``<br>`` a space, else nothing."""
    if found.group("url"):
        return found.group("url")
    return " " if _BREAK.match(found.group("html")) else ""


def _without_comments(piece: str) -> str:
    out, pos = [], 0
    while (at := piece.find("<!--", pos)) >= 0:
        end = comment_end(piece, at)
        if end is None:
            break
        out.append(piece[pos:at] if at == 0 or piece[at - 1] != "\\" else piece[pos:end])
        pos = end
    return "".join(out) + piece[pos:]


def _unmarked(piece: str) -> str:
    """Text outside code spans without its markup: HTML, links, emphasis, escapes, entities."""
    piece = _HTML.sub(_html_shown, _without_comments(piece))
    piece = _LINK.sub(lambda m: m.group("text"), piece)
    for _ in range(3):  # ***x*** is **x** inside *...*: three rounds reach the third level
        before = piece
        for emphasis in _EMPHASIS:
            piece = emphasis.sub(r"\1", piece)
        if piece == before:
            break
    piece = _ESCAPED.sub(r"\1", piece)
    return _ENTITY.sub(lambda m: html.unescape(m.group()), piece)


def plain(text: str) -> str:
    """Markdown inline text as a reader sees it rendered, for a terminal: ``**X**`` is X,
    ``[text](url)`` is text, inline HTML (a comment, an anchor's tags) shows nothing, a code
    span shows its code without backticks. Not a parser: what it does not recognise stays as
    written. Run ``printable`` on the result (an entity can spell a control character)."""
    out = []
    for is_code, piece in code_span_split(text):
        if is_code:
            ticks = len(piece) - len(piece.lstrip("`"))
            code = piece[ticks:-ticks]
            # CommonMark strips one space each side when both are there (`` `` ` `` shows a backtick).
            out.append(code[1:-1] if len(code) > 2 and code[0] == code[-1] == " " and code.strip() else code)
        else:
            out.append(_SPACES.sub(" ", _unmarked(piece)))
    return "".join(out).strip()
