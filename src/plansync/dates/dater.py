"""Dates of done tasks and completed groups: recorded dates first, then git history.

A completed group's date recorded in the plan's milestones region, and a task's ✅ stamp, are
data in the document: every output shows them. History only fills what nothing records.

History is read lazily, at most once per file, and only when a date is actually needed
(a new milestone, a new stamp, or ``done_on`` in the JSON report), so the commit hook stays
fast. A tick history has not seen is happening now: it takes ``today``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ..document.stamps import stamp_date
from ..document.text import Text
from ..model import Plan, TaskState


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
        if self._history is not None:
            return self._history
        self._history = {}
        if not self.use_history or self.path is None:
            return self._history
        from .history import HistoryUnavailable, task_key, tick_dates

        keys: dict[int, str] = {}
        for i, task in enumerate(self.plan.tasks):
            if task.state is TaskState.DONE and stamp_date(task.stamp) is None:
                parsed = task_key(self.lines.content(task.line))
                if parsed is not None:
                    keys[i] = parsed[1]
        if not keys:
            return self._history
        try:
            dates = tick_dates(self.path, keys.values())
        except HistoryUnavailable as exc:
            self.note = exc.problems[0].message
            self.use_history = False
            return self._history
        self._history = {i: dates.get(key) for i, key in keys.items()}
        return self._history

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
