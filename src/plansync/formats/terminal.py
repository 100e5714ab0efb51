"""The human report for a terminal: bars, percents, the current phase and what comes next.

Task and heading text is the plan author's, so every control character and escape sequence
is removed before it reaches the terminal; colour is added only when asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from wcwidth import wcwidth

from ..model import Counts, Plan, total_counts
from ..regions.figures import bar, display_width, holder_name, percent_text
from .printable import printable

if TYPE_CHECKING:
    from .report_input import PlanReport

BAR = 20
TITLE = 36
GREEN, YELLOW, DIM, BOLD, RESET = "\x1b[32m", "\x1b[33m", "\x1b[2m", "\x1b[1m", "\x1b[0m"


def _fit(text: str, width: int) -> str:
    """Cut to ``width`` display columns (with an ellipsis) and pad to exactly ``width``."""
    used = display_width(text)
    if used > width:
        kept, used = [], 0
        for char in text:
            step = max(wcwidth(char), 0)
            if used + step > width - 1:
                break
            kept.append(char)
            used += step
        text, used = "".join(kept) + "…", used + 1
    return text + " " * (width - used)


def _bar(counts: Counts, color: bool) -> str:
    text = bar(counts, BAR)
    if not color:
        return text
    tint = GREEN if counts.total and counts.finished else YELLOW if counts.done else DIM
    return f"{tint}{text}{RESET}"


def _line(title: str, counts: Counts, color: bool) -> str:
    figures = f"{percent_text(counts):>6}  {counts.done}/{counts.total}"
    return f"  {_fit(printable(title), TITLE)}  {_bar(counts, color)} {figures}"


def text_report(plans: Sequence[PlanReport], color: bool) -> str:
    """Every plan's lines, a blank line between plans, and with several plans their total."""
    text = "\n".join("\n".join(render_report(r.path, r.plan, color=color)) + "\n" for r in plans)
    if len(plans) > 1:
        text += "\n" + render_total([r.plan for r in plans], color=color) + "\n"
    return text


def render_report(path: str, plan: Plan, color: bool = False, next_limit: int = 5) -> list[str]:
    """One plan: its overall bar, its current phase, a line per phase and the next tasks."""
    c = plan.counts
    title = printable(plan.title or path)
    head = f"{BOLD}{printable(path)}{RESET}" if color else printable(path)
    lines = [f"{head}: {title}"]
    extra = f", {c.doing} doing" if c.doing else ""
    extra += f", {c.cancelled} cancelled" if c.cancelled else ""
    lines.append(f"  {_bar(c, color)} {percent_text(c):>6}  {c.done} of {c.total} tasks done{extra}")
    current = plan.current_phase
    if plan.phases:
        lines.append(
            f"  current phase: {printable(current.heading.title) if current else 'all phases finished'}"
        )
        lines.append("")
        lines += [_line(p.heading.title, p.counts, color) for p in plan.phases]
    upcoming = plan.next_tasks(next_limit)
    if upcoming:
        lines += ["", "  next:"]
        for task in upcoming:
            where = holder_name(plan, task)
            lines.append(f"    - {printable(task.text)}" + (f"  ({printable(where)})" if where else ""))
    return lines


def render_total(plans: Sequence[Plan], color: bool = False) -> str:
    """The line that adds several plans up."""
    total = total_counts(plan.counts for plan in plans)
    done = f"{total.done} of {total.total} tasks done in {len(plans)} files"
    return f"total: {_bar(total, color)} {percent_text(total):>6}  {done}"
