"""Regions and the real Markdown formatters, end to end through the CLI: whatever layout mdformat or
prettier (at non-default settings) gives a region, ``check`` takes it as current and ``sync`` leaves
it alone; when ``sync`` must rewrite a stale region it writes the layout the repository's formatter
configuration asks for, so that a formatter run after it (or a pre-commit hook) settles at once.

Each case is a real git repository in tmp_path holding two plans of its own, run with subprocesses:
``python -m plansync``, ``python -m mdformat`` (with mdformat-gfm) and prettier 3 (see
``test_render._prettier``). Cases whose formatter is missing are skipped with the reason; the
pre-commit cases carry ``test_precommit``'s skip mark and install the plansync-sync hook from its
snapshot of the working tree. To keep the file quick, each matrix round handles both plans with one
command per step, and two rounds run at a time.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

import pytest

from .conftest import git
from .test_hook import plansync, run
from .test_precommit import (  # the pre-commit framework's set-up, shared with its own tests
    PRE_COMMIT,
    _clean_env,
    committed,
    hooks_repo,  # noqa: F401  (a fixture)
    pre_commit_home,  # noqa: F401  (a fixture)
)
from .test_precommit import pytestmark as needs_pre_commit
from .test_render import _prettier

# --- the plans ------------------------------------------------------------------------------------

ZH_TEXT = """\
# 🦀 Rust 系统编程学习计划

目标：三个月内掌握 Rust 的所有权模型，并用它写一个小型键值存储。每完成一项就勾选，下面的进度由 plansync 生成。

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

<!-- plansync:begin progress -->
<!-- plansync:end progress -->

## 第一阶段：语言基础 📘

#### 1.1 所有权与借用

- [x] 阅读《The Rust Programming Language》第 4 章，弄清 `&T` 与 `&mut T` 的区别
- [x] 完成 `rustlings` 中 move_semantics 的全部练习
- [x] 用 `Rc<RefCell<T>>` 实现一个双向链表 🔗

#### 1.2 错误处理

- [x] 比较 `Result<T, E>` 与 `panic!` 各自的适用场景
- [ ] 用 `thiserror` 为库定义错误类型
- [ ] 在命令行工具中用 `anyhow::Context` 补充错误上下文

## 第二阶段：并发与异步 ⚡

#### 2.1 线程与共享状态

- [x] 用 `std::thread::scope` 并行计算一个大数组的和
- [ ] 理解 `Send` 与 `Sync` 这两个标记 trait 🧵
- [ ] 用 `crossbeam-channel` 写一个生产者—消费者模型

#### 2.2 异步编程

- [ ] 读完 `tokio` 的官方教程
- [ ] 手写一个最小的 `Future` 执行器
- [ ] 比较 `async-std` 与 `tokio` 的调度策略

## 第三阶段：项目实战 🚀

#### 3.1 键值存储引擎

- [ ] 设计日志结构的存储格式（参考 Bitcask 论文）
- [ ] 实现 `get`、`set`、`rm` 三个命令
- [ ] 用 `criterion` 做基准测试 📊
- [ ] 实现日志压缩（compaction）

#### 3.2 网络层

- [ ] 用 `serde` 定义请求与响应的序列化格式
- [ ] 实现基于 TCP 的客户端与服务器
- [ ] 用 `tokio::signal` 实现优雅停机 🛑
- [ ] 编写端到端测试并接入 CI ✅

## 里程碑

<!-- plansync:begin milestones -->
<!-- plansync:end milestones -->

<!-- plansync:begin chart -->
<!-- plansync:end chart -->
"""

EN_TEXT = """\
# lumen-cache roadmap

lumen-cache is a caching reverse proxy for static sites. This roadmap covers the work up to the \
first stable release; every phase closes with a tagged pre-release that early adopters can try.

## Phase 1: Foundations

### 1.1 Request path

- [x] Accept HTTP/1.1 and HTTP/2 connections with `hyper` and route them through a single tower \
service stack
- [x] Honour `Cache-Control` directives as described in \
[RFC 9111](https://www.rfc-editor.org/rfc/rfc9111) for every response
- [x] Forward conditional requests upstream
  - [x] Send `If-None-Match` when an `ETag` is stored
  - [x] Send `If-Modified-Since` when only a `Last-Modified` date is stored

### 1.2 Storage

- [x] Keep hot entries in an in-memory LRU bounded by `--memory-limit`
- [/] Spill cold entries to disk in a content-addressed layout under `$LUMEN_HOME/objects`, so that \
two sites serving the same asset share one file, following the \
[storage notes](https://example.com/lumen/storage)
- [ ] Add a `lumen gc` command that removes unreferenced objects and prints how many bytes it \
reclaimed, without blocking requests that are being served
- [ ] Verify object digests on read

## Phase 2: Operations

### 2.1 Purging

- [ ] Purge single URLs through an authenticated admin endpoint
- [ ] Purge by surrogate key so that a deploy can invalidate every page built from one template, as \
explained in the [surrogate keys guide](https://example.com/lumen/surrogate-keys)
  - [ ] Parse the `Surrogate-Key` response header
  - [ ] Keep a reverse index from key to entries
- [-] Ship a browser extension for purging

### 2.2 Visibility

- [ ] Export hit, miss and eviction counters in the Prometheus text format
- [ ] Log one JSON line per request
- [ ] Add an `X-Cache` header that tells clients whether the response was a hit

## Phase 3: Stable release

### 3.1 Distribution

1. [ ] Publish static binaries for Linux and macOS
2. [ ] Publish a Debian package

### 3.2 Documentation

- [ ] Write a tutorial that puts lumen-cache in front of a static site
- [ ] Document every flag of `lumen serve` with its default, an example and the release that added \
it, in a reference page generated from the `clap` definitions

## Status

<!-- plansync:begin summary -->
<!-- plansync:end summary -->

<!-- plansync:begin progress -->
<!-- plansync:end progress -->

<!-- plansync:begin progress depth=sections -->
<!-- plansync:end progress -->

<!-- plansync:begin milestones -->
<!-- plansync:end milestones -->

<!-- plansync:begin chart -->
<!-- plansync:end chart -->
"""


@dataclass(frozen=True)
class Plan:
    name: str
    text: str
    #: The first words of an open task: ticking it moves the counts from ``before`` to ``after``.
    tick: str
    #: The overall count the summary shows after the first sync and after the tick (regexes).
    before: str
    after: str

    @property
    def file(self) -> str:
        return f"{self.name}.md"


def _count(done: int, total: int, sep: str) -> str:
    """A summary count such as ``5 / 20`` or ``6 of 20``, whatever whitespace a formatter put in it."""
    return rf"(?<![\d.]){done}\s*{sep}\s*{total}(?![\d.])"


ZH = Plan("zh", ZH_TEXT, "用 `thiserror`", _count(5, 20, "/"), _count(6, 20, "/"))
EN = Plan("en", EN_TEXT, "Verify object digests", _count(6, 20, "of"), _count(7, 20, "of"))
PLANS = (ZH, EN)
FILES = tuple(p.file for p in PLANS)

# --- the formatters ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Formatter:
    id: str
    tool: str  # "mdformat" or "prettier"
    flags: tuple[str, ...] = ()
    files: dict[str, str] = field(default_factory=dict)  # configuration files at the repository root


MDFORMAT_TOML = Formatter("mdformat-toml-wrap60", "mdformat", files={".mdformat.toml": "wrap = 60\n"})
EDITORCONFIG = Formatter(
    "prettier-editorconfig", "prettier", files={".editorconfig": "[*.md]\nindent_size = 4\n"}
)
PRETTIERRC = Formatter(
    "prettier-rc",
    "prettier",
    files={".prettierrc": '{"proseWrap": "always", "tabWidth": 4, "printWidth": 70}\n'},
)
CONFIGURED = (EDITORCONFIG, PRETTIERRC, MDFORMAT_TOML)
FORMATTERS = (
    Formatter("mdformat-default", "mdformat"),
    Formatter("mdformat-wrap40", "mdformat", ("--wrap", "40")),
    Formatter("mdformat-wrap80", "mdformat", ("--wrap", "80")),
    Formatter("mdformat-number", "mdformat", ("--number",)),
    MDFORMAT_TOML,
    Formatter("prettier-default", "prettier"),
    Formatter("prettier-always60", "prettier", ("--prose-wrap", "always", "--print-width", "60")),
    Formatter("prettier-tab4", "prettier", ("--tab-width", "4")),
    Formatter("prettier-tabs", "prettier", ("--use-tabs",)),
    EDITORCONFIG,
    PRETTIERRC,
)


def find_executable(tool: str) -> tuple[list[str] | None, str]:
    """The command that runs ``tool``, or None and why it is missing."""
    if tool == "mdformat":
        for module, package in (("mdformat", "mdformat"), ("mdformat_gfm", "mdformat-gfm")):
            if importlib.util.find_spec(module) is None:
                return None, f"{package} is not installed (pip install {package})"
        return [sys.executable, "-m", "mdformat"], ""
    found = _prettier()
    return found, "" if found else "prettier is not installed (.ci/run installs it into .ci/node with npm)"


def executable(tool: str) -> list[str]:
    """The command that runs ``tool``; skips the test when it is not installed."""
    exe, why = find_executable(tool)
    if exe is None:
        pytest.skip(why)
    return exe


def fmt(
    exe: list[str], cfg: Formatter, repo: Path, *files: str, check: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run the formatter on ``files`` in place (or only ``--check`` them)."""
    mode = ["--check"] if check else ([] if cfg.tool == "mdformat" else ["--write"])
    return run(repo, *exe, *cfg.flags, *mode, *files)


# --- helpers ----------------------------------------------------------------------------------------

PS50X = re.compile(r"^.*\bPS50[12]\b.*$", re.M)
OLD = 1_000_000_000  # an mtime long past (2001): a rewrite of the file would move it


def with_plans(repo: Path, files: dict[str, str] | None = None, plans: tuple[Plan, ...] = PLANS) -> Path:
    """``repo`` (a git repository) with ``plans`` and the configuration ``files`` committed."""
    return committed(repo, {**(files or {}), **{p.file: p.text for p in plans}})


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def region_body(text: str, name: str) -> str:
    """The body of the first region called ``name`` (between its marker lines)."""
    found = re.search(rf"<!-- plansync:begin {name}[^\n]*-->\n(.*?)<!-- plansync:end {name} -->", text, re.S)
    assert found, f"no region {name!r} in:\n{text[:500]}"
    return found.group(1)


def tick(path: Path, words: str) -> bool:
    """Tick the open task starting with ``words``, whatever list marker, indent and line breaks
    the formatter gave it."""
    needle = r"\s+".join(re.escape(word) for word in words.split())
    box = re.compile(r"^([ \t]*(?:[-*+]|\d+[.)])[ \t]+)\[ \](\s+" + needle + ")", re.M)
    text, count = box.subn(r"\1[x]\2", read(path), count=1)
    path.write_bytes(text.encode("utf-8"))
    return count == 1


def summary_shows(path: Path, count: str) -> str:
    """'' when the summary of the plan at ``path`` shows ``count``, else why not."""
    body = region_body(read(path), "summary")
    return "" if re.search(count, body) else f"the summary does not show /{count}/:\n{body[:400]}"


def output(done: subprocess.CompletedProcess[str]) -> str:
    return (done.stdout + done.stderr).strip()[-600:]


def first_diff(before: str, after: str) -> str:
    """The first line that differs, for a failure message."""
    pairs = zip_longest(before.splitlines(), after.splitlines(), fillvalue="<end of file>")
    for number, (old, new) in enumerate(pairs, 1):
        if old != new:
            return f"line {number}: {old[:100]!r} -> {new[:100]!r}"
    return "no difference" if before == after else "line endings differ"


def check_problems(repo: Path, files: tuple[str, ...]) -> dict[str, str]:
    """The files whose regions ``plansync check`` does not pass (exit 0, no PS501/PS502), each
    with why. One run for all; only when it fails is each file checked alone to name the culprit."""
    done = plansync(repo, "check", *files)
    if done.returncode == 0 and not PS50X.search(done.stdout + done.stderr):
        return {}
    problems = {}
    for file in files:
        alone = plansync(repo, "check", file)
        findings = PS50X.findall(alone.stdout + alone.stderr)
        if alone.returncode != 0 or findings:
            problems[file] = f"check exit {alone.returncode}: " + (" | ".join(findings) or output(alone))
    return problems or dict.fromkeys(files, f"check of all files exit {done.returncode}: {output(done)}")


def sync_changes(repo: Path, files: tuple[str, ...]) -> dict[str, str]:
    """The files a ``plansync sync`` of current regions touched (bytes or mtime), each with how."""
    paths = [repo / file for file in files]
    before = []
    for path in paths:
        os.utime(path, (OLD, OLD))
        before.append(read(path))
    done = plansync(repo, "sync", *files)
    changed = {}
    for file, path, old in zip(files, paths, before, strict=True):
        new, mtime = read(path), path.stat().st_mtime
        if done.returncode != 0 or new != old or mtime != OLD:
            changed[file] = (
                f"sync exit {done.returncode}, mtime {'kept' if mtime == OLD else 'moved'}, "
                f"{first_diff(old, new)}; it said: {output(done)!r}"
            )
    return changed


# --- 1. the matrix: sync, format, check, no-op sync, tick, sync, format, check ----------------------


def matrix_round(repo: Path, exe: list[str], cfg: Formatter) -> dict[str, list[str]]:
    """One round with both plans, one command per step; what went wrong, by plan (in step order)."""
    trouble: dict[str, list[str]] = {p.name: [] for p in PLANS}

    def note(step: str, problems: dict[str, str]) -> None:
        for plan in PLANS:
            if plan.file in problems:
                trouble[plan.name].append(f"{step}: {problems[plan.file]}")

    def counts(step: str, done: subprocess.CompletedProcess[str], attr: str) -> None:
        note(step, {p.file: f"exit {done.returncode} {output(done)!r}" for p in PLANS if done.returncode})
        note(step, {p.file: why for p in PLANS if (why := summary_shows(repo / p.file, getattr(p, attr)))})

    def formatted(step: str) -> None:
        done = fmt(exe, cfg, repo, *FILES)
        if done.returncode != 0:
            note(step, dict.fromkeys(FILES, f"{cfg.tool} exit {done.returncode}: {output(done)}"))

    counts("first sync fills the regions", plansync(repo, "sync", *FILES), "before")
    formatted(f"{cfg.tool} on the synced plans")
    note(f"check after {cfg.tool} (same meaning)", check_problems(repo, FILES))
    note(f"sync of the {cfg.tool}-formatted plans must not write", sync_changes(repo, FILES))
    note("tick", {p.file: f"no open task {p.tick!r}" for p in PLANS if not tick(repo / p.file, p.tick)})
    counts("sync after the tick", plansync(repo, "sync", *FILES), "after")
    formatted(f"{cfg.tool} after the tick")
    note(f"check after tick, sync, {cfg.tool}", check_problems(repo, FILES))
    return trouble


def guarded_round(repo: Path, exe: list[str], cfg: Formatter) -> dict[str, list[str]]:
    """``matrix_round``, an exception in it (a formatter that lost a marker, say) told as trouble."""
    try:
        return matrix_round(repo, exe, cfg)
    except Exception as error:
        return {p.name: [f"the round stopped: {type(error).__name__}: {error}"] for p in PLANS}


@pytest.fixture(scope="module")
def matrix_rounds(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Formatter], dict[str, list[str]]]:
    """Every formatter's round with both plans, what went wrong by plan (the tests of both plans
    read the same round). The rounds run when the first test asks, inside its clean environment
    (conftest's ``_clean_git_env``), two at a time: each is a chain of subprocesses."""
    rounds: dict[str, dict[str, list[str]]] = {}

    def get(cfg: Formatter) -> dict[str, list[str]]:
        if not rounds:
            jobs = []
            for each in FORMATTERS:
                exe, _ = find_executable(each.tool)
                if exe is not None:  # the tests of a missing formatter skip with the reason
                    repo = tmp_path_factory.mktemp(each.id)
                    git(repo, "init", "-q", "-b", "main")
                    jobs.append((each.id, with_plans(repo, each.files), exe, each))
            with ThreadPoolExecutor(max_workers=2) as pool:
                futures = {name: pool.submit(guarded_round, repo, exe, f) for name, repo, exe, f in jobs}
            rounds.update((name, future.result()) for name, future in futures.items())
        return rounds[cfg.id]

    return get


@pytest.mark.parametrize("cfg", FORMATTERS, ids=[f.id for f in FORMATTERS])
@pytest.mark.parametrize("plan", PLANS, ids=[p.name for p in PLANS])
def test_matrix_round_settles_with_the_formatter(
    plan: Plan, cfg: Formatter, matrix_rounds: Callable[[Formatter], dict[str, list[str]]]
) -> None:
    executable(cfg.tool)  # skips when the formatter is missing
    trouble = matrix_rounds(cfg)[plan.name]
    assert not trouble, f"{plan.name} x {cfg.id}:\n" + "\n".join(trouble)


# --- 2. layout: right after sync rewrites a stale region, the formatter has nothing to change -------


@pytest.mark.parametrize("cfg", CONFIGURED, ids=[f.id for f in CONFIGURED])
def test_layout_sync_writes_what_the_configured_formatter_keeps(repo: Path, cfg: Formatter) -> None:
    exe = executable(cfg.tool)
    with_plans(repo, cfg.files)
    assert plansync(repo, "sync", *FILES).returncode == 0
    fmt(exe, cfg, repo, *FILES)
    steady = fmt(exe, cfg, repo, *FILES, check=True)
    if steady.returncode != 0:  # a formatter may need a second pass to settle
        fmt(exe, cfg, repo, *FILES)
        steady = fmt(exe, cfg, repo, *FILES, check=True)
    assert steady.returncode == 0, f"setup: {cfg.tool} is not idempotent on the plans: {output(steady)}"

    for plan in PLANS:
        assert tick(repo / plan.file, plan.tick), f"setup: no open task {plan.tick!r} in {plan.file}"
    synced = plansync(repo, "sync", *FILES)
    assert synced.returncode == 0, output(synced)
    assert all(f"updated {p.file}" in synced.stdout for p in PLANS), synced.stdout
    texts = {p.file: read(repo / p.file) for p in PLANS}
    for plan in PLANS:
        assert not summary_shows(repo / plan.file, plan.after), summary_shows(repo / plan.file, plan.after)

    checked = fmt(exe, cfg, repo, *FILES, check=True)
    if checked.returncode != 0:
        fmt(exe, cfg, repo, *FILES)
        rewrites = [f"{f}: {first_diff(t, read(repo / f))}" for f, t in texts.items() if t != read(repo / f)]
        pytest.fail(f"{cfg.tool} --check exit {checked.returncode} right after sync; it rewrites {rewrites}")


# --- 3. hand edits after mdformat --wrap 40 are still found -----------------------------------------

WRAP40 = Formatter("mdformat-wrap40", "mdformat", ("--wrap", "40"))


def _add_note(body: str) -> str:
    return body.rstrip("\n") + "\n\n备注：这一段是手写的，不是 plansync 生成的。\n\n"


@pytest.mark.parametrize(
    ("plan", "region", "edit", "codes", "not_codes"),
    [
        pytest.param(ZH, "summary", _add_note, {"PS502"}, set(), id="note-in-summary-is-PS502"),
        pytest.param(
            ZH, "progress", lambda b: b.replace("5/20", "6/20", 1), {"PS501"}, {"PS502"}, id="figure-is-PS501"
        ),
        pytest.param(
            EN,
            "summary",
            lambda b: re.sub(r"\bshare\b", "reuse", b, count=1),
            {"PS501", "PS502"},
            set(),
            id="word-in-wrapped-task-text",
        ),
    ],
)
def test_hand_edit_after_mdformat_wrap_40_fails_check(
    repo: Path,
    plan: Plan,
    region: str,
    edit: Callable[[str], str],
    codes: set[str],
    not_codes: set[str],
) -> None:
    exe = executable("mdformat")
    with_plans(repo, plans=(plan,))
    assert plansync(repo, "sync", plan.file).returncode == 0
    assert fmt(exe, WRAP40, repo, plan.file).returncode == 0
    path = repo / plan.file
    assert not check_problems(repo, (plan.file,)), "setup: the wrapped plan must pass check"

    text = read(path)
    body = region_body(text, region)
    edited = edit(body)
    assert edited != body, f"setup: the edit does not apply to region {region!r}:\n{body}"
    if plan is EN:  # the word sits on a continuation line of a task text mdformat wrapped
        line = next(line for line in edited.splitlines() if "reuse" in line)
        assert not re.match(r"\s*[-*+] ", line), f"setup: {line!r} is not inside wrapped text"
    path.write_bytes(text.replace(body, edited, 1).encode("utf-8"))

    done = plansync(repo, "check", plan.file)
    found = set(re.findall(r"\bPS50[12]\b", done.stdout + done.stderr))
    assert done.returncode == 1, f"check exit {done.returncode}: {output(done)}"
    assert found & codes, f"expected one of {sorted(codes)}: {output(done)}"
    assert not found & not_codes, f"{sorted(found & not_codes)} must not be reported: {output(done)}"


# --- 4. a JavaScript prettier config: a note, never run, and no ping-pong ---------------------------

JS_CONFIG = """\
require("node:fs").writeFileSync(__dirname + "/config-was-run", "");
module.exports = { proseWrap: "always", printWidth: 50 };
"""


def test_javascript_prettier_config_gets_one_note_and_settles(repo: Path) -> None:
    prettier = executable("prettier")
    with_plans(repo, {"prettier.config.js": JS_CONFIG})

    synced = plansync(repo, "sync")  # the tracked plans with markers: both
    assert synced.returncode == 0, output(synced)
    assert all(f"updated {f}" in synced.stdout for f in FILES), synced.stdout
    notes = [line for line in synced.stderr.splitlines() if "prettier.config.js" in line]
    assert len(notes) == 1, f"one note for both plans, not {len(notes)}:\n{synced.stderr}"
    assert "note" in notes[0], notes[0]
    assert "prettier.config.js" not in synced.stdout, synced.stdout
    assert not (repo / "config-was-run").exists(), "plansync ran the JavaScript config"

    written = run(repo, *prettier, "--write", *FILES)
    assert written.returncode == 0, output(written)
    assert (repo / "config-was-run").exists(), "setup: prettier did not load prettier.config.js"
    intro = next(line for line in read(repo / EN.file).splitlines() if line.startswith("lumen-cache is"))
    assert len(intro) <= 50, f"setup: prettier did not fill at 50 columns: {intro!r}"
    assert not check_problems(repo, FILES), check_problems(repo, FILES)
    assert not sync_changes(repo, FILES), sync_changes(repo, FILES)


# --- a milestone entry the layout wraps keeps its date --------------------------------------------

LONG_TITLE = "Request path and conditional request handling"


def milestone_plan(numbered: bool) -> str:
    """A plan whose one finished section has a title too long for a 40-column milestone line."""
    number = "1.1 " if numbered else ""
    later, again = ("1.2 ", "2.1 ") if numbered else ("", "")
    return f"""\
# Proxy checklist

## Phase 1: Groundwork

### {number}{LONG_TITLE}

- [x] Parse `Cache-Control` on every response
- [x] Send `If-None-Match` upstream

### {later}Storage

- [ ] Keep hot entries in memory

## Phase 2: Release

### {again}Packaging

- [ ] Publish static binaries

<!-- plansync:begin milestones -->
<!-- plansync:end milestones -->
"""


#: A milestones body read by its meaning (a wrapped one) finds labels that start like a block
#: (``1.1 …``) as well as any other: labels are read as inline text, never escaped as blocks.
MILESTONE_CASES = [
    pytest.param(True, id="numbered-section"),
    pytest.param(False, id="unnumbered-section"),
]


@pytest.mark.parametrize("numbered", MILESTONE_CASES)
def test_milestone_wrapped_by_mdformat_toml_is_written_and_checked(repo: Path, numbered: bool) -> None:
    """sync writes the entry wrapped at ``.mdformat.toml``'s 40 columns; that must read back."""
    exe = executable("mdformat")
    committed(repo, {".mdformat.toml": "wrap = 40\n", "plan.md": milestone_plan(numbered)})
    synced = plansync(repo, "sync", "plan.md")
    assert synced.returncode == 0, f"sync exit {synced.returncode}: {output(synced)}"
    body = region_body(read(repo / "plan.md"), "milestones")
    assert body.startswith(f"\n- 2025-10-22 — {'1.1 ' * numbered}Request"), f"no history date:\n{body}"
    assert "\n  " in body, f"setup: the entry is not wrapped at 40 columns:\n{body}"
    assert not check_problems(repo, ("plan.md",)), check_problems(repo, ("plan.md",))
    assert fmt(exe, MDFORMAT_TOML, repo, "plan.md").returncode == 0
    assert region_body(read(repo / "plan.md"), "milestones") == body, "mdformat re-lays the entry sync wrote"


@pytest.mark.parametrize("numbered", MILESTONE_CASES)
def test_milestone_wrapped_by_mdformat_keeps_its_date(repo: Path, numbered: bool) -> None:
    """``mdformat --wrap 40`` wraps the entry sync wrote on one line: check still passes, and a
    sync without history (nothing to date it again from) keeps the recorded date."""
    exe = executable("mdformat")
    committed(repo, {"plan.md": milestone_plan(numbered)})
    assert plansync(repo, "sync", "plan.md").returncode == 0
    assert fmt(exe, WRAP40, repo, "plan.md").returncode == 0
    body = region_body(read(repo / "plan.md"), "milestones")
    wrapped = body.startswith(f"\n- 2025-10-22 — {'1.1 ' * numbered}Request") and "\n  " in body
    assert wrapped, f"setup: not a wrapped entry of the section:\n{body}"
    assert not check_problems(repo, ("plan.md",)), check_problems(repo, ("plan.md",))
    before = read(repo / "plan.md")
    resynced = plansync(repo, "sync", "--no-history", "plan.md")
    assert resynced.returncode == 0, output(resynced)
    assert read(repo / "plan.md") == before, (
        "sync rewrote the wrapped milestone: "
        f"{region_body(read(repo / 'plan.md'), 'milestones')!r} (was {body!r})"
    )


# --- 5. pre-commit: plansync-sync next to a formatter hook settles in two runs ----------------------


def plansync_hook(hooks: Path) -> str:
    """This project's plansync-sync hook from the snapshot of its working tree (``hooks_repo``)."""
    rev = git(hooks, "rev-parse", "HEAD").stdout.strip()
    return f"  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: plansync-sync\n"


def system_hook(hook_id: str, *argv: str) -> str:
    return (
        f"  - repo: local\n    hooks:\n      - id: {hook_id}\n        name: {hook_id}\n"
        f"        entry: {shlex.join(argv)}\n        language: system\n        types: [markdown]\n"
    )


PRE_COMMIT_CASES = [
    # Flags only in the hook's entry: plansync cannot know that layout, so plansync-sync goes first.
    pytest.param("mdformat", ("--wrap", "60"), {}, True, id="plansync-then-mdformat-wrap60"),
    # The layout in a file plansync reads: the formatter may as well run first.
    pytest.param("mdformat", (), MDFORMAT_TOML.files, False, id="mdformat-toml-then-plansync"),
    pytest.param(
        "prettier",
        ("--prose-wrap", "always", "--print-width", "60"),
        {},
        True,
        id="plansync-then-prettier-always60",
    ),
]


@needs_pre_commit
@pytest.mark.parametrize(("tool", "flags", "files", "plansync_first"), PRE_COMMIT_CASES)
def test_pre_commit_tick_settles_in_two_runs(
    repo: Path,
    hooks_repo: Path,  # noqa: F811
    pre_commit_home: Path,  # noqa: F811
    tool: str,
    flags: tuple[str, ...],
    files: dict[str, str],
    plansync_first: bool,
) -> None:
    assert PRE_COMMIT is not None
    cfg = Formatter(tool, tool, flags, files)
    exe = executable(tool)
    formatter = system_hook(tool, *exe, *([] if tool == "mdformat" else ["--write"]), *flags)
    ours = plansync_hook(hooks_repo)
    config = "repos:\n" + (ours + formatter if plansync_first else formatter + ours)
    with_plans(repo, {".pre-commit-config.yaml": config, **files})
    assert plansync(repo, "sync", *FILES).returncode == 0
    assert fmt(exe, cfg, repo, *FILES).returncode == 0
    git(repo, "commit", "-q", "-am", "synced and formatted")
    for plan in PLANS:
        assert tick(repo / plan.file, plan.tick), f"setup: no open task {plan.tick!r} in {plan.file}"

    runs = []
    for _ in range(2):
        git(repo, "add", *FILES)
        done = subprocess.run(
            [PRE_COMMIT, "run", "--files", *FILES],
            cwd=repo,
            env=_clean_env(PRE_COMMIT_HOME=str(pre_commit_home), PRE_COMMIT_COLOR="never"),
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )
        modified = re.findall(
            r"^- hook id: (\S+)\n(?:- exit code: \d+\n)?- files were modified", done.stdout, re.M
        )
        runs.append((done, modified))
    (first, modified_first), (second, modified_second) = runs

    assert first.returncode != 0, f"the tick must make the first run fail:\n{first.stdout}"
    assert "plansync-sync" in modified_first, f"plansync-sync must rewrite the summary:\n{first.stdout}"
    assert second.returncode == 0, (
        f"the second run must pass (modified by {modified_second or 'none'}):\n{second.stdout}{second.stderr}"
    )
    for plan in PLANS:
        assert not summary_shows(repo / plan.file, plan.after), summary_shows(repo / plan.file, plan.after)
    assert not check_problems(repo, FILES), check_problems(repo, FILES)
