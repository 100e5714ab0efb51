"""Numbers read from heading titles: ``1.2``, ``Phase 2``, ``Week 4``, ``第二阶段``, ``阶段三``.

A title carries a sequence number by its shape alone. Dates (``2025-10-19``, ``19.10.2025``,
``2025年10月13日``), years standing alone (``2025``, ``2025年``, ``FY26``), quarters of a named
year (``Q3 2026``, ``2026 Q3``) and versions (``v0.3``, ``Release 2``, ``1.0.0-rc.1``, a
three-part ``0.3.1`` that is the whole title) are labels: they are set aside before a number
is looked for, so ``## 2025``, ``### v0.3`` and ``## Q3 2026: Track A`` carry none.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100}
_CN_NUM = "[零〇一二两三四五六七八九十百]+"
_NUM = rf"(?:\d{{1,4}}|{_CN_NUM})"
_UNITS_ZH = "阶段|周|章|部分|步|天|日|月|个月|期|节|课|篇|轮|季度|单元|模块|里程碑"
_WORDS_EN = "phase|stage|step|part|week|milestone|sprint|chapter|module|day|level|month|unit|lesson|iteration"

# Leading emoji, symbols and punctuation before the number ("📚 1.2 ...", "**2.** ...").
_LEAD = r"^[^\w]*"
_DOTTED = re.compile(_LEAD + r"(\d{1,3}(?:\.\d{1,3})*)(?:\.|[)）:：、]|\s|$)")
_ENGLISH = re.compile(rf"\b(?:{_WORDS_EN})\s*+[-#]?\s*+(\d{{1,4}}(?:\.\d{{1,3}})*)\b", re.IGNORECASE)
_QUARTER = re.compile(r"\bQ([1-4])\b")
_ZH_ORDINAL = re.compile(rf"第\s*({_NUM})\s*(?:{_UNITS_ZH})")
_ZH_PREFIX = re.compile(rf"(?:{_UNITS_ZH})\s*({_NUM})")


_PATTERNS = (_ENGLISH, _QUARTER, _ZH_ORDINAL, _ZH_PREFIX)

# Labels, replaced by a blank-like mark before numbers are read (a mark, not nothing, so that
# the text around a label does not join up).
_MASK = "\x00"
_HAS_DIGIT = re.compile(r"\d")
# A title can hold a label only if it has one of these; the label patterns themselves are
# compiled on first need (most plans' titles have none, and compiling costs every run time).
_MAY_HOLD_LABEL = re.compile(r"\d{4}|[月/]|FY|'\d|[vV]\d|\d\.\d+\.\d|ver|rel", re.IGNORECASE)


@cache
def _label_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Dates, years, quarters (of a named year) and versions."""
    dates = re.compile(
        r"(?<!\d)\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?(?!\d)"  # 2025-10-19, 2025/10, 2025.10
        r"|(?<![\d.])\d{1,2}\.\d{1,2}\.\d{4}(?!\d)"  # 19.10.2025
        r"|(?<!\d)\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?!\d)"  # 10/19/2025, 19/10/25
        r"|(?<!\d)(?:\d{2,4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]"  # 2025年10月13日, 10月13日
        r"|(?<!\d)\d{2,4}\s*年\s*\d{1,2}\s*月"  # 2025年10月
    )
    years = re.compile(
        r"(?<![\w.])(?:19|20)\d{2}(?![\w.])"  # 2025
        r"|(?<!\d)(?:19|20)\d{2}(?=\s*年)"  # 2025年
        r"|(?<!\d)(?:19|20)\d{2}(?=Q[1-4]\b)"  # 2026Q3
        r"|\bFY\s*'?\d{2,4}\b"  # FY26
        r"|(?<=Q[1-4])\s*'\d{2}\b"  # Q3 '26
    )
    quarters = re.compile(rf"(?<![A-Za-z])Q[1-4]\b|第\s*{_CN_NUM}\s*季度|第\s*[1-4]\s*季度")
    versions = re.compile(
        r"(?<![\w.])[vV]\d+(?:\.\d+)*(?:-[0-9A-Za-z.]+)?"  # v0.3, v2, v1.0.0-rc.1
        r"|\b(?:version|release|ver|rel)\.?\s*\d+(?:\.\d+)*"  # Version 2, Release 0.3
        r"|(?<![\w.])\d+\.\d+\.\d+-[A-Za-z][0-9A-Za-z.]*",  # 1.0.0-rc.1
        re.IGNORECASE,
    )
    return dates, years, quarters, versions


#: A three-part number that is all the title says (around labels): a version, ``0.3.1``.
_BARE_VERSION = re.compile(r"[^\w]*\d+\.\d+\.\d+[^\w]*")


# Titles are read again by several rules; a plan has at most a few thousand distinct ones.
@lru_cache(maxsize=8192)
def without_labels(title: str) -> str:
    """The title with its dates, years, quarters of a named year and versions masked out.

    A quarter is a label when the title names a year (``Q3 2026``); a bare ``Q3`` is a number.
    """
    if not _HAS_DIGIT.search(title) or not _MAY_HOLD_LABEL.search(title):
        return title
    dates, years, quarters, versions = _label_patterns()
    masked = dates.sub(_MASK, title)
    if years.search(masked):
        masked = quarters.sub(_MASK, years.sub(_MASK, masked))
    masked = versions.sub(_MASK, masked)
    return _MASK if _BARE_VERSION.fullmatch(masked) else masked


def chinese_to_int(text: str) -> int | None:
    """``"二十三"`` -> 23, ``"十"`` -> 10, ``"3"`` -> 3; None when it is not a number."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[char]
            current = 0
        else:
            return None
    return total + current


def leading_number(title: str) -> str | None:
    """The dotted number a title starts with (after any emoji): ``"1.2"`` for ``"📚 1.2 Setup"``.

    None for a label: ``"2025-10-19"``, ``"0.3.1"``.
    """
    match = _DOTTED.match(without_labels(title))
    return match.group(1) if match else None


def heading_number(title: str) -> str | None:
    """The number a heading's title carries, as text (``"1.2"``, ``"3"``), or None.

    Labels carry none: ``"2025"``, ``"v0.3"``, ``"Q3 2026: Track A"``, ``"〜2025年10月13日"``.
    """
    title = without_labels(title)
    match = _DOTTED.match(title)
    if match:
        return match.group(1)
    # The earliest mention wins: "阶段二：设计（第3周）" is stage 2, not week 3.
    found = [match for pattern in _PATTERNS if (match := pattern.search(title))]
    for match in sorted(found, key=lambda match: match.start()):
        text = match.group(1)
        if text[0].isdigit():
            return text
        value = chinese_to_int(text)
        if value is not None:
            return str(value)
    return None
