"""edits/toggling.toggled: the editor's "toggle task" -- the first box of the line flips, and
with stamping the ✅ stamp comes and goes with it; nothing else in the line changes."""

from __future__ import annotations

import pytest

from plansync.edits.toggling import toggled
from plansync.model import TaskState

TODAY = "2025-10-22"
OPEN, DONE, DOING, CANCELLED = TaskState.OPEN, TaskState.DONE, TaskState.DOING, TaskState.CANCELLED


@pytest.mark.parametrize(
    "line, state, expected",
    [
        ("- [ ] write the parser", OPEN, "- [x] write the parser"),
        ("- [x] write the parser", DONE, "- [ ] write the parser"),
        ("- [X] write the parser", DONE, "- [ ] write the parser"),
        ("- [/] 写解析器 🚀", DOING, "- [x] 写解析器 🚀"),
        ("- [-] dropped", CANCELLED, "- [x] dropped"),
        ("* [ ] star", OPEN, "* [x] star"),
        ("+ [ ] plus", OPEN, "+ [x] plus"),
        ("1. [ ] ordered", OPEN, "1. [x] ordered"),
        ("123456789) [x] ordered", DONE, "123456789) [ ] ordered"),
        ("    - [ ] nested", OPEN, "    - [x] nested"),
        ("\t- [ ] tab", OPEN, "\t- [x] tab"),
        ("> - [ ] quoted", OPEN, "> - [x] quoted"),
        ("> > 2. [x] twice quoted", DONE, "> > 2. [ ] twice quoted"),
        (">- [ ] quoted tight", OPEN, ">- [x] quoted tight"),
        ("- [ ] only the first box: [ ] [x]", OPEN, "- [x] only the first box: [ ] [x]"),
        ("- [x] keeps ✅ 2025-01-02", DONE, "- [ ] keeps ✅ 2025-01-02"),  # no stamping
        ("- [ ] trailing blanks  ", OPEN, "- [x] trailing blanks  "),
    ],
)
def test_the_box_flips_and_nothing_else_changes(line: str, state: TaskState, expected: str) -> None:
    assert toggled(line, state, False, TODAY) == expected


@pytest.mark.parametrize(
    "line, state, expected",
    [
        ("- [ ] write the parser", OPEN, f"- [x] write the parser ✅ {TODAY}"),
        ("- [/] 写解析器 🚀", DOING, f"- [x] 写解析器 🚀 ✅ {TODAY}"),
        ("- [-] dropped", CANCELLED, f"- [x] dropped ✅ {TODAY}"),
        ("> 1. [ ] quoted", OPEN, f"> 1. [x] quoted ✅ {TODAY}"),
        ("- [x] shipped ✅ 2025-01-02", DONE, "- [ ] shipped"),
        ("- [x] shipped ✅2025-01-02", DONE, "- [ ] shipped"),
        ("- [x] never stamped", DONE, "- [ ] never stamped"),
        # A hard line break (two trailing blanks) stays after the stamp, either way.
        ("- [ ] hard break  ", OPEN, f"- [x] hard break ✅ {TODAY}  "),
        ("- [x] hard break ✅ 2025-01-02  ", DONE, "- [ ] hard break  "),
        # A stamp already there (a stale one on an open task) is not doubled.
        ("- [ ] stamped ✅ 2025-01-03", OPEN, "- [x] stamped ✅ 2025-01-03"),
        # A ✅ that does not close the line is words, and stays.
        ("- [ ] ✅ 100% pass rate", OPEN, f"- [x] ✅ 100% pass rate ✅ {TODAY}"),
        ("- [x] ✅ 100% pass rate", DONE, "- [ ] ✅ 100% pass rate"),
    ],
)
def test_with_stamping_the_stamp_comes_and_goes(line: str, state: TaskState, expected: str) -> None:
    assert toggled(line, state, True, TODAY) == expected


@pytest.mark.parametrize(
    "line",
    [
        "",
        "plain text [ ] with a box inside",
        "## 1.1 Heading [ ]",
        "- no box",
        "-[ ] no space after the marker",
        "[ ] no list marker",
        "1234567890. [ ] ten digits are no list marker",
        "<!-- plansync:begin summary -->",
    ],
)
def test_a_line_without_a_box_gives_none(line: str) -> None:
    assert toggled(line, OPEN, False, TODAY) is None
    assert toggled(line, DONE, True, TODAY) is None


@pytest.mark.parametrize("stamping", [False, True])
def test_toggling_twice_gives_the_line_back(stamping: bool) -> None:
    line = "  - [ ] 学习 `pathlib` and [docs](x.md) 🚀"
    ticked = toggled(line, OPEN, stamping, TODAY)
    assert ticked is not None
    assert toggled(ticked, DONE, stamping, TODAY) == line
