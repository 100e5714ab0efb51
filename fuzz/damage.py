"""Random damage over real plans: no crash, no lost byte, no flapping output.

Takes real plan files (by default the public corpus and seed plan beside the project, kept
apart from it), damages each copy in a few random ways (bytes flipped, spans cut or doubled,
markers, conflicts, EOLs, BOMs, control characters, deep nesting and forged task text
inserted at line starts) and runs every result through ``harness.examine``.

    python fuzz/damage.py --runs 20000 [--seed 1] [--save DIR] [PLAN ...]

Deterministic for a given seed and input set. Prints one summary line; exits 1 when any
input broke a promise (those inputs are written to ``--save``).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import examine

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

_NAMES = ["summary", "progress", "milestones", "chart", "bogus"]
_OPTIONS = ["", " lang=en", " lang=zh", " depth=sections", " stamp=done", " kind=burnup", " x=1"]
#: Line-start insertions that have broken Markdown tools before.
_SNIPPETS = [
    "<!-- plansync:begin {name}{option} -->\n",
    "<!-- plansync:end {name} -->\n",
    "<!-- plansync:begin {name} -->\n<!-- plansync:end {name} -->\n",
    "<!--plansync:BEGIN {name}-->\n",
    "<!-- plansync:begin {name} --> trailing\n",
    "    <!-- plansync:begin {name} -->\n",
    "```\n<!-- plansync:end {name} -->\n```\n",
    "<!--\n<!-- plansync:begin {name} -->\n-->\n",
    "<<<<<<< HEAD\n",
    "=======\n",
    ">>>>>>> branch\n",
    "- [x] done --> <!-- plansync:end {name} -->\n",
    "- [ ] <!-- plansync:begin {name} -->\n",
    "- [/] doing\n- [-] cancelled\n- [X] shouted\n* [x] star\n1. [x] numbered\n",
    "> - [x] quoted\n",
    "## Heading [1/3]\n",
    "### 2.1 Section [50%]\n",
    "- [x] stamped ✅ 2025-01-02\n",
    "- [x] far ahead ✅ 9999-12-31\n- [x] long ago ✅ 0001-01-01\n",
    "---\ntitle: x\nstart: 2025-01-01\n---\n",
    "\ufeff",
    "\r",
    "\r\n",
    "\x00",
    "\x0c\x0b\x1c\x1d\x1e\x85\u2028\u2029",
    "\x1b[31mred\x1b[0m ",
    "مرحبا שלום 🚀 e\u0301 ",
    "#######\n",
    "Title\n=====\n",
]


def _insert_at_line_start(rng: random.Random, data: bytes, piece: bytes) -> bytes:
    starts = [0, *(i + 1 for i, b in enumerate(data) if b == 0x0A)]
    at = rng.choice(starts)
    return data[:at] + piece + data[at:]


def _snippet(rng: random.Random, data: bytes) -> bytes:
    text = rng.choice(_SNIPPETS).format(name=rng.choice(_NAMES), option=rng.choice(_OPTIONS))
    return _insert_at_line_start(rng, data, text.encode("utf-8"))


def _region(rng: random.Random, data: bytes) -> bytes:
    name = rng.choice(_NAMES[:4])
    pair = f"<!-- plansync:begin {name}{rng.choice(_OPTIONS[:5])} -->\n<!-- plansync:end {name} -->\n"
    return _insert_at_line_start(rng, data, pair.encode())


def _nesting(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice([5, 20, 60, 150, 250])
    prefix = rng.choice(["  ", "> ", "- "])
    return _insert_at_line_start(rng, data, (prefix * depth + "- [ ] deep\n").encode())


def _flip(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]


def _cut(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    return data[:a] + data[a + rng.randrange(1, 200) :]


def _double(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    return data[:a] + data[a : a + rng.randrange(1, 400)] + data[a:]


def _eol(rng: random.Random, data: bytes) -> bytes:
    lf = data.replace(b"\r\n", b"\n")
    return lf.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n"]))


def _bom(rng: random.Random, data: bytes) -> bytes:
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else b"\xef\xbb\xbf" + data


def _no_final_newline(rng: random.Random, data: bytes) -> bytes:
    return data.rstrip(b"\r\n")


Damage = Callable[[random.Random, bytes], bytes]
#: (weight, damage): structure-aware damage is likelier than blind byte edits.
DAMAGES: list[tuple[int, Damage]] = [
    (6, _snippet),
    (5, _region),
    (1, _nesting),
    (2, _flip),
    (2, _cut),
    (2, _double),
    (1, _eol),
    (1, _bom),
    (1, _no_final_newline),
]


def damaged(rng: random.Random, data: bytes) -> bytes:
    """``data`` with one to four random damages; most copies get a region to regenerate."""
    if rng.random() < 0.8:
        data = _region(rng, data)
    weights = [w for w, _ in DAMAGES]
    for damage in rng.choices([d for _, d in DAMAGES], weights, k=rng.randint(1, 4)):
        data = damage(rng, data)
    return data


def default_plans() -> list[Path]:
    plans = sorted((SHARED / "corpus").glob("*.md")) + sorted((SHARED / "seed").glob("*.md"))
    return [p for p in plans if p.name != "README.md"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("plans", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save", type=Path, default=Path("fuzz-failures"))
    args = parser.parse_args(argv)
    plans = args.plans or default_plans()
    if not plans:
        sys.stderr.write("damage: no plans to damage (is ../shared there?)\n")
        return 2
    originals = [p.read_bytes() for p in plans]
    rng = random.Random(args.seed)
    outcomes: Counter[str] = Counter()
    start = time.perf_counter()
    for _ in range(args.runs):
        data = damaged(rng, rng.choice(originals))
        try:
            outcomes[examine(data)] += 1
        except Exception:  # every kind of failure is a finding to keep
            outcomes["FAILED"] += 1
            args.save.mkdir(parents=True, exist_ok=True)
            name = hashlib.sha256(data).hexdigest()[:16]
            (args.save / f"{name}.md").write_bytes(data)
            (args.save / f"{name}.txt").write_text(traceback.format_exc(), encoding="utf-8")
    seconds = time.perf_counter() - start
    summary = ", ".join(f"{kind} {n}" for kind, n in sorted(outcomes.items()))
    sys.stdout.write(
        f"damage: {args.runs} runs over {len(plans)} plans, seed {args.seed}: {summary} ({seconds:.0f} s)\n"
    )
    return 1 if outcomes["FAILED"] else 0


if __name__ == "__main__":
    sys.exit(main())
