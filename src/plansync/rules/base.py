"""What a rule is, what it sees, and how findings become diagnostics."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from ..document.inline import code_span_split
from ..document.text import Text
from ..model import Counts, Plan, Severity


class Finding(NamedTuple):
    line: int | None
    col: int
    message: str
    #: The line's new content, when a safe fix exists.
    fix: str | None = None


class RuleContext:
    """Everything a rule may look at. Rules never read files or call git themselves.

    A plain class rather than a dataclass: it is built once per check, and a dataclass
    costs a millisecond to define at every start.
    """

    def __init__(
        self,
        plan: Plan,
        text: Text,
        path: Path | None = None,
        today: str | None = None,
        required_headings: tuple[str, ...] = (),
        exists: Callable[[str], bool] | None = None,
        stale: Sequence[int] = (),
        stamped: list[int] | None = None,
        cookies: list[int] | None = None,
        count: Callable[[Iterable[int]], Counts] | None = None,
        edited: frozenset[int] = frozenset(),
    ) -> None:
        self.plan = plan
        self.text = text
        self.path = path
        #: The local date, for rules about dates in the future.
        self.today = today
        #: Regexes of headings every phase must have (``required-headings``).
        self.required_headings = required_headings
        #: Whether a relative link target exists (None: links are not checked).
        self.exists = exists
        #: Indices of the regions ``sync`` would change.
        self.stale = stale
        #: Task lines whose ✅ stamp ``sync`` would add or remove.
        self.stamped = stamped or []
        #: Heading lines whose progress cookie ``sync`` would rewrite.
        self.cookies = cookies or []
        #: Counts of a group of tasks (by index) under the configured counting policy.
        self.count = count
        #: Indices of the stale regions whose body holds text plansync never writes.
        self.edited = edited

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines without line endings; ``lines[n - 1]`` is line ``n``."""
        return self.text.lines()

    @cached_property
    def task_lines(self) -> frozenset[int]:
        return frozenset(t.line for t in self.plan.tasks)

    def markdown_lines(self) -> list[tuple[int, str]]:
        """(number, line) of every line that is Markdown prose: not code, HTML, front matter or a region."""
        return self._prose

    @cached_property
    def _prose(self) -> list[tuple[int, str]]:
        skip = [(a, b) for a, b in self.plan.opaque]
        skip += [(r.begin_line, r.end_line) for r in self.plan.regions]
        skip.sort()
        prose = []
        k = 0
        for number, line in enumerate(self.lines, 1):
            while k < len(skip) and skip[k][1] < number:
                k += 1
            if not (k < len(skip) and skip[k][0] <= number <= skip[k][1]):
                prose.append((number, line))
        return prose

    @cached_property
    def phase_of_heading(self) -> list[int | None]:
        """Per heading index, the index of the phase heading above it (or itself), if any."""
        headings = self.plan.headings
        index = {id(h): i for i, h in enumerate(headings)}
        phases = {index[id(p.heading)] for p in self.plan.phases}
        owner: list[int | None] = []
        for i, heading in enumerate(headings):
            parent = heading.parent
            owner.append(i if i in phases else owner[parent] if parent is not None else None)
        return owner


Check = Callable[[RuleContext], Iterator[Finding]]


class Rule(NamedTuple):
    code: str
    name: str
    severity: Severity
    check: Check
    fixable: bool = False

    @property
    def doc(self) -> str:
        return _dedent(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]


def rule(code: str, name: str, severity: Severity, fixable: bool = False) -> Callable[[Check], Rule]:
    """Declare a rule; its docstring is its summary line plus a bad and a good example."""

    def wrap(check: Check) -> Rule:
        return Rule(code, name, severity, check, fixable)

    return wrap


def _dedent(doc: str) -> str:
    lines = doc.strip("\n").split("\n")
    indents = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    cut = min(indents) if indents else 0
    return "\n".join([lines[0].strip(), *(line[cut:] for line in lines[1:])]).strip()


def without_code_spans(line: str) -> str:
    """The line with inline code blanked out (same length, so columns still hold)."""
    if "`" not in line:
        return line
    return "".join(" " * len(piece) if code else piece for code, piece in code_span_split(line))
