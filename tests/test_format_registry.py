"""The formats registry: every output format is registered once, complete, and is what the CLI prints."""

from __future__ import annotations

import inspect
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from plansync.api import check_file, inspect_file, load, load_with_dates
from plansync.cli.app import cli
from plansync.dates.schedule import schedule_of
from plansync.dates.today import local_today
from plansync.formats.registry import FORMATS, default, formatter, lookup, names
from plansync.formats.report_input import PlanReport

#: How many positional arguments each command's formatters take.
ARITY = {"check": 1, "report": 2, "badge": 2, "diff": 2}
REGISTERED = [(f.command, f.name) for f in FORMATS]

PLAN = """\
---
start: 2024-01-01
---
# Garden plan

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

## Phase 1: Beds (1 week)

- [x] Dig the beds
- [ x] Add compost

## Phase 2: Planting (2 weeks)

- [/] Sow carrots
- [ ] Water [the rows](rows.md)
"""


def invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


def format_option(command: str) -> click.Option:
    found = cli.commands[command]
    return next(p for p in found.params if isinstance(p, click.Option) and p.name == "fmt")


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plan outside any repository (no history), in the current directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_every_format_is_registered_once() -> None:
    assert len(set(REGISTERED)) == len(REGISTERED)
    assert {f.command for f in FORMATS} == set(ARITY)
    assert all(f.help and f.target.count(":") == 1 for f in FORMATS)


@pytest.mark.parametrize(("command", "name"), REGISTERED, ids=[f"{c}-{n}" for c, n in REGISTERED])
def test_every_target_imports_and_takes_its_commands_arguments(command: str, name: str) -> None:
    function = formatter(command, name)
    assert callable(function)
    inspect.signature(function).bind(*[None] * ARITY[command])


@pytest.mark.parametrize("command", sorted(ARITY))
def test_the_command_lines_choices_are_the_registry(command: str) -> None:
    option = format_option(command)
    assert isinstance(option.type, click.Choice)
    assert list(option.type.choices) == names(command)
    assert option.default == default(command) == names(command)[0]


@pytest.mark.parametrize("command", sorted(ARITY))
def test_a_made_up_format_is_refused(command: str, plan: Path) -> None:
    with pytest.raises(KeyError):
        formatter(command, "xml")
    with pytest.raises(KeyError):
        lookup(command, "xml")
    result = CliRunner().invoke(cli, [command, "--format", "xml", plan.name])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


@pytest.mark.parametrize("name", names("check"))
def test_check_formats_print_what_the_cli_prints(name: str, plan: Path) -> None:
    found = check_file(plan.name).diagnostics
    assert {d.code for d in found} >= {"PS101", "PS401", "PS501"}
    assert formatter("check", name)([(plan.name, found)]) == invoke("check", "--format", name, plan.name)


def _report_input(path: str, with_rules: bool) -> PlanReport:
    if with_rules:
        plan, dater, found = inspect_file(path, history=False)
    else:
        (plan, dater), found = load_with_dates(path, history=False), []
    return PlanReport(path, plan, dater, found, schedule_of(plan, dater, local_today()))


@pytest.mark.parametrize("name", names("report"))
def test_report_formats_print_what_the_cli_prints(name: str, plan: Path) -> None:
    reports = [_report_input(plan.name, lookup("report", name).with_rules)]
    expected = invoke("report", "--format", name, "--no-history", plan.name)
    assert expected.strip()
    assert formatter("report", name)(reports, False) == expected


def test_the_github_report_warns_on_the_phase_behind(plan: Path) -> None:
    text = formatter("report", "github")([_report_input(plan.name, False)], False)
    assert [line.split("::")[1] for line in text.splitlines()] == [
        "notice file=plan.md,title=plansync",
        "warning file=plan.md,line=14,title=plansync",
    ]


@pytest.mark.parametrize("name", names("badge"))
def test_badge_formats_print_what_the_cli_prints(name: str, plan: Path) -> None:
    counts = load(plan.name).counts
    for label in ("progress", "进度"):
        expected = invoke("badge", "--format", name, "--label", label, plan.name)
        assert formatter("badge", name)(counts, label) == expected
