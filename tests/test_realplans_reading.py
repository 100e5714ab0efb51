"""Real plans read right: block-like task text, labels that are not numbers, anchors defined in
HTML, a ✅ that is decoration, and rule texts that are plain text. Small plans, end to end."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import plansync
from plansync.api import check_file, sync_file
from plansync.model import Severity
from plansync.rules.registry import RULES

TODAY = "2026-01-02"
SUMMARY = "\n<!-- plansync:begin summary -->\n<!-- plansync:end summary -->\n"
REGIONS = SUMMARY + "\n<!-- plansync:begin progress -->\n<!-- plansync:end progress -->\n"


def _plansync(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plansync", *args], capture_output=True, text=True, check=False
    )


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    return path


def _codes(path: Path, code: str) -> list[int]:
    return [d.line or 0 for d in check_file(path, today=TODAY).diagnostics if d.code == code]


# --- 1. task text that starts like a block -------------------------------------------------

BLOCKS = (
    "# Plan\n\n## Phase 1: Start\n\n"
    "- [ ] 1. Foo\n- [ ] 2) Bar\n- [ ] * baz\n- [ ] > quoted\n- [ ] # hash\n- [x] plain done\n"
)


def test_block_like_task_text_is_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, BLOCKS)
    result = _plansync("report", "--format", "json", "--no-history", str(path))
    assert result.returncode == 0, result.stderr
    tasks = json.loads(result.stdout)["files"][0]["tasks"]
    assert [t["text"] for t in tasks] == ["1. Foo", "2) Bar", "* baz", "> quoted", "# hash", "plain done"]


@pytest.mark.parametrize("stamp", ["", " stamp=done"])
def test_block_like_task_text_syncs_to_a_fixed_point(stamp: str) -> None:
    text = BLOCKS.replace("- [ ] 1. Foo", "- [x] 1. Foo") + REGIONS.replace(
        "summary -->", f"summary{stamp} -->", 1
    )
    once = plansync.sync_text(text)  # the pipeline verifies its own result (exit 3 otherwise)
    assert plansync.sync_text(once) == once
    body = once.split("<!-- plansync:begin summary")[1].split("<!-- plansync:end summary")[0]
    # The region may escape a leading block marker (``2\\) Bar``); the words are what counts.
    shown = [item.replace("\\", "") for item in re.findall(r"^  - (.*)$", body, re.MULTILINE)]
    assert [item.split(" (")[0] for item in shown[:3]] == ["2) Bar", "* baz", "> quoted"]
    assert "(no text)" not in body
    assert [t.text for t in plansync.parse(once).tasks][1:] == [
        "2) Bar",
        "* baz",
        "> quoted",
        "# hash",
        "plain done",
    ]


def test_block_like_task_text_in_a_synced_file(tmp_path: Path) -> None:
    path = _write(tmp_path, BLOCKS + SUMMARY)
    assert sync_file(path, today=TODAY, history=False).changed
    once = path.read_bytes()
    assert not sync_file(path, today=TODAY, history=False).changed
    assert path.read_bytes() == once
    assert "  - 1. Foo (Phase 1: Start)" in once.decode().replace("\\", "")


# --- 2. numbers that are not sequence numbers ----------------------------------------------

LABELLED = {
    "tracks": (
        "# Roadmap\n\n## Q2 2027: Track A\n\n- [x] design\n- [ ] build\n\n"
        "## Q2 2027: Track B\n\n- [ ] guide\n"
    ),
    "dates": (
        "# 学習計画\n\n## 日程\n\n### 〜2025年11月3日: 基礎\n\n- [x] 読む\n\n"
        "### 〜2025年11月17日: 応用\n\n- [ ] 解く\n"
    ),
    "iso-dates": "# Log\n\n## 2025\n\n### 2025-10-13\n\n- [x] a\n\n### 2025-10-19\n\n- [ ] b\n",
    "years": "# Plan\n\n## 2025\n\n- [x] found it\n\n## 2026\n\n- [ ] ship it\n",
    "versions": "# Roadmap\n\n## v0.3\n\n- [x] a\n\n## v0.2\n\n- [ ] b\n\n## 0.1.0\n\n- [ ] c\n",
    "relative": (
        "# Plan\n\n## Phase 1\n\n### 1.1 Setup\n\n- [x] a\n\n## Phase 2\n\n### Step 2.5 Storage\n\n"
        "#### 5.1 Schema\n\n- [ ] b\n\n#### 5.2 Indexes\n\n- [ ] c\n\n"
        "### Step 2.6 Cache\n\n#### 6.1 Eviction\n\n- [ ] d\n"
    ),
}


@pytest.mark.parametrize("text", LABELLED.values(), ids=LABELLED.keys())
def test_labels_raise_no_numbering_error(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, text + REGIONS)
    sync_file(path, today=TODAY, history=False)
    found = check_file(path, today=TODAY).diagnostics
    assert [d for d in found if d.severity is Severity.ERROR] == []
    assert [d.code for d in found if d.code.startswith("PS2")] == []


def test_labels_are_reported_without_a_number() -> None:
    plan = plansync.parse(LABELLED["tracks"])
    assert [(p.heading.number, p.key) for p in plan.phases] == [
        (None, "Q2 2027: Track A"),
        (None, "Q2 2027: Track B"),
    ]
    assert [h.number for h in plansync.parse(LABELLED["dates"]).headings] == [None, None, None, None]


def test_a_real_phase_gap_is_still_found(tmp_path: Path) -> None:
    path = _write(tmp_path, "# Plan\n\n## Phase 1 (2025)\n\n- [ ] a\n\n## Phase 3 (2026-01-05)\n\n- [ ] b\n")
    assert _codes(path, "PS205") == [7]


# --- 3. anchors defined in HTML ------------------------------------------------------------


def test_html_anchors_are_link_targets(tmp_path: Path) -> None:
    text = (
        "# Checklist\n\nSee [info](#Information), [later](#later), [box](#box) and [gone](#nowhere).\n\n"
        '## Phase 1\n\n- [ ] read\n\n### <a name="Information">Information Gathering</a>\n\n'
        'Text with <a id="later"></a>an anchor.\n\n'
        '<details id="box">\n<summary>More</summary>\n</details>\n\n'
        '```html\n<a id="nowhere"></a>\n```\n'
    )
    path = _write(tmp_path, text)
    assert _codes(path, "PS402") == [3]


# --- 4. a ✅ that is decoration ------------------------------------------------------------


def test_a_decorative_tick_is_no_stamp(tmp_path: Path) -> None:
    text = (
        "# Plan\n\n## Phase 1\n\n- [x] ✅ 100% test pass rate\n- [x] ship ✅ 2025-13-45\n"
        "- [x] release ✅ 2025-01-02\n- [x] ✅ 2025-99-99 kickoff, no stamp\n"
    )
    path = _write(tmp_path, text)
    assert _codes(path, "PS304") == [6]
    result = _plansync("report", "--format", "json", "--no-history", str(path))
    done_on = [t["done_on"] for t in json.loads(result.stdout)["files"][0]["tasks"]]
    assert done_on[2] == "2025-01-02"
    assert done_on[3] is None


# --- 5. rule texts are plain text ----------------------------------------------------------


def _has_rest_markup(text: str) -> bool:
    return "``" in text or any(line.rstrip().endswith("::") for line in text.splitlines())


@pytest.mark.parametrize("chosen", RULES, ids=[r.code for r in RULES])
def test_rule_docs_are_plain_text(chosen: object) -> None:
    from plansync.rules.base import Rule

    assert isinstance(chosen, Rule)
    assert not _has_rest_markup(chosen.doc)
    lines = chosen.doc.splitlines()
    assert any(line.startswith("Bad") and line.rstrip().endswith(":") for line in lines)


def test_rules_command_and_sarif_print_no_rest_markup(tmp_path: Path) -> None:
    listing = _plansync("rules")
    assert listing.returncode == 0 and not _has_rest_markup(listing.stdout)
    explained = _plansync("rules", "PS101")
    assert "Bad:" in explained.stdout and "- [ x] write the README" in explained.stdout
    assert not _has_rest_markup(explained.stdout)
    path = _write(tmp_path, "# Plan\n\n- [ x] a\n")
    sarif = json.loads(_plansync("check", "--format", "sarif", str(path)).stdout)
    described = [r["fullDescription"]["text"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]]
    assert described and not any(_has_rest_markup(text) for text in described)
