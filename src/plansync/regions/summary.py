"""The ``summary`` region: current phase, overall progress, what is done, in progress, next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Plan, Section, TaskState
from .escape import line_start, neutralize
from .figures import fraction, heading_title, holder_name, percent_text
from .labels import colon_after, label

if TYPE_CHECKING:
    from .render import RenderRequest

LISTED = 5  # sections named in one line before "and N more"
NEXT = 3  # next tasks listed


def render_summary(plan: Plan, lang: str) -> list[str]:
    """Markdown lines of the summary (a bullet list; no checkboxes, so it holds no tasks)."""
    return [
        _item(lang, "current_phase", _current_phase(plan, lang)),
        _item(lang, "overall", _overall(plan, lang)),
        _item(lang, "done", _done_sections(plan, lang)),
        _item(lang, "in_progress", _in_progress(plan, lang)),
        _item(lang, "next", _next_header(plan, lang)),
        *_next_tasks(plan, lang),
    ]


def _item(lang: str, key: str, value: str) -> str:
    # "- **Next**:" with nothing after it keeps no trailing space.
    return f"- **{label(lang, key)}**" + (colon_after(lang) + value if value else label(lang, "colon"))


def _paren(lang: str, text: str) -> str:
    return f"{label(lang, 'open_paren')}{text}{label(lang, 'close_paren')}"


def _current_phase(plan: Plan, lang: str) -> str:
    if not plan.phases:
        return label(lang, "no_phases")
    phase = plan.current_phase
    if phase is None:
        return label(lang, "all_done")
    return neutralize(heading_title(phase.heading, lang)) + _paren(lang, fraction(phase.counts))


def _overall(plan: Plan, lang: str) -> str:
    c = plan.counts
    text = label(lang, "tasks_done", done=c.done, total=c.total, percent=percent_text(c))
    extras = [label(lang, key, count=n) for key, n in (("doing", c.doing), ("cancelled", c.cancelled)) if n]
    return text + (label(lang, "list_sep") + label(lang, "list_sep").join(extras) if extras else "")


def _sections(plan: Plan) -> list[Section]:
    return [s for p in plan.phases for s in p.sections]


def _named(plan: Plan, lang: str, sections: list[Section], with_counts: bool) -> str:
    shown = sections[-LISTED:] if not with_counts else sections[:LISTED]
    names = [
        neutralize(heading_title(s.heading, lang)) + (_paren(lang, fraction(s.counts)) if with_counts else "")
        for s in shown
    ]
    if len(sections) > LISTED:
        names.append(label(lang, "more", count=len(sections) - LISTED))
    return label(lang, "list_sep").join(names)


def _done_sections(plan: Plan, lang: str) -> str:
    sections = _sections(plan)
    done = [s for s in sections if s.counts.total and s.counts.finished]
    if not done:
        return label(lang, "none")
    count = label(lang, "sections_done", done=len(done), total=len(sections))
    # A half-width colon would read as a second label ("2 of 5 sections: ..."): a dash instead.
    sep = " — " if label(lang, "colon").isascii() else label(lang, "colon")
    return count + sep + _named(plan, lang, done, with_counts=False)


def _in_progress(plan: Plan, lang: str) -> str:
    started = [
        s
        for s in _sections(plan)
        if not s.counts.finished
        and (s.counts.done or any(plan.tasks[i].state is TaskState.DOING for i in s.tasks))
    ]
    return _named(plan, lang, started, with_counts=True) if started else label(lang, "none")


def _next_header(plan: Plan, lang: str) -> str:
    return "" if plan.next_tasks(1) else label(lang, "none")


def _next_tasks(plan: Plan, lang: str) -> list[str]:
    lines = []
    for task in plan.next_tasks(NEXT):
        where = neutralize(holder_name(plan, task) or "")
        suffix = _paren(lang, where) if where else ""
        # A box with nothing after it still gets words: "  -  (P)" is not a fixed point of mdformat.
        text = line_start(task.text) or label(lang, "no_text")
        lines.append(f"  - {text}{suffix}")
    return lines


def render(plan: Plan, request: RenderRequest) -> list[str]:
    return render_summary(plan, request.lang)
