"""The code style gates run with the suite: ruff on everything, mypy --strict on src."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT


def _tool(name: str) -> list[str]:
    if (
        shutil.which(name) is None
        and subprocess.run(
            [sys.executable, "-m", name, "--version"], capture_output=True, check=False
        ).returncode
        != 0
    ):
        pytest.skip(f"{name} is not installed (it is in the test extra)")
    return [sys.executable, "-m", name]


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [*_tool("ruff"), "check", "src", "tests", "fuzz", "benchmarks", "noxfile.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = subprocess.run(
        [*_tool("ruff"), "format", "--check", "src", "tests", "fuzz", "benchmarks", "noxfile.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    result = subprocess.run([*_tool("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_source_never_evaluates_or_shells_out() -> None:
    pattern = re.compile(r"\beval\(|\bexec\(|shell=True|os\.system\(|os\.popen\(")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "src").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_only_plansyncs_own_constant_templates_are_formatted() -> None:
    """``str.format`` on user text could walk attributes (``{0.__class__}``); every use is pinned.
    YAML (prettier's configuration files) is only ever read with ``safe_load``."""
    pattern = re.compile(
        r"\.format(?:_map)?\(|string\.Template|\b__import__\(|\bpickle\b|\byaml\.(?!safe_load\()"
    )
    uses = [
        f"{path.relative_to(ROOT).as_posix()}: {line.strip()}"
        for path in sorted((ROOT / "src").rglob("*.py"))
        for line in path.read_text(encoding="utf-8").split("\n")
        if pattern.search(line)
    ]
    assert uses == [
        "src/plansync/regions/labels.py: return template.format(**values) if values else template",
        "src/plansync/workspace/hooks.py: return _HOOK_TEMPLATE.format("
        "signature=SIGNATURE, python=shlex.quote(python))",
    ]


def test_public_api_names_are_exported() -> None:
    import plansync

    for name in plansync.__all__:
        assert getattr(plansync, name) is not None
