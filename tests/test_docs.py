"""The documentation's links hold: plansync's own link rules (PS401, PS402) pass on every page.

Each page is checked through the command line (``python -m plansync check --format json``), so
the test depends only on the documented interface. Other findings (a page is not a plan) are
not this test's business; only the link rules are.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, ROOT / "CONTRIBUTING.md", *DOCS]
LINK_RULES = {"PS401", "PS402"}
MAX_README_LINES = 300


def _check_json(page: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "plansync", "check", "--format", "json", page.name],
        cwd=page.parent,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    # 0: clean, 1: error-level findings (rules other than the link rules may fire on prose).
    assert done.returncode in (0, 1), done.stderr
    report: dict[str, object] = json.loads(done.stdout)
    assert report["schema"] == "plansync.check/1"
    return report


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_links_on_the_page_resolve(page: Path) -> None:
    assert page.is_file(), f"{page.relative_to(ROOT)} is missing"
    report = _check_json(page)
    broken = [
        f"{entry['path']}:{d['line']}:{d['col']}: {d['code']} {d['message']}"
        for entry in report["files"]  # type: ignore[attr-defined]
        for d in entry["diagnostics"]
        if d["code"] in LINK_RULES
    ]
    assert broken == []


def test_the_readme_stays_a_front_door() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_README_LINES, f"README.md has {len(lines)} lines; move reference text to docs/"


@pytest.mark.parametrize("page", DOCS, ids=[p.name for p in DOCS])
def test_every_docs_page_is_linked_from_the_readme(page: Path) -> None:
    readme = README.read_text(encoding="utf-8")
    target = f"docs/{page.name}"
    assert f"]({target})" in readme or f"]({target}#" in readme, f"README.md does not link {target}"


def test_the_readme_shows_the_examples_regions_as_they_are() -> None:
    """The README's tour copies the roadmap example's summary and progress regions verbatim."""
    example = (ROOT / "examples" / "roadmap-en.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("summary", "progress"):
        pattern = rf"<!-- plansync:begin {name} -->\n.*?<!-- plansync:end {name} -->\n"
        found = re.search(pattern, example, re.S)
        assert found is not None and found.group(0) in readme
