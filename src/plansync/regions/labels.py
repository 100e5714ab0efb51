"""The words plansync writes, in the plan's language: one table, ``LABELS``, per language.

A label language is one more table registered in ``LABELS``; ``tests/test_region_kinds.py``
fails when it lacks a key that English has. ``LANGUAGES`` (what ``lang=`` and the ``lang``
setting accept) is read from the registry, never listed elsewhere.

The punctuation is part of the table: ``colon``, ``open_paren``/``close_paren``, ``list_sep``
and ``comma`` are full-width where the language writes them so (``：``, ``（``, ``、``). A
half-width ``colon`` is followed by a space; a full-width one carries its own (see
``colon_after``).
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Final

_EN = {
    "current_phase": "Current phase",
    "overall": "Overall",
    "done": "Done",
    "in_progress": "In progress",
    "next": "Next",
    "none": "none yet",
    "no_text": "(no text)",
    "all_done": "all phases finished",
    "no_phases": "no phases",
    "tasks_done": "{done} of {total} tasks done ({percent})",
    "tasks_of": "{done} of {total} tasks done",
    "tasks_in_files": "{done} of {total} tasks done in {files} files",
    "sections_done": "{done} of {total} sections",
    "more": "and {count} more",
    "doing": "{count} doing",
    "cancelled": "{count} cancelled",
    "phase": "Phase",
    "section": "Section",
    "progress": "Progress",
    "count": "Done",
    "percent": "%",
    "total": "Total",
    "open_paren": " (",
    "close_paren": ")",
    "colon": ":",
    "list_sep": "; ",
    "comma": ", ",
    "undated": "undated",
    "no_milestones": "No section completed yet.",
    "no_tasks": "No tasks yet.",
    "untitled": "(before the first heading)",
    "recent": "Recent milestones",
    "plan": "Plan",
    "all_plans": "All plans",
    "chart_states": "Task states",
    "chart_burnup": "Tasks done so far (green) and the total (grey), week by week",
    "chart_burnup_every": "Tasks done so far (green) and the total (grey), every {weeks} weeks",
    "chart_tasks": "Tasks",
    "state_done": "Done",
    "state_doing": "Doing",
    "state_open": "Open",
    "state_cancelled": "Cancelled",
    "last_activity": "Last activity",
    "schedule": "Schedule",
    "no_plans": "No plan matches.",
    "status_done": "done",
    "status_done_on_time": "done on time",
    "status_done_late": "done late",
    "status_on_track": "on track",
    "status_behind": "behind",
}
_ZH = {
    "current_phase": "当前阶段",
    "overall": "总进度",
    "done": "已完成",
    "in_progress": "进行中",
    "next": "下一步",
    "none": "暂无",
    "no_text": "（无文字）",
    "all_done": "全部阶段已完成",
    "no_phases": "无阶段",
    "tasks_done": "已完成 {done} / {total} 项任务（{percent}）",
    "tasks_of": "已完成 {done} / {total} 项任务",
    "tasks_in_files": "{files} 个文件共完成 {done} / {total} 项任务",
    "sections_done": "{total} 个小节中的 {done} 个",
    "more": "另有 {count} 个",
    "doing": "{count} 项进行中",
    "cancelled": "{count} 项已取消",
    "phase": "阶段",
    "section": "小节",
    "progress": "进度",
    "count": "完成",
    "percent": "百分比",
    "total": "合计",
    "open_paren": "（",
    "close_paren": "）",
    "colon": "：",
    "list_sep": "；",
    "comma": "，",
    "undated": "日期未知",
    "no_milestones": "尚无完成的小节。",
    "no_tasks": "尚无任务。",
    "untitled": "（第一个标题之前）",
    "recent": "最近的里程碑",
    "plan": "计划",
    "all_plans": "全部计划",
    "chart_states": "任务状态",
    "chart_burnup": "累计完成的任务（绿）与任务总数（灰），按周",
    "chart_burnup_every": "累计完成的任务（绿）与任务总数（灰），每 {weeks} 周",
    "chart_tasks": "任务",
    "state_done": "已完成",
    "state_doing": "进行中",
    "state_open": "未开始",
    "state_cancelled": "已取消",
    "last_activity": "最近活动",
    "schedule": "进度计划",
    "no_plans": "没有匹配的计划。",
    "status_done": "已完成",
    "status_done_on_time": "按时完成",
    "status_done_late": "延期完成",
    "status_on_track": "按计划进行",
    "status_behind": "落后",
}
_JA = {
    "current_phase": "現在のフェーズ",
    "overall": "全体の進捗",
    "done": "完了",
    "in_progress": "進行中",
    "next": "次のタスク",
    "none": "なし",
    "no_text": "（テキストなし）",
    "all_done": "全フェーズ完了",
    "no_phases": "フェーズなし",
    "tasks_done": "タスク {done} / {total} 件完了（{percent}）",
    "tasks_of": "タスク {done} / {total} 件完了",
    "tasks_in_files": "{files} ファイルでタスク {done} / {total} 件完了",
    "sections_done": "{total} セクション中 {done} 件",
    "more": "ほか {count} 件",
    "doing": "進行中 {count} 件",
    "cancelled": "キャンセル {count} 件",
    "phase": "フェーズ",
    "section": "セクション",
    "progress": "進捗",
    "count": "完了",
    "percent": "達成率",
    "total": "合計",
    "open_paren": "（",
    "close_paren": "）",
    "colon": "：",
    "list_sep": "、",
    "comma": "、",
    "undated": "日付不明",
    "no_milestones": "完了したセクションはまだありません。",
    "no_tasks": "タスクはまだありません。",
    "untitled": "（最初の見出しより前）",
    "recent": "最近のマイルストーン",
    "plan": "計画",
    "all_plans": "すべての計画",
    "chart_states": "タスクの状態",
    "chart_burnup": "累計の完了タスク数（緑）と総数（灰）、週ごと",
    "chart_burnup_every": "累計の完了タスク数（緑）と総数（灰）、{weeks} 週ごと",
    "chart_tasks": "タスク",
    "state_done": "完了",
    "state_doing": "進行中",
    "state_open": "未着手",
    "state_cancelled": "キャンセル",
    "last_activity": "最終更新",
    "schedule": "スケジュール",
    "no_plans": "一致する計画はありません。",
    "status_done": "完了",
    "status_done_on_time": "期限内に完了",
    "status_done_late": "遅れて完了",
    "status_on_track": "予定どおり",
    "status_behind": "遅れ",
}
_KO = {
    "current_phase": "현재 단계",
    "overall": "전체 진행률",
    "done": "완료",
    "in_progress": "진행 중",
    "next": "다음 할 일",
    "none": "없음",
    "no_text": "(내용 없음)",
    "all_done": "모든 단계 완료",
    "no_phases": "단계 없음",
    "tasks_done": "작업 {total}개 중 {done}개 완료 ({percent})",
    "tasks_of": "작업 {total}개 중 {done}개 완료",
    "tasks_in_files": "파일 {files}개, 작업 {total}개 중 {done}개 완료",
    "sections_done": "섹션 {total}개 중 {done}개",
    "more": "외 {count}개",
    "doing": "{count}개 진행 중",
    "cancelled": "{count}개 취소됨",
    "phase": "단계",
    "section": "섹션",
    "progress": "진행률",
    "count": "완료",
    "percent": "백분율",
    "total": "합계",
    "open_paren": " (",
    "close_paren": ")",
    "colon": ":",
    "list_sep": ", ",
    "comma": ", ",
    "undated": "날짜 미상",
    "no_milestones": "아직 완료된 섹션이 없습니다.",
    "no_tasks": "아직 작업이 없습니다.",
    "untitled": "(첫 제목 앞)",
    "recent": "최근 마일스톤",
    "plan": "계획",
    "all_plans": "전체 계획",
    "chart_states": "작업 상태",
    "chart_burnup": "누적 완료 작업(초록)과 전체 작업(회색), 주별",
    "chart_burnup_every": "누적 완료 작업(초록)과 전체 작업(회색), {weeks}주 단위",
    "chart_tasks": "작업",
    "state_done": "완료",
    "state_doing": "진행 중",
    "state_open": "시작 전",
    "state_cancelled": "취소됨",
    "last_activity": "최근 활동",
    "schedule": "일정",
    "no_plans": "일치하는 계획이 없습니다.",
    "status_done": "완료",
    "status_done_on_time": "기한 내 완료",
    "status_done_late": "늦게 완료",
    "status_on_track": "순조로움",
    "status_behind": "지연",
}
LABELS: Final = MappingProxyType(
    {
        "zh": MappingProxyType(_ZH),
        "en": MappingProxyType(_EN),
        "ja": MappingProxyType(_JA),
        "ko": MappingProxyType(_KO),
    }
)
#: Every language plansync writes labels in.
LANGUAGES: Final = tuple(LABELS)


def label(lang: str, key: str, **values: int | str) -> str:
    """The label ``key`` in ``lang``, with ``{name}`` placeholders from a closed set filled in.

    The templates are plansync's own constants, never user text, so ``str.format`` is safe here.
    """
    template = LABELS[lang][key]
    return template.format(**values) if values else template


def colon_after(lang: str) -> str:
    """The colon after a label and what follows it before a value: ``": "`` or ``"："``."""
    colon = label(lang, "colon")
    return colon + " " if colon.isascii() else colon


def in_any_language(key: str) -> str:
    """A regex matching the label ``key`` as any language writes it (for reading regions back)."""
    return "|".join(sorted({re.escape(table[key]) for table in LABELS.values()}))
