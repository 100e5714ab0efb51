"""``plansync check`` output for people and programs: text, and JSON (``plansync.check/1``).

The GitHub annotations are in ``github``, the SARIF log in ``sarif``. ``json`` is imported
only when the JSON document is asked for: the text is what every commit's check prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Diagnostic

CHECK_SCHEMA = "plansync.check/1"
#: One checked file: its path as given, and what the rules found in it.
FileDiagnostics = tuple[str, Sequence[Diagnostic]]


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {"code": d.code, "severity": d.severity.value, "line": d.line, "col": d.col, "message": d.message}


def as_text(files: Sequence[FileDiagnostics]) -> str:
    """``path:line:col: CODE message`` a finding (``path: CODE message`` for a whole file)."""
    lines = []
    for path, found in files:
        for d in found:
            where = f"{path}:{d.line}:{d.col}" if d.line is not None else path
            lines.append(f"{where}: {d.code} {d.message}")
    return "".join(line + "\n" for line in lines)


def as_json(files: Sequence[FileDiagnostics]) -> str:
    """The ``plansync.check/1`` document: every file, with or without findings."""
    import json

    body = [{"path": path, "diagnostics": [diagnostic_json(d) for d in found]} for path, found in files]
    return json.dumps({"schema": CHECK_SCHEMA, "files": body}, ensure_ascii=False, indent=2) + "\n"
