"""Algorithmic shape: hostile inputs cost what a normal plan of their size costs, and time is linear.

Every figure is a ratio of two timings taken in the same test, so the bounds hold on a slow or
busy machine; each timing is the best of three runs. A quadratic slip (one regex that
backtracks over a long run of blanks was enough) makes a ratio explode far past these bounds.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from plansync.api import check_file, sync_file
from plansync.document.parse import parse_document

HEAD = (
    "# Plan\n\n<!-- plansync:begin summary -->\n<!-- plansync:end summary -->\n\n"
    "<!-- plansync:begin progress depth=sections -->\n<!-- plansync:end progress -->\n\n"
    "## Phase 1 [0/0]\n\n"
)


def normal_plan(size: int) -> str:
    """A plan of about ``size`` characters shaped like real ones: sections, tasks, code, links."""
    parts, number = [HEAD], 0
    while sum(map(len, parts)) < size:
        parts.append(
            f"### 1.{number} Section about things\n\n- [x] task {number}, done with `code`\n"
            f"- [ ] another task {number} and [a link](https://example.org/{number})\n\n"
        )
        number += 1
    return "".join(parts)


def _repeat(block: str, size: int) -> str:
    return HEAD + block * max(1, size // len(block))


#: Inputs that make naive parsers, regexes or renderers blow up, each of about ``size`` characters.
HOSTILE: dict[str, Callable[[int], str]] = {
    "one line of [": lambda size: HEAD + "- [ ] " + "[" * size + "\n",
    "many [ tasks": lambda size: _repeat("- [ ] [\n", size),
    "long blank run in a task": lambda size: HEAD + "- [x] a" + " \t" * (size // 2) + "b ✅\n",
    "long blank run in a heading": lambda size: HEAD + "## a" + " " * size + "b [1/2]\n\n- [ ] x\n",
    "unclosed links": lambda size: HEAD + "## [a](" + "[a](" * (size // 4) + "\n\n- [ ] x\n",
    "unclosed brackets before a link": lambda size: HEAD + "- [ ] " + "[" * size + "[a](b)\n",
    "unclosed comments": lambda size: _repeat("<!--\n", size),
    "backticks": lambda size: HEAD + "- [ ] " + "`a" * (size // 2) + "\n",
    "angle brackets": lambda size: HEAD + "## " + "<" * size + "\n\n- [ ] x\n",
    "phase words": lambda size: HEAD + "## phase" + " " * size + "x\n\n- [ ] x\n",
    "cookie lookalikes": lambda size: HEAD + "## h " + "[1/2] " * (size // 6) + "x\n\n- [ ] x\n",
    "deep lists": lambda size: _repeat("".join("  " * i + "- [ ] d\n" for i in range(60)) + "\n", size),
    "deep quotes": lambda size: _repeat(">" * 60 + " - [ ] q\n\n", size),
    "stamps years apart": lambda size: (
        _repeat("- [x] a ✅ 2025-01-06\n- [x] b ✅ 9999-12-27\n", size)
        + "<!-- plansync:begin chart -->\n<!-- plansync:end chart -->\n"
    ),
}


def _best_of_five(work: Callable[[], object]) -> float:
    """The best of five timings in CPU time: the disk's fsync latency, which varies from one
    write to the next, is no part of how plansync scales. The cycle collector is off, as the
    command line runs (it would re-scan the tokens and the plan more often the larger they are)."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(5):
            start = time.process_time()
            work()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def _plansync_cost(text: str, tmp_path: Path) -> float:
    """What a commit costs: check (rules included) and a sync without history."""
    plan = tmp_path / "plan.md"

    def work() -> None:
        plan.write_text(text, encoding="utf-8")
        check_file(plan)
        sync_file(plan, history=False)

    return _best_of_five(work)


def _parse_cost(text: str) -> float:
    return _best_of_five(lambda: parse_document(text))


SIZE = 20_000


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_input_costs_what_the_parser_and_a_normal_plan_cost(kind: str, tmp_path: Path) -> None:
    """plansync's own work on hostile text costs at most a few normal plans of the same size.

    Where the parser itself is slower on the hostile text (sixty nested quotes on every line),
    plansync may be slower by the same factor: what is measured is what plansync adds.
    """
    text = HOSTILE[kind](SIZE)
    normal_text = normal_plan(len(text))
    normal, hostile = _plansync_cost(normal_text, tmp_path), _plansync_cost(text, tmp_path)
    parser_factor = max(1.0, _parse_cost(text) / _parse_cost(normal_text))
    assert hostile <= 3 * normal * parser_factor, (kind, hostile, normal, parser_factor)


@pytest.mark.parametrize("kind", ["normal plan", *sorted(HOSTILE)])
def test_four_times_the_input_costs_at_most_five_times_the_time(kind: str, tmp_path: Path) -> None:
    make = normal_plan if kind == "normal plan" else HOSTILE[kind]
    small_text, large_text = make(SIZE // 2), make(SIZE * 2)
    small, large = _plansync_cost(small_text, tmp_path), _plansync_cost(large_text, tmp_path)
    # Repeated blocks make "four times" 4.2 times for some shapes: the bound follows the input.
    grown = len(large_text) / len(small_text)
    assert large <= 1.25 * grown * small, (kind, large, small, grown)
