"""Region output: golden files in every label language, and a fixed point of mdformat and prettier."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import plansync
from plansync.document.text import Text, line_starts
from plansync.model import Counts
from plansync.regions.escape import neutralize, table_cell
from plansync.regions.figures import bar, percent_text
from plansync.regions.labels import LANGUAGES
from plansync.regions.splice import region_body
from plansync.regions.table import render_table

from .conftest import EXAMPLES, GOLDEN, ROOT

CASES = sorted(p.name.removesuffix(".in.md") for p in GOLDEN.glob("*.in.md"))


def regions_only(text: str) -> str:
    """Every region of a synced text, markers included, as a document of its own."""
    plan = plansync.parse(text)
    starts = line_starts(text)
    parts = []
    for region in plan.regions:
        begin = text[starts[region.begin_line - 1] : starts[region.begin_line]]
        end = text[starts[region.end_line - 1] : starts[region.end_line]].rstrip("\n") + "\n"
        parts.append(begin + region_body(Text(text), region) + end)
    return "\n".join(parts)


def synced_documents() -> list[tuple[str, str]]:
    docs = [(name, (GOLDEN / f"{name}.out.md").read_text(encoding="utf-8")) for name in CASES]
    docs += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.md"))]
    return docs


def test_there_are_golden_cases_in_every_language() -> None:
    for lang in LANGUAGES:
        assert any(c.startswith(f"{lang}-") for c in CASES), lang
        assert any(
            plansync.parse((GOLDEN / f"{c}.in.md").read_text(encoding="utf-8")).lang == lang for c in CASES
        )


@pytest.mark.parametrize("name", CASES)
def test_golden_output(name: str) -> None:
    source = (GOLDEN / f"{name}.in.md").read_text(encoding="utf-8")
    expected = (GOLDEN / f"{name}.out.md").read_text(encoding="utf-8")
    assert plansync.sync_text(source) == expected
    assert plansync.sync_text(expected) == expected


@pytest.mark.parametrize(("name", "text"), synced_documents(), ids=[n for n, _ in synced_documents()])
def test_regions_are_a_fixed_point_of_mdformat(name: str, text: str) -> None:
    mdformat = pytest.importorskip("mdformat")
    doc = regions_only(text)
    assert doc.count("<!-- plansync:begin") >= 1
    assert mdformat.text(doc, extensions={"gfm"}) == doc


def _prettier() -> list[str] | None:
    local = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "prettier"
    if local.exists():
        return [str(local)]
    found = os.environ.get("PLANSYNC_PRETTIER") or shutil.which("prettier")
    return [found] if found else None


@pytest.mark.parametrize(("name", "text"), synced_documents(), ids=[n for n, _ in synced_documents()])
def test_regions_are_a_fixed_point_of_prettier(name: str, text: str, tmp_path: Path) -> None:
    prettier = _prettier()
    if prettier is None:
        pytest.skip("prettier is not installed (.ci/run installs it into .ci/node with npm)")
    doc = tmp_path / "regions.md"
    doc.write_text(regions_only(text), encoding="utf-8")
    out = subprocess.run(
        [*prettier, "--parser", "markdown", str(doc)], capture_output=True, text=True, check=True
    )
    assert out.stdout == doc.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write --> here", "write -\u2060-> here"),
        ("<!-- plansync:end summary --> trick", "trick"),  # a whole comment shows nothing: dropped
        ("plansync:end summary --> trick <!--", "plansync:end summary -\u2060-> trick \\<!-\u2060-"),
        ("`<!-- x -->` and <!--", "`<!-\u2060- x -\u2060->` and \\<!-\u2060-"),
        ("``a ` <!-- b``", "``a ` <!-\u2060- b``"),
        ("bell\x07 and \x1b[31mred", "bell and [31mred"),
        ("  padded  ", "padded"),
    ],
)
def test_neutralize_makes_text_unable_to_forge_markers(text: str, expected: str) -> None:
    assert neutralize(text) == expected


def test_table_cells_escape_the_column_separator_once() -> None:
    assert table_cell("a | b \\| c") == "a \\| b \\| c"


@pytest.mark.parametrize(
    ("counts", "percent", "bar_text"),
    [
        (Counts(open=1), "0%", "░" * 10),
        (Counts(open=1, done=1), "50%", "█" * 5 + "░" * 5),
        (Counts(open=59, done=1), "1.7%", "░" * 10),
        (Counts(open=1, done=99), "99%", "█" * 9 + "░"),
        (Counts(done=3, cancelled=1), "100%", "█" * 10),
        (Counts(cancelled=2), "—", "░" * 10),
    ],
)
def test_percent_and_bar(counts: Counts, percent: str, bar_text: str) -> None:
    assert percent_text(counts) == percent
    assert bar(counts) == bar_text


def test_tables_pad_wide_characters_by_display_width() -> None:
    lines = render_table(["阶段", "x"], [["第一阶段 🚀", "1"], ["ab", "22"]])
    assert lines == [
        "| 阶段        | x   |",
        "| ----------- | --- |",
        "| 第一阶段 🚀 | 1   |",
        "| ab          | 22  |",
    ]
