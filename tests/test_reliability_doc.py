"""docs/reliability.md stays in step with the tests: rows 1..60, every cited test exists, no TODO left."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "reliability.md"
ROW = re.compile(r"^\|\s*(\d+)\s*\|", re.MULTILINE)
CITED = re.compile(r"\btests/([\w/]+\.py)::(\w+)")


def rows() -> list[str]:
    return [line for line in DOC.read_text(encoding="utf-8").splitlines() if ROW.match(line)]


def test_the_table_has_rows_1_to_60_in_order() -> None:
    numbers = [int(m.group(1)) for line in rows() if (m := ROW.match(line))]
    assert numbers == list(range(1, 61))


def test_every_row_cites_a_test_or_says_why_not() -> None:
    bare = [line[:60] for line in rows() if not CITED.search(line) and "n/a" not in line]
    assert bare == []


def test_every_cited_test_exists() -> None:
    cited = {(file, name) for file, name in CITED.findall(DOC.read_text(encoding="utf-8"))}
    assert cited
    missing = []
    for file, name in sorted(cited):
        path = ROOT / "tests" / file
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        if not re.search(rf"^\s*def {name}\(", text, re.MULTILINE):
            missing.append(f"tests/{file}::{name}")
    assert missing == []


def test_no_row_is_left_to_do() -> None:
    todo = [int(m.group(1)) for line in rows() if "TODO" in line and (m := ROW.match(line))]
    assert todo == [], f"rows still marked TODO: {todo}"
