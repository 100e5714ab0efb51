"""Pairing the tasks of two versions of a plan, and the groups a change completes or reopens."""

from __future__ import annotations

from plansync.delta.compare import compare_plans
from plansync.delta.matching import pair_tasks
from plansync.pipeline import parse


def test_equal_lists_pair_in_order() -> None:
    assert pair_tasks(["a", "b"], ["a", "b"]) == ([(0, 0), (1, 1)], [], [])


def test_a_slight_edit_pairs_a_rewrite_does_not() -> None:
    found = pair_tasks(
        ["Write the block tokenizer", "Ship it"], ["Write the block tokeniser", "Plant a tree"]
    )
    assert found.pairs == [(0, 0)] and found.removed == [1] and found.added == [1]


def test_a_moved_task_pairs_by_its_text() -> None:
    found = pair_tasks(["Alpha task", "Beta task", "Gamma work"], ["Beta task", "Gamma work", "Alpha task"])
    assert sorted(found.pairs) == [(0, 2), (1, 0), (2, 1)] and found.removed == found.added == []


def test_whitespace_and_case_do_not_matter() -> None:
    assert pair_tasks(["Read  the Spec"], ["read the spec"]).pairs == [(0, 0)]


def test_unnumbered_groups_are_named_by_title() -> None:
    old = "# Plan\n\n## Setup\n\n- [ ] one\n- [x] two\n\n## Later\n\n- [ ] three\n"
    change = compare_plans("p.md", None, parse(old), parse(old.replace("[ ] one", "[x] one")))
    assert change.ticked == (0,)
    assert [(c.kind, c.number, c.title) for c in change.completed] == [("phase", None, "Setup")]


def test_cancelling_the_last_open_task_completes_its_section() -> None:
    old = "# P\n\n## 1 A\n\n- [x] one\n- [ ] two\n\n## 2 B\n\n- [ ] three\n"
    change = compare_plans("p.md", None, parse(old), parse(old.replace("[ ] two", "[-] two")))
    assert [(c.kind, c.number) for c in change.completed] == [("phase", "1")]
    assert change.ticked == ()
