"""The rules registry: every rule written is registered once, in its family, with its docs.

Adding a rule is one decorated function in its family module and one line in ``RULES``; this
is the test that fails when the line is forgotten or the rule lands in the wrong family.
"""

from __future__ import annotations

import importlib
import re

import pytest

from plansync.rules.base import Rule
from plansync.rules.registry import BY_CODE, RULES

#: Code prefix -> the module that holds that family.
FAMILIES = {
    "PS1": "tasks",
    "PS2": "structure",
    "PS3": "consistency",
    "PS4": "links",
    "PS5": "generated",
}


def _declared() -> list[tuple[str, Rule]]:
    found = []
    for module_name in FAMILIES.values():
        module = importlib.import_module(f"plansync.rules.{module_name}")
        found += [(module_name, value) for value in vars(module).values() if isinstance(value, Rule)]
    return found


def test_every_declared_rule_is_registered_once() -> None:
    declared = {rule.code for _, rule in _declared()}
    registered = [rule.code for rule in RULES]
    assert sorted(registered) == sorted(declared)
    assert len(set(registered)) == len(registered) == len(BY_CODE)
    assert registered == sorted(registered)


@pytest.mark.parametrize(("module", "rule"), _declared(), ids=lambda v: v.code if isinstance(v, Rule) else v)
def test_a_rule_lives_in_its_family_and_documents_itself(module: str, rule: Rule) -> None:
    assert re.fullmatch(r"PS[1-5]\d{2}", rule.code)
    assert FAMILIES[rule.code[:3]] == module
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name)
    assert rule.summary and rule.summary.endswith((".", ")"))
    assert "Bad" in rule.doc and "Good" in rule.doc
