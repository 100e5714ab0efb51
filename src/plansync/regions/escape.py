"""Making copied plan text safe to write into a region: it can never forge or close a marker."""

from __future__ import annotations

import re

from ..document.inline import code_span_split

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


#: An invisible word joiner breaks ``<!--`` and ``-->`` apart. Entities alone would not do:
#: mdformat turns ``&lt;!--`` back into ``\<!--``, which still spells a marker's text.
_JOINER = "\u2060"


def neutralize(text: str) -> str:
    """Plan text fit for a region: it can never open, close or spell an HTML comment marker.

    ``<!--`` and ``-->`` get an invisible word joiner inside, so they render the same; outside
    code spans the ``<`` is also backslash-escaped, as mdformat would write it. Control
    characters go.
    """
    text = _CONTROL.sub("", text).strip()
    if "<!--" not in text and "-->" not in text:
        return text
    out = []
    for is_code, piece in code_span_split(text):
        piece = piece.replace("<!--", f"<!-{_JOINER}-").replace("-->", f"-{_JOINER}->")
        out.append(piece if is_code else piece.replace(f"<!-{_JOINER}-", f"\\<!-{_JOINER}-"))
    return "".join(out)


def table_cell(text: str) -> str:
    """Plan text fit for a GFM table cell: also escapes the column separator."""
    return re.sub(r"(?<!\\)\|", r"\\|", neutralize(text))
