"""The human report for a terminal: bars, percents, the current phase and what comes next.

Task and heading text is the plan author's, so every control character and escape sequence
is removed before it reaches the terminal, and its Markdown is shown as read (``plain``);
colour is added only when asked for. The words are the plan's language's labels, in lower case.

Widths are measured the way terminals draw text (``cells``), which is not always how
formatters pad Markdown tables (``regions.figures.display_width``): an emoji with VS16
(U+FE0F) is as wide as the emoji alone.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wcwidth import wcwidth

from ..model import Counts, Plan, Task, total_counts
from ..regions.figures import bar, heading_title, holder_name, percent_text
from ..regions.labels import colon_after, label
from .printable import plain, printable

if TYPE_CHECKING:
    from .report_input import PlanReport

BAR = 20
#: A phase title gets the columns the bar and the figures leave, but never fewer than this.
MIN_TITLE = 16
#: The width when the report does not go to a terminal (a pipe, a file, a CI log).
FALLBACK_WIDTH = 80
GREEN, YELLOW, DIM, BOLD, RESET = "\x1b[32m", "\x1b[33m", "\x1b[2m", "\x1b[1m", "\x1b[0m"


def terminal_width() -> int:
    """Columns of the terminal standard output shows on; ``FALLBACK_WIDTH`` when it is none."""
    try:
        if sys.stdout is not None and sys.stdout.isatty():
            return shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns
    except (OSError, ValueError):  # a closed or odd stream
        pass
    return FALLBACK_WIDTH


def _cell(char: str) -> int:
    return max(wcwidth(char), 0)


def cells(text: str) -> int:
    """Terminal columns ``text`` takes, character by character as xterm and tmux draw it: wide
    CJK and emoji two, combining marks and variation selectors nothing (``🏗️`` is one cell:
    U+1F3D7 is narrow, and its VS16 does not widen it on a terminal)."""
    if text.isascii():
        return len(text)
    return sum(_cell(char) for char in text)


def _fit(text: str, width: int) -> str:
    """Cut to ``width`` terminal columns (with an ellipsis) and pad to exactly ``width``."""
    used = cells(text)
    if used > width:
        kept, used = [], 0
        for char in text:
            step = _cell(char)
            if used + step > width - 1:
                break
            kept.append(char)
            used += step
        text, used = "".join(kept) + "…", used + 1
    return text + " " * (width - used)


def shown(text: str) -> str:
    """Plan text as a terminal shows it: markup read, escape sequences and controls gone."""
    return printable(plain(text))


def _word(lang: str, key: str, **values: int | str) -> str:
    """A label as the terminal report writes it, in lower case (CJK has none)."""
    return label(lang, key, **values).lower()


def _bar(counts: Counts, color: bool) -> str:
    text = bar(counts, BAR)
    if not color:
        return text
    tint = GREEN if counts.total and counts.finished else YELLOW if counts.done else DIM
    return f"{tint}{text}{RESET}"


def _figures(counts: Counts) -> str:
    return f"{percent_text(counts):>6}  {counts.done}/{counts.total}"


def title_column(titles: Sequence[str], counts: Sequence[Counts], width: int) -> int:
    """Columns for the phase titles: the longest title, at most what a ``width``-column line
    leaves beside the bar and the figures, and at least ``MIN_TITLE`` when titles are cut."""
    if not titles:
        return 0
    figures = max(len(_figures(c)) for c in counts)
    room = width - (2 + 2 + BAR + 1 + figures)
    return min(max(cells(t) for t in titles), max(MIN_TITLE, room))


def text_report(plans: Sequence[PlanReport], color: bool) -> str:
    """Every plan's lines, a blank line between plans, and with several plans their total."""
    width = terminal_width()
    text = "\n".join("\n".join(render_report(r.path, r.plan, color=color, width=width)) + "\n" for r in plans)
    if len(plans) > 1:
        text += "\n" + render_total([r.plan for r in plans], color=color) + "\n"
    return text


def render_report(
    path: str, plan: Plan, color: bool = False, next_limit: int = 5, width: int | None = None
) -> list[str]:
    """One plan: its overall bar, its current phase, a line per phase and the next tasks.

    ``width`` is the terminal's (``terminal_width()`` when None); it sets the title column.
    """
    lang, c = plan.lang, plan.counts
    title = shown(plan.title) if plan.title else printable(path)
    head = f"{BOLD}{printable(path)}{RESET}" if color else printable(path)
    extras = [_word(lang, key, count=n) for key, n in (("doing", c.doing), ("cancelled", c.cancelled)) if n]
    done = label(lang, "comma").join([_word(lang, "tasks_of", done=c.done, total=c.total), *extras])
    lines = [f"{head}: {title}", f"  {_bar(c, color)} {percent_text(c):>6}  {done}"]
    if plan.phases:
        lines += _phase_lines(plan, color, terminal_width() if width is None else width)
    upcoming = plan.next_tasks(next_limit)
    if upcoming:
        lines += ["", f"  {_word(lang, 'next')}{label(lang, 'colon')}", *_next_lines(plan, upcoming)]
    return lines


def _phase_lines(plan: Plan, color: bool, width: int) -> list[str]:
    """The current phase, then a line per phase with its bar, titles in one column."""
    current = plan.current_phase
    now = shown(heading_title(current.heading, plan.lang)) if current else _word(plan.lang, "all_done")
    titles = [shown(heading_title(p.heading, plan.lang)) for p in plan.phases]
    column = title_column(titles, [p.counts for p in plan.phases], width)
    return [
        f"  {_word(plan.lang, 'current_phase')}{colon_after(plan.lang)}{now}",
        "",
        *(
            f"  {_fit(t, column)}  {_bar(p.counts, color)} {_figures(p.counts)}"
            for t, p in zip(titles, plan.phases, strict=True)
        ),
    ]


def _next_lines(plan: Plan, tasks: Sequence[Task]) -> list[str]:
    """A line per task, with the title of the heading that holds it."""
    opening, closing = label(plan.lang, "open_paren"), label(plan.lang, "close_paren")
    # "  (1.2 Parser)" after a task in English; "（1.2 解析）" right after it in Chinese.
    opening = " " + opening if opening.startswith(" ") else opening
    lines = []
    for task in tasks:
        where = shown(holder_name(plan, task) or "")
        text = shown(task.text) or label(plan.lang, "no_text")
        lines.append(f"    - {text}" + (f"{opening}{where}{closing}" if where else ""))
    return lines


def render_total(plans: Sequence[Plan], color: bool = False) -> str:
    """The line that adds several plans up, in their language when they share one."""
    total = total_counts(plan.counts for plan in plans)
    langs = {plan.lang for plan in plans}
    lang = langs.pop() if len(langs) == 1 else "en"
    done = _word(lang, "tasks_in_files", done=total.done, total=total.total, files=len(plans))
    return f"{_word(lang, 'total')}{colon_after(lang)}{_bar(total, color)} {percent_text(total):>6}  {done}"
