"""Golden files for the report formats people read: text, markdown and GitHub annotations, zh and en.

The plans are copied outside any git repository, so no date comes from history and the
output is the same on every machine and day. Set PLANSYNC_WRITE_GOLDEN=1 to rewrite them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from plansync.cli.app import cli

from .conftest import GOLDEN

PLANS = ["zh-learning", "en-roadmap", "en-chart"]
FORMATS = {"text": "txt", "markdown": "md", "github": "txt"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("name", PLANS)
def test_report_format_golden(name: str, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    plan = tmp_path / f"{name}.md"
    shutil.copyfile(GOLDEN / f"{name}.out.md", plan)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["report", "--format", fmt, "--no-history", plan.name])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / "report" / f"{name}.{fmt}.{FORMATS[fmt]}"
    if os.environ.get("PLANSYNC_WRITE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
