"""Text safe to print on a terminal: file names and plan text are other people's bytes.

An escape sequence in a task or a file name could clear the screen, retitle the window or
hide a line; every escape sequence and control character is removed, tabs become spaces.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.)?")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without escape sequences or control characters (a tab becomes a space)."""
    return _CONTROL.sub("", _ESCAPE.sub("", text)).replace("\t", " ")
