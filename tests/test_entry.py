"""The console entry: plain sync/check calls skip click, and answer exactly as the click commands do."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import GOLDEN

STALE = (GOLDEN / "en-roadmap.in.md").read_bytes()
FRESH = (GOLDEN / "en-roadmap.out.md").read_bytes()

#: Runs one entry point in a fresh interpreter; prints whether click was ever imported.
DRIVER = """
import sys
from importlib import import_module
entry = import_module(sys.argv[1])
try:
    entry.main(sys.argv[2:])
except SystemExit as done:
    code = done.code
sys.stdout.flush()
sys.stderr.write(f"[exit {code}; click {'click' in sys.modules}]\\n")
"""


def run(module: str, args: list[str], cwd: Path) -> tuple[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, module, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    return done.stdout, done.stderr


def workspace(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "stale.md").write_bytes(STALE)
    (folder / "fresh.md").write_bytes(FRESH)
    (folder / "notes.md").write_bytes(b"# Notes\n\n- [ ] no markers here\n")
    (folder / "latin1.md").write_bytes(b"# Plan\n\n<!-- plansync:begin summary -->\n\xe9\n")
    (folder / "edited.md").write_bytes(
        b"# P\n\n- [x] a\n\n<!-- plansync:begin summary -->\nmine\n<!-- plansync:end summary -->\n"
    )
    return folder


CALLS = [
    ["check", "fresh.md"],
    ["check", "stale.md", "fresh.md"],
    ["check", "latin1.md", "fresh.md"],
    ["check", "missing.md"],
    ["sync", "notes.md"],
    ["sync", "stale.md", "fresh.md"],
    ["sync", "edited.md"],
    ["sync", "latin1.md", "stale.md"],
]


@pytest.mark.parametrize("args", CALLS, ids=[" ".join(a) for a in CALLS])
def test_plain_calls_skip_click_and_match_the_click_command_line(tmp_path: Path, args: list[str]) -> None:
    fast_dir, full_dir = workspace(tmp_path, "fast"), workspace(tmp_path, "full")
    fast_out, fast_err = run("plansync.cli.entry", args, fast_dir)
    full_out, full_err = run("plansync.cli.app", args, full_dir)
    assert fast_err.endswith("; click False]\n") and full_err.endswith("; click True]\n")
    assert fast_out.replace(str(fast_dir), "DIR") == full_out.replace(str(full_dir), "DIR")
    assert fast_err.rsplit("; click", 1)[0] == full_err.rsplit("; click", 1)[0]
    for plan in fast_dir.iterdir():
        assert plan.read_bytes() == (full_dir / plan.name).read_bytes()


@pytest.mark.parametrize(
    "args", [["check", "--format", "json", "fresh.md"], ["sync", "-q", "stale.md"], ["--version"], []]
)
def test_anything_else_goes_to_click(tmp_path: Path, args: list[str]) -> None:
    _, err = run("plansync.cli.entry", args, workspace(tmp_path, "w"))
    assert err.endswith("; click True]\n")


def test_the_installed_command_is_the_entry(tmp_path: Path) -> None:
    exe = shutil.which("plansync")
    if exe is None:
        pytest.skip("plansync is not installed on PATH")
    folder = workspace(tmp_path, "w")
    done = subprocess.run([exe, "check", "fresh.md"], cwd=folder, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert "plansync.cli.entry" in Path(exe).read_text(encoding="utf-8")


def test_a_run_in_process_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path) -> None:
    import gc

    from plansync.cli.entry import main

    folder = workspace(tmp_path, "w")
    assert gc.isenabled()
    with pytest.raises(SystemExit) as done:
        main(["check", str(folder / "fresh.md")])
    assert done.value.code == 0
    assert gc.isenabled()
