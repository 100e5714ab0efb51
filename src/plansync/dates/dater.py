"""Dates of done tasks and completed groups: recorded dates first, then git history.

A completed group's date recorded in the plan's milestones region, and a task's ✅ stamp, are
data in the document: every output shows them. History only fills what nothing records.

History is read lazily, at most once per file, and only when a date is actually needed
(a new milestone, a new stamp, or ``done_on`` in the JSON report), so the commit hook stays
fast. A tick history has not seen is happening now: it takes ``today``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..document.stamps import stamp_date
from ..document.text import Text
from ..model import Plan, TaskState

if TYPE_CHECKING:
    from .history import FileHistory, HistoryUnavailable


class TaskDater:
    """Answers "when was this task ticked?" for one file, from stamps and (lazily) history."""

    def __init__(
        self,
        plan: Plan,
        text: str,
        path: Path | None,
        use_history: bool,
        today: str | None = None,
        recorded: Mapping[tuple[int, ...], str] | None = None,
    ) -> None:
        self.plan = plan
        #: Completed groups' dates as the milestones region records them, by the group's tasks.
        self.recorded = recorded or {}
        #: The plan's text: its task lines are the keys history is searched by.
        self.text = text
        self._lines: Text | None = None
        self.path = path
        self.use_history = use_history and path is not None
        #: The day a tick history has not seen is dated (None: such ticks stay undated).
        self.today = today
        #: Why history is off for this file, once it was asked for and could not be read.
        self.note: str | None = None
        self._history: dict[int, object] | None = None
        self._first: tuple[str | None, str | None] | None = None

    @property
    def lines(self) -> Text:
        """The plan's text with its line index (built once, when first needed)."""
        if self._lines is None:
            self._lines = Text(self.text)
        return self._lines

    def read_history(self) -> None:
        """Read git history now, rather than when a date first needs it (an editor's hover
        reads it on a thread of its own)."""
        self._read_history()

    def _read_history(self) -> dict[int, object]:
        """Per done, unstamped task index: a date string or an ``Undated`` reason."""
        if self._history is None:
            read_together([self], starts=[False])
        return self._history or {}

    def _history_keys(self) -> dict[int, str]:
        """The identity text of every done task without a ✅ stamp: what history must date."""
        from .history import task_key

        keys: dict[int, str] = {}
        for i, task in enumerate(self.plan.tasks):
            if task.state is TaskState.DONE and stamp_date(task.stamp) is None:
                parsed = task_key(self.lines.content(task.line))
                if parsed is not None:
                    keys[i] = parsed[1]
        return keys

    def _take(self, keys: Mapping[int, str], found: FileHistory | HistoryUnavailable, start: bool) -> None:
        """Keep what history found for ``keys`` (and the first commit day when ``start``);
        history that cannot be read turns it off, with a note saying why."""
        from .history import SHALLOW_START, HistoryUnavailable, Undated

        if isinstance(found, HistoryUnavailable):
            self.note = found.problems[0].message
            self.use_history = False
            self._history = {}
            return
        if keys:
            self._history = {i: found.ticks.get(key) for i, key in keys.items()}
        if start:
            day = found.first_day
            beyond = day is Undated.BEYOND_HISTORY
            self._first = (None, SHALLOW_START) if beyond else (day if isinstance(day, str) else None, None)

    def first_commit(self) -> tuple[str | None, str | None]:
        """The day the plan was first committed, when history may be read; else None, with
        the reason when it lies beyond a shallow clone's cut."""
        if not self.use_history or self.path is None:
            return None, None
        if self._first is None:
            read_together([self], starts=[True])
        return self._first or (None, None)

    def _recorded(self, index: int) -> object:
        """A done task's stamp or history date, an ``Undated`` reason, or None if not done."""
        from .history import Undated

        task = self.plan.tasks[index]
        if task.state is not TaskState.DONE:
            return None
        stamped = stamp_date(task.stamp)
        if stamped is not None:
            return stamped
        history = self._read_history()  # may turn history off (and leave a note)
        return history.get(index, Undated.UNCOMMITTED) if self.use_history else Undated.UNCOMMITTED

    def done_on(self, index: int) -> str | None:
        """The task's stamp or history tick date; None when neither can tell."""
        value = self._recorded(index)
        return value if isinstance(value, str) else None

    def tick_date(self, index: int) -> str | None:
        """The day a done task was ticked: stamp, history, else ``today`` for a tick not yet
        committed (or with no history at all); None when it lies beyond a shallow cut."""
        from .history import Undated

        value = self._recorded(index)
        if isinstance(value, str):
            return value
        return self.today if value is Undated.UNCOMMITTED else None

    def completed_on(self, indices: Sequence[int]) -> str | None:
        """When a finished group of tasks was completed: the date the plan records, else its last tick.

        Ticks beyond a shallow clone's cut are older than any it has seen, so they do not
        change the answer; when no tick can be dated the answer is None.
        """
        from .history import Undated

        if (recorded := self.recorded.get(tuple(indices))) is not None:
            return recorded
        known: list[str] = []
        for i in indices:
            if self.plan.tasks[i].state is not TaskState.DONE:
                continue
            day = self.tick_date(i)
            if day is not None:
                known.append(day)
            elif self._read_history().get(i) is not Undated.BEYOND_HISTORY and self.today is None:
                return None
        return max(known) if known else None


def read_together(daters: Sequence[TaskDater], starts: Sequence[bool]) -> None:
    """Read the history every dater still needs in one pass per repository: tick dates, and
    the first commit day of those whose ``starts`` flag is set (a schedule without a start)."""
    from .history import read_histories

    asks: list[tuple[TaskDater, Path, dict[int, str], bool]] = []
    for dater, start in zip(daters, starts, strict=True):
        keys = dater._history_keys() if dater._history is None and dater.use_history else {}
        if dater._history is None and not keys:
            dater._history = {}  # nothing to date, or history is off
        start = start and dater.use_history and dater._first is None
        if dater.path is not None and (keys or start):
            asks.append((dater, dater.path, keys, start))
    if not asks:
        return
    texts: dict[Path, Iterable[str]] = {}
    for _, path, keys, _ in asks:
        if not texts.get(path):  # one text per task (not per dater), or ambiguity would double
            texts[path] = keys.values()
    found = read_histories(texts, starts=any(start for *_, start in asks))
    for dater, path, keys, start in asks:
        dater._take(keys, found[path], start)
