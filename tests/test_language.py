"""Which language a plan is written in: Han characters against Latin words and kana."""

from __future__ import annotations

import re

import pytest

from plansync.document.language import detect_lang

# Few Han characters, many identifiers: more Latin letters than Han, fewer Latin words.
ZH_WITH_CODE = ["阅读源码 vllm/config/__init__.py 中的 VllmConfig", "理解 SchedulerConfig 调度"]


def test_chinese_with_code_identifiers_is_zh() -> None:
    sample = "".join(ZH_WITH_CODE)
    han = len(re.findall(r"[\u4e00-\u9fff]", sample))
    assert len(re.findall(r"[A-Za-z]", sample)) > han  # counting letters would say English
    assert detect_lang(ZH_WITH_CODE) == "zh"


@pytest.mark.parametrize(
    ("texts", "lang"),
    [
        (["第一阶段：基础认知", "阅读文档", "编写测试"], "zh"),
        (["Learning plan", "Read the scheduler code", "Write tests for `cache.py`"], "en"),
        (["スケジューラのコードを読む", "第一週のタスクを確認する"], "en"),
        (["学習計画", "ドキュメントを読む"], "en"),
        (["Plan", "阅读"], "zh"),
        (["Plan for 阅读", "more words here"], "en"),
        ([], "en"),
        ([""], "en"),
        (["", "  ", "\n"], "en"),
    ],
    ids=[
        "zh",
        "en",
        "ja-kana",
        "ja-mostly-kana",
        "zh-beats-one-word",
        "en-words-win",
        "no-texts",
        "empty-text",
        "blank-texts",
    ],
)
def test_detect_lang(texts: list[str], lang: str) -> None:
    assert detect_lang(texts) == lang


def test_han_is_counted_by_code_point_exactly() -> None:
    """The UTF-8 byte pattern counts exactly U+3400-4DBF, U+4E00-9FFF and U+F900-FAFF."""
    from plansync.document.language import _HAN_UTF8

    def han(cp: int) -> bool:
        return 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF

    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    found = _HAN_UTF8.findall(every.encode("utf-8"))
    assert len(found) == sum(1 for cp in range(0x110000) if han(cp))
    for cp in (
        0x33FF,
        0x3400,
        0x4DBF,
        0x4DC0,
        0x4DFF,
        0x4E00,
        0x9FFF,
        0xA000,
        0xF8FF,
        0xF900,
        0xFAFF,
        0xFB00,
    ):
        assert len(_HAN_UTF8.findall(chr(cp).encode("utf-8"))) == han(cp), hex(cp)
