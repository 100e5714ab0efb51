"""`plansync check --format text|json|github|sarif` and the diagnostics in `report --format json`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from plansync.formats import check, github, sarif
from plansync.model import Diagnostic, Severity
from plansync.rules.registry import RULES

#: The check formats these tests call directly, each from its own module.
check_output = SimpleNamespace(
    as_text=check.as_text, as_github=github.check_annotations, as_sarif=sarif.as_sarif
)

PLAN = """\
# Plan

- [ x] tidy the notes

See [the notes](gone.md).
"""
PS101 = "box '[ x]' is not a task box; write '[x]'"
PS401 = "link to 'gone.md', which does not exist"


def _plansync(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plansync", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    (tmp_path / "clean.md").write_text("# Clean\n\n- [x] done\n", encoding="utf-8")
    return path


def _check(cwd: Path, fmt: str, *paths: str) -> subprocess.CompletedProcess[str]:
    result = _plansync("check", "--format", fmt, *paths, cwd=cwd)
    assert "Traceback" not in result.stderr
    return result


# --- text -------------------------------------------------------------------------------------


def test_text_format(plan: Path) -> None:
    result = _check(plan.parent, "text", "plan.md", "clean.md")
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout == f"plan.md:3:3: PS101 {PS101}\nplan.md:5:5: PS401 {PS401}\n"
    assert _check(plan.parent, "text", "clean.md").stdout == ""


def test_text_is_the_default(plan: Path) -> None:
    default = _plansync("check", "plan.md", cwd=plan.parent)
    assert default.stdout == _check(plan.parent, "text", "plan.md").stdout


def test_only_warnings_exit_zero(plan: Path) -> None:
    plan.write_text(PLAN.replace("- [ x]", "- [x]"), encoding="utf-8")
    result = _check(plan.parent, "text", "plan.md")
    assert (result.returncode, result.stdout) == (0, f"plan.md:5:5: PS401 {PS401}\n")


# --- json -------------------------------------------------------------------------------------


def test_json_format(plan: Path) -> None:
    result = _check(plan.parent, "json", "plan.md", "clean.md")
    assert result.returncode == 1
    assert json.loads(result.stdout) == {
        "schema": "plansync.check/1",
        "files": [
            {
                "path": "plan.md",
                "diagnostics": [
                    {"code": "PS101", "severity": "error", "line": 3, "col": 3, "message": PS101},
                    {"code": "PS401", "severity": "warning", "line": 5, "col": 5, "message": PS401},
                ],
            },
            {"path": "clean.md", "diagnostics": []},
        ],
    }


def test_json_stays_parseable_with_a_diff(tmp_path: Path) -> None:
    stale = tmp_path / "stale.md"
    stale.write_text(
        "# Plan\n\n<!-- plansync:begin summary -->\n<!-- plansync:end summary -->\n\n- [ ] one\n",
        encoding="utf-8",
    )
    result = _check(tmp_path, "json", "--diff", "stale.md")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert [d["code"] for d in document["files"][0]["diagnostics"]] == ["PS501"]
    assert result.stderr.startswith("--- a/stale.md\n+++ b/stale.md\n")


def test_json_keeps_non_ascii(tmp_path: Path) -> None:
    (tmp_path / "计划.md").write_text("# 计划\n\n- [ ] 读 [笔记](笔记.md)\n", encoding="utf-8")
    result = _check(tmp_path, "json", "计划.md")
    assert "笔记.md" in result.stdout and "\\u" not in result.stdout
    found = json.loads(result.stdout)["files"][0]
    assert found["path"] == "计划.md"
    assert found["diagnostics"][0]["message"] == "link to '笔记.md', which does not exist"


# --- github -----------------------------------------------------------------------------------


def test_github_format(plan: Path) -> None:
    result = _check(plan.parent, "github", "plan.md", "clean.md")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"::error file=plan.md,line=3,col=3,title=PS101::{PS101}",
        f"::warning file=plan.md,line=5,col=5,title=PS401::{PS401}",
    ]


def test_github_escapes_properties_and_data(tmp_path: Path) -> None:
    name = "50%,a:b.md"
    (tmp_path / name).write_text("# Plan\n\n## Phase 1 60%\n\n- [x] a\n- [ ] b\n", encoding="utf-8")
    result = _check(tmp_path, "github", name)
    assert result.stdout == (
        "::warning file=50%25%2Ca%3Ab.md,line=3,col=1,title=PS303::"
        "heading says 60%25 but its boxes say 50.0%25\n"
    )


def test_github_escaping_rules() -> None:
    found = [
        Diagnostic("PS401", Severity.WARNING, 7, 2, "50% of it,\r\nsee: here"),
        Diagnostic("PS501", Severity.ERROR, None, 1, "whole file"),
    ]
    assert check_output.as_github([("dir:x/a,b%\n.md", found)]).splitlines() == [
        "::warning file=dir%3Ax/a%2Cb%25%0A.md,line=7,col=2,title=PS401::50%25 of it,%0D%0Asee: here",
        "::error file=dir%3Ax/a%2Cb%25%0A.md,title=PS501::whole file",
    ]


def test_a_whole_file_diagnostic_in_text_and_sarif() -> None:
    found = [Diagnostic("PS501", Severity.ERROR, None, 1, "whole file")]
    assert check_output.as_text([("a.md", found)]) == "a.md: PS501 whole file\n"
    log = json.loads(check_output.as_sarif([("a.md", found)], "9.9"))
    _validate_sarif(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "a.md"}}


# --- sarif ------------------------------------------------------------------------------------

_LEVELS = {"none", "note", "warning", "error"}
_LOG_KEYS = {"$schema", "version", "runs", "inlineExternalProperties", "properties"}
_RULE_KEYS = {
    "id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames", "shortDescription",
    "fullDescription", "messageStrings", "defaultConfiguration", "helpUri", "help", "relationships",
    "properties",
}  # fmt: skip
_RESULT_KEYS = {
    "ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid",
    "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows",
    "graphs", "graphTraversals", "relatedLocations", "suppressions", "baselineState", "rank",
    "attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
    "webResponse", "properties",
}  # fmt: skip
_REGION_KEYS = {
    "startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset",
    "byteLength", "snippet", "message", "sourceLanguage", "properties",
}  # fmt: skip


def _text_message(value: Any) -> None:
    assert isinstance(value, dict) and set(value) <= {"text", "markdown", "id", "arguments", "properties"}
    assert isinstance(value.get("text"), str) and value["text"]


def _validate_sarif(log: Any) -> None:
    """The parts of the SARIF 2.1.0 schema that plansync's log uses: required keys, types, enums."""
    assert isinstance(log, dict) and set(log) <= _LOG_KEYS
    assert log["version"] == "2.1.0"
    assert re.fullmatch(r"https://\S+sarif-2\.1\.0\S*\.json", log["$schema"])
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    run = log["runs"][0]
    assert isinstance(run, dict) and "tool" in run
    driver = run["tool"]["driver"]
    assert set(run["tool"]) == {"driver"}
    assert isinstance(driver["name"], str) and driver["name"]
    assert isinstance(driver.get("version", ""), str)
    rules = driver.get("rules", [])
    assert isinstance(rules, list)
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for rule_ in rules:
        assert isinstance(rule_, dict) and set(rule_) <= _RULE_KEYS
        assert isinstance(rule_["id"], str) and rule_["id"]
        for key in ("shortDescription", "fullDescription"):
            if key in rule_:
                assert set(rule_[key]) <= {"text", "markdown", "properties"}
                assert isinstance(rule_[key]["text"], str) and rule_[key]["text"]
        configuration = rule_.get("defaultConfiguration", {})
        assert set(configuration) <= {"enabled", "level", "rank", "parameters", "properties"}
        assert configuration.get("level", "warning") in _LEVELS
    for result in run.get("results", []):
        assert isinstance(result, dict) and set(result) <= _RESULT_KEYS
        _text_message(result["message"])
        assert result.get("level", "warning") in _LEVELS
        if "ruleIndex" in result:
            index = result["ruleIndex"]
            assert isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(rules)
            assert rules[index]["id"] == result["ruleId"]
        for location in result.get("locations", []):
            physical = location["physicalLocation"]
            assert set(physical) <= {"address", "artifactLocation", "region", "contextRegion", "properties"}
            artifact = physical["artifactLocation"]
            assert set(artifact) <= {"uri", "uriBaseId", "index", "description", "properties"}
            assert isinstance(artifact["uri"], str) and "\\" not in artifact["uri"]
            region = physical.get("region")
            if region is not None:
                assert set(region) <= _REGION_KEYS
                for key in ("startLine", "startColumn"):
                    assert isinstance(region[key], int) and region[key] >= 1


def test_sarif_format(plan: Path) -> None:
    from importlib.metadata import version

    result = _check(plan.parent, "sarif", "plan.md", "clean.md")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    _validate_sarif(log)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "plansync"
    assert driver["version"] == version("plansync")
    assert [r["id"] for r in driver["rules"]] == [r.code for r in RULES]
    for entry, rule_ in zip(driver["rules"], RULES, strict=True):
        assert entry["shortDescription"]["text"] == rule_.summary
        assert entry["defaultConfiguration"]["level"] == rule_.severity.value
        assert entry["name"] == rule_.name
        assert entry["fullDescription"]["text"].startswith(rule_.summary)
    results = log["runs"][0]["results"]
    assert [
        (
            r["ruleId"],
            r["level"],
            r["message"]["text"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in results
    ] == [("PS101", "error", PS101, "plan.md", 3, 3), ("PS401", "warning", PS401, "plan.md", 5, 5)]
    for r in results:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    assert [r["ruleIndex"] for r in results] == [
        [rule_.code for rule_ in RULES].index("PS101"),
        [rule_.code for rule_ in RULES].index("PS401"),
    ]


def test_sarif_level_follows_the_configured_severity(plan: Path) -> None:
    (plan.parent / ".plansync.toml").write_text('[severity]\nPS401 = "error"\n', encoding="utf-8")
    log = json.loads(_check(plan.parent, "sarif", "plan.md").stdout)
    _validate_sarif(log)
    assert [(r["ruleId"], r["level"]) for r in log["runs"][0]["results"]] == [
        ("PS101", "error"),
        ("PS401", "error"),
    ]
    # the rule's default stays what the rule declares
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["PS401"]["defaultConfiguration"]["level"] == "warning"


def test_sarif_uses_forward_slashes() -> None:
    found = [Diagnostic("PS401", Severity.WARNING, 1, 1, "m")]
    log = json.loads(check_output.as_sarif([("docs\\plan.md", found)], "1"))
    _validate_sarif(log)
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "docs/plan.md"
    )


def test_sarif_uri_is_percent_encoded(tmp_path: Path) -> None:
    (tmp_path / "my plan.md").write_text(PLAN, encoding="utf-8")
    log = json.loads(_check(tmp_path, "sarif", "my plan.md").stdout)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]
    }
    assert uris == {"my%20plan.md"}


def test_no_findings_give_empty_outputs(plan: Path) -> None:
    assert _check(plan.parent, "github", "clean.md").stdout == ""
    log = json.loads(_check(plan.parent, "sarif", "clean.md").stdout)
    _validate_sarif(log)
    assert log["runs"][0]["results"] == []
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(RULES)


# --- report --format json ---------------------------------------------------------------------


def test_report_json_carries_the_check_diagnostics(plan: Path) -> None:
    checked = json.loads(_check(plan.parent, "json", "plan.md", "clean.md").stdout)
    result = _plansync("report", "--format", "json", "--no-history", "plan.md", "clean.md", cwd=plan.parent)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema"] == "plansync.report/1"
    assert [f["path"] for f in report["files"]] == ["plan.md", "clean.md"]
    assert [f["diagnostics"] for f in report["files"]] == [f["diagnostics"] for f in checked["files"]]
    assert [d["code"] for d in report["files"][0]["diagnostics"]] == ["PS101", "PS401"]


def test_report_json_diagnostics_follow_the_config(plan: Path) -> None:
    (plan.parent / ".plansync.toml").write_text('ignore = ["PS1"]\n', encoding="utf-8")
    result = _plansync("report", "--format", "json", "--no-history", "plan.md", cwd=plan.parent)
    assert json.loads(result.stdout)["files"][0]["diagnostics"] == [
        {"code": "PS401", "severity": "warning", "line": 5, "col": 5, "message": PS401}
    ]
