#!/usr/bin/env python3
"""Measure plansync side by side with the parser it is built on and with its peers.

    python3 benchmarks/run.py [--quick] [--runs N] [--plansync PATH]

Every figure is a ratio from one run: the two commands alternate (A B A B ...), each
timing is a whole process started with fork/exec and reaped with wait4 (wall time from
the clock, peak RSS from the kernel), and the ratio is the median of the per-round ratios.
The Markdown table goes to stdout, progress to stderr. The exit status is 0 whatever the
numbers are; 2 when a command fails to run (its stderr is printed) or a prerequisite is
missing. Needs the shared data (../shared/bench, ../shared/seed) beside the checkout and
only the standard library in the interpreter that runs this script.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
SHARED = CHECKOUT.parent / "shared"
BENCH = SHARED / "bench"
SEED = SHARED / "seed" / "learning-plan-zh.md"
SEED_HEAD = "### 进度记录\n"

SIZES = (100, 2_000, 20_000, 100_000)
QUICK_SIZES = (100, 2_000, 20_000)
LANGS = ("en", "zh")
BIG = 100_000  # plans this size and the history get at most BIG_RUNS rounds
BIG_RUNS = 3
PLAN_SEED = 1
HISTORY_TASKS = 2_000
HISTORY_SEED = 2

# The floor for any tool on markdown-it-py: read the file, block-parse it with tasklists on.
BARE = """\
import sys
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark", {"tasklists": True}).enable("table").disable(["inline", "text_join"])
with open(sys.argv[1], encoding="utf-8") as f:
    text = f.read()
md.parse(text)
"""
MARKERLESS = "# Notes\n\nNo plan here.\n" * 2000
BEGIN = re.compile(r"^<!-- plansync:begin ([^\s>]+)[^\n]*-->[ \t]*$", re.MULTILINE)


class Failed(Exception):
    """A command did not run as it should; the benchmark stops with exit 2."""


def say(msg: str) -> None:
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


def show(argv: Sequence[str | Path]) -> str:
    return " ".join(str(a) for a in argv)


# --------------------------------------------------------------------------- timing


# The timed processes are forked by this small helper, not by the benchmark itself: Linux
# charges a forked child for the memory it inherits (ru_maxrss keeps the larger of what the
# child inherited at fork and what it used after exec), so the forking process has to stay
# smaller than anything it measures. A `python -I -S` with os, sys and time loaded forks
# children that start at about 5 MiB, below the peak of any python process, while this script
# grows as it works (plans of 100,000 tasks are built in it).
# Protocol: the benchmark writes "<size>\n" then cwd, stderr file and argv joined by NUL;
# the helper answers "<wall seconds> <ru_maxrss KiB> <exit code>\n".
LAUNCHER = r"""
import os, sys, time
src, dst = sys.stdin.buffer, sys.stdout.buffer
null = os.open(os.devnull, os.O_RDWR)
while True:
    head = src.readline()
    if not head:
        break
    fields = src.read(int(head)).split(b"\0")
    cwd, err, argv = fields[0], fields[1], fields[2:]
    errfd = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            if cwd:
                os.chdir(cwd)
            os.dup2(null, 0)
            os.dup2(null, 1)
            os.dup2(errfd, 2)
            os.execvp(argv[0], argv)
        except BaseException as e:
            os.write(2, b"cannot run " + argv[0] + b": " + str(e).encode())
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    os.close(errfd)
    dst.write(b"%s %d %d\n" % (repr(wall).encode(), usage.ru_maxrss, os.waitstatus_to_exitcode(status)))
    dst.flush()
"""


class Timer:
    """Runs whole processes through the helper: stdin/stdout on /dev/null, stderr kept in a file."""

    def __init__(self, errfile: Path) -> None:
        self.errfile = errfile
        self.helper = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    def close(self) -> None:
        if self.helper.stdin:
            self.helper.stdin.close()
        self.helper.wait()

    def once(
        self, argv: Sequence[str], ok: Sequence[int], cwd: Path | None = None
    ) -> tuple[float, float, int]:
        """Wall seconds, peak RSS in MiB and exit code of one process; Failed when the code is not in ok."""
        assert self.helper.stdin is not None and self.helper.stdout is not None
        body = b"\0".join(os.fsencode(str(x)) for x in (cwd or "", self.errfile, *argv))
        self.helper.stdin.write(b"%d\n" % len(body) + body)
        self.helper.stdin.flush()
        reply = self.helper.stdout.readline().split()
        if len(reply) != 3:
            raise Failed(
                f"the timing helper stopped (exit {self.helper.poll()}) while running `{show(argv)}`"
            )
        wall, maxrss, code = float(reply[0]), int(reply[1]), int(reply[2])
        if code not in ok:
            err = self.errfile.read_text(encoding="utf-8", errors="replace").strip()
            how = f"killed by signal {-code}" if code < 0 else f"exit {code}"
            raise Failed(f"`{show(argv)}` ({how}; cwd {cwd or Path.cwd()})\n{err[-4000:]}")
        return wall, maxrss / 1024, code  # Linux reports ru_maxrss in KiB

    def pair(
        self,
        a: Sequence[str],
        b: Sequence[str],
        runs: int,
        cwd: Path | None = None,
        ok_a: Sequence[int] = (0,),
        ok_b: Sequence[int] = (0,),
    ) -> Pair:
        """One untimed round to warm caches, then runs rounds of A then B."""
        _, _, code_a = self.once(a, ok_a, cwd)
        self.once(b, ok_b, cwd)
        p = Pair(code_a=code_a)
        for _ in range(runs):
            wa, ma, _ = self.once(a, ok_a, cwd)
            wb, mb, _ = self.once(b, ok_b, cwd)
            p.wall_a.append(wa)
            p.wall_b.append(wb)
            p.mem_a.append(ma)
            p.mem_b.append(mb)
        return p


@dataclass
class Pair:
    code_a: int
    wall_a: list[float] = field(default_factory=list)
    wall_b: list[float] = field(default_factory=list)
    mem_a: list[float] = field(default_factory=list)
    mem_b: list[float] = field(default_factory=list)

    @property
    def wall_ratio(self) -> float:
        return statistics.median(a / b for a, b in zip(self.wall_a, self.wall_b, strict=True))

    @property
    def mem_ratio(self) -> float:
        return statistics.median(a / b for a, b in zip(self.mem_a, self.mem_b, strict=True))

    @property
    def a(self) -> float:
        return statistics.median(self.wall_a)

    @property
    def b(self) -> float:
        return statistics.median(self.wall_b)


# --------------------------------------------------------------------------- table


@dataclass
class Row:
    what: str
    mine: str
    ref: str
    ratio: float | None
    target: float | None = None

    def cells(self) -> list[str]:
        ratio = "n/a" if self.ratio is None else f"{self.ratio:.2f}"
        if self.target is None:
            return [self.what, self.mine, self.ref, ratio, "—", ""]
        met = "" if self.ratio is None else ("✓" if self.ratio <= self.target else "✗")
        return [self.what, self.mine, self.ref, ratio, f"≤ {self.target:g}", met]


def secs(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def mib(m: float) -> str:
    return f"{m:.1f} MiB"


def table(rows: list[Row]) -> str:
    head = ["measurement", "plansync", "reference", "ratio", "target", "met"]
    lines = [
        "| " + " | ".join(head) + " |",
        "|" + "|".join([" --- "] * 3 + [" ---: ", " --- ", " :-: "]) + "|",
    ]
    lines += ["| " + " | ".join(r.cells()) + " |" for r in rows]
    return "\n".join(lines)


# --------------------------------------------------------------------------- environment


def interpreter_of(script: Path) -> str | None:
    """The python named by a console script's shebang (`#!/x/python` or `#!/usr/bin/env python3`)."""
    try:
        with script.open("rb") as f:
            first = f.readline(4096).decode("utf-8", "replace").strip()
    except OSError:
        return None
    if not first.startswith("#!"):
        return None
    parts = first[2:].split()
    if not parts:
        return None
    if Path(parts[0]).name == "env":
        parts = [p for p in parts[1:] if not p.startswith("-")]
        found = shutil.which(parts[0]) if parts else None
        return found
    return parts[0] if os.access(parts[0], os.X_OK) else None


def imports(python: str, module: str) -> bool:
    r = subprocess.run([python, "-c", f"import {module}"], capture_output=True, stdin=subprocess.DEVNULL)
    return r.returncode == 0


def run_checked(
    argv: Sequence[str | Path], cwd: Path | None = None, timeout: float = 1800, ok: Sequence[int] = (0,)
) -> str:
    """Run a setup command; Failed with its stderr unless its exit code is in ok. Returns stdout."""
    argv = [str(a) for a in argv]
    try:
        r = subprocess.run(
            argv, cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=timeout
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise Failed(f"`{show(argv)}`: {e}") from e
    if r.returncode not in ok:
        raise Failed(f"`{show(argv)}` (exit {r.returncode})\n{r.stderr.strip()[-4000:]}")
    return r.stdout


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("model name", "Model", "Hardware", "cpu model"):
                return value.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def machine_line(python: str, plansync: str) -> str:
    cores = os.cpu_count() or 0
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = cores
    core_text = f"{cores} cores" + (f" ({usable} usable)" if usable != cores else "")
    pyver = run_checked([python, "-c", "import platform; print(platform.python_version())"]).strip()
    version = run_checked([plansync, "--version"]).strip()
    version = version.removeprefix("plansync, version ").removeprefix("plansync ")
    try:
        load = "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "load n/a"
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"Machine: {cpu_model()}, {core_text}; Python {pyver} ({python}); {platform.platform()}; "
        f"plansync {version} ({plansync}); {now}; {load}"
    )


# --------------------------------------------------------------------------- inputs


def with_fresh_regions(text: str) -> str:
    """genplan's plan with its regions emptied, or with summary+progress added under the first heading."""
    if BEGIN.search(text) is None:
        block = "".join(
            f"<!-- plansync:begin {n} -->\n<!-- plansync:end {n} -->\n\n" for n in ("summary", "progress")
        )
        lines = text.split("\n")
        first = next((i for i, line in enumerate(lines) if line.startswith("#")), -1)
        lines.insert(first + 1, "\n" + block.rstrip("\n") + "\n")
        return "\n".join(lines)
    # genplan ships "stale generated text" inside its progress region, which sync would replace
    # and print as text written by hand: empty the regions so the one sync is an ordinary one.
    out, inside = [], False
    for line in text.split("\n"):
        s = line.strip()
        if s.startswith("<!-- plansync:end"):
            inside = False
        if not inside:
            out.append(line)
        if s.startswith("<!-- plansync:begin"):
            inside = True
    return "\n".join(out)


def write_plan(path: Path, tasks: int, lang: str) -> None:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    from genplan import generate

    path.write_text(with_fresh_regions(generate(tasks, lang, PLAN_SEED)), encoding="utf-8")


def write_seed(path: Path) -> None:
    """The seed plan with empty summary and progress regions right under its progress heading."""
    text = SEED.read_text(encoding="utf-8")
    if SEED_HEAD not in text:
        raise Failed(f"{SEED}: no '{SEED_HEAD.strip()}' heading line to put the regions under")
    block = "".join(
        f"<!-- plansync:begin {n} -->\n<!-- plansync:end {n} -->\n\n" for n in ("summary", "progress")
    )
    path.write_text(text.replace(SEED_HEAD, SEED_HEAD + "\n" + block, 1), encoding="utf-8")


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="plans up to 20,000 tasks and a 500-commit history")
    ap.add_argument(
        "--runs",
        type=int,
        default=None,
        metavar="N",
        help=f"timed rounds per pair (default 5, 3 with --quick; at most {BIG_RUNS} "
        "for 100,000-task plans and the history)",
    )
    ap.add_argument("--plansync", metavar="PATH", help="the plansync to measure (default: the one on PATH)")
    args = ap.parse_args(argv)
    if args.runs is None:
        args.runs = 3 if args.quick else 5
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    return args


def resolve_plansync(given: str | None) -> str:
    if given:
        p = Path(given).expanduser()
        found = str(p.absolute()) if p.is_file() and os.access(p, os.X_OK) else shutil.which(given)
    else:
        found = shutil.which("plansync")
    if not found:
        what = f"--plansync {given}: not an executable file" if given else "plansync is not on PATH"
        raise Failed(
            f"{what}; install the project (python3 -m pip install '.[test]') or pass --plansync PATH"
        )
    return found


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    missing = [p for p in (BENCH / "genplan.py", BENCH / "genhistory.py", SEED) if not p.is_file()]
    if missing:
        what = (
            f"{SHARED} does not exist"
            if not SHARED.is_dir()
            else f"{SHARED} lacks " + ", ".join(str(p.relative_to(SHARED)) for p in missing)
        )
        say(
            f"error: the benchmarks need the shared directory beside the checkout: {what}. "
            f"Put it at {SHARED} (it holds bench/genplan.py, bench/genhistory.py and seed/) and run again."
        )
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="plansync-bench-"))
    timer = Timer(tmp / "stderr.txt")
    try:
        return bench(args, tmp, timer, started)
    except Failed as e:
        say(f"error: a command failed to run: {e}")
        return 2
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    finally:
        timer.close()
        shutil.rmtree(tmp, ignore_errors=True)


def merge_versions(plan: Path, ps: str) -> tuple[Path, Path, Path, Path]:
    """BASE (the synced plan), CURRENT and OTHER (each with another task ticked, then synced),
    and UNION: CURRENT with OTHER's tick too and its regions not yet regenerated, which is
    what the one sync a merge needs starts from."""
    lines = plan.read_text(encoding="utf-8").split("\n")
    open_boxes = [i for i in _task_lines(lines) if lines[i].lstrip().startswith("- [ ] ")]
    versions = []
    for name, box in (("base", None), ("current", open_boxes[0]), ("other", open_boxes[-1])):
        version = plan.with_name(f"{plan.stem}.{name}.md")
        ticked = list(lines)
        if box is not None:
            ticked[box] = ticked[box].replace("- [ ] ", "- [x] ", 1)
        version.write_text("\n".join(ticked), encoding="utf-8")
        if box is not None:
            run_checked([ps, "sync", "--no-history", version])
        versions.append(version)
    union = plan.with_name(f"{plan.stem}.union.md")
    ticked = versions[1].read_text(encoding="utf-8").split("\n")
    if ticked[open_boxes[-1]] != lines[open_boxes[-1]]:
        raise Failed(f"{versions[1]}: sync moved the task lines, so no union of ticks can be made")
    ticked[open_boxes[-1]] = ticked[open_boxes[-1]].replace("- [ ] ", "- [x] ", 1)
    union.write_text("\n".join(ticked), encoding="utf-8")
    return versions[0], versions[1], versions[2], union


def _task_lines(lines: list[str]) -> list[int]:
    """Indices of the lines outside fenced code (the generated plans fence decoy tasks)."""
    outside, fenced = [], False
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            outside.append(i)
    return outside


def bench(args: argparse.Namespace, tmp: Path, timer: Timer, started: float) -> int:
    ps = resolve_plansync(args.plansync)
    py = interpreter_of(Path(ps))
    if py is None or not imports(py, "markdown_it"):
        py = sys.executable
    if not imports(py, "markdown_it"):
        raise Failed(f"{py} cannot import markdown_it, so the bare parse cannot run; pass --plansync PATH")
    git = shutil.which("git")
    if git is None:
        raise Failed("git is not on PATH; the history measurement needs it")
    mdformat: list[str] | None = None
    for cand in dict.fromkeys((py, sys.executable)):
        if imports(cand, "mdformat"):
            mdformat = [cand, "-m", "mdformat", "--check"]
            break
    else:
        found = shutil.which("mdformat")
        if found:
            mdformat = [found, "--check"]

    say(
        f"plansync: {ps}; python: {py}; mdformat: {show(mdformat) if mdformat else 'not found'}; "
        f"work dir {tmp}"
    )
    true = shutil.which("true") or "/bin/true"
    floor = timer.once([true], (0,))[1]

    def findings(path: Path) -> str:
        """What check found, by code, so a note can tell rule findings from a stale region."""
        out = run_checked([ps, "check", "--format", "json", path], ok=(0, 1))
        try:
            diags = [d for f in json.loads(out)["files"] for d in f["diagnostics"]]
            counts = Counter(f"{d['code']} ({d['severity']})" for d in diags)
        except (ValueError, KeyError, TypeError) as e:
            return f"its JSON findings could not be read ({e})"
        return "findings " + ", ".join(f"{code} ×{k}" for code, k in sorted(counts.items()))

    bare = tmp / "bare.py"
    bare.write_text(BARE, encoding="utf-8")
    runs = args.runs
    rows: list[Row] = []
    notes: list[str] = []
    exits_1: list[tuple[str, Path]] = []
    check_ok = (0, 1)  # 1 = error-level findings: still a complete run of check

    def check_vs_bare(
        label: str, path: Path, n_runs: int, target_wall: float | None, target_mem: float | None
    ) -> Pair:
        say(f"  {label}: check vs bare parse ({n_runs} rounds)")
        p = timer.pair([ps, "check", str(path)], [py, str(bare), str(path)], n_runs, ok_a=check_ok)
        if p.code_a != 0:
            exits_1.append((label, path))  # what it found is asked after the timing
        rows.append(
            Row(f"{label}: check / bare parse, wall", secs(p.a), secs(p.b), p.wall_ratio, target_wall)
        )
        rows.append(
            Row(
                f"{label}: check / bare parse, peak memory",
                mib(statistics.median(p.mem_a)),
                mib(statistics.median(p.mem_b)),
                p.mem_ratio,
                target_mem,
            )
        )
        return p

    # 1. the seed plan, current after one sync
    say("seed plan")
    seed = tmp / "seed" / "learning-plan-zh.md"
    seed.parent.mkdir()
    write_seed(seed)
    run_checked([ps, "sync", seed])
    check_vs_bare("seed plan (zh)", seed, runs, 1.5, None)

    def merge_vs_parts(label: str, plan: Path, n_runs: int) -> None:
        """The merge driver against what any merge of a plan must do: one git merge-file and
        one sync of the merged boxes (each round starts from fresh copies)."""
        base, current, other, union = merge_versions(plan, ps)
        say(f"  {label}: merge driver vs git merge-file + sync ({n_runs} rounds)")
        q = shlex.quote
        o, a, b = q(str(base)), q(str(current)), q(str(other))  # git's %O %A %B
        driver = f"cp {a} work.md && {q(ps)} merge {o} work.md {b} {q(plan.name)}"
        parts = (
            f"{q(git)} merge-file -p {a} {o} {b} >/dev/null; "
            f"cp {q(str(union))} work.md && {q(ps)} sync --no-history work.md >/dev/null"
        )
        p = timer.pair(["sh", "-c", driver], ["sh", "-c", parts], n_runs, cwd=plan.parent, ok_b=(0, 1))
        rows.append(
            Row(
                f"{label}: merge driver / (git merge-file + sync), wall",
                secs(p.a),
                secs(p.b),
                p.wall_ratio,
                1.5,
            )
        )

    merge_vs_parts("seed plan (zh)", seed, runs)

    # 1, 2 and 4: generated plans
    sizes = QUICK_SIZES if args.quick else SIZES
    check_walls: dict[tuple[int, str], float] = {}
    plans: dict[tuple[int, str], Path] = {}
    for n in sizes:
        n_runs = min(runs, BIG_RUNS) if n >= BIG else runs
        for lang in LANGS:
            label = f"{n:,}-task plan ({lang})"
            say(f"{label}: generating and syncing")
            plan = tmp / f"plan-{n}-{lang}.md"
            write_plan(plan, n, lang)
            run_checked([ps, "sync", plan])
            plans[n, lang] = plan
            big = n == 20_000
            p = check_vs_bare(label, plan, n_runs, 1.25 if big else None, 1.3 if big else None)
            if big and lang == "en":
                merge_vs_parts(label, plan, n_runs)
            check_walls[n, lang] = p.a
            if mdformat is None:
                rows.append(Row(f"{label}: check / mdformat --check, wall", "—", "not installed", None))
                continue
            say(f"  {label}: check vs mdformat --check ({n_runs} rounds)")
            q = timer.pair(
                [ps, "check", str(plan)], [*mdformat, str(plan)], n_runs, ok_a=check_ok, ok_b=(0, 1)
            )
            rows.append(
                Row(
                    f"{label}: check / mdformat --check, wall",
                    secs(q.a),
                    secs(q.b),
                    q.wall_ratio,
                    0.25 if big else None,
                )
            )

    # 3. a file without markers: sync must not cost more than starting the CLI framework
    say("markerless file: sync vs `import click`")
    plain = tmp / "notes.md"
    plain.write_text(MARKERLESS, encoding="utf-8")
    p = timer.pair([ps, "sync", str(plain)], [py, "-c", "import click"], runs)
    rows.append(
        Row(
            "markerless file (6,000 lines): sync / `import click`, wall",
            secs(p.a),
            secs(p.b),
            p.wall_ratio,
            1.3,
        )
    )

    # 4. growth
    for lang in LANGS:
        if (BIG, lang) in check_walls:
            a, b = check_walls[BIG, lang], check_walls[20_000, lang]
            rows.append(
                Row(
                    f"growth ({lang}): 100,000-task check / 20,000-task check, wall",
                    secs(a),
                    secs(b),
                    a / b,
                    5.5,
                )
            )
        else:
            rows.append(
                Row(f"growth ({lang}): 100,000-task check / 20,000-task check, wall", "—", "—", None, 5.5)
            )

    # 5. the language server
    rows += editor_rows(ps, py, seed, plans[20_000, "en"], timer, runs)

    # 6. many plans in one repository
    from many import many_rows

    def plan_text(i: int) -> str:
        if str(BENCH) not in sys.path:
            sys.path.insert(0, str(BENCH))
        from genplan import generate

        return with_fresh_regions(generate(100, "en", i))

    for what, a, b, ratio, target in many_rows(ps, py, tmp, timer, min(runs, BIG_RUNS), plan_text):
        rows.append(Row(what, secs(a), secs(b), ratio, target))

    # 7. history
    commits = 500 if args.quick else 2_000
    say(f"history: building a {commits}-commit repository")
    hist = tmp / "history"
    gen = [sys.executable, BENCH / "genhistory.py", hist, "--tasks", str(HISTORY_TASKS)]
    run_checked([*gen, "--commits", str(commits), "--seed", str(HISTORY_SEED)])
    plans = sorted(p.name for p in hist.iterdir() if p.suffix == ".md")
    if len(plans) != 1:
        raise Failed(f"genhistory.py left {len(plans)} Markdown files in {hist}, expected one: {plans}")
    name = plans[0]
    h_runs = min(runs, BIG_RUNS)
    say(f"  history: report --format json vs git log -p --follow ({h_runs} rounds)")
    p = timer.pair(
        [ps, "report", "--format", "json", name],
        [git, "log", "-p", "--follow", "--format=%H %aI", "--", name],
        h_runs,
        cwd=hist,
    )
    rows.append(
        Row(
            f"history ({commits:,} commits, {HISTORY_TASKS:,} tasks): report --format json / "
            "git log -p --follow, wall",
            secs(p.a),
            secs(p.b),
            p.wall_ratio,
            1.5,
        )
    )

    floor = max(floor, timer.once([true], (0,))[1])
    for label, path in exits_1:
        notes.append(f"`plansync check` exits 1 on the {label}: {findings(path)}.")
    notes.append(
        f"Ratios are medians of per-round ratios over {runs} alternating rounds "
        f"({min(runs, BIG_RUNS)} for 100,000-task plans and the history) after one untimed round; "
        "the plansync and reference columns are the medians of each side."
    )
    notes.append(
        "Peak memory is the kernel's ru_maxrss of each process. Linux charges a forked child for the "
        "memory it inherits, so the timed processes are forked by a small `python -I -S` helper; "
        f"`true` started the same way peaks at {floor:.1f} MiB, the floor under every memory figure."
    )
    if mdformat is not None:
        same = mdformat[0] == py
        notes.append(
            f"mdformat: `{show(mdformat)}`"
            + ("" if same else " (not plansync's environment: plansync's python has no mdformat)")
            + "; its exit 1 (would reformat) is accepted."
        )
    else:
        notes.append("mdformat is not installed: `python3 -m pip install '.[test]'` adds it.")

    report = [machine_line(py, ps), "", table(rows), "", *(f"- {note}" for note in notes)]
    sys.stdout.write("\n".join(report) + "\n")
    sys.stdout.flush()
    say(f"done in {time.perf_counter() - started:.0f} s")
    return 0


def editor_rows(ps: str, py: str, seed: Path, big: Path, timer: Timer, runs: int) -> list[Row]:
    """``plansync lsp``: change -> diagnostics on the seed (against its 50 ms budget) and on a
    20,000-task plan (against an in-process parse of it), and the server's memory there."""
    from editor import in_process_parse, latencies, median

    say("language server: didChange -> publishDiagnostics")
    labels = (
        "seed plan (zh): lsp didChange -> diagnostics, median / 50 ms budget",
        "20,000-task plan (en): lsp didChange -> diagnostics / in-process markdown-it parse, median",
        "20,000-task plan (en): lsp server peak memory / check peak memory",
    )
    try:
        small, _ = latencies(ps, seed, 20, 30)
        large, peak = latencies(ps, big, max(runs, 5), 120)
    except (OSError, TimeoutError) as e:
        say(f"  the language server could not be measured ({e}); is the lsp extra installed?")
        targets = (1.0, 1.5, 1.5)
        return [Row(label, "—", "—", None, target) for label, target in zip(labels, targets, strict=True)]
    parse = in_process_parse(py, big)
    check_peak = statistics.median(timer.once([ps, "check", str(big)], (0, 1))[1] for _ in range(3))
    return [
        Row(labels[0], secs(median(small)), "50 ms", median(small) / 0.05, 1.0),
        Row(labels[1], secs(median(large)), secs(parse), median(large) / parse, 1.5),
        Row(labels[2], mib(peak or 0), mib(check_peak), (peak / check_peak) if peak else None, 1.5),
    ]


if __name__ == "__main__":
    raise SystemExit(main())
