"""Which language a plan is written in: CJK characters against Latin words, then kana and Hangul."""

from __future__ import annotations

import re
from collections.abc import Callable

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
        (["スケジューラのコードを読む", "第一週のタスクを確認する"], "ja"),
        (["学習計画", "ドキュメントを読む"], "ja"),
        (["Plan", "阅读"], "zh"),
        (["Plan for 阅读", "more words here"], "en"),
        ([], "en"),
        ([""], "en"),
        (["", "  ", "\n"], "en"),
        # Japanese: Han characters with kana, even a plan that is mostly kanji.
        (["第1章：基礎", "第2章：応用", "教科書を読む", "過去問題集", "模擬試験"], "ja"),
        (["学習計画 for `pytest`", "テストを書く"], "ja"),
        # Korean: Hangul, with or without Han characters.
        (["공부 계획", "교재 읽기", "문제 풀기"], "ko"),
        (["1단계: 기초", "韓國語 문법 정리"], "ko"),
        (["ㅋㅋ 메모"], "ko"),
        # A mostly English plan quoting a word stays English.
        (["Read the docs about ありがとう", "Learn the word for thanks", "Practice daily"], "en"),
        (["Learn to say 안녕하세요 politely", "Practice greetings every day"], "en"),
        (["Visit 東京 in spring", "Book the hotel"], "en"),
        # A Chinese plan with one kana character stays Chinese (the kana is too small a share).
        (["第一阶段：基础认知", "阅读文档的第一部分", "编写测试用例并运行", "整理学习笔记の要点"], "zh"),
        # The katakana middle dot appears in Chinese text too: it is not kana here.
        (["第一阶段・基础", "阅读文档"], "zh"),
        # Both kana and Hangul: the larger share wins.
        (["일본어 공부", "ひらがな"], "ko"),
        (["日本語の勉強", "ひらがなとカタカナ", "한글"], "ja"),
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
        "ja-mostly-kanji",
        "ja-with-code",
        "ko",
        "ko-with-hanja",
        "ko-jamo",
        "en-quoting-japanese",
        "en-quoting-korean",
        "en-quoting-han",
        "zh-with-one-kana",
        "zh-middle-dot",
        "ko-over-kana",
        "ja-over-hangul",
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


@pytest.mark.parametrize(
    ("name", "wanted"),
    [
        ("_KANA_UTF8", lambda cp: (0x3040 <= cp <= 0x30FF and cp != 0x30FB) or 0xFF66 <= cp <= 0xFF9D),
        ("_HANGUL_UTF8", lambda cp: 0xAC00 <= cp <= 0xD7A3 or 0x3131 <= cp <= 0x318E),
    ],
)
def test_kana_and_hangul_are_counted_by_code_point_exactly(name: str, wanted: Callable[[int], bool]) -> None:
    """The UTF-8 byte patterns count exactly the code points they are documented to."""
    import plansync.document.language as language

    pattern = getattr(language, name)
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    assert len(pattern.findall(every.encode("utf-8"))) == sum(1 for cp in range(0x110000) if wanted(cp))
    for cp in (
        0x303F,
        0x3040,
        0x30FA,
        0x30FB,
        0x30FC,
        0x3130,
        0x3131,
        0x318E,
        0x318F,
        0xABFF,
        0xAC00,
        0xD7A3,
        0xD7A4,
    ):
        assert len(pattern.findall(chr(cp).encode("utf-8"))) == wanted(cp), hex(cp)


def test_a_plan_in_japanese_or_korean_gets_its_language() -> None:
    import plansync

    ja = "# 計画\n\n## 第1章\n\n- [ ] 本を読む\n\n## 第2章\n\n- [ ] 問題を解く\n"
    ko = "# 계획\n\n## 1단계\n\n- [ ] 책 읽기\n\n## 2단계\n\n- [ ] 문제 풀기\n"
    assert plansync.parse(ja).lang == "ja"
    assert plansync.parse(ko).lang == "ko"
