"""Pair the tasks of two versions of a plan by position and similarity.

A reviewer edits a task's wording and ticks it in the same change; matching on exact text would
call that one task removed and another added. ``difflib`` aligns the two task lists; inside a
replaced stretch, tasks pair up with the most similar counterpart, and what is left over pairs
by identical text anywhere (a task moved to another section).
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

#: How alike two task texts must be (difflib's ratio) to count as one task edited.
SIMILAR = 0.6


class Pairing(NamedTuple):
    """Indices into the old and new task lists."""

    pairs: list[tuple[int, int]]
    #: Old tasks with no counterpart: removed.
    removed: list[int]
    #: New tasks with no counterpart: added.
    added: list[int]


def _normalized(text: str) -> str:
    return " ".join(text.split()).casefold()


def pair_tasks(old: Sequence[str], new: Sequence[str]) -> Pairing:
    """Pair ``old`` and ``new`` task texts; see the module docstring."""
    a, b = [_normalized(t) for t in old], [_normalized(t) for t in new]
    pairs: list[tuple[int, int]] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += zip(range(i1, i2), range(j1, j2), strict=True)
        elif tag == "replace":
            pairs += _similar(a, b, range(i1, i2), range(j1, j2))
    removed = sorted(set(range(len(a))) - {i for i, _ in pairs})
    added = sorted(set(range(len(b))) - {j for _, j in pairs})
    moved = _same_text(a, b, removed, added)
    pairs += moved
    moved_old, moved_new = {i for i, _ in moved}, {j for _, j in moved}
    removed = [i for i in removed if i not in moved_old]
    added = [j for j in added if j not in moved_new]
    return Pairing(sorted(pairs), removed, added)


def _similar(a: list[str], b: list[str], olds: range, news: range) -> list[tuple[int, int]]:
    """Within one replaced stretch, each old task with its most similar unpaired new one."""
    taken: set[int] = set()
    found: list[tuple[int, int]] = []
    for i in olds:
        best, score = None, SIMILAR
        for j in news:
            if j in taken:
                continue
            ratio = SequenceMatcher(None, a[i], b[j], autojunk=False).ratio()
            if ratio >= score:
                best, score = j, ratio
        if best is not None:
            taken.add(best)
            found.append((i, best))
    return found


def _same_text(a: list[str], b: list[str], removed: list[int], added: list[int]) -> list[tuple[int, int]]:
    """Leftover tasks with identical text: the same task moved elsewhere in the plan."""
    waiting: dict[str, list[int]] = {}
    for j in added:
        waiting.setdefault(b[j], []).append(j)
    found: list[tuple[int, int]] = []
    for i in removed:
        if waiting.get(a[i]):
            found.append((i, waiting[a[i]].pop(0)))
    return found
