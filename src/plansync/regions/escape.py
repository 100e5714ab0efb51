"""Making copied plan text safe to write into a region: it can never forge or close a marker.

Copied text is also cleared of the raw HTML that GitHub shows as nothing (comments, the tags
of anchors without a link), so what a reader could not see in the plan does not turn up,
escaped and visible, in a region.
"""

from __future__ import annotations

import re
from functools import cache

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

#: An invisible word joiner breaks ``<!--`` and ``-->`` apart. Entities alone would not do:
#: mdformat turns ``&lt;!--`` back into ``\<!--``, which still spells a marker's text.
_JOINER = "\u2060"

# Quoted values stop at < and >, and the href look-ahead at the next tag: every attempt to
# match is bounded by the next angle bracket, so hostile text costs linear time.
_ATTRIBUTES = r"""(?:\s+[A-Za-z_:][\w:.-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^'<>]*'|"[^"<>]*"))?)*\s*"""
#: Where a dropped piece of HTML was (control characters are gone, so the NUL is free).
_GAP = "\x00"
_GAPS = re.compile(r"[ \t]*\x00[\x00 \t]*")
#: A ``<!--`` (its joiner in) whose ``<`` is not escaped yet.
_OPENER = re.compile(rf"(?<!\\)((?:\\\\)*)<(?=!-{_JOINER}-)")

#: What opens a block when it starts a line: an ATX heading, a bullet, an ordered item's
#: number, a block quote. mdformat escapes them the same way (``\#``, ``\-``, ``1\.``, ``\>``).
_BLOCK_START = re.compile(r"#{1,6}(?=\s|$)|[-+*](?=\s|$)|>|\d{1,9}(?P<dot>[.)])(?=\s|$)")


@cache
def _token() -> re.Pattern[str]:
    """Where a code span, a comment or a piece of HTML that shows nothing on GitHub may start.

    Compiled on first need: most copied text holds no ``<`` and never gets here.
    """
    return re.compile(
        r"(?P<ticks>`+)|(?P<comment><!--)"
        # An anchor without href (``<a id="x">``, ``<a name="x">``) is no link: only its text shows.
        rf"|<a(?![^<>]*\bhref\s*=){_ATTRIBUTES}>(?P<inside>[^<]*)</a\s*>"
        # An empty inline element (``<span id="x"></span>``).
        rf"|<(?P<tag>span|b|i|em|strong|sup|sub|small|mark|u|s|del|ins){_ATTRIBUTES}></(?P=tag)\s*>"
        # A line break: a region writes each item on one line, so it is a space there.
        rf"|(?P<br><br{_ATTRIBUTES}/?>)",
        re.IGNORECASE,
    )


@cache
def _closer(size: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!`)`{{{size}}}(?!`)")


def _escaped(text: str, at: int) -> bool:
    """Whether the character at ``at`` follows an odd run of backslashes."""
    run = 0
    while at - run > 0 and text[at - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def comment_end(text: str, at: int) -> int | None:
    """Where the HTML comment opening at ``at`` ends, or None when it never closes.

    As CommonMark reads one: ``<!-->``, ``<!--->``, or ``<!--`` up to the first ``-->``.
    """
    for empty in ("<!-->", "<!--->"):
        if text.startswith(empty, at):
            return at + len(empty)
    close = text.find("-->", at + 4)
    return None if close < 0 else close + 3


def _pieces(text: str) -> list[tuple[bool, str]]:
    """``text`` as (is code span, piece), code spans and comments read left to right as
    CommonMark reads them (``<!-- `x` -->`` is a comment), invisible HTML replaced by gaps."""
    out: list[tuple[bool, str]] = []
    cursor = pos = 0
    unclosed: set[int] = set()  # backtick run sizes with no closing run left: never look again
    comments = True
    token = _token()
    while found := token.search(text, pos):
        start, end = found.span()
        if found.group("ticks"):
            size = len(found.group("ticks"))
            closing = None if size in unclosed else _closer(size).search(text, end)
            if closing is None:
                unclosed.add(size)
                pos = end
                continue
            out += [(False, text[cursor:start]), (True, text[start : closing.end()])]
            cursor = pos = closing.end()
            continue
        if _escaped(text, start):  # ``\<!-- x -->`` is text a reader sees
            pos = start + 1
            continue
        if found.group("comment"):
            closed = comment_end(text, start) if comments else None
            if closed is None:  # then no later comment closes either: stop looking
                comments, pos = False, end
                continue
            end = closed
        kept = found.group("inside") or (" " if found.group("br") else "")
        out.append((False, text[cursor:start] + _GAP + kept + _GAP))
        cursor = pos = end
    out.append((False, text[cursor:]))
    merged: list[tuple[bool, str]] = []
    for code, piece in out:  # text on both sides of a gap is one piece: ``-<!-- x -->->``
        if merged and not code and not merged[-1][0]:
            merged[-1] = (False, merged[-1][1] + piece)
        elif piece:
            merged.append((code, piece))
    return merged


def neutralize(text: str) -> str:
    """Plan text fit for a region: nothing a reader could not see, and no marker text.

    - HTML comments (``<!-- note -->``) outside code spans are dropped, and so are the tags
      of anchors without ``href`` (``<a id="x"></a>``; text inside an anchor stays) and empty
      inline elements (``<span id="x"></span>``); a ``<br>`` becomes a space. GitHub shows
      none of them, so none may become visible text in a region. A dropped piece between
      words leaves one space if it had space beside it, else none.
    - Any other ``<!--`` and ``-->`` get an invisible word joiner inside, so they render the
      same; outside code spans the ``<`` is also backslash-escaped, as mdformat would write it.
    - Control characters go.
    """
    text = _CONTROL.sub("", text).strip()
    if "<" not in text and "-->" not in text:
        return text
    out = []
    for is_code, piece in _pieces(text):
        if not is_code and _GAP in piece:
            piece = _GAPS.sub(lambda gap: " " if gap.group().strip(_GAP) else "", piece)
        piece = piece.replace("<!--", f"<!-{_JOINER}-").replace("-->", f"-{_JOINER}->")
        out.append(piece if is_code else _OPENER.sub(r"\1\\<", piece))
    return "".join(out).strip()


def line_start(text: str) -> str:
    """Neutralized text that starts a line (a list item's text): a leading ``#``, bullet,
    ordered item's number or ``>`` is escaped, so the text stays text."""
    text = neutralize(text)
    found = _BLOCK_START.match(text)
    if found is None:
        return text
    at = found.start("dot") if found.group("dot") else 0
    return f"{text[:at]}\\{text[at:]}"


def table_cell(text: str) -> str:
    """Plan text fit for a GFM table cell: also escapes the column separator."""
    return re.sub(r"(?<!\\)\|", r"\\|", neutralize(text))
