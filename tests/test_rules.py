"""The structure rules: the case table, the registry, `plansync rules`, suppression, config, --fix."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plansync.api import check_file, fix_file
from plansync.model import Diagnostic, Severity
from plansync.rules.registry import BY_CODE, RULES

from .conftest import EXAMPLES, GOLDEN, shared_path
from .data.rules_cases import CASES, EXISTING_FILES, REQUIRED_HEADINGS, TODAY


def _plansync(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plansync", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def _toml_list(items: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


def _write_plan(tmp_path: Path, markdown: str, config: str | None = None) -> Path:
    for name in EXISTING_FILES:
        (tmp_path / name).write_text("# Notes\n", encoding="utf-8")
    if config is not None:
        (tmp_path / ".plansync.toml").write_text(config, encoding="utf-8")
    plan = tmp_path / "plan.md"
    plan.write_bytes(markdown.encode("utf-8"))
    return plan


def _found(path: Path) -> list[Diagnostic]:
    return check_file(path, today=TODAY).diagnostics


# --- the case table ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "markdown", "expected"),
    [pytest.param(code, markdown, expected, id=f"{code}-{name}") for code, name, markdown, expected in CASES],
)
def test_rule_case(tmp_path: Path, code: str, markdown: str, expected: list[tuple[int, int, str]]) -> None:
    config = f"required-headings = {_toml_list(REQUIRED_HEADINGS)}\n" if code == "PS208" else None
    path = _write_plan(tmp_path, markdown, config)
    outcome = check_file(path, today=TODAY)
    assert [(d.line, d.col, d.message) for d in outcome.diagnostics if d.code == code] == expected


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    failing = {code for code, _, _, expected in CASES if expected}
    passing = {code for code, _, _, expected in CASES if not expected}
    codes = {r.code for r in RULES}
    assert failing == codes
    assert passing == codes


def test_case_names_are_unique_per_code() -> None:
    keys = [(code, name) for code, name, _, _ in CASES]
    assert len(keys) == len(set(keys))
    assert all(code in BY_CODE for code, _ in keys)


def test_case_messages_name_the_rule_once_and_end_without_a_newline() -> None:
    for _, _, _, expected in CASES:
        for line, col, message in expected:
            assert line >= 1 and col >= 1
            assert message and "\n" not in message and message == message.strip()
            assert not re.search(r"PS\d{3}", message)


# --- the registry -----------------------------------------------------------------------------


def test_rule_codes_are_unique_and_well_formed() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"PS[1-5]\d\d", code) for code in codes)
    assert codes == sorted(codes)
    assert set(BY_CODE) == set(codes)
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", name) for name in names)


@pytest.mark.parametrize("chosen", RULES, ids=[r.code for r in RULES])
def test_rule_documents_itself(chosen: object) -> None:
    from plansync.rules.base import Rule

    assert isinstance(chosen, Rule)
    assert isinstance(chosen.severity, Severity)
    summary = chosen.summary
    assert summary and "\n" not in summary and summary == summary.strip()
    assert summary == chosen.doc.split("\n", 1)[0]
    lines = chosen.doc.split("\n")
    bad = next(i for i, line in enumerate(lines) if line.startswith("Bad"))
    good = next(i for i, line in enumerate(lines) if line.startswith("Good"))
    assert 0 < bad < good
    # the bad example has a body of its own between the two labels
    assert any(line.strip() for line in lines[bad + 1 : good])
    # `plansync rules` and SARIF print the doc as it is: plain text, no reST markup
    assert "``" not in chosen.doc
    assert not [line for line in lines if line.rstrip().endswith("::")]


def test_fixable_rules_are_the_ones_with_fixes() -> None:
    assert {r.code for r in RULES if r.fixable} == {"PS101", "PS302"}


def test_rules_command_lists_every_code() -> None:
    result = _plansync("rules")
    assert result.returncode == 0, result.stderr
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert listed == [r.code for r in RULES]
    for rule_ in RULES:
        line = next(line for line in result.stdout.splitlines() if line.startswith(rule_.code))
        assert rule_.name in line and rule_.severity.value in line and rule_.summary in line
        assert line.endswith("(fixable)") == rule_.fixable


def test_rules_command_explains_one_rule() -> None:
    result = _plansync("rules", "PS201")
    assert result.returncode == 0, result.stderr
    first, *rest = result.stdout.splitlines()
    assert first == "PS201 duplicate-number (error)"
    body = "\n".join(rest)
    assert "Bad:" in body and "Good:" in body
    assert "``" not in body and not any(line.rstrip().endswith("::") for line in rest)  # plain text, no reST
    assert "### 1.2 Tooling again" in body
    assert "### 1.3 More tooling" in body
    assert _plansync("rules", "ps101").stdout.splitlines()[0] == "PS101 not-a-task (error, fixable)"


def test_rules_command_refuses_an_unknown_code() -> None:
    result = _plansync("rules", "PS999")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no rule PS999" in result.stderr
    assert "Traceback" not in result.stderr


# --- single-phase numbering -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "second", "message"),
    [
        ("PS202", "1.3 Release", "section 1.3 follows 1.1; 1.2 is missing"),
        ("PS203", "1.0 Release", "section 1.0 comes after 1.1; numbers go backwards"),
        ("PS204", "2.1 Release", "section 2.1 sits under phase 1 (Phase 1, line 3)"),
    ],
)
def test_numbering_rules_hold_in_a_single_phase_plan(
    tmp_path: Path, code: str, second: str, message: str
) -> None:
    text = f"# Plan\n\n## Phase 1\n\n### 1.1 Setup\n\n- [ ] a\n\n### {second}\n\n- [ ] b\n"
    path = _write_plan(tmp_path, text)
    assert [(d.line, d.message) for d in _found(path) if d.code == code] == [(9, message)]


# --- suppression ------------------------------------------------------------------------------

_SUPPRESSED = """\
# Plan

## Phase 1

### 1.2 Tooling (3/5)

- [ ] a

{first}
### 1.2 Tooling again (3/5)

- [ ] b

{second}
### 1.2 Third (3/5)

- [ ] c

{third}

### 1.2 Fourth (3/5)

- [ ] d

## Phase 2

- [ ] e
"""


def _codes_at(found: list[Diagnostic]) -> set[tuple[str, int]]:
    return {(d.code, d.line or 0) for d in found}


def test_suppression_comments(tmp_path: Path) -> None:
    neutral = "<!-- a note -->"
    baseline = _codes_at(
        _found(_write_plan(tmp_path, _SUPPRESSED.format(first=neutral, second=neutral, third=neutral)))
    )
    for line in (10, 15, 21):
        assert {("PS201", line), ("PS303", line)} <= baseline
    text = _SUPPRESSED.format(
        first="<!-- plansync: ignore PS201 -->",
        second="<!-- plansync: ignore -->",
        # a blank line between the comment and the heading: it suppresses nothing
        third="<!-- plansync: ignore -->",
    )
    found = _codes_at(_found(_write_plan(tmp_path, text)))
    assert found == baseline - {("PS201", 10), ("PS201", 15), ("PS303", 15)}


def test_suppression_of_several_codes_any_case(tmp_path: Path) -> None:
    text = _SUPPRESSED.format(
        first="<!-- plansync: ignore ps303 PS201 -->", second="<!-- unrelated -->", third=""
    )
    found = _codes_at(_found(_write_plan(tmp_path, text)))
    assert ("PS201", 10) not in found and ("PS303", 10) not in found
    assert {("PS201", 15), ("PS303", 15), ("PS303", 5)} <= found


def test_suppression_of_another_code_keeps_the_finding(tmp_path: Path) -> None:
    text = "# Plan\n\n<!-- plansync: ignore PS102 -->\n- [ x] a\n"
    assert [(d.code, d.line) for d in _found(_write_plan(tmp_path, text))] == [("PS101", 4)]
    text = "# Plan\n\n<!-- plansync: ignore PS101 -->\n- [ x] a\n- [x ] b\n"
    assert [(d.code, d.line) for d in _found(_write_plan(tmp_path, text))] == [("PS101", 5)]


# --- select, ignore, severity -----------------------------------------------------------------

_MIXED = """\
# Plan

## Phase 1

### 1.1 Setup

- [ x] a

### 1.1 Again

- [ ] b See [the notes](gone.md).

## Phase 2

- [ ] c
"""


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("", [("PS101", "error", 7), ("PS201", "error", 9), ("PS401", "warning", 11)]),
        ('select = ["PS1"]\n', [("PS101", "error", 7)]),
        ('ignore = ["PS2", "PS401"]\n', [("PS101", "error", 7)]),
        ('select = ["PS2", "PS4"]\nignore = ["PS401"]\n', [("PS201", "error", 9)]),
        ('select = ["PS201", "PS401"]\n', [("PS201", "error", 9), ("PS401", "warning", 11)]),
        (
            '[severity]\nPS401 = "error"\nps101 = "warning"\n',
            [("PS101", "warning", 7), ("PS201", "error", 9), ("PS401", "error", 11)],
        ),
    ],
    ids=["defaults", "select", "ignore", "select-and-ignore", "select-codes", "severity"],
)
def test_config_changes_what_is_reported(tmp_path: Path, config: str, expected: list[object]) -> None:
    path = _write_plan(tmp_path, _MIXED, config)
    assert [(d.code, d.severity.value, d.line) for d in _found(path)] == expected


def test_severity_decides_the_exit_code(tmp_path: Path) -> None:
    path = _write_plan(tmp_path, _MIXED)
    assert _plansync("check", str(path)).returncode == 1
    (tmp_path / ".plansync.toml").write_text(
        '[severity]\nPS101 = "warning"\nPS201 = "warning"\n', encoding="utf-8"
    )
    result = _plansync("check", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line.split()[1] for line in result.stdout.splitlines()] == ["PS101", "PS201", "PS401"]
    (tmp_path / ".plansync.toml").write_text('[severity]\nPS401 = "error"\nignore = ["PS1", "PS2"]\n')
    # 'ignore' inside [severity] is a severity for a code named IGNORE: refused, not silently taken
    assert _plansync("check", str(path)).returncode == 2


# --- --fix ------------------------------------------------------------------------------------

_BROKEN = (
    "# Plan\r\n"
    "\r\n"
    "## Phase 1\r\n"
    "\r\n"
    "- [ ] ship the release\r\n"
    "  - [x] tag it\r\n"
    "  - [x] publish it\r\n"
    "- [ x] write the docs  \r\n"
    "-[ ] pick a license\r\n"
    "- [x]add the formatter\r\n"
    "\r\n"
    "Keep `- [ x] this` and [notes](notes.md) as they are.\r\n"
    "\r\n"
    "```\r\n"
    "- [ x] code stays\r\n"
    "```\r\n"
    "\r\n"
    "## Phase 2\r\n"
    "\r\n"
    "- [ ] later"
)
_FIXED_LINES = {
    5: "- [x] ship the release",
    8: "- [x] write the docs  ",
    9: "- [ ] pick a license",
    10: "- [x] add the formatter",
}


def _assert_fixed(before: bytes, after: bytes) -> None:
    old, new = before.split(b"\r\n"), after.split(b"\r\n")
    assert len(old) == len(new)
    for number, (a, b) in enumerate(zip(old, new, strict=True), 1):
        if number in _FIXED_LINES:
            assert b.decode("utf-8") == _FIXED_LINES[number]
        else:
            assert a == b, number
    assert after.count(b"\r\n") == before.count(b"\r\n")
    assert b"\n" not in after.replace(b"\r\n", b"")


def test_fix_file_fixes_ps101_and_ps302(tmp_path: Path) -> None:
    path = _write_plan(tmp_path, _BROKEN)
    before = path.read_bytes()
    assert {d.code for d in _found(path)} == {"PS101", "PS302"}
    outcome = fix_file(path, today=TODAY)
    assert outcome.changed
    _assert_fixed(before, path.read_bytes())
    assert _found(path) == []
    again = fix_file(path, today=TODAY)
    assert not again.changed
    _assert_fixed(before, path.read_bytes())


def test_check_fix_on_the_command_line(tmp_path: Path) -> None:
    path = _write_plan(tmp_path, _BROKEN)
    before = path.read_bytes()
    result = _plansync("check", "--fix", "plan.md", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr == "plansync: fixed plan.md\n"
    _assert_fixed(before, path.read_bytes())
    result = _plansync("check", "plan.md", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_check_without_fix_never_writes(tmp_path: Path) -> None:
    path = _write_plan(tmp_path, _BROKEN)
    before = path.read_bytes()
    result = _plansync("check", "plan.md", cwd=tmp_path)
    assert result.returncode == 1
    assert "plan.md:8:3: PS101 box '[ x]' is not a task box; write '[x]'" in result.stdout.splitlines()
    assert path.read_bytes() == before


def test_fix_leaves_suppressed_and_unfixable_findings(tmp_path: Path) -> None:
    text = "# Plan\n\n<!-- plansync: ignore PS101 -->\n- [ x] kept\n- [x ] fixed\n- [>] unknown\n"
    path = _write_plan(tmp_path, text)
    fix_file(path, today=TODAY)
    assert path.read_text(encoding="utf-8") == text.replace("- [x ] fixed", "- [x] fixed")
    assert [(d.code, d.line) for d in _found(path)] == [("PS102", 6)]


# --- clean documents --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    sorted(EXAMPLES.glob("*.md")) + sorted(GOLDEN.glob("*.out.md")),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_clean_documents_have_no_errors(path: Path) -> None:
    found = _found(path)
    assert [d for d in found if d.severity is Severity.ERROR] == []
    assert not any(d.code.startswith("PS5") for d in found)


def test_clean_documents_exist() -> None:
    assert len(list(EXAMPLES.glob("*.md"))) >= 2
    assert len(list(GOLDEN.glob("*.out.md"))) >= 3


def test_seed_plan_has_only_one_missing_link(tmp_path: Path) -> None:
    seed = shared_path("seed", "learning-plan-zh.md")
    path = tmp_path / "plan.md"
    shutil.copyfile(seed, path)
    found = _found(path)
    assert [(d.code, d.severity, d.line) for d in found] == [("PS401", Severity.WARNING, 280)]
    assert "which does not exist" in found[0].message
