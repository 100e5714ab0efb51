"""The words plansync writes, in the plan's language: one table, ``LABELS``, per language.

A label language is one more table registered in ``LABELS``; ``tests/test_region_kinds.py``
fails when it lacks a key that English has. ``LANGUAGES`` (what ``lang=`` and the ``lang``
setting accept) is read from the registry, never listed elsewhere.
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
    "undated": "undated",
    "no_milestones": "No section completed yet.",
    "no_tasks": "No tasks yet.",
    "recent": "Recent milestones",
    "plan": "Plan",
    "all_plans": "All plans",
    "chart_states": "Task states",
    "chart_burnup": "Tasks done per week",
    "chart_burnup_every": "Tasks done, every {weeks} weeks",
    "chart_tasks": "Tasks",
    "state_done": "Done",
    "state_doing": "Doing",
    "state_open": "Open",
    "state_cancelled": "Cancelled",
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
    "undated": "日期未知",
    "no_milestones": "尚无完成的小节。",
    "no_tasks": "尚无任务。",
    "recent": "最近的里程碑",
    "plan": "计划",
    "all_plans": "全部计划",
    "chart_states": "任务状态",
    "chart_burnup": "每周完成的任务",
    "chart_burnup_every": "每 {weeks} 周完成的任务",
    "chart_tasks": "任务",
    "state_done": "已完成",
    "state_doing": "进行中",
    "state_open": "未开始",
    "state_cancelled": "已取消",
}
LABELS: Final = MappingProxyType({"zh": MappingProxyType(_ZH), "en": MappingProxyType(_EN)})
#: Every language plansync writes labels in.
LANGUAGES: Final = tuple(LABELS)


def label(lang: str, key: str, **values: int | str) -> str:
    """The label ``key`` in ``lang``, with ``{name}`` placeholders from a closed set filled in.

    The templates are plansync's own constants, never user text, so ``str.format`` is safe here.
    """
    template = LABELS[lang][key]
    return template.format(**values) if values else template


def in_any_language(key: str) -> str:
    """A regex matching the label ``key`` as any language writes it (for reading regions back)."""
    return "|".join(sorted({re.escape(table[key]) for table in LABELS.values()}))
