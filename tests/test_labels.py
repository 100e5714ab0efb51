"""Label languages: Japanese and Korean plans get their own words, by detection, marker or config."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import plansync
from plansync.config import load_config
from plansync.document.text import Text
from plansync.regions.labels import LABELS, LANGUAGES, colon_after, in_any_language, label
from plansync.regions.splice import region_body

from .conftest import ROOT

JA = """# 読書計画

## 第1章：準備

- [x] 本を選ぶ
- [ ] 読む時間を決める

## 第2章：読書

- [ ] 前半を読む
- [-] 感想文を書く

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

<!-- plansync:begin progress -->
<!-- plansync:end progress -->
"""
KO = """# 독서 계획

## 1단계: 준비

- [x] 책 고르기
- [ ] 읽을 시간 정하기

## 2단계: 읽기

- [ ] 앞부분 읽기
- [-] 감상문 쓰기

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

<!-- plansync:begin progress -->
<!-- plansync:end progress -->
"""
EN = """# Reading plan

## Part 1: Prepare

- [x] pick a book
- [ ] set a reading time

<!-- plansync:begin summary -->
<!-- plansync:end summary -->
"""


def bodies(text: str) -> dict[str, str]:
    plan = plansync.parse(text)
    return {region.name: region_body(Text(text), region) for region in plan.regions}


def test_four_languages_are_registered_in_order() -> None:
    assert LANGUAGES == ("zh", "en", "ja", "ko")


def test_a_japanese_plan_gets_japanese_labels() -> None:
    found = bodies(plansync.sync_text(JA))
    assert found["summary"].splitlines()[1:] == [
        "- **現在のフェーズ**：第1章：準備（1/2）",
        "- **全体の進捗**：タスク 1 / 3 件完了（33.3%）、キャンセル 1 件",
        "- **完了**：なし",
        "- **進行中**：第1章：準備（1/2）",
        "- **次のタスク**：",
        "  - 読む時間を決める（第1章：準備）",
        "  - 前半を読む（第2章：読書）",
        "",
    ]
    assert found["progress"].splitlines()[1:3] == [
        "| フェーズ    | 進捗       | 完了 | 達成率 |",
        "| ----------- | ---------- | ---- | ------ |",
    ]
    assert "| **合計**    | ███░░░░░░░ | 1/3  | 33.3%  |" in found["progress"]


def test_a_korean_plan_gets_korean_labels() -> None:
    found = bodies(plansync.sync_text(KO))
    assert found["summary"].splitlines()[1:] == [
        "- **현재 단계**: 1단계: 준비 (1/2)",
        "- **전체 진행률**: 작업 3개 중 1개 완료 (33.3%), 1개 취소됨",
        "- **완료**: 없음",
        "- **진행 중**: 1단계: 준비 (1/2)",
        "- **다음 할 일**:",
        "  - 읽을 시간 정하기 (1단계: 준비)",
        "  - 앞부분 읽기 (2단계: 읽기)",
        "",
    ]
    assert found["progress"].splitlines()[1] == "| 단계        | 진행률     | 완료 | 백분율 |"


def test_done_sections_are_introduced_by_the_languages_own_punctuation() -> None:
    ja = plansync.sync_text(JA.replace("- [ ] 読む時間", "- [x] 読む時間"))
    ko = plansync.sync_text(KO.replace("- [ ] 읽을 시간", "- [x] 읽을 시간"))
    assert "- **完了**：2 セクション中 1 件：第1章：準備" in ja
    assert "- **완료**: 섹션 2개 중 1개 — 1단계: 준비" in ko


@pytest.mark.parametrize("lang", ["ja", "ko", "zh", "en"])
def test_a_markers_lang_option_chooses_any_language(lang: str) -> None:
    text = EN.replace("begin summary -->", f"begin summary lang={lang} -->")
    summary = bodies(plansync.sync_text(text))["summary"]
    assert f"- **{label(lang, 'current_phase')}**{colon_after(lang)}Part 1: Prepare" in summary


def test_an_unknown_lang_option_lists_every_language() -> None:
    text = EN.replace("begin summary -->", "begin summary lang=fr -->")
    with pytest.raises(plansync.PlansyncError, match="zh, en, ja, ko"):
        plansync.sync_text(text)


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_the_lang_setting_chooses_japanese_or_korean(tmp_path: Path, lang: str) -> None:
    (tmp_path / ".plansync.toml").write_text(f'lang = "{lang}"\n', encoding="utf-8")
    config = load_config(tmp_path)
    assert config.lang == lang
    plan = plansync.parse(EN, config)
    assert plan.lang == lang
    fresh = plansync.sync_text(EN, config=config)
    assert f"**{label(lang, 'next')}**" in fresh


def test_the_lang_setting_refuses_other_languages_and_names_all_four(tmp_path: Path) -> None:
    (tmp_path / ".plansync.toml").write_text('lang = "fr"\n', encoding="utf-8")
    with pytest.raises(plansync.PlansyncError, match='lang: expected "zh", "en", "ja" or "ko"'):
        load_config(tmp_path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_punctuation_is_the_languages_own(lang: str) -> None:
    wide = lang in ("zh", "ja")
    for key in ("colon", "open_paren", "close_paren", "list_sep", "comma"):
        assert LABELS[lang][key].isascii() is not wide, (lang, key)
    assert colon_after(lang) == ("：" if wide else ": ")


def test_regions_read_back_undated_milestones_in_every_language() -> None:
    pattern = re.compile(in_any_language("undated"))
    for lang in LANGUAGES:
        assert pattern.fullmatch(label(lang, "undated"))


def test_japanese_and_korean_labels_are_not_chinese() -> None:
    chinese = {
        value for key, value in LABELS["zh"].items() if key not in ("open_paren", "close_paren", "colon")
    }
    for lang in ("ja", "ko"):
        shared = {key for key, value in LABELS[lang].items() if value in chinese}
        # Only words Japanese writes exactly like Chinese may coincide ("合計" is not "合计").
        assert shared <= {"count"}, (lang, shared)


# --- Mermaid accepts the charts in Japanese and Korean ------------------------------------------

NODE_MODULES = ROOT / ".ci" / "node" / "node_modules"
STAMPED = "\n\n## Phase 3\n\n- [x] one ✅ 2025-03-03\n- [x] two ✅ 2025-03-12\n"
CHART = "\n<!-- plansync:begin chart -->\n<!-- plansync:end chart -->\n"


@pytest.mark.parametrize("text", [JA + STAMPED + CHART, KO + STAMPED + CHART], ids=["ja", "ko"])
def test_charts_in_japanese_and_korean_parse_with_mermaid(text: str, tmp_path: Path) -> None:
    if shutil.which("node") is None or not (NODE_MODULES / "mermaid").is_dir():
        pytest.skip("node or .ci/node/node_modules/mermaid is missing (.ci/run installs them)")
    runner = tmp_path / "runner"
    runner.mkdir()
    (runner / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    shutil.copyfile(ROOT / "tests" / "mermaid_check.mjs", runner / "check.mjs")
    blocks = re.findall(r"```mermaid\n(.*?)```", plansync.sync_text(text), flags=re.DOTALL)
    assert len(blocks) == 2  # the pie and the burn-up
    for n, block in enumerate(blocks):
        diagram = tmp_path / f"d{n}.mmd"
        diagram.write_text(block, encoding="utf-8")
        result = subprocess.run(
            ["node", str(runner / "check.mjs"), str(diagram)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.stdout.strip() == "ok", (block, result.stdout, result.stderr)
