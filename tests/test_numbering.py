"""Numbers read from heading titles, in English and Chinese, and the ones deliberately not read."""

from __future__ import annotations

import pytest

from plansync.document.numbering import chinese_to_int, heading_number, leading_number

HEADING_NUMBERS = [
    ("1.2 Setup", "1.2"),
    ("📚 1.2 Setup", "1.2"),
    ("1.2.3 Deep section", "1.2.3"),
    ("3) Third", "3"),
    ("**2.** Bold number", "2"),
    ("📚 第一阶段：基础认知（1-2周）", "1"),
    ("Phase 2", "2"),
    ("Phase 2: Core engine", "2"),
    ("Stage 3", "3"),
    ("Week 4", "4"),
    ("Milestone 5", "5"),
    ("sprint-7 cleanup", "7"),
    ("Step 2.1 Install", "2.1"),
    ("第二阶段", "2"),
    ("第3周", "3"),
    ("阶段三", "3"),
    ("阶段一：基础", "1"),
    ("第十二章", "12"),
    ("第二十三章", "23"),
    ("Q3: Ecosystem", "3"),
    ("2025 Roadmap", None),
    ("v0.3 notes", None),
    ("📋 Tasks", None),
    ("Overview", None),
    ("第一个项目", None),
    # Labels carry no sequence number: dates, years, quarters of a named year, versions.
    ("〜2025年10月13日: 基礎", None),
    ("2025年10月", None),
    ("10月13日 复习", None),
    ("2025-10-19", None),
    ("19.10.2025 Kickoff", None),
    ("10/19/2025 Kickoff", None),
    ("2025", None),
    ("2025年学习计划", None),
    ("Phase 2025", None),
    ("Q3 2026: Track A", None),
    ("2026 Q3", None),
    ("2026-Q3", None),
    ("Q3 FY26", None),
    ("Q3: Ecosystem (2026)", None),
    ("2026年第三季度", None),
    ("v1.2", None),
    ("v0.3.0-beta", None),
    ("Release 0.3", None),
    ("0.3.1", None),
    ("0.3.1 (2025-10)", None),
    ("1.0.0-rc.1", None),
    # ... and the numbers next to them are still read.
    ("Q3", "3"),
    ("第三季度", "3"),
    ("Week 3 (2025-10-13 – 2025-10-19)", "3"),
    ("Day 12: 2025-10-19", "12"),
    ("第1周（10月13日-10月19日）", "1"),
    ("Phase 2: Release 1.2", "2"),
    ("1.2 Setup (v0.3)", "1.2"),
    ("1.2.3 Deep section (2025)", "1.2.3"),
    ("5.1", "5.1"),
    ("Week 3/12", "3"),
]


@pytest.mark.parametrize(("title", "expected"), HEADING_NUMBERS, ids=[t for t, _ in HEADING_NUMBERS])
def test_heading_number(title: str, expected: str | None) -> None:
    assert heading_number(title) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二十三", 23),
        ("十", 10),
        ("十二", 12),
        ("三十", 30),
        ("两", 2),
        ("一百零五", 105),
        ("〇", 0),
        ("42", 42),
        ("abc", None),
        ("二x", None),
    ],
)
def test_chinese_to_int(text: str, expected: int | None) -> None:
    assert chinese_to_int(text) == expected


def test_chinese_to_int_of_empty_text_is_none() -> None:
    assert chinese_to_int("") is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("1.2 Setup", "1.2"),
        ("📚 1.2 Setup", "1.2"),
        ("12 Setup", "12"),
        ("3. Third", "3"),
        ("4：冒号", "4"),
        ("2、顿号", "2"),
        ("7", "7"),
        ("Phase 2", None),
        ("第二阶段", None),
        ("2025 Roadmap", None),
        ("v0.3 notes", None),
        ("📋 Tasks", None),
        ("", None),
        ("2025-10-19 Kickoff", None),
        ("19.10.2025 Kickoff", None),
        ("0.3.1", None),
        ("1.2.25 Deep", "1.2.25"),
    ],
)
def test_leading_number(title: str, expected: str | None) -> None:
    assert leading_number(title) == expected
