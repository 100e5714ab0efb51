"""The command line: exit codes, messages, discovery, init; CliRunner and real subprocesses."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from plansync.cli.app import cli

from .conftest import EXAMPLES, GOLDEN, git

STALE = (GOLDEN / "en-roadmap.in.md").read_text(encoding="utf-8")
FRESH = (GOLDEN / "en-roadmap.out.md").read_text(encoding="utf-8")


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def stale(tmp_path: Path) -> Path:
    path = tmp_path / "plan.md"
    path.write_text(STALE, encoding="utf-8")
    return path


def test_sync_rewrites_then_is_quiet(stale: Path) -> None:
    assert invoke("sync", str(stale)) == (0, f"plansync: updated {stale}\n", "")
    assert stale.read_text(encoding="utf-8") == FRESH
    assert invoke("sync", str(stale)) == (0, "", "")
    assert invoke("sync", "--quiet", str(stale)) == (0, "", "")


def test_sync_leaves_a_file_without_markers_alone_without_reading_it_as_text(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_bytes(b"# Notes\n\n- [ ] \xff not utf-8, never parsed\n")
    before = notes.read_bytes(), notes.stat().st_mtime_ns
    assert invoke("sync", str(notes)) == (0, "", "")
    assert (notes.read_bytes(), notes.stat().st_mtime_ns) == before


def test_check_passes_on_fresh_and_fails_on_stale_without_writing(stale: Path) -> None:
    code, out, _ = invoke("check", str(stale))
    assert code == 1
    assert (
        out.splitlines()[0]
        == f"{stale}:25:1: PS501 region 'summary' is stale; `plansync sync` regenerates it"
    )
    assert len(out.splitlines()) == 3
    assert stale.read_text(encoding="utf-8") == STALE
    stale.write_text(FRESH, encoding="utf-8")
    assert invoke("check", str(stale)) == (0, "", "")


def test_check_diff_prints_what_sync_would_change(stale: Path) -> None:
    code, out, _ = invoke("check", "--diff", str(stale))
    assert code == 1
    assert f"--- a/{stale}" in out and f"+++ b/{stale}" in out
    assert "+| Q1: Core engine | ██████████ | 4/4  | 100%  |" in out
    assert stale.read_text(encoding="utf-8") == STALE


def test_refused_file_exits_2_and_the_others_are_still_processed(tmp_path: Path, stale: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("# P\n\n<!-- plansync:begin summary -->\n", encoding="utf-8")
    code, out, err = invoke("sync", str(bad), str(stale))
    assert code == 2
    assert err == f"{bad}:3:1: plansync:begin summary is never closed (add <!-- plansync:end summary -->)\n"
    assert out == f"plansync: updated {stale}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sync", "missing.md"], "missing.md: no such file"),
        (["report", "--format", "xml", "x.md"], "Invalid value for '--format'"),
        (["sync", "--bogus"], "No such option"),
        (["frobnicate"], "No such command 'frobnicate'"),
    ],
)
def test_user_mistakes_exit_2_with_a_message_and_no_traceback(args: list[str], message: str) -> None:
    code, _, err = invoke(*args)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_a_directory_is_refused(tmp_path: Path) -> None:
    code, _, err = invoke("sync", str(tmp_path))
    assert code == 2 and "is a directory" in err


def test_no_paths_in_git_means_tracked_markdown_files_with_markers(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "docs").mkdir()
    (repo / "docs" / "plan.md").write_text(STALE, encoding="utf-8")
    (repo / "notes.md").write_text("# Notes\n\n- [ ] no markers\n", encoding="utf-8")
    (repo / "untracked.md").write_text(STALE, encoding="utf-8")
    git(repo, "add", "docs/plan.md", "notes.md")
    monkeypatch.chdir(repo)
    assert invoke("check")[0] == 1
    assert invoke("sync") == (0, f"plansync: updated {Path('docs/plan.md')}\n", "")
    assert (repo / "untracked.md").read_text(encoding="utf-8") == STALE
    assert invoke("check") == (0, "", "")


def test_no_paths_outside_git_walks_the_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "plan.md").write_text(STALE, encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "plan.md").write_text(STALE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert invoke("sync")[1] == f"plansync: updated {Path('a/plan.md')}\n"
    assert (tmp_path / ".hidden" / "plan.md").read_text(encoding="utf-8") == STALE


def test_report_text_has_bars_percent_and_next_tasks(stale: Path) -> None:
    code, out, _ = invoke("report", str(stale))
    assert code == 0
    assert "55.6%" in out and "5 of 9 tasks done, 1 doing, 1 cancelled" in out
    assert "current phase: Q2: Interfaces" in out
    assert "\x1b" not in out  # not a terminal: no colour


def test_report_on_several_files_ends_with_a_total(stale: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text("# O\n\n- [x] done\n", encoding="utf-8")
    code, out, _ = invoke("report", str(stale), str(other))
    assert code == 0
    assert out.splitlines()[-1].endswith("6 of 10 tasks done in 2 files")


def test_report_json_is_the_report_schema(stale: Path) -> None:
    code, out, _ = invoke("report", "--format", "json", str(stale))
    data = json.loads(out)
    assert code == 0 and data["schema"] == "plansync.report/1"
    assert data["files"][0]["current_phase"] == "2"


def test_init_with_yes_adds_and_fills_regions(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text("# P\n\n## Work\n\n- [x] a\n- [ ] b\n\n## Progress\n\nNotes.\n", encoding="utf-8")
    code, out, _ = invoke("init", str(plan), "--yes")
    assert code == 0 and out.endswith(f"plansync: added summary and progress regions to {plan}\n")
    text = plan.read_text(encoding="utf-8")
    assert text.startswith(
        "# P\n\n## Work\n\n- [x] a\n- [ ] b\n\n## Progress\n\n<!-- plansync:begin summary -->\n"
    )
    assert text.endswith("<!-- plansync:end progress -->\n\nNotes.\n")
    assert invoke("check", str(plan)) == (0, "", "")
    assert invoke("init", str(plan), "--yes") == (
        0,
        f"{plan} already has plansync regions; nothing to do\n",
        "",
    )


def test_init_asks_first_and_writes_nothing_on_no(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("plansync.cli.app._interactive", lambda: True)  # answers typed at a terminal
    plan = tmp_path / "plan.md"
    original = "# P\n\n- [ ] a\n"
    plan.write_text(original, encoding="utf-8")
    code, out, _ = invoke("init", str(plan), input="n\n")
    assert code == 0 and "+<!-- plansync:begin summary -->" in out and out.endswith("nothing written\n")
    assert plan.read_text(encoding="utf-8") == original
    assert invoke("init", str(plan), input="y\n")[0] == 0
    assert "<!-- plansync:begin progress -->" in plan.read_text(encoding="utf-8")


def test_init_under_a_missing_heading_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text("# P\n\n- [ ] a\n", encoding="utf-8")
    code, _, err = invoke("init", str(plan), "--under", "Nowhere", "--yes")
    assert (code, err) == (2, f"{plan}: no heading matches 'Nowhere'\n")


def test_an_internal_error_is_one_line_and_exit_3(stale: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plansync import api
    from plansync.cli.app import main

    def broken(path: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "sync_file", broken)
    with pytest.raises(SystemExit) as info:
        main(["sync", str(stale)])
    assert info.value.code == 3


# --- real processes -----------------------------------------------------------------------


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plansync", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_examples_are_in_sync() -> None:
    examples = sorted(str(p) for p in EXAMPLES.glob("*.md"))
    assert len(examples) >= 2
    result = run("check", *examples)
    assert result.returncode == 0, result.stdout + result.stderr


def test_subprocess_sync_on_a_crlf_file_keeps_crlf(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_bytes(STALE.replace("\n", "\r\n").encode())
    result = run("sync", str(plan))
    assert result.returncode == 0, result.stderr
    assert plan.read_bytes() == FRESH.replace("\n", "\r\n").encode()


def test_subprocess_non_utf8_names_the_byte_and_exits_2(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    data = STALE.encode().replace(b"Vessel", "V\xe9ssel".encode("latin-1"))
    plan.write_bytes(data)
    result = run("sync", str(plan))
    offset = data.index(b"\xe9")
    assert result.returncode == 2
    assert result.stderr == f"{plan}:8:8: not valid UTF-8 at byte {offset}\n"
    assert plan.read_bytes() == data


def test_subprocess_report_never_prints_escape_sequences(tmp_path: Path) -> None:
    plan = tmp_path / "esc.md"
    plan.write_text("# Plan\n\n- [ ] evil \x1b[31mred\x1b[0m task\n", encoding="utf-8")
    result = run("report", str(plan), env={"NO_COLOR": "1"})
    assert result.returncode == 0
    assert "evil red task" in result.stdout and "\x1b" not in result.stdout


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and "plansync" in result.stdout


HAND_EDITED = (
    "# Plan\n\n- [x] one\n- [ ] two\n\n"
    "<!-- plansync:begin progress -->\n| my own table |\nKeep this note.\n<!-- plansync:end progress -->\n"
)


def test_sync_replaces_text_written_into_a_region_and_prints_all_of_it(tmp_path: Path) -> None:
    """The body is plansync's, but what someone wrote there is printed whole, never lost silently."""
    plan = tmp_path / "plan.md"
    plan.write_text(HAND_EDITED, encoding="utf-8")
    code, out, _ = invoke("check", str(plan))
    assert code == 1 and "PS502 region 'progress' was edited by hand" in out
    assert invoke("sync", str(plan)) == (
        0,
        f"plansync: updated {plan}\n",
        f"{plan}:6: note: region 'progress' held text plansync does not write; it was replaced. "
        "Keep notes outside\n  the markers. What it held:\n  | | my own table |\n  | Keep this note.\n",
    )
    text = plan.read_text(encoding="utf-8")
    assert "Keep this note." not in text and "50%" in text
    assert invoke("sync", str(plan)) == (0, "", "")


def test_old_figures_in_a_region_are_not_taken_for_hand_edits(stale: Path) -> None:
    """A stale but plansync-shaped body is simply regenerated."""
    assert invoke("sync", str(stale))[0] == 0
    fresh = stale.read_text(encoding="utf-8")
    head, body = fresh.split("<!-- plansync:begin progress -->", 1)
    aged = re.sub(r"\d+%", "0%", body, count=1)
    assert aged != body
    stale.write_text(head + "<!-- plansync:begin progress -->" + aged, encoding="utf-8")
    assert invoke("sync", str(stale))[0] == 0
    assert stale.read_text(encoding="utf-8") == fresh


# --- init: where, when it asks, and a plan without tasks ----------------------------------------

APP_PLAN = (
    "# App plan\n\n## Phase 1: Basics\n\n- [x] set up the repo\n- [ ] write the CLI\n\n"
    "### Progressive enhancement\n\n- [ ] add a manifest\n\n## Progress log\n\nNumbers below.\n"
)


def test_init_goes_under_the_progress_heading_not_one_that_starts_like_it(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(APP_PLAN, encoding="utf-8")
    assert invoke("init", str(plan), "--yes")[0] == 0
    text = plan.read_text(encoding="utf-8")
    assert "### Progressive enhancement\n\n- [ ] add a manifest\n" in text
    assert text.index("## Progress log") < text.index("<!-- plansync:begin summary")


def test_init_without_a_terminal_or_yes_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    plan = tmp_path / "my plan.md"
    plan.write_text(APP_PLAN, encoding="utf-8")
    before = plan.read_bytes(), plan.stat().st_mtime_ns
    done = subprocess.run(
        [sys.executable, "-m", "plansync", "init", str(plan)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert "--yes" in done.stderr and "no terminal" in done.stderr
    assert f"plansync init --yes '{plan}'" in done.stderr  # a command to paste, quoted
    assert "Traceback" not in done.stderr and "Aborted" not in done.stderr
    assert (plan.read_bytes(), plan.stat().st_mtime_ns) == before
    code, _, err = invoke("init", str(plan))  # CliRunner's input is no terminal either
    assert code == 2 and "--yes" in err
    assert plan.read_bytes() == before[0]


def test_init_on_a_plan_with_regions_needs_no_terminal(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(FRESH, encoding="utf-8")
    assert invoke("init", str(plan)) == (0, f"{plan} already has plansync regions; nothing to do\n", "")


@pytest.mark.parametrize(
    "text", ["", "# Plan\n\n## Progress\n\nNothing to do yet.\n", "```\n- [ ] code\n```\n"]
)
@pytest.mark.parametrize("yes", [True, False])
def test_init_on_a_plan_without_tasks_writes_nothing_and_says_so(
    tmp_path: Path, text: str, yes: bool
) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(text, encoding="utf-8")
    before = plan.read_bytes(), plan.stat().st_mtime_ns
    code, out, err = invoke("init", str(plan), *(["--yes"] if yes else []))
    assert (code, out) == (0, "")
    assert err.startswith(f"{plan}: note: no tasks to track yet") and "nothing written" in err
    assert (plan.read_bytes(), plan.stat().st_mtime_ns) == before


# --- no PATHS and no plan found -----------------------------------------------------------------


def test_nothing_found_in_git_says_so_and_names_the_untracked_plan(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "plan.md").write_text(STALE, encoding="utf-8")
    monkeypatch.chdir(repo)
    for command in ("sync", "check"):
        code, out, err = invoke(command)
        assert (code, out) == (0, "")
        assert err == (
            "plansync: no plan found: no tracked Markdown file here holds plansync markers; untracked "
            f"files are not searched: `plansync {command} plan.md` or `git add plan.md`\n"
        )
    assert (repo / "plan.md").read_text(encoding="utf-8") == STALE
    code, out, err = invoke("check", "--format", "json")
    assert code == 0 and json.loads(out)["files"] == [] and err.startswith("plansync: no plan found")


def test_nothing_found_without_untracked_plans_points_at_init(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "notes.md").write_text("# Notes\n\n- [ ] no markers\n", encoding="utf-8")
    git(repo, "add", "notes.md")
    monkeypatch.chdir(repo)
    code, out, err = invoke("sync")
    assert (code, out) == (0, "")
    assert err == (
        "plansync: no plan found: no tracked Markdown file here holds plansync markers; untracked "
        "files are not searched (`plansync init FILE` adds regions to a plan)\n"
    )


def test_nothing_found_outside_git_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    done = run("sync", cwd=plain, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == (
        "plansync: no plan found: no Markdown file here holds plansync markers "
        "(`plansync init FILE` adds them)\n"
    )
    assert list(plain.iterdir()) == []


def test_nothing_found_through_configured_globs_names_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".plansync.toml").write_text('files = ["plans/*.md"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("check")
    assert (code, out) == (0, "")
    assert (
        err
        == f"plansync: no plan found: no file matches the `files` globs of {tmp_path / '.plansync.toml'}\n"
    )


def test_named_paths_never_get_the_nothing_found_line(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n", encoding="utf-8")
    assert invoke("sync", str(notes)) == (0, "", "")
    assert invoke("check", str(notes)) == (0, "", "")


# --- help ---------------------------------------------------------------------------------------


def test_every_option_of_every_command_has_a_help_line() -> None:
    import click

    missing = [
        f"{name} {param.opts[0]}"
        for name, command in cli.commands.items()
        for param in command.params
        if isinstance(param, click.Option) and not param.hidden and not (param.help or "").strip()
    ]
    assert missing == []


def test_help_ends_with_the_environment_and_the_configuration_files() -> None:
    code, out, _ = invoke("--help")
    assert code == 0
    tail = out[out.index("Environment:") :]
    for name in ("NO_COLOR", "PLANSYNC_DEBUG", "GITHUB_STEP_SUMMARY", ".plansync.toml", "[tool.plansync]"):
        assert name in tail
    assert tail.rstrip().endswith("the nearest one at or above the plan applies.")


def test_format_help_names_every_registered_format() -> None:
    from plansync.formats.registry import names

    for command in ("check", "report", "badge"):
        out = " ".join(invoke(command, "--help")[1].split())
        for name in names(command):
            assert f"{name}:" in out, (command, name)
