"""Configuration: where it is found, what it accepts, what it refuses, what it changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import plansync
from plansync.api import check_file, load
from plansync.config import Config, ConfigError, find_config, load_config
from plansync.model import Severity

TODAY = "2026-01-02"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _plansync(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plansync", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def _refusal(start: Path) -> tuple[str, int | None, str]:
    with pytest.raises(ConfigError) as caught:
        load_config(start)
    assert len(caught.value.problems) == 1
    problem = caught.value.problems[0]
    return problem.path, problem.line, problem.message


# --- finding the file -------------------------------------------------------------------------


def test_defaults_without_a_file(tmp_path: Path) -> None:
    plan = _write(tmp_path / "plan.md", "# Plan\n\n- [ ] a\n")
    assert find_config(plan) is None
    config = load_config(plan)
    assert config == Config()
    assert config.source is None
    assert config.select == () and config.ignore == () and dict(config.severity) == {}
    assert config.count_parents is True and config.cancelled_in_total is False
    assert config.phase_level is None and config.phase_pattern is None and config.lang is None
    assert config.for_file(plan) is config


def test_plansync_toml_is_read(tmp_path: Path) -> None:
    own = _write(
        tmp_path / ".plansync.toml",
        'files = ["plans/*.md"]\n'
        "phase-level = 3\n"
        'phase-pattern = "^Step"\n'
        "count-parents = false\n"
        "cancelled-in-total = true\n"
        'lang = "zh"\n'
        'select = ["PS1", "PS2"]\n'
        'ignore = ["PS207"]\n'
        'required-headings = ["Goals"]\n'
        "[severity]\n"
        'ps101 = "warning"\n'
        'PS401 = "error"\n',
    )
    config = load_config(tmp_path / "plan.md")
    assert config.source == own.resolve()
    assert config.files == ("plans/*.md",)
    assert config.phase_level == 3
    assert config.phase_pattern == "^Step"
    assert config.count_parents is False
    assert config.cancelled_in_total is True
    assert config.lang == "zh"
    assert config.select == ("PS1", "PS2")
    assert config.ignore == ("PS207",)
    assert config.required_headings == ("Goals",)
    assert dict(config.severity) == {"PS101": Severity.WARNING, "PS401": Severity.ERROR}


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    project = _write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "demo"\n\n[tool.ruff]\nline-length = 100\n\n[tool.plansync]\nphase-level = 2\n',
    )
    config = load_config(tmp_path / "docs" / "plan.md")
    assert config.source == project.resolve()
    assert config.phase_level == 2


def test_plansync_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.plansync]\nphase-level = 2\n")
    own = _write(tmp_path / ".plansync.toml", "phase-level = 4\n")
    config = load_config(tmp_path)
    assert (config.source, config.phase_level) == (own.resolve(), 4)


def test_the_nearest_file_wins(tmp_path: Path) -> None:
    _write(tmp_path / ".plansync.toml", "phase-level = 2\n")
    inner = _write(tmp_path / "docs" / "pyproject.toml", "[tool.plansync]\nphase-level = 3\n")
    assert load_config(tmp_path / "docs" / "plan.md").source == inner.resolve()
    assert load_config(tmp_path / "docs" / "deeper" / "plan.md").phase_level == 3
    assert load_config(tmp_path / "plan.md").phase_level == 2


def test_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    outer = _write(tmp_path / "pyproject.toml", "[tool.plansync]\nphase-level = 3\n")
    _write(
        tmp_path / "pkg" / "pyproject.toml",
        '[project]\nname = "pkg"\n\n[tool.ruff]\nignore = "not ours"\n# [tool.plansync] is only mentioned\n',
    )
    config = load_config(tmp_path / "pkg" / "plan.md")
    assert config.source == outer.resolve()
    assert config.phase_level == 3


def test_pyproject_with_an_empty_table_gives_defaults_from_that_file(tmp_path: Path) -> None:
    _write(tmp_path / ".plansync.toml", "phase-level = 3\n")
    inner = _write(tmp_path / "pkg" / "pyproject.toml", "[tool.plansync]\n")
    config = load_config(tmp_path / "pkg")
    assert config.source == inner.resolve()
    assert config.phase_level is None


# --- refusals ---------------------------------------------------------------------------------


def test_unknown_key_names_the_file_and_line(tmp_path: Path) -> None:
    own = _write(tmp_path / ".plansync.toml", 'select = ["PS1"]\n\nphase_level = 2\n')
    path, line, message = _refusal(tmp_path)
    assert path == str(own.resolve())
    assert line == 3
    assert message.startswith("unknown key 'phase_level' (known: ")
    assert "phase-level" in message


def test_unknown_key_in_pyproject_names_its_line(tmp_path: Path) -> None:
    project = _write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "demo"\n\n[tool.plansync]\nphase-level = 2\nsevirity = {}\n',
    )
    path, line, message = _refusal(tmp_path)
    assert (path, line) == (str(project.resolve()), 6)
    assert "'sevirity'" in message


def test_unknown_key_in_an_override(tmp_path: Path) -> None:
    own = _write(tmp_path / ".plansync.toml", '[[overrides]]\nfiles = ["a.md"]\nbogus = 1\n')
    assert _refusal(tmp_path)[:2] == (str(own.resolve()), 3)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('phase-level = "2"\n', 1, "phase-level: expected an integer"),
        ("phase-level = true\n", 1, "phase-level: expected an integer"),
        ("phase-level = 7\n", 1, "phase-level: expected a heading level from 1 to 6"),
        ('lang = "en"\nselect = "PS1"\n', 2, "select: expected a list"),
        ("ignore = [1]\n", 1, "ignore: expected a list of strings"),
        ('severity = {PS201 = "fatal"}\n', 1, 'severity.PS201: expected "error" or "warning"'),
        ('severity = "error"\n', 1, "severity: expected a table"),
        ('count-parents = "no"\n', 1, "count-parents: expected true or false"),
        ('lang = "fr"\n', 1, 'lang: expected "zh", "en", "ja" or "ko"'),
        ('files = "plans/*.md"\n', 1, "files: expected a list"),
        ('# phases\nphase-pattern = "(Phase"\n', 2, "phase-pattern: not a valid regular expression"),
        ('required-headings = ["Goals", "[x"]\n', 1, "required-headings: not a valid regular expression"),
        ('[[overrides]]\nignore = ["PS4"]\n', None, "files: expected a list of globs in every override"),
        ('[[overrides]]\nfiles = ["*.md"]\nphase-level = "1"\n', 3, "phase-level: expected an integer"),
        ("phase-level = [\n", None, "not valid TOML"),
        ('max-file-size = "lots"\n', 1, "max-file-size: expected a positive size"),
        ("max-file-size = 0\n", 1, "max-file-size: expected a positive size"),
        ("max-file-size = true\n", 1, "max-file-size: expected a positive size"),
        ("max-file-size = 1.5\n", 1, "max-file-size: expected a positive size"),
    ],
)
def test_wrong_values_are_refused_with_the_file(
    tmp_path: Path, text: str, line: int | None, message: str
) -> None:
    own = _write(tmp_path / ".plansync.toml", text)
    path, found_line, found = _refusal(tmp_path / "plan.md")
    assert path == str(own.resolve())
    assert found_line == line
    assert found.startswith(message)


def test_wrong_type_in_pyproject(tmp_path: Path) -> None:
    project = _write(tmp_path / "pyproject.toml", '[tool.plansync]\nphase-level = "2"\n')
    assert _refusal(tmp_path) == (str(project.resolve()), 2, "phase-level: expected an integer")


def test_wrong_type_in_pyproject_points_at_the_plansync_line(tmp_path: Path) -> None:
    project = _write(
        tmp_path / "pyproject.toml",
        '[tool.ruff.lint]\nignore = ["E501"]\n\n[tool.plansync]\nignore = "PS4"\n',
    )
    assert _refusal(tmp_path) == (str(project.resolve()), 5, "ignore: expected a list")


# --- per-file overrides -----------------------------------------------------------------------

_LINKED = "# Plan\n\n- [ ] read [the notes](missing.md)\n- [ x] tidy\n"


@pytest.fixture
def overridden(tmp_path: Path) -> Path:
    _write(
        tmp_path / "pyproject.toml",
        "[tool.plansync]\n"
        'select = ["PS1", "PS4"]\n\n'
        "[[tool.plansync.overrides]]\n"
        'files = ["docs/*.md"]\n'
        'ignore = ["PS4"]\n\n'
        "[[tool.plansync.overrides]]\n"
        'files = ["docs/strict.md", "other/*.md"]\n'
        'severity = {PS401 = "error"}\n'
        'ignore = ["PS1"]\n',
    )
    for name in ("docs/plan.md", "docs/strict.md", "plans/plan.md", "other/plan.md"):
        _write(tmp_path / name, _LINKED)
    return tmp_path


def test_overrides_apply_only_to_matching_files(overridden: Path) -> None:
    config = load_config(overridden / "docs" / "plan.md")
    assert config.ignore == ()
    assert config.for_file(overridden / "docs" / "plan.md").ignore == ("PS4",)
    assert config.for_file(overridden / "plans" / "plan.md").ignore == ()
    assert config.for_file(overridden / "plans" / "plan.md") == config
    # later overrides refine earlier ones
    strict = config.for_file(overridden / "docs" / "strict.md")
    assert strict.ignore == ("PS1",)
    assert dict(strict.severity) == {"PS401": Severity.ERROR}
    assert strict.select == ("PS1", "PS4")


def test_overrides_change_what_check_reports(overridden: Path) -> None:
    def found(name: str) -> list[tuple[str, str, int | None]]:
        outcome = check_file(overridden / name, today=TODAY)
        return [(d.code, d.severity.value, d.line) for d in outcome.diagnostics]

    assert found("plans/plan.md") == [("PS401", "warning", 3), ("PS101", "error", 4)]
    assert found("docs/plan.md") == [("PS101", "error", 4)]
    # the second override's 'ignore' replaces the first one's
    assert found("docs/strict.md") == [("PS401", "error", 3)]
    assert found("other/plan.md") == [("PS401", "error", 3)]


def test_overrides_in_plansync_toml(tmp_path: Path) -> None:
    _write(tmp_path / ".plansync.toml", '[[overrides]]\nfiles = ["docs/*.md"]\nignore = ["PS4"]\n')
    _write(tmp_path / "docs" / "plan.md", _LINKED)
    _write(tmp_path / "plan.md", _LINKED)
    assert [d.code for d in check_file(tmp_path / "docs" / "plan.md", today=TODAY).diagnostics] == ["PS101"]
    assert [d.code for d in check_file(tmp_path / "plan.md", today=TODAY).diagnostics] == ["PS401", "PS101"]


def test_overrides_match_relative_to_the_config_file(overridden: Path) -> None:
    result = _plansync("check", "plan.md", "../plans/plan.md", cwd=overridden / "docs")
    assert result.stdout.splitlines() == [
        "plan.md:4:3: PS101 box '[ x]' is not a task box; write '[x]'",
        "../plans/plan.md:3:12: PS401 link to 'missing.md', which does not exist",
        "../plans/plan.md:4:3: PS101 box '[ x]' is not a task box; write '[x]'",
    ]


# --- what the settings change -----------------------------------------------------------------

_PARTS = """\
# Plan

## Part A

### Step 1

- [x] a

### Step 2

- [ ] b

## Part B

### Step 3

- [ ] c
"""


def _config(tmp_path: Path, text: str) -> Config:
    _write(tmp_path / ".plansync.toml", text)
    return load_config(tmp_path)


def test_phases_are_detected_by_default(tmp_path: Path) -> None:
    plan = plansync.parse(_PARTS, _config(tmp_path, ""))
    assert plan.phase_level == 2
    assert [p.heading.title for p in plan.phases] == ["Part A", "Part B"]
    assert [[s.heading.title for s in p.sections] for p in plan.phases] == [["Step 1", "Step 2"], ["Step 3"]]


def test_phase_level(tmp_path: Path) -> None:
    plan = plansync.parse(_PARTS, _config(tmp_path, "phase-level = 3\n"))
    assert plan.phase_level == 3
    assert [p.heading.title for p in plan.phases] == ["Step 1", "Step 2", "Step 3"]
    assert [p.counts.total for p in plan.phases] == [1, 1, 1]


def test_phase_pattern(tmp_path: Path) -> None:
    plan = plansync.parse(_PARTS, _config(tmp_path, 'phase-pattern = "^Step [13]$"\n'))
    assert [p.heading.title for p in plan.phases] == ["Step 1", "Step 3"]
    plan = plansync.parse(_PARTS, _config(tmp_path, 'phase-pattern = "B$"\n'))
    assert [p.heading.title for p in plan.phases] == ["Part B"]
    assert plan.counts.total == 3


_FAMILY = """\
# Plan

- [ ] parent
  - [x] child one
  - [ ] child two
    - [x] grandchild
- [x] leaf
- [-] dropped
"""


def test_count_parents(tmp_path: Path) -> None:
    counted = plansync.parse(_FAMILY, _config(tmp_path, "count-parents = true\n")).counts
    assert (counted.done, counted.open, counted.total) == (3, 2, 5)
    leaves = plansync.parse(_FAMILY, _config(tmp_path, "count-parents = false\n")).counts
    # 'parent' and 'child two' have subtasks: they leave the counts
    assert (leaves.done, leaves.open, leaves.cancelled, leaves.total) == (3, 0, 1, 3)
    assert leaves.percent == 100.0


def test_cancelled_in_total(tmp_path: Path) -> None:
    text = "# Plan\n\n- [x] a\n- [-] b\n- [ ] c\n- [ ] d\n"
    default = plansync.parse(text, _config(tmp_path, "")).counts
    assert (default.total, default.percent) == (3, 33.3)
    everything = plansync.parse(text, _config(tmp_path, "cancelled-in-total = true\n")).counts
    assert (everything.total, everything.percent) == (4, 25.0)


def test_lang(tmp_path: Path) -> None:
    english = "# Plan\n\n## Phase 1\n\n- [ ] write the parser\n"
    chinese = "# 学习计划\n\n## 第一阶段\n\n- [ ] 阅读源代码\n"
    assert plansync.parse(english, _config(tmp_path, "")).lang == "en"
    assert plansync.parse(english, _config(tmp_path, 'lang = "zh"\n')).lang == "zh"
    assert plansync.parse(chinese, _config(tmp_path, "")).lang == "zh"
    assert plansync.parse(chinese, _config(tmp_path, 'lang = "en"\n')).lang == "en"


def test_load_uses_the_config_beside_the_plan(tmp_path: Path) -> None:
    path = _write(tmp_path / "plan.md", _PARTS)
    assert [p.heading.title for p in load(path).phases] == ["Part A", "Part B"]
    _write(tmp_path / ".plansync.toml", "phase-level = 3\n")
    assert [p.heading.title for p in load(path).phases] == ["Step 1", "Step 2", "Step 3"]


@pytest.mark.parametrize(
    ("config", "body"),
    [
        ("cancelled-in-total = true\n", "- [x] a\n- [ ] b\n- [-] c\n"),
        ("count-parents = false\n", "- [ ] a\n  - [x] a1\n  - [ ] a2\n  - [ ] a3\n"),
    ],
)
def test_hand_progress_follows_the_counting_policy(tmp_path: Path, config: str, body: str) -> None:
    _write(tmp_path / ".plansync.toml", config)
    path = _write(tmp_path / "plan.md", f"# Plan\n\n## Phase 1 (1/3)\n\n{body}\n## Phase 2\n\n- [ ] d\n")
    plan = load(path)
    assert (plan.phases[0].counts.done, plan.phases[0].counts.total) == (1, 3)
    assert [d for d in check_file(path, today=TODAY).diagnostics if d.code == "PS303"] == []


# --- the command line -------------------------------------------------------------------------


def test_cli_reports_a_broken_config_with_its_line(tmp_path: Path) -> None:
    own = _write(tmp_path / ".plansync.toml", 'select = ["PS1"]\nbogus = 1\n')
    _write(tmp_path / "plan.md", "# Plan\n\n- [ ] a\n")
    # (sync skips a file without markers before it reads any configuration)
    for command in (["check", "plan.md"], ["report", "plan.md"], ["report", "--format", "json", "plan.md"]):
        result = _plansync(*command, cwd=tmp_path)
        assert result.returncode == 2, (command, result.stderr)
        assert result.stderr.startswith(f"{own.resolve()}:2:1: unknown key 'bogus' (known: "), command
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_cli_reports_broken_toml_with_the_path(tmp_path: Path) -> None:
    own = _write(tmp_path / ".plansync.toml", "phase-level = [\n")
    _write(tmp_path / "plan.md", "# Plan\n\n- [ ] a\n")
    result = _plansync("check", "--format", "json", "plan.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{own.resolve()}: not valid TOML: ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["check", "sync"])
def test_cli_reports_a_broken_config_without_paths(tmp_path: Path, command: str) -> None:
    own = _write(tmp_path / ".plansync.toml", "bogus = 1\n")
    _write(tmp_path / "plan.md", "# Plan\n\n- [ ] a\n")
    result = _plansync(command, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{own.resolve()}:1:1: unknown key 'bogus'")
    assert result.returncode == 2


def test_files_pick_the_plans_to_check(tmp_path: Path) -> None:
    _write(tmp_path / ".plansync.toml", 'files = ["plans/*.md"]\n')
    _write(tmp_path / "plans" / "a.md", "# A\n\n- [ x] a\n")
    _write(tmp_path / "plans" / "b.md", "# B\n\n- [x ] b\n")
    _write(tmp_path / "plans" / "notes.txt", "- [ x] not markdown\n")
    _write(tmp_path / "README.md", "# Readme\n\n- [] not checked\n")
    _write(tmp_path / "plans" / "deeper" / "c.md", "# C\n\n-[ ] also\n")
    result = _plansync("check", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    # Path.glob: '*' stays within plans/, so plans/deeper/c.md is not checked
    assert lines == [
        "plans/a.md:3:3: PS101 box '[ x]' is not a task box; write '[x]'",
        "plans/b.md:3:3: PS101 box '[x ]' is not a task box; write '[x]'",
    ]
    # from a subfolder the globs still start at the config file
    inner = _plansync("check", cwd=tmp_path / "plans")
    assert inner.stdout.splitlines() == [
        "a.md:3:3: PS101 box '[ x]' is not a task box; write '[x]'",
        "b.md:3:3: PS101 box '[x ]' is not a task box; write '[x]'",
    ]


@pytest.mark.parametrize(
    ("value", "size"),
    [("4096", 4096), ('"512KB"', 512 * 1024), ('"64 mb"', 64 * 1024**2), ('"1GB"', 1024**3), ('"7b"', 7)],
)
def test_max_file_size_units(tmp_path: Path, value: str, size: int) -> None:
    _write(tmp_path / ".plansync.toml", f"max-file-size = {value}\n")
    assert load_config(tmp_path / "plan.md").max_bytes == size


def test_the_size_cap_is_generous_by_default_and_configurable(tmp_path: Path) -> None:
    assert Config().max_bytes == 32 * 1024 * 1024
    plan = _write(
        tmp_path / "plan.md",
        "# Plan\n\n- [x] a\n\n<!-- plansync:begin summary -->\n<!-- plansync:end summary -->\n"
        + "filler line\n" * 400,
    )
    size = plan.stat().st_size
    before = plan.read_bytes()
    _write(tmp_path / ".plansync.toml", '[[overrides]]\nfiles = ["plan.md"]\nmax-file-size = "4KB"\n')
    refused = _plansync("sync", "plan.md", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr == f"plan.md: file is {size} bytes, over the 4096-byte limit (max-file-size)\n"
    assert plan.read_bytes() == before
    _write(tmp_path / ".plansync.toml", 'max-file-size = "8KB"\n')
    assert _plansync("sync", "plan.md", cwd=tmp_path).returncode == 0
    assert plan.read_bytes() != before
