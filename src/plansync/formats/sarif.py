"""``plansync check --format sarif``: a SARIF 2.1.0 log, which code scanning shows on pull requests.

Every rule is listed (code, name, summary, documentation, default level), so the log explains
its findings by itself; a finding's level is its configured severity.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from ..model import Diagnostic

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def as_sarif(files: Sequence[tuple[str, Sequence[Diagnostic]]], version: str | None = None) -> str:
    """The log of ``files``' findings; ``version`` is the tool's, by default the installed plansync's."""
    from ..rules.registry import RULES

    if version is None:
        from importlib.metadata import version as installed

        version = installed("plansync")
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
    results = [_result(path, d, index[d.code]) for path, found in files for d in found]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {"tool": {"driver": {"name": "plansync", "version": version, "rules": rules}}, "results": results}
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _result(path: str, d: Diagnostic, rule_index: int) -> dict[str, Any]:
    # SARIF locations are URIs: forward slashes, and spaces or '%' percent-encoded.
    location: dict[str, Any] = {"artifactLocation": {"uri": quote(path.replace("\\", "/"))}}
    if d.line is not None:
        location["region"] = {"startLine": d.line, "startColumn": d.col}
    return {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": d.severity.value,
        "message": {"text": d.message},
        "locations": [{"physicalLocation": location}],
    }
