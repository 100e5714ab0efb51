"""Reliability catalog, sections A-C: hostile input bytes, marker layouts, rewrite semantics.

Each test names the numbered catalog case(s) it pins (``shared/reliability-catalog.md``, next to
the project). Files are real files in ``tmp_path``, synced
through ``plansync.api.sync_file`` or the command line (in process through ``plansync.cli.app.main``,
or as ``python -m plansync``), and compared byte for byte. Where plansync's README documents a
behaviour that differs from the catalog's suggestion, the README wins and the test says so.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import plansync
from plansync.api import sync_file
from plansync.cli.app import main as cli_main
from plansync.document.text import BOM

TODAY = "2025-01-01"
#: An mtime far in the past, so that a rewrite within the same clock tick would still show.
PAST_NS = 1_000_000_000_000_000_000
EOLS = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}

B, E = "<!-- plansync:begin summary -->", "<!-- plansync:end summary -->"
#: A small plan: lines 1-5, so a marker written right after it is on line 6.
HEAD = "# Plan\n\n- [x] one\n- [ ] two\n\n"
#: What the summary region of HEAD holds once synced.
SUMMARY = (
    "\n- **Current phase**: Plan (1/2)\n- **Overall**: 1 of 2 tasks done (50%)\n- **Done**: none yet\n"
    "- **In progress**: Plan (1/2)\n- **Next**:\n  - two (Plan)\n\n"
)


def write(tmp_path: Path, data: bytes, name: str = "plan.md") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    os.utime(path, ns=(PAST_NS, PAST_NS))
    return path


def fingerprint(path: Path) -> tuple[bytes, int, int]:
    info = path.stat()
    return path.read_bytes(), info.st_mtime_ns, info.st_ino


def sync(path: Path, **options: Any) -> bool:
    """``sync_file`` without git history, dated TODAY; whether the file was rewritten."""
    return sync_file(path, today=TODAY, history=False, **options).changed


def sync_bytes(tmp_path: Path, data: bytes) -> bytes:
    path = write(tmp_path, data)
    sync(path)
    return path.read_bytes()


def assert_stable(path: Path) -> None:
    """A second run is a no-op that does not even touch the file (cases 28, 29)."""
    before = fingerprint(path)
    assert sync(path) is False
    assert fingerprint(path) == before


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The command line in process: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as info:
        cli_main(list(args))
    captured = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 0), captured.out, captured.err


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command line in a real process, as tests/test_cli.py runs it."""
    return subprocess.run(
        [sys.executable, "-m", "plansync", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )


def eol_bytes(text: str, eol: str, bom: bool = False) -> bytes:
    data = text.replace("\n", EOLS[eol]).encode("utf-8")
    return BOM + data if bom else data


# =============================================================================================
# A. Bytes, line endings, encoding
# =============================================================================================

# --- cases 1, 5, 28, 29, 30: one golden source in every EOL, with and without BOM and final newline

GOLDEN_HEAD = (
    "# Release plan\n\n## Phase 1: Core\n\n- [x] parser\n- [x] writer\n\n"
    "## Phase 2: Polish\n\n- [ ] docs\n- [/] tests\n- [-] logo\n\n"
)
GOLDEN_BODIES = {
    "summary": (
        "\n- **Current phase**: Phase 2: Polish (0/2)\n"
        "- **Overall**: 2 of 4 tasks done (50%); 1 doing; 1 cancelled\n"
        "- **Done**: 1 of 2 sections — Phase 1: Core\n"
        "- **In progress**: Phase 2: Polish (0/2)\n"
        "- **Next**:\n  - docs (Phase 2: Polish)\n  - tests (Phase 2: Polish)\n\n"
    ),
    "progress": (
        "\n| Phase           | Progress   | Done | %    |\n"
        "| --------------- | ---------- | ---- | ---- |\n"
        "| Phase 1: Core   | ██████████ | 2/2  | 100% |\n"
        "| Phase 2: Polish | ░░░░░░░░░░ | 0/2  | 0%   |\n"
        "| **Total**       | █████░░░░░ | 2/4  | 50%  |\n\n"
    ),
    "milestones": f"\n- {TODAY} — **Phase 1: Core**\n\n",
    "chart": (
        '\n```mermaid\npie title Task states\n    "Done" : 2\n    "Doing" : 1\n    "Open" : 1\n'
        '    "Cancelled" : 1\n```\n\n'
    ),
}


def golden(names: list[str], filled: bool) -> str:
    """GOLDEN_HEAD and the named regions, empty or filled; the last end marker ends the file."""
    regions = [
        f"<!-- plansync:begin {n} -->\n{GOLDEN_BODIES[n] if filled else ''}<!-- plansync:end {n} -->\n"
        for n in names
    ]
    return GOLDEN_HEAD + "\n".join(regions)


ALL_REGIONS = ["summary", "progress", "milestones", "chart"]
GOLDEN_VARIANTS = [
    pytest.param(eol, bom, final, id=f"{eol}{'-bom' if bom else ''}{'' if final else '-no-final-newline'}")
    for eol in EOLS
    for bom in (False, True)
    for final in (True, False)
]


def golden_bytes(text: str, eol: str, bom: bool, final: bool) -> bytes:
    return eol_bytes(text if final else text.rstrip("\n"), eol, bom)


@pytest.mark.parametrize(("eol", "bom", "final"), GOLDEN_VARIANTS)
def test_golden_bytes_commute_with_eol_bom_and_final_newline(
    tmp_path: Path, eol: str, bom: bool, final: bool
) -> None:
    """Cases 1, 5, 30 (28, 29): f(v(x)) == v(f(x)) for v in {LF, CRLF, CR} x {BOM, none} x
    {final newline, region at EOF without one}; the second run writes nothing."""
    path = write(tmp_path, golden_bytes(golden(ALL_REGIONS, filled=False), eol, bom, final))
    assert sync(path) is True
    assert path.read_bytes() == golden_bytes(golden(ALL_REGIONS, filled=True), eol, bom, final)
    assert_stable(path)


@pytest.mark.parametrize(
    ("eol", "bom", "final"),
    [("lf", False, True), ("crlf", True, True), ("cr", False, False), ("crlf", False, False)],
    ids=["lf", "crlf-bom", "cr-no-final-newline", "crlf-no-final-newline"],
)
def test_golden_bytes_through_the_real_command_line(tmp_path: Path, eol: str, bom: bool, final: bool) -> None:
    """Cases 1, 2, 28, 29, 30 through ``python -m plansync``: exact bytes, exit codes and output;
    the second ``sync`` is silent and leaves mtime and inode alone; ``check`` then passes."""
    names = ["summary", "progress", "chart"]  # milestones would be dated with the real today
    path = write(tmp_path, golden_bytes(golden(names, filled=False), eol, bom, final))
    first = run_cli("sync", "--no-history", str(path))
    assert (first.returncode, first.stdout, first.stderr) == (0, f"plansync: updated {path}\n", "")
    assert path.read_bytes() == golden_bytes(golden(names, filled=True), eol, bom, final)
    before = fingerprint(path)
    second = run_cli("sync", "--no-history", str(path))
    assert (second.returncode, second.stdout, second.stderr) == (0, "", "")
    assert fingerprint(path) == before
    checked = run_cli("check", str(path))
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "", "")


# --- case 2: the operating system never chooses the line ending


@pytest.mark.parametrize(
    ("eol", "native"),
    [("lf", "\r\n"), ("cr", "\r\n"), ("crlf", "\n")],
    ids=["lf-file-windows-linesep", "cr-file-windows-linesep", "crlf-file-posix-linesep"],
)
def test_the_platform_line_separator_never_decides_the_eol(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], eol: str, native: str
) -> None:
    """Case 2: with ``os.linesep`` set to the other convention (Windows for an LF file), sync
    and ``check --fix`` keep the file's own EOL, and every file opened for writing is binary
    or ``newline=''`` (text mode would translate newlines the platform's way)."""
    opened: list[tuple[str, object]] = []
    real_open = io.open

    def recording_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        newline = kwargs.get("newline", args[3] if len(args) > 3 else None)
        opened.append((mode, newline))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(os, "linesep", native)
    monkeypatch.setattr(io, "open", recording_open)
    monkeypatch.setattr(builtins, "open", recording_open)
    source = golden(["summary", "progress"], filled=False)
    expected = eol_bytes(golden(["summary", "progress"], filled=True), eol)
    for command in (["sync", "--no-history"], ["check", "--fix"]):
        path = write(tmp_path, eol_bytes(source, eol), name=f"{command[0]}.md")
        code, out, err = run_main(capsys, *command, str(path))
        assert code == 0, err
        assert out == (f"plansync: updated {path}\n" if command[0] == "sync" else "")
        assert err == ("" if command[0] == "sync" else f"plansync: fixed {path}\n")
        assert path.read_bytes() == expected
    writes = [(mode, newline) for mode, newline in opened if set(mode) & set("wax+")]
    assert writes, "the rewrite must have opened a file for writing"
    assert all("b" in mode or newline == "" for mode, newline in writes), writes


# --- case 3: mixed line endings

#: The plan as (text, line end) pieces: before the begin marker, begin, end, after the end
#: marker; and the majority EOL the new body must use.
MIXED = [
    pytest.param(
        [("# Plan\r\n\r\n- [x] one\n- [ ] two\r\n\r\n", ""), (B, "\r\n"), (E, "\n"), ("tail\r\n", "")],
        "\r\n",
        id="crlf-majority-with-lf-lines",
    ),
    pytest.param(
        [("# Plan\n\n- [x] one\r\n- [ ] two\n\n", ""), (B, "\r\n"), (E, "\n"), ("tail\r\n", "")],
        "\n",
        id="lf-majority-with-crlf-lines",
    ),
    pytest.param(
        [("# Plan\n\n- [x] one\r\n- [ ] two\n\n", ""), (B, "\r\n"), (E, "\r\n"), ("tail\r\n", "")],
        "\n",
        id="tie-favours-lf",
    ),
    pytest.param(
        [("# Plan\r\r- [x] one\n- [ ] two\r\n\r", ""), (B, "\r"), (E, "\n"), ("tail\r\r", "")],
        "\r",
        id="cr-majority-with-lf-and-crlf-lines",
    ),
    pytest.param(
        [("# Plan\r\n\r\n- [x] one\r\n- [ ] two\r\n\r\n", ""), (B, "\n"), (E, "\r\n"), ("", "")],
        "\r\n",
        id="crlf-majority-begin-ends-in-lf",
    ),
    pytest.param(
        [("# Plan\r\r- [x] one\r- [ ] two\r\r", ""), (B, "\r\n"), (E, "\r"), ("", "")],
        "\r",
        id="cr-majority-begin-ends-in-crlf",
    ),
    pytest.param(
        [("# Plan\n\n- [x] one\n- [ ] two\n\n", ""), (B, "\r\n"), (E, "\r"), ("", "")],
        "\n",
        id="lf-majority-end-ends-in-cr",
    ),
    # The one exception to the majority rule: a body starting with LF right after a begin marker
    # ending in a lone CR would fuse with it into one CRLF, so that body takes CR.
    pytest.param(
        [("# Plan\n\n- [x] one\n- [ ] two\n\n", ""), (B, "\r"), (E, "\n"), ("", "")],
        "\r",
        id="lf-majority-begin-ends-in-cr",
    ),
]


@pytest.mark.parametrize(("pieces", "majority"), MIXED)
def test_mixed_eols_keep_every_line_and_the_body_takes_the_majority(
    tmp_path: Path, pieces: list[tuple[str, str]], majority: str
) -> None:
    """Case 3: every existing line keeps its own EOL, the markers' included; the generated body
    uses the majority EOL only (one exception, above). (The catalog also asks for a debug log of
    the choice; plansync has no debug log, the README documents the majority rule.)"""
    data = "".join(text + eol for text, eol in pieces).encode()
    path = write(tmp_path, data)
    sync(path)
    out = path.read_bytes().decode()
    prefix = pieces[0][0] + B + pieces[1][1]
    suffix = E + pieces[2][1] + pieces[3][0]
    assert out.startswith(prefix) and out.endswith(suffix)
    assert out[len(prefix) : len(out) - len(suffix)] == SUMMARY.replace("\n", majority)
    assert_stable(path)


def test_the_majority_is_counted_outside_region_bodies(tmp_path: Path) -> None:
    """Case 3: an old LF body longer than the CRLF text around it does not decide the EOL; the
    new body takes the CRLF of the lines outside regions, so the choice cannot flip between runs."""
    old_body = SUMMARY.replace("1 of 2 tasks done (50%)", "0 of 2 tasks done (0%)").replace("(1/2)", "(0/2)")
    outside = HEAD.replace("\n", "\r\n") + B + "\r\n"
    path = write(tmp_path, (outside + old_body + E + "\r\n").encode())
    assert sync(path) is True
    assert path.read_bytes() == (outside + SUMMARY.replace("\n", "\r\n") + E + "\r\n").encode()
    assert_stable(path)


# --- case 5: a BOM never hides the first heading


def test_a_bom_does_not_hide_the_first_heading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Case 5: ``\\ufeff## Phase 1`` is still a heading (markdown-it alone reads it as a
    paragraph): it is a phase in the progress table and the report; the BOM is written back once."""
    text = (
        "## Phase 1\n\n- [x] a\n- [ ] b\n\n## Phase 2\n\n- [ ] c\n\n"
        "<!-- plansync:begin progress -->\n<!-- plansync:end progress -->\n"
    )
    path = write(tmp_path, BOM + text.encode())
    assert sync(path) is True
    out = path.read_bytes()
    assert out.startswith(BOM + b"## Phase 1\n") and not out.startswith(BOM * 2)
    assert (
        "| Phase 1   | █████░░░░░ | 1/2  | 50%   |\n| Phase 2   | ░░░░░░░░░░ | 0/1  | 0%    |\n"
        in out.decode("utf-8")
    )
    titled = write(tmp_path, BOM + b"# Title\n\n## Phase 1\n\n- [x] a\n", name="titled.md")
    code, out_json, _ = run_main(capsys, "report", "--format", "json", "--no-history", str(titled))
    report = json.loads(out_json)["files"][0]
    assert code == 0
    assert (report["title"], [p["title"] for p in report["phases"]]) == ("Title", ["Phase 1"])
    assert [(p["line"], p["title"]) for p in report["phases"]] == [(3, "Phase 1")]


# --- case 6: not UTF-8

NOT_UTF8 = {
    # id: (bytes, expected "line:col: message" after the path)
    "cp1252-smart-quotes": (
        HEAD.encode() + "- [ ] “quoted”\n".encode("cp1252") + (B + "\n" + E + "\n").encode(),
        "6:7: not valid UTF-8 at byte 35",
    ),
    "latin-1": (
        HEAD.encode() + "- [ ] café\n".encode("latin-1") + (B + "\n" + E + "\n").encode(),
        "6:10: not valid UTF-8 at byte 38",
    ),
    "overlong-slash": (
        HEAD.encode() + b"- [ ] a\xc0\xafb\n" + (B + "\n" + E).encode(),
        "6:8: not valid UTF-8 at byte 36",
    ),
    "lone-surrogate": (
        HEAD.encode() + b"- [ ] \xed\xa0\x80\n" + (B + "\n" + E).encode(),
        "6:7: not valid UTF-8 at byte 35",
    ),
    "truncated-at-eof": (
        (HEAD + B + "\n" + E + "\n").encode() + b"\xe4\xb8",
        "8:1: not valid UTF-8 at byte 91",
    ),
    "inside-the-region-crlf": (
        (HEAD + B + "\n").replace("\n", "\r\n").encode() + b"old \xff\r\n" + E.encode(),
        "7:5: not valid UTF-8 at byte 71",
    ),
    "bom-then-latin-1": (
        BOM + b"# Plan \xe9\n" + (B + "\n" + E + "\n").encode(),
        "1:11: not valid UTF-8 at byte 10",
    ),
}


@pytest.mark.parametrize("command", ["sync", "check", "report"])
@pytest.mark.parametrize("case", list(NOT_UTF8))
def test_not_utf8_is_refused_at_its_byte_and_never_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, command: str
) -> None:
    """Case 6: ``path:line:col: not valid UTF-8 at byte N`` (N counts from 0, the BOM included),
    exit 2, nothing on stdout, the file untouched, for every command that reads the plan."""
    data, where = NOT_UTF8[case]
    path = write(tmp_path, data)
    before = fingerprint(path)
    extra = ["--no-history"] if command != "check" else []
    assert run_main(capsys, command, *extra, str(path)) == (2, "", f"{path}:{where}\n")
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.md"]


def test_a_utf16_plan_is_refused_by_check_and_report_and_left_alone_by_sync(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Case 6, UTF-16: its markers are not visible as bytes, so ``sync`` (README: a file without
    markers is not even parsed) leaves it alone with exit 0; ``check`` and ``report`` refuse it."""
    path = write(tmp_path, (HEAD + B + "\n" + E + "\n").encode("utf-16"))
    before = fingerprint(path)
    assert run_main(capsys, "sync", str(path)) == (0, "", "")
    assert run_main(capsys, "check", str(path)) == (2, "", f"{path}:1:1: not valid UTF-8 at byte 0\n")
    assert fingerprint(path) == before


def test_not_utf8_through_the_real_command_line_has_no_traceback(tmp_path: Path) -> None:
    data, where = NOT_UTF8["cp1252-smart-quotes"]
    path = write(tmp_path, data)
    result = run_cli("sync", str(path))
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"{path}:{where}\n")
    assert path.read_bytes() == data


# --- case 7: NUL bytes and other C0 controls

NUL_PLACES = {
    "paragraph": "# Plan\n\nNUL \x00 here, and BEL \x07 and ESC \x1b[31m.\n\n- [x] one\n- [ ] two\n\n",
    "done-task": "# Plan\n\n- [x] one\x00\n- [ ] two\n\n",
    "fenced-code": "# Plan\n\n```\n\x00\x01\x02\n```\n\n- [x] one\n- [ ] two\n\n",
    "html-comment": "# Plan\n\n<!-- \x00 -->\n\n- [x] one\n- [ ] two\n\n",
}


@pytest.mark.parametrize("place", list(NUL_PLACES))
@pytest.mark.parametrize("eol", list(EOLS))
def test_nul_and_controls_outside_regions_are_kept_byte_for_byte(
    tmp_path: Path, place: str, eol: str
) -> None:
    """Case 7: markdown-it turns NUL into U+FFFD in its own copy of the text; the file keeps its
    NUL bytes (before the region, and after it with a tail), because only region bytes are spliced."""
    head = NUL_PLACES[place]
    tail = "\nafter \x00 the \x00 region\n"
    data = eol_bytes(head + B + "\n" + E + "\n" + tail, eol)
    out = sync_bytes(tmp_path, data)
    prefix, suffix = eol_bytes(head + B + "\n", eol), eol_bytes(E + "\n" + tail, eol)
    assert out.startswith(prefix) and out.endswith(suffix)
    body = out[len(prefix) : len(out) - len(suffix)].decode()
    assert "- **Overall**: 1 of 2 tasks done (50%)" in body
    assert "\x00" not in body and "\ufffd" not in body
    assert_stable(tmp_path / "plan.md")


@pytest.mark.parametrize(
    "head",
    ["# Pl\x00an\n\n- [x] one\n- [ ] two\n\n", "# Plan\n\n- [x] one\n- [ ] tw\x00o\n\n"],
    ids=["heading", "open-task"],
)
def test_a_nul_in_copied_text_is_dropped_not_replaced(tmp_path: Path, head: str) -> None:
    """Case 7: never write token text back; the region's copy of ``Pl\\0an`` or ``tw\\0o`` drops
    the NUL, as it drops every other control character, and the file keeps its own NUL."""
    out = sync_bytes(tmp_path, (head + B + "\n" + E + "\n").encode())
    assert out.startswith((head + B + "\n").encode())
    assert "\ufffd".encode() not in out
    assert out.decode().endswith(SUMMARY + E + "\n")


# --- case 8: characters str.splitlines() would break on


#: (character, what the region's copy of task text keeps of it): C0 controls are dropped
#: (README: "control characters are dropped"); NEL and the Unicode separators are text and stay.
SPLITLINES_BREAKERS = [
    pytest.param("\f", "", id="FF"),
    pytest.param("\v", "", id="VT"),
    pytest.param("\x1c", "", id="FS"),
    pytest.param("\x1d", "", id="GS"),
    pytest.param("\x1e", "", id="RS"),
    pytest.param("\x85", "\x85", id="NEL"),
    pytest.param("\u2028", "\u2028", id="LS"),
    pytest.param("\u2029", "\u2029", id="PS"),
]


def breaker_plan(ch: str) -> str:
    return (
        f"# Plan {ch} title\n\n## Phase 1 {ch} x\n\n- [ ] a {ch} b\n- [x] c\n"
        f"paragraph {ch} text\n- [ x] bad box\n\n{B}\n{E}\n"
    )


@pytest.mark.parametrize(("ch", "kept"), SPLITLINES_BREAKERS)
def test_splitlines_breakers_shift_no_line_and_survive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ch: str, kept: str
) -> None:
    """Case 8: lines split on CR/LF only. Diagnostics (PS101 at 8:3, PS501 at the marker on 10),
    the report's task and phase lines, and the splice are all where a CR/LF count puts them; the
    character survives outside the region, and the region's copy of the task keeps the line whole."""
    text = breaker_plan(ch)
    path = write(tmp_path, text.encode())
    code, out, _ = run_main(capsys, "check", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:8:3: PS101 box '[ x]' is not a task box; write '[x]'",
        f"{path}:10:1: PS501 region 'summary' is stale; `plansync sync` regenerates it",
    ]
    code, out, _ = run_main(capsys, "report", "--format", "json", "--no-history", str(path))
    report = json.loads(out)["files"][0]
    assert [t["line"] for t in report["tasks"]] == [5, 6]
    assert [p["line"] for p in report["phases"]] == [3]
    assert sync(path) is True
    out_text = path.read_bytes().decode()
    assert out_text.startswith(text.split(E)[0])
    assert out_text.endswith(E + "\n")
    assert f"- **Next**:\n  - a {kept} b (Phase 1 {kept} x)\n\n{E}\n" in out_text
    assert_stable(path)


# --- case 9: emoji, CJK, combining marks, RTL text

WORLD_HEAD = (
    "# Plan 🌍\n\n## Phase 1: Cafe\u0301 🚀\n\n- [x] مرحبا بالعالم\n- [ ] e\u0301tude 👩\u200d💻 שלום\n\n"
    "## 第二阶段 \u200f🇨🇳\n\n- [ ] 数据 \u202bRTL embed\u202c\n\n"
)
WORLD_REGIONS = (
    f"{B}\n\n"
    "- **Current phase**: Phase 1: Cafe\u0301 🚀 (1/2)\n"
    "- **Overall**: 1 of 3 tasks done (33.3%)\n"
    "- **Done**: none yet\n"
    "- **In progress**: Phase 1: Cafe\u0301 🚀 (1/2)\n"
    "- **Next**:\n"
    "  - e\u0301tude 👩\u200d💻 שלום (Phase 1: Cafe\u0301 🚀)\n"
    "  - 数据 \u202bRTL embed\u202c (第二阶段 \u200f🇨🇳)\n\n"
    f"{E}\n\n"
    "<!-- plansync:begin progress -->\n\n"
    "| Phase            | Progress   | Done | %     |\n"
    "| ---------------- | ---------- | ---- | ----- |\n"
    "| Phase 1: Cafe\u0301 🚀 | █████░░░░░ | 1/2  | 50%   |\n"
    "| 第二阶段 \u200f🇨🇳      | ░░░░░░░░░░ | 0/1  | 0%    |\n"
    "| **Total**        | ███░░░░░░░ | 1/3  | 33.3% |\n\n"
    "<!-- plansync:end progress -->\n"
)


def test_emoji_cjk_combining_and_rtl_text_is_copied_unchanged(tmp_path: Path) -> None:
    """Case 9: titles and tasks reach the regions exactly as written: no NFC normalisation
    (``e`` + U+0301 stays two code points), ZWJ sequences, flags, RLM and RTL embeddings kept;
    the table pads by display width. (Slugs are the rules' business: PS402 cases in
    tests/data/rules_cases.py pin GitHub's emoji and CJK slugs.)"""
    empty = f"{B}\n{E}\n\n<!-- plansync:begin progress -->\n<!-- plansync:end progress -->\n"
    out = sync_bytes(tmp_path, (WORLD_HEAD + empty).encode())
    assert out == (WORLD_HEAD + WORLD_REGIONS).encode()
    assert "é".encode() not in out  # the precomposed form never appears
    assert_stable(tmp_path / "plan.md")


def test_emoji_cjk_combining_and_rtl_regions_are_a_fixed_point_of_mdformat() -> None:
    """Cases 9 and 31: the width-padded table and the list of that text are what mdformat writes."""
    mdformat = pytest.importorskip("mdformat")
    assert mdformat.text(WORLD_REGIONS, extensions={"gfm"}) == WORLD_REGIONS


# =============================================================================================
# B. Markdown structure and markers
# =============================================================================================

NEVER_CLOSED = "plansync:begin summary is never closed (add <!-- plansync:end summary -->)"
END_WITHOUT = "plansync:end summary without a matching plansync:begin"
MALFORMED = (
    "malformed marker; expected exactly '<!-- plansync:begin NAME [key=value ...] -->' "
    "or '<!-- plansync:end NAME -->' (lowercase, single spaces)"
)
UNTERMINATED = "unterminated marker: '-->' must close it on the same line"
TRAILING = "text after the marker would be lost; move it to its own line"
CONFLICT = "unresolved merge conflict marker; resolve the conflict first"
TOO_DEEP = "blocks nest deeper than 199 levels; plansync refuses"

#: Malformed layouts after HEAD (lines 1-5): (id, text, [(line, message), ...]). The layouts of
#: tests/test_regions.py::BROKEN are not repeated here.
BAD_LAYOUTS = [
    ("11-fenced-copy-of-the-end-closes-nothing", f"{B}\n\n```\n{E}\n```\n", [(6, NEVER_CLOSED)]),
    ("12-indented-end-is-code", f"{B}\n\n    {E}\n", [(6, NEVER_CLOSED)]),
    ("13-begin-in-a-comment-end-outside", f"<!--\nold notes\n{B} -->\n\n{E}\n", [(10, END_WITHOUT)]),
    (
        "14-unterminated-begin-swallows-the-end",
        f"<!-- plansync:begin summary\n\n- [ ] hidden\n{E}\n",
        [(6, UNTERMINATED)],
    ),
    (
        "14-unterminated-end",
        f"{B}\n<!-- plansync:end summary\n\n- [ ] hidden\n",
        [(6, NEVER_CLOSED), (7, UNTERMINATED)],
    ),
    (
        "15-second-begin-names-the-first",
        f"{B}\n\n## Notes\n\n{B}\n{E}\n",
        [(10, "duplicate plansync:begin summary (first at line 6); regions cannot nest")],
    ),
    ("15-second-end-after-a-region", f"{B}\n{E}\n\ntext\n\n{E}\n", [(11, END_WITHOUT)]),
    ("16-end-at-the-top-of-the-file", f"{E}\n\n{B}\n{E}\n", [(6, END_WITHOUT)]),
    ("16-begin-at-eof-without-newline", B, [(6, NEVER_CLOSED)]),
    ("17-space-before-close", f"<!-- plansync:begin summary  -->\n{E}\n", [(6, MALFORMED), (7, END_WITHOUT)]),
    (
        "17-no-space-before-close",
        f"<!-- plansync:begin summary-->\n{E}\n",
        [(6, MALFORMED), (7, END_WITHOUT)],
    ),
    ("17-space-after-colon", f"<!-- plansync: begin summary -->\n{E}\n", [(6, MALFORMED), (7, END_WITHOUT)]),
    (
        "17-two-spaces-after-open",
        f"<!--  plansync:begin summary -->\n{E}\n",
        [(6, MALFORMED), (7, END_WITHOUT)],
    ),
    ("17-tab-separator", f"<!-- plansync:begin\tsummary -->\n{E}\n", [(6, MALFORMED), (7, END_WITHOUT)]),
    ("17-capitalised", f"<!-- Plansync:Begin summary -->\n{E}\n", [(6, MALFORMED), (7, END_WITHOUT)]),
    (
        "17-no-region-name",
        "<!-- plansync:begin -->\n<!-- plansync:end -->\n",
        [(6, MALFORMED), (7, MALFORMED)],
    ),
    (
        "17-uppercase-name",
        "<!-- plansync:begin Summary -->\n<!-- plansync:end Summary -->\n",
        [(6, MALFORMED), (7, MALFORMED)],
    ),
    ("18-begin-in-a-quote-end-at-top", f"> {B}\n\n{E}\n", [(8, END_WITHOUT)]),
    ("18-begin-at-top-end-in-a-quote", f"{B}\n\n> {E}\n", [(6, NEVER_CLOSED)]),
    ("18-begin-in-details-end-at-top", f"<details>\n{B}\n</details>\n\n{E}\n", [(10, END_WITHOUT)]),
    ("18-begin-at-top-end-in-a-list-item", f"{B}\n- {E}\n", [(6, NEVER_CLOSED)]),
    ("18-begin-in-a-tight-list-item", f"- item\n  {B}\n\n{E}\n", [(9, END_WITHOUT)]),
    ("19-end-with-trailing-text", f"{B}\n{E} notes\n", [(6, NEVER_CLOSED), (7, TRAILING)]),
    ("19-begin-with-a-trailing-comment", f"{B} <!-- note -->\n{E}\n", [(6, TRAILING), (7, END_WITHOUT)]),
    (
        "24-conflict-inside-the-region",
        f"{B}\n<<<<<<< HEAD\n- **Overall**: 1 of 2\n=======\n- **Overall**: 2 of 2\n>>>>>>> other\n{E}\n",
        [(7, CONFLICT)],
    ),
    (
        "24-two-conflicts-around-tasks",
        f"<<<<<<< HEAD\n- [x] three\n=======\n- [ ] three\n>>>>>>> other\n\n{B}\n{E}\n\n"
        "<<<<<<< HEAD\n- [ ] four\n>>>>>>> other\n",
        [(6, CONFLICT), (15, CONFLICT)],
    ),
    ("25-quote-nesting-bomb", f"{'>' * 300} deep\n\n{B}\n{E}\n", [(6, TOO_DEEP)]),
]


@pytest.mark.parametrize("eol", list(EOLS))
@pytest.mark.parametrize("command", ["sync", "check"])
@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in BAD_LAYOUTS])
def test_malformed_layouts_are_refused_at_their_lines_and_never_written(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    expected: list[tuple[int, str]],
    command: str,
    eol: str,
) -> None:
    """Cases 11-19, 24, 25, in the style of cog's ``is_bad``: exit 2, one ``path:line:1: message``
    line per problem on stderr, nothing on stdout, and the file's bytes, mtime and inode unchanged,
    in every EOL. (Problems are compared in line order: plansync reports them marker by marker,
    so a trailing-text end marker is named before the begin it leaves open.)"""
    path = write(tmp_path, eol_bytes(HEAD + text, eol))
    before = fingerprint(path)
    code, out, err = run_main(capsys, command, str(path))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert sorted(lines, key=lambda s: int(s[len(str(path)) + 1 :].split(":")[0])) == [
        f"{path}:{line}:1: {message}" for line, message in expected
    ]
    assert "Traceback" not in err and "internal error" not in err
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.md"]


#: Layouts that are fine: (id, before HEAD, between HEAD and the real region, after the region).
#: Copies of markers in them are never markers; their decoy tasks never count; every byte of
#: them stays; the real region gets exactly SUMMARY.
GOOD_LAYOUTS = [
    ("11-fenced-copy-before", "", f"```markdown\n{B}\n- [x] decoy\n{E}\n```\n\n", ""),
    ("11-tilde-fence-copy-after", "", "", f"\n~~~md\n{E}\n- [x] decoy\n{B}\n~~~\n"),
    ("11-unclosed-fence-after-swallows-copies", "", "", f"\n```\n{B}\n- [x] decoy\n{E}\n"),
    ("12-indented-code-copy", "", f"Example:\n\n    {B}\n    - [x] decoy\n    {E}\n\n", ""),
    ("12-tab-indented-copy", "", f"Example:\n\n\t{B}\n\t{E}\n\n", ""),
    ("13-commented-out-begin", "", f"<!--\nold notes\n{B}\n-->\n\n", ""),
    (
        "13-comment-naming-the-markers",
        "",
        "<!-- was: plansync:begin summary, plansync:end summary -->\n\n",
        "",
    ),
    ("17-ignore-comment", "", "<!-- plansync: ignore PS201 -->\n", ""),
    ("17-other-tools-comment", "", "<!-- plansync-lint: off -->\n\n", "\n<!-- toc -->\n<!-- tocstop -->\n"),
    ("18-copies-inside-a-details-block", "", f"<details>\n{B}\n- [x] decoy\n{E}\n</details>\n\n", ""),
    ("19-inline-copies", "", f"Write {B} and {E} on lines of their own.\n\n", ""),
    ("19-copies-in-list-items-and-quotes", "", f"- {B}\n- {E}\n\n> {B}\n> {E}\n\n", ""),
    ("20-paragraph-touching-both-markers", "", "Text right above\n", "Text right below\n"),
    ("20-list-item-touching-begin", "", "- item right above\n", ""),
    ("20-table-touching-begin", "", "| a | b |\n| - | - |\n| 1 | 2 |\n", ""),
    ("20-heading-touching-end", "", "", "## Notes\nplain text\n"),
    ("20-link-touching-end-no-final-newline", "", "", "[link](https://example.org) right below"),
    ("20-code-touching-both", "", "Example:\n\n    code above\n", "    code below\n"),
    (
        "23-yaml-front-matter-with-copies",
        f"---\nnote: {B}\n# not a heading\ntodo:\n  - [x] decoy\nend: {E}\n---\n",
        "",
        "",
    ),
    ("23-empty-yaml-front-matter", "---\n---\n", "", ""),
]


@pytest.mark.parametrize("eol", list(EOLS))
@pytest.mark.parametrize(
    ("front", "before", "after"), [pytest.param(f, b, a, id=i) for i, f, b, a in GOOD_LAYOUTS]
)
def test_copies_and_touching_content_are_kept_and_only_the_region_changes(
    tmp_path: Path, front: str, before: str, after: str, eol: str
) -> None:
    """Cases 11-13, 17-20, 23: exactly the bytes strictly between the real markers change."""
    prefix = front + HEAD + before + B + "\n"
    suffix = E + "\n" + after
    path = write(tmp_path, eol_bytes(prefix + suffix, eol))
    assert sync(path) is True
    assert path.read_bytes() == eol_bytes(prefix + SUMMARY + suffix, eol)
    assert len(plansync.parse(path.read_bytes().decode()).regions) == 1
    assert_stable(path)


@pytest.mark.parametrize("indent", [" ", "  ", "   "], ids=["one", "two", "three"])
def test_an_indented_marker_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], indent: str
) -> None:
    """Case 12's boundary: up to three spaces do not make code, but a list the region holds
    would take an indented end marker in as its own text; so markers start at column 1."""
    text = HEAD + "## Progress\n\n" + f"{indent}{B}\n{indent}{E}\n"
    path = write(tmp_path, text.encode())
    before = fingerprint(path)
    message = "a marker starts at the beginning of its line, not indented"
    for command in ("sync", "check"):
        assert run_main(capsys, command, str(path)) == (
            2,
            "",
            f"{path}:8:1: {message}\n{path}:9:1: {message}\n",
        )
    assert fingerprint(path) == before


def test_two_complete_regions_of_the_same_kind_are_both_filled(tmp_path: Path) -> None:
    """Case 15 asks to refuse two begins; plansync refuses a second begin *inside* a region
    (test above) but, as its README allows, fills two separate regions of the same kind alike."""
    text = HEAD + f"{B}\n{E}\n\nMiddle.\n\n{B}\n{E}\n"
    out = sync_bytes(tmp_path, text.encode())
    assert out.decode() == HEAD + f"{B}\n{SUMMARY}{E}\n\nMiddle.\n\n{B}\n{SUMMARY}{E}\n"
    assert_stable(tmp_path / "plan.md")


# --- case 22: text that could forge a marker

FORGERY_HEAD = (
    "# Plan\n\n## Phase <!-- plansync:end progress --> 1\n\n"
    "- [ ] close --> here\n"
    "- [/] `<!-- code -->` and <!--\n"
    f"- [ ] see {E} and {B}\n"
    "- [x] done\n\n"
)
MARKER_LINE = re.compile(r"^\s*<!--\s*plansync\s*:", re.IGNORECASE | re.MULTILINE)


def test_task_and_heading_text_can_never_open_close_or_spell_a_marker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Case 22: copied text gets a word joiner inside ``<!--``/``-->``; the output still has
    exactly the two region pairs, the same tasks, no new marker-like line, and is stable."""
    regions = f"{B}\n{E}\n\n<!-- plansync:begin progress -->\n<!-- plansync:end progress -->\n"
    path = write(tmp_path, (FORGERY_HEAD + regions).encode())
    assert sync(path) is True
    out = path.read_bytes().decode()
    assert out.startswith(FORGERY_HEAD)
    assert len(MARKER_LINE.findall(out)) == 4
    plan = plansync.parse(out)
    assert [r.name for r in plan.regions] == ["summary", "progress"]
    assert [t.text for t in plan.tasks] == [t.text for t in plansync.parse(FORGERY_HEAD).tasks]
    # A complete comment renders as nothing on GitHub, so a region drops it; what is left of a
    # marker's spelling gets the word joiner.
    assert "  - close -\u2060-> here (Phase 1)\n" in out
    assert "  - `<!-\u2060- code -\u2060->` and \\<!-\u2060- (Phase" in out
    assert "  - see and (Phase 1)" in out
    body = out.split(B)[1].split(E)[0]
    assert "<!--" not in body and "-->" not in body
    assert_stable(path)
    assert run_main(capsys, "check", str(path)) == (0, "", "")


# --- case 23: front matter


@pytest.mark.parametrize("eol", list(EOLS))
@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
def test_yaml_front_matter_is_byte_identical_and_never_an_outline(
    tmp_path: Path, eol: str, bom: bool
) -> None:
    """Case 23: YAML front matter (comments, tasks, marker copies, odd spacing) is kept byte for
    byte, after a BOM too, and its ``# comment`` is no heading and its ``- [ ]`` no task."""
    front = (
        '---\ntitle:   "Plan"   # keep this comment\n# Not a heading\n'
        f"todo:\n  - [ ] not a task\n  - [x] nor this\nmarker: '{B}'\n---\n"
    )
    text = front + "\n## Phase 1\n\n- [x] a\n- [ ] b\n\n" + f"{B}\n{E}\n"
    path = write(tmp_path, eol_bytes(text, eol, bom))
    assert sync(path) is True
    out = path.read_bytes()
    assert out.startswith(eol_bytes(front, eol, bom))
    decoded = out.decode("utf-8-sig")
    assert "- **Current phase**: Phase 1 (1/2)" in decoded
    assert "- **Overall**: 1 of 2 tasks done (50%)" in decoded
    plan = plansync.parse(decoded)
    assert [h.title for h in plan.headings] == ["Phase 1"]
    assert_stable(path)


def test_toml_front_matter_is_byte_identical(tmp_path: Path) -> None:
    """Case 23, TOML (``+++``): kept byte for byte and its tasks do not count. Unlike the catalog's
    suggestion, the README documents YAML front matter only: a ``+++`` block is Markdown, as on
    GitHub, so a ``# comment`` inside it reads as a level-1 heading."""
    front = '+++\ntitle = "Plan"\n# a TOML comment\ndraft = false\n+++\n'
    text = front + "\n## Phase 1\n\n- [x] a\n- [ ] b\n\n" + f"{B}\n{E}\n"
    out = sync_bytes(tmp_path, text.encode()).decode()
    assert out.startswith(front + "\n## Phase 1\n\n- [x] a\n- [ ] b\n\n" + B + "\n")
    assert "- **Current phase**: Phase 1 (1/2)\n- **Overall**: 1 of 2 tasks done (50%)\n" in out
    assert_stable(tmp_path / "plan.md")


# --- case 25: deep nesting


def nested(depth: int) -> str:
    return "".join("  " * i + f"- [ ] level {i}\n" for i in range(depth))


@pytest.mark.parametrize(
    ("block", "total"),
    [
        (nested(10), 10),  # the commonmark preset (maxNesting 20) drops everything after this
        (nested(40), 40),
        ("".join("> " * i + "- [ ] quoted\n" for i in range(1, 30)), 29),
        ("".join("> " * i + "- " * i + "[ ] mixed\n\n" for i in range(1, 12)), 11),
    ],
    ids=["lists-10", "lists-40", "quotes-29", "quotes-and-lists-11"],
)
def test_deep_nesting_loses_nothing_after_it(tmp_path: Path, block: str, total: int) -> None:
    """Case 25: markdown-it stops silently at its nesting limit; plansync raises the limit, so the
    heading and the done task after a deep block are still counted in the region."""
    text = "# P\n\n" + block + "\n## After\n\n- [x] tail\n\n" + f"{B}\n{E}\n"
    out = sync_bytes(tmp_path, text.encode()).decode()
    done = f"1 of {total + 1} tasks done"
    assert f"- **Overall**: {done} (" in out
    assert "After" in out.split(B)[1]
    assert [t.text for t in plansync.parse(out).tasks][-1] == "tail"


def test_too_deep_nesting_is_refused_through_the_command_line(tmp_path: Path) -> None:
    """Case 25: beyond 199 levels, exit 2 at the first line past the limit, the file untouched."""
    text = "# P\n\n" + nested(150) + "\n## After\n\n- [x] tail\n\n" + f"{B}\n{E}\n"
    path = write(tmp_path, text.encode())
    before = fingerprint(path)
    result = run_cli("sync", str(path))
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"{path}:101:1: {TOO_DEEP}\n")
    assert fingerprint(path) == before


# --- case 26: task syntax

#: (id, the line(s), (done, total, doing, cancelled) of those lines). README "Reading a plan":
#: ` `, `x`/`X`, `/` doing, `-` cancelled; `-`, `*`, `+`, `1.`, `1)`; any depth; tabs; quotes;
#: `[/]` and `[-]` need text after the box.
TASK_VARIANTS = [
    ("upper-x", "- [X] a", (1, 1, 0, 0)),
    ("star", "* [x] a", (1, 1, 0, 0)),
    ("plus", "+ [x] a", (1, 1, 0, 0)),
    ("ordered-dot", "1. [x] a", (1, 1, 0, 0)),
    ("ordered-paren", "1) [x] a", (1, 1, 0, 0)),
    ("ordered-ten", "10. [x] a", (1, 1, 0, 0)),
    ("two-spaces-after-bullet", "-  [x] a", (1, 1, 0, 0)),
    ("tab-after-bullet", "-\t[x] a", (1, 1, 0, 0)),
    ("tab-after-box", "- [x]\ta", (1, 1, 0, 0)),
    ("blockquote", "> - [x] a", (1, 1, 0, 0)),
    ("nested-quote-ordered", "> > 1) [x] a", (1, 1, 0, 0)),
    ("nested-with-tab", "- [x] a\n\t- [ ] b", (1, 2, 0, 0)),
    ("open-with-trailing-space-only", "- [ ] ", (0, 1, 0, 0)),
    ("doing", "- [/] a", (0, 1, 1, 0)),
    ("cancelled-leaves-the-total", "- [-] a\n- [x] b", (1, 1, 0, 1)),
    ("box-then-box-text", "- [ ] [x] a", (0, 1, 0, 0)),
    ("no-text", "- [x]", (0, 0, 0, 0)),
    ("no-space-after-box", "- [ ]no-space", (0, 0, 0, 0)),
    ("tilde", "- [~] a", (0, 0, 0, 0)),
    ("doing-without-text", "- [/]", (0, 0, 0, 0)),
    ("cancelled-without-text", "- [-] ", (0, 0, 0, 0)),
    ("no-space-after-bullet", "-[ ] a", (0, 0, 0, 0)),
    ("space-inside-box", "- [ x] a", (0, 0, 0, 0)),
    ("empty-box", "- [] a", (0, 0, 0, 0)),
    ("two-letters", "- [xx] a", (0, 0, 0, 0)),
    ("box-alone-text-below", "- [ ]\n  text below", (0, 0, 0, 0)),
    ("in-a-table-cell", "| - [x] a |\n| --- |\n| - [ ] b |", (0, 0, 0, 0)),
    ("in-an-html-block", "<div>\n- [x] a\n</div>", (0, 0, 0, 0)),
    ("in-a-comment", "<!--\n- [x] a\n-->", (0, 0, 0, 0)),
]


@pytest.mark.parametrize(("lines", "counts"), [pytest.param(t, c, id=i) for i, t, c in TASK_VARIANTS])
def test_task_variants_count_as_the_readme_says(
    tmp_path: Path, lines: str, counts: tuple[int, int, int, int]
) -> None:
    """Case 26 through a synced summary: one open anchor task plus the variant's tasks. (The
    catalog lists ``[~]`` as not a task; the README also defines ``[/]`` doing and ``[-]`` cancelled.)"""
    done, total, doing, cancelled = counts
    text = f"# P\n\n- [ ] anchor\n\n{lines}\n\n{B}\n{E}\n"
    out = sync_bytes(tmp_path, text.encode()).decode()
    all_total = total + 1
    percent = f"{round(100 * done / all_total, 1):g}%"
    extras = "".join([f"; {doing} doing" if doing else "", f"; {cancelled} cancelled" if cancelled else ""])
    assert f"- **Overall**: {done} of {all_total} tasks done ({percent}){extras}\n" in out
    assert out.startswith(f"# P\n\n- [ ] anchor\n\n{lines}\n\n{B}\n")


def test_tasks_inside_a_region_count_zero(tmp_path: Path) -> None:
    """Case 26: tasks (and a heading) written inside a region are not counted; sync replaces
    them (handing back what it replaced), and the result counts only the plan's own task."""
    text = f"# P\n\n- [ ] real\n\n{B}\n## Fake\n\n- [x] inside\n- [x] inside too\n{E}\n"
    plan = plansync.parse(text)
    assert [t.text for t in plan.tasks] == ["real"] and [h.title for h in plan.headings] == ["P"]
    path = write(tmp_path, text.encode())
    outcome = sync_file(path, today=TODAY, history=False)
    assert outcome.changed
    assert [(r.name, body) for r, body in outcome.replaced] == [
        ("summary", "## Fake\n\n- [x] inside\n- [x] inside too\n")
    ]
    out = path.read_bytes().decode()
    assert "- **Overall**: 0 of 1 tasks done (0%)\n" in out and "inside" not in out
    assert_stable(path)


# --- case 27: headings

#: (id, the plan's headings and tasks, the progress table's phase titles)
HEADING_VARIANTS = [
    (
        "closing-hashes",
        "## Phase 1 ##\n\n- [x] a\n\n## Phase 2 #####   \n\n- [ ] b\n",
        ["Phase 1", "Phase 2"],
    ),
    (
        "setext",
        "Phase 1\n-------\n\n- [x] a\n\nPhase 2\nspans two lines\n---\n\n- [ ] b\n",
        ["Phase 1", "Phase 2 spans two lines"],
    ),
    (
        "inline-html-and-code",
        "## Phase <em>1</em>\n\n- [x] a\n\n## `Phase` 2\n\n- [ ] b\n",
        ["Phase <em>1</em>", "`Phase` 2"],
    ),
    (
        "links",
        "## [Phase 1](#x)\n\n- [x] a\n\n## Phase [2][ref]\n\n- [ ] b\n\n[ref]: https://e.org\n",
        ["[Phase 1](#x)", "Phase [2][ref]"],
    ),
    ("duplicates", "## Phase\n\n- [x] a\n\n## Phase\n\n- [ ] b\n", ["Phase", "Phase"]),
    (
        "escaped-and-inner-hashes",
        "## Phase 1 \\#\n\n- [x] a\n\n## Phase #2\n\n- [ ] b\n",
        ["Phase 1 \\#", "Phase #2"],
    ),
    (
        "not-headings",
        "#Phase 0\n\n    ## code\n\n## Phase 1\n\n- [x] a\n\n## Phase 2\n\n- [ ] b\n",
        ["Phase 1", "Phase 2"],
    ),
    (
        "headings-in-list-items-are-not-outline",
        "## Phase 1\n\n- [x] a\n- ## Inner\n\n## Phase 2\n\n- [ ] b\n",
        ["Phase 1", "Phase 2"],
    ),
]


@pytest.mark.parametrize(("body", "titles"), [pytest.param(b, t, id=i) for i, b, t in HEADING_VARIANTS])
def test_heading_variants_name_the_phases(tmp_path: Path, body: str, titles: list[str]) -> None:
    """Case 27: ATX with closing hashes, setext (multi-line too), inline HTML, code and links,
    duplicates; ``#x`` and indented code are no headings. The progress table lists them raw."""
    text = body + "\n<!-- plansync:begin progress -->\n<!-- plansync:end progress -->\n"
    out = sync_bytes(tmp_path, text.encode()).decode()
    assert out.startswith(body + "\n<!-- plansync:begin progress -->\n")
    rows = [line for line in out.split("\n") if line.startswith("| ") and ("█" in line or "░" in line)]
    assert [r.split("|")[1].strip() for r in rows if "**Total**" not in r] == titles
    assert_stable(tmp_path / "plan.md")


def test_a_regions_own_headings_never_feed_the_next_run(tmp_path: Path) -> None:
    """Case 27: a region body that holds headings (replaced on the first run) never becomes outline, so
    runs do not feed on each other: run 1 and run 2 give the same bytes."""
    text = (
        "## Phase 1\n\n- [x] a\n\n"
        "<!-- plansync:begin progress -->\n## Phase 9\n- [ ] ghost\n<!-- plansync:end progress -->\n"
    )
    path = write(tmp_path, text.encode())
    sync(path)
    first = path.read_bytes().decode()
    assert "Phase 9" not in first and "| Phase 1   | ██████████ | 1/1  | 100% |" in first
    assert_stable(path)


# =============================================================================================
# C. Rewrite semantics
# =============================================================================================

# --- case 30: the end of the file

#: (id, text after the end marker)
ENDINGS = [
    ("region-at-eof-no-newline", ""),
    ("one-newline", "\n"),
    ("blank-lines-after", "\n\n\n"),
    ("spaces-without-newline", "\n   "),
    ("paragraph-without-newline", "\n\nlast words"),
]


@pytest.mark.parametrize("eol", list(EOLS))
@pytest.mark.parametrize("ending", [pytest.param(t, id=i) for i, t in ENDINGS])
def test_the_last_bytes_of_the_file_are_kept(tmp_path: Path, ending: str, eol: str) -> None:
    """Case 30: whatever follows the end marker (nothing, a newline, blank lines, spaces, text
    without a newline) comes out identical."""
    out = sync_bytes(tmp_path, eol_bytes(HEAD + f"{B}\n{E}" + ending, eol))
    assert out == eol_bytes(HEAD + f"{B}\n{SUMMARY}{E}" + ending, eol)
    assert_stable(tmp_path / "plan.md")


def test_an_empty_region_as_the_whole_file_after_a_bom(tmp_path: Path) -> None:
    """Cases 5, 30: a file that is only a BOM and a region, no final newline."""
    out = sync_bytes(tmp_path, BOM + f"{B}\r\n{E}".encode())
    assert out.startswith(BOM + B.encode() + b"\r\n\r\n- **Current phase**:") and out.endswith(
        b"\r\n" + E.encode()
    )
    assert b"\n" not in out.replace(b"\r\n", b"")


# --- case 28, 29: idempotence and no write, through real processes


@pytest.mark.parametrize(
    ("eol", "bom"), [("lf", False), ("crlf", True), ("cr", False)], ids=["lf", "crlf-bom", "cr"]
)
def test_a_current_plan_is_never_rewritten_by_any_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], eol: str, bom: bool
) -> None:
    """Cases 28, 29: on a current plan, ``sync``, ``sync --backfill``, ``check``, ``check --fix``,
    ``check --diff`` and ``report`` are silent about changes and leave bytes, mtime and inode alone."""
    path = write(tmp_path, eol_bytes(golden(ALL_REGIONS, filled=True), eol, bom))
    before = fingerprint(path)
    assert run_main(capsys, "sync", "--no-history", str(path)) == (0, "", "")
    assert run_main(capsys, "sync", "--no-history", "--backfill", str(path)) == (0, "", "")
    assert run_main(capsys, "check", str(path)) == (0, "", "")
    assert run_main(capsys, "check", "--diff", str(path)) == (0, "", "")
    assert run_main(capsys, "check", "--fix", str(path)) == (0, "", "")
    assert run_main(capsys, "report", "--no-history", str(path))[0] == 0
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.md"]


# --- case 31: formatters


def test_regions_from_hostile_text_are_a_fixed_point_of_mdformat(tmp_path: Path) -> None:
    """Case 31: a formatter run over the regions (markers included) changes nothing, for text with
    forged markers, table pipes in section titles and tasks, CJK and emoji."""
    mdformat = pytest.importorskip("mdformat")
    head = FORGERY_HEAD + "## 第二阶段 🚀\n\n### 2.1 数据 | pipe\n\n- [ ] 数据 | pipe\n\n"
    regions = f"{B}\n{E}\n\n<!-- plansync:begin progress depth=sections -->\n<!-- plansync:end progress -->\n"
    out = sync_bytes(tmp_path, (head + regions).encode()).decode()
    generated = out[len(head) :]
    assert "| 2.1 数据 \\| pipe |" in generated
    assert mdformat.text(generated, extensions={"gfm"}) == generated


def test_a_pipe_in_a_phase_title_gives_a_fixed_point_of_mdformat(tmp_path: Path) -> None:
    """Case 31: a phase title with ``|`` in a ``progress depth=sections`` region."""
    mdformat = pytest.importorskip("mdformat")
    head = "# P\n\n## Phase a | b\n\n### 1.1 One\n\n- [x] t\n\n## Phase c\n\n### 2.1 Two\n\n- [ ] u\n\n"
    regions = "<!-- plansync:begin progress depth=sections -->\n<!-- plansync:end progress -->\n"
    out = sync_bytes(tmp_path, (head + regions).encode()).decode()
    generated = out[len(head) :]
    assert "| 1.1 One   | ██████████ | 1/1  | 100% |" in generated
    assert mdformat.text(generated, extensions={"gfm"}) == generated


@pytest.mark.parametrize(
    "task",
    ["- [ ] ", "- [ ] <!-- note -->", "- [ ] > quoted", "- [ ] - item"],
    ids=["blank", "comment", "quote", "list"],
)
def test_a_task_without_paragraph_text_still_gives_a_fixed_point_of_mdformat(
    tmp_path: Path, task: str
) -> None:
    mdformat = pytest.importorskip("mdformat")
    text = f"# P\n\n{task}\n\n{B}\n{E}\n"
    out = sync_bytes(tmp_path, text.encode()).decode()
    generated = out[out.index(B) :]
    assert "- **Overall**: 0 of 1 tasks done (0%)" in generated
    assert mdformat.text(generated, extensions={"gfm"}) == generated


# --- case 32: nothing but the plan decides the bytes


def test_hash_seed_time_zone_and_locale_do_not_change_the_bytes(tmp_path: Path) -> None:
    """Case 32 (with tests/test_properties.py::test_p7_*): three processes with different
    PYTHONHASHSEED, TZ and LC_ALL write the same bytes for a plan of many sections."""
    sections = "".join(f"### 1.{i} Section {i}\n\n- [x] t{i}\n- [ ] u{i}\n\n" for i in range(12))
    text = (
        "# Plan\n\n## Phase 1\n\n"
        + sections
        + "## Phase 2\n\n- [/] w\n- [-] z\n\n"
        + f"{B}\n{E}\n\n<!-- plansync:begin progress depth=sections -->\n<!-- plansync:end progress -->\n\n"
        + "<!-- plansync:begin chart -->\n<!-- plansync:end chart -->\n"
    )
    results = []
    for i, env in enumerate(
        [
            {"PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C"},
            {"PYTHONHASHSEED": "1", "TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8"},
            {"PYTHONHASHSEED": "4242", "TZ": "America/Adak", "LC_ALL": "C"},
        ]
    ):
        (tmp_path / str(i)).mkdir()
        path = write(tmp_path / str(i), text.encode())
        result = run_cli("sync", "--no-history", str(path), env=env)
        assert (result.returncode, result.stderr) == (0, "")
        results.append(path.read_bytes())
    assert results[0] == results[1] == results[2] != text.encode()


# --- case 33: files without markers


@pytest.mark.parametrize(
    "data",
    [
        b"# Notes\r\n\r\n- [ ] not a plan\r\n",
        BOM + b"# Notes\n\n- [x] \x00 binary-ish\n",
        b"# Notes\n\n- [ ] \xff not UTF-8\n",
        b"",
    ],
    ids=["crlf", "bom-nul", "not-utf8", "empty"],
)
def test_files_without_markers_are_never_touched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    """Case 33: named on the command line or listed in the configuration's ``files``, a file
    without markers is left alone, silently, with exit 0. (The catalog suggests a warning when
    the configuration names it; the README documents silence: "it leaves it alone, exit 0".)"""
    path = write(tmp_path, data, name="notes.md")
    (tmp_path / ".plansync.toml").write_text('files = ["*.md"]\n', encoding="utf-8")
    before = fingerprint(path)
    assert run_main(capsys, "sync", str(path)) == (0, "", "")
    monkeypatch.chdir(tmp_path)
    assert run_main(capsys, "sync") == (0, "", "")
    assert fingerprint(path) == before
