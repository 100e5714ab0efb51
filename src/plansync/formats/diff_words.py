"""What the human-readable ``diff`` formats share: their words (English and Chinese) and figures.

The words follow the plan's own language, as its regions do; languages without their own
words here read English.
"""

from __future__ import annotations

from ..delta.compare import Comparison, Completion, PlanChange
from ..model import Counts, Plan
from ..regions.figures import fraction, percent_text

_EN = {
    "heading": "Plan progress in this change",
    "plan": "Plan",
    "before": "Before",
    "after": "After",
    "completed": "Completed",
    "reopened": "Reopened",
    "ticked": "Ticked",
    "unticked": "Unticked",
    "added": "Added",
    "removed": "Removed",
    "more": "and {n} more",
    "nothing": "No plan changed.",
    "renamed": "renamed from {old}",
    "section": "section",
    "phase": "phase",
    "none": "none",
    "schedule": "Schedule",
}
_ZH = {
    "heading": "本次变更的计划进度",
    "plan": "计划",
    "before": "之前",
    "after": "之后",
    "completed": "已完成",
    "reopened": "重新打开",
    "ticked": "勾选",
    "unticked": "取消勾选",
    "added": "新增",
    "removed": "删除",
    "more": "另有 {n} 项",
    "nothing": "没有计划发生变化。",
    "renamed": "由 {old} 改名",
    "section": "小节",
    "phase": "阶段",
    "none": "无",
    "schedule": "进度计划",
}
_WORDS = {"en": _EN, "zh": _ZH}


def word(lang: str, key: str, **values: int | str) -> str:
    """The word for ``key`` in ``lang``, its ``{name}`` slots filled (plain replacement: a file
    name filled in must never be read as a template)."""
    text = _WORDS.get(lang, _EN)[key]
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def lang_of(change: PlanChange) -> str:
    """The plan's language: the new version's, else the old one's."""
    plan = change.after or change.before
    return plan.lang if plan is not None else "en"


def comparison_lang(comparison: Comparison) -> str:
    return lang_of(comparison.files[0]) if comparison.files else "en"


def figures(counts: Counts | None) -> str:
    """``5/11 (45.5%)``, or a dash where the file did not exist."""
    return f"{fraction(counts)} ({percent_text(counts)})" if counts is not None else "—"


def side_counts(plan: Plan | None) -> Counts | None:
    return plan.counts if plan is not None else None


def group_name(group: Completion, lang: str) -> str:
    """``1.2 Writer (section)``: the heading as written, then what kind of group it is."""
    open_paren, close_paren = ("（", "）") if lang == "zh" else (" (", ")")
    return f"{group.title}{open_paren}{word(lang, group.kind)}{close_paren}"


def capped(items: list[str], limit: int, lang: str) -> list[str]:
    """At most ``limit`` items, then one saying how many more there are."""
    if len(items) <= limit:
        return items
    return [*items[:limit], word(lang, "more", n=len(items) - limit)]


def schedule_moved(change: PlanChange) -> str:
    """The schedule's status before → after ("—" on a side without one)."""
    return f"{change.schedule_before or '—'} → {change.schedule_after or '—'}"
