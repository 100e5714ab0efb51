"""Numbers read from heading titles: ``1.2``, ``Phase 2``, ``Week 4``, ``第二阶段``, ``阶段三``."""

from __future__ import annotations

import re

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
    """The dotted number a title starts with (after any emoji): ``"1.2"`` for ``"📚 1.2 Setup"``."""
    match = _DOTTED.match(title)
    return match.group(1) if match else None


def heading_number(title: str) -> str | None:
    """The number a heading's title carries, as text (``"1.2"``, ``"3"``), or None."""
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
