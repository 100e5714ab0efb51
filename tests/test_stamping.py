"""Optional ✅ stamps: added on tick, removed on untick, nothing else in the line touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansync.api import check_file, check_text, offline_dates, sync_file
from plansync.document.stamps import date_like_stamp, stamp_of, strip_stamp
from plansync.document.text import Text
from plansync.edits.lines import apply_line_edits

PLAN = (
    "# Plan\n\n## Phase 1\n\n"
    "- [x] one\n"
    "- [ ] two ✅ 2025-01-01\n"
    "- [x] three ✅ 2025-02-02\n"
    "- [x] four  \n"
    "  continues here\n"
    "> - [X] quoted\n\n"
    "<!-- plansync:begin summary stamp=done -->\n<!-- plansync:end summary -->\n"
)


def test_stamps_are_added_and_removed_and_nothing_else_changes() -> None:
    result = check_text(PLAN, dates=offline_dates(PLAN, "2026-01-02"))
    assert result.stamped == [5, 6, 8, 10]
    lines = result.fixed.split("\n")
    assert lines[4:10] == [
        "- [x] one ✅ 2026-01-02",
        "- [ ] two",
        "- [x] three ✅ 2025-02-02",
        "- [x] four ✅ 2026-01-02  ",  # the hard line break stays after the stamp
        "  continues here",
        "> - [X] quoted ✅ 2026-01-02",
    ]
    again = check_text(result.fixed, dates=offline_dates(result.fixed, "2030-12-31"))
    assert again.ok and again.fixed == result.fixed


def test_without_the_option_or_without_dates_nothing_is_stamped() -> None:
    plain = PLAN.replace(" stamp=done", "")
    assert check_text(plain, dates=offline_dates(plain, "2026-01-02")).stamped == []
    assert check_text(PLAN).stamped == []


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_file_sync_keeps_line_endings_and_check_then_passes(tmp_path: Path, eol: str) -> None:
    plan = tmp_path / "plan.md"
    plan.write_bytes(PLAN.replace("\n", eol).encode())
    assert check_file(plan, today="2026-01-02").stamped == [5, 6, 8, 10]
    outcome = sync_file(plan, today="2026-01-02", history=False)
    assert outcome.changed
    data = plan.read_bytes().decode()
    assert "- [x] one ✅ 2026-01-02" + eol in data and "- [ ] two" + eol in data
    assert data.replace(eol, "").count("\r") + data.replace(eol, "").count("\n") == 0  # one EOL style
    assert check_file(plan, today="2027-01-01").stamped == []


def test_helpers() -> None:
    assert strip_stamp("- [x] a ✅ 2025-01-02") == "- [x] a"
    assert strip_stamp("- [x] a ✅ 2025-01-02 tail") == "- [x] a ✅ 2025-01-02 tail"
    assert apply_line_edits(Text("a\r\nb\rc"), {2: "B", 3: "C"}) == "a\r\nB\rC"


@pytest.mark.parametrize(
    ("text", "stamp", "date_like"),
    [
        ("release ✅ 2025-01-02", "2025-01-02", "2025-01-02"),
        ("release ✅2025-01-02 \t", "2025-01-02", "2025-01-02"),
        ("- [x] release ✅ 2025-01-02", "2025-01-02", "2025-01-02"),
        ("ship ✅ 2025-13-45", None, "2025-13-45"),  # a bad stamp (PS304) dates nothing
        ("ship ✅ 2025-02-30", None, "2025-02-30"),
        ("docs ✅ 25/1/2", None, "25/1/2"),
        ("✅ 2025-01-02", "2025-01-02", "2025-01-02"),
        # a ✅ that does not close the first line is decoration, not a stamp
        ("✅ 100% test pass rate", None, None),
        ("✅ 2025-01-02 kickoff notes", None, None),
        ("coverage ✅ 95%", None, None),
        ("tests ✅ 100", None, None),
        ("✅ Done", None, None),
        ("first line ✅ 2025-01-02\nsecond line", "2025-01-02", "2025-01-02"),
        ("first line\nsecond line ✅ 2025-01-02", None, None),
    ],
)
def test_a_stamp_closes_the_first_line(text: str, stamp: str | None, date_like: str | None) -> None:
    assert stamp_of(text) == stamp
    assert date_like_stamp(text) == date_like
