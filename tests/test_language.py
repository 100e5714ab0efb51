"""Which language a plan is written in: Han characters against Latin words and kana."""

from __future__ import annotations

import re

import pytest

from plansync.language import detect_lang

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
