"""``plansync check`` output: text, JSON (plansync.check/1), GitHub workflow commands, SARIF 2.1.0."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from ..model import Diagnostic

CHECK_SCHEMA = "plansync.check/1"
FileDiagnostics = tuple[str, Sequence[Diagnostic]]


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {"code": d.code, "severity": d.severity.value, "line": d.line, "col": d.col, "message": d.message}


def as_text(files: Sequence[FileDiagnostics]) -> str:
    lines = []
    for path, found in files:
        for d in found:
            where = f"{path}:{d.line}:{d.col}" if d.line is not None else path
            lines.append(f"{where}: {d.code} {d.message}")
    return "".join(line + "\n" for line in lines)


def as_json(files: Sequence[FileDiagnostics]) -> str:
    body = [{"path": path, "diagnostics": [diagnostic_json(d) for d in found]} for path, found in files]
    import json

    return json.dumps({"schema": CHECK_SCHEMA, "files": body}, ensure_ascii=False, indent=2) + "\n"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(files: Sequence[FileDiagnostics]) -> str:
    """GitHub Actions workflow commands: annotations on the pull request's files."""
    lines = []
    for path, found in files:
        for d in found:
            props = [f"file={escape_property(path)}"]
            if d.line is not None:
                props += [f"line={d.line}", f"col={d.col}"]
            props.append(f"title={escape_property(d.code)}")
            lines.append(f"::{d.severity.value} {','.join(props)}::{escape_data(d.message)}")
    return "".join(line + "\n" for line in lines)


def as_sarif(files: Sequence[FileDiagnostics], version: str) -> str:
    """A SARIF 2.1.0 log for code scanning."""
    from ..rules.registry import RULES

    index = {r.code: i for i, r in enumerate(RULES)}
    rules = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.doc},
            "defaultConfiguration": {"level": r.severity.value},
        }
        for r in RULES
    ]
    results = []
    for path, found in files:
        for d in found:
            location: dict[str, Any] = {"artifactLocation": {"uri": quote(path.replace("\\", "/"))}}
            if d.line is not None:
                location["region"] = {"startLine": d.line, "startColumn": d.col}
            results.append({
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": d.severity.value,
                "message": {"text": d.message},
                "locations": [{"physicalLocation": location}],
            })  # fmt: skip
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {"tool": {"driver": {"name": "plansync", "version": version, "rules": rules}}, "results": results}
        ],
    }
    import json

    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
