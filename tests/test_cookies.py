"""Progress cookies in headings: kept true by sync, nothing else in the line touched."""

from __future__ import annotations

from pathlib import Path

import pytest

import plansync
from plansync.api import check_file, sync_file
from plansync.config import Config
from plansync.document.outline import counter_for
from plansync.document.text import Text
from plansync.edits.cookies import cookie_edits

PLAN = (
    "# Plan [/]\n\n## Phase 1 [%] ##\n\n- [x] one\n- [ ] two\n  - [x] sub\n\n## Phase 2 [9/9]\n\n- [-] gone\n"
)


def edits(text: str, config: Config | None = None) -> dict[int, str]:
    plan = plansync.parse(text, config)
    return cookie_edits(Text(text), plan, counter_for(plan, config))


def test_cookies_are_recomputed_from_the_tasks_below_each_heading() -> None:
    assert edits(PLAN) == {1: "# Plan [2/3]", 3: "## Phase 1 [66%] ##", 9: "## Phase 2 [0/0]"}


def test_the_counting_policy_applies() -> None:
    assert edits(PLAN, Config(count_parents=False))[1] == "# Plan [2/2]"
    assert edits(PLAN, Config(cancelled_in_total=True))[9] == "## Phase 2 [0/1]"


def test_headings_without_a_trailing_cookie_are_left_alone() -> None:
    assert edits("# Plan [draft] notes\n\n- [x] a\n\n## Phase [1/1] later\n\n- [ ] b\n") == {}


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_sync_rewrites_cookies_in_a_file_without_markers(tmp_path: Path, eol: str) -> None:
    plan = tmp_path / "plan.md"
    plan.write_bytes(PLAN.replace("\n", eol).encode())
    assert [d.code for d in check_file(plan).diagnostics if d.code == "PS504"] == ["PS504"] * 3
    assert sync_file(plan, history=False).changed
    expected = (
        PLAN.replace("# Plan [/]", "# Plan [2/3]").replace("[%] ##", "[66%] ##").replace("[9/9]", "[0/0]")
    )
    assert plan.read_bytes() == expected.replace("\n", eol).encode()
    assert not sync_file(plan, history=False).changed
    assert [d.code for d in check_file(plan).diagnostics] == ["PS302"]  # only the sub-task rule remains
