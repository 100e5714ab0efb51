"""Properties P1-P7 of sync on generated plans, as bytes.

The strategies build whole plan files: ATX and setext headings (CJK, emoji, RTL text), tasks
in every list syntax at any depth (tabs or spaces, continuation lines, block quotes), code
fences holding marker-looking lines and task-looking lines, HTML comments and blocks,
paragraphs mentioning markers inline, front matter, and regions that are empty or hold old
generated-looking bodies; then a line ending per file (LF, CRLF, CR or a mix) and an optional
BOM. A generated plan remembers which of its bytes are region bodies, so P1 is checked
against the generator's own layout rather than plansync's parser.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from plansync.api import check_text, offline_dates, parse, sync_file, sync_text
from plansync.document.text import BOM, decode, dominant_eol
from plansync.errors import (
    ConflictError,
    DecodeError,
    MarkerError,
    PlansyncError,
)

TODAY = "2025-06-15"
PAST_NS = 1_500_000_000_000_000_000
NAMES = ("summary", "progress", "milestones", "chart")

# ------------------------------------------------------------------------------ building blocks

WORDS = st.sampled_from(
    [
        "read",
        "write the parser",
        "写代码",
        "学习 Rust 所有权",
        "日本語のテキスト",
        "🚀 launch",
        "👩‍💻 pair",
        "مرحلة أولى",
        "שלב ראשון",
        "test `x`",
        "[link](https://e.org)",
        "a|b",
        "**bold**",
        "--> arrow",
        "<!-- c -->",
        "x<y",
        "`<!-- plansync:begin summary -->`",
        "Ünïcødé",
        "tab\there",
        "nul\x00byte",
        "form\x0cfeed",
        "line\u2028sep",
        "next\u0085line",
        "zero\u200bwidth",
        "✅ 2025-01-01 midway",
    ]
)
TEXT = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
TITLE = st.one_of(
    TEXT,
    st.builds(lambda n, t: f"Phase {n}: {t}", st.integers(1, 4), TEXT),
    st.builds(lambda a, b, t: f"{a}.{b} {t}", st.integers(1, 3), st.integers(1, 3), TEXT),
    st.sampled_from(["第二阶段：进阶", "Week 3", "Q2: Reliability", "阶段三"]),
)
BOX = st.sampled_from([" ", "x", "X", "/", "-"])
BULLET = st.sampled_from(["-", "*", "+", "1.", "1)", "2.", "10."])
STAMP = st.sampled_from(["", " ✅ 2025-03-04", " ✅ 2025-05-20"])


@st.composite
def atx_heading(draw: st.DrawFn) -> str:
    level = draw(st.integers(1, 4))
    closing = draw(st.sampled_from(["", " " + "#" * level]))
    return "#" * level + " " + draw(TITLE) + closing


@st.composite
def setext_heading(draw: st.DrawFn) -> str:
    underline = draw(st.sampled_from("=-")) * draw(st.integers(1, 8))
    return draw(TITLE) + "\n" + underline


@st.composite
def task_list(draw: st.DrawFn) -> str:
    """Tasks at any depth: spaces exactly under the parent's text, or one tab per level."""
    tabs = draw(st.booleans())
    lines: list[str] = []
    stack: list[str] = []  # the indentation of each open level's children
    for _ in range(draw(st.integers(1, 6))):
        depth = draw(st.integers(0, len(stack)))
        del stack[depth:]
        indent = "\t" * depth if tabs else (stack[-1] if stack else "")
        bullet = draw(BULLET)
        box = draw(BOX)
        stamp = draw(STAMP) if box in "xX" else ""
        lines.append(f"{indent}{bullet} [{box}] {draw(TEXT)}{stamp}")
        child = indent + " " * (len(bullet) + 1)
        if draw(st.integers(0, 4)) == 0:  # a continuation line of the task's first paragraph
            lines.append(child + draw(TEXT))
        if draw(st.integers(0, 6)) == 0:  # a second paragraph in the item
            lines += ["", child + draw(TEXT)]
        stack.append(child)
    return "\n".join(lines)


@st.composite
def quoted_tasks(draw: st.DrawFn) -> str:
    depth = draw(st.integers(1, 2))
    items = draw(st.lists(st.tuples(BULLET, BOX, TEXT), min_size=1, max_size=3))
    return "\n".join("> " * depth + f"{b} [{x}] {t}" for b, x, t in items)


FENCE_LINES = st.sampled_from(
    [
        "- [ ] fenced task",
        "* [x] done in a fence",
        "<!-- plansync:begin summary -->",
        "<!-- plansync:end summary -->",
        "<!-- plansync:begin progress -->",
        "<!-- plansync:end progress -->",
        "# not a heading",
        "<<<<<<< not a conflict",
        "plain code",
    ]
)


@st.composite
def code_block(draw: st.DrawFn) -> str:
    body = draw(st.lists(FENCE_LINES, max_size=4))
    kind = draw(st.sampled_from(["```", "~~~", "````", "indented"]))
    if kind == "indented":
        return "\n".join("    " + line for line in body or ["code"])
    other = "~~~" if kind.startswith("`") else "```"  # the other fence may appear inside
    if draw(st.booleans()):
        body.append(other)
    info = draw(st.sampled_from(["", "markdown", "text"]))
    return "\n".join([kind + info, *body, kind])


HTML = st.sampled_from(
    [
        "<!-- a note for editors -->",
        "<!--\n- [x] hidden task\n<!-- plansync:begin summary -->\n-->",
        "<!-- plansync: ignore the next line -->",
        "<details>\n<summary>More</summary>\n\n- [ ] inside details\n\n</details>",
    ]
)


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    lines = draw(st.lists(TEXT, min_size=1, max_size=3))
    if draw(st.integers(0, 3)) == 0:
        lines[0] = "see <!-- plansync:begin progress --> and - [ ] inline " + lines[0]
    # A line starting with "<!--" would interrupt the paragraph as an HTML block.
    return "\n".join(("· " + line) if line.startswith("<") else line for line in lines)


FRONT_MATTER = st.sampled_from(
    ["", "---\ntitle: 计划\nnote: '- [ ] not a task'\n---\n\n", "---\ntags: [plan]\n---\n\n"]
)

#: Old bodies in the shapes plansync writes (never hand-written text: sync refuses to replace that).
OLD_BODIES = {
    "summary": ["\n- **Overall**: 1 of 3 tasks done (33.3%)\n- **Next**:\n  - an old task\n\n"],
    "progress": [
        "\n| Phase | Progress | Done | % |\n| --- | --- | --- | --- |\n"
        "| **Total** | ░░░░░░░░░░ | 0/1 | 0% |\n\n",
        "\n**Phase 1**\n\n| Section | Done |\n| --- | --- |\n\n",
    ],
    "milestones": [
        "\n- 2025-01-02 — 1.1 Old section\n- undated — **Phase 9**\n\n",
        "\nNo section completed yet.\n\n",
        "\n尚无完成的小节。\n\n",
    ],
    "chart": ['\n```mermaid\npie title Task states\n    "Open" : 1\n```\n\n', "\nNo tasks yet.\n\n"],
}
OPTIONS = {
    "summary": ["", " lang=zh", " lang=en"],
    "progress": ["", " lang=en", " depth=sections", " lang=zh depth=sections"],
    "milestones": ["", " lang=zh"],
    "chart": ["", " lang=en"],
}


@dataclass(frozen=True)
class Region:
    name: str
    begin: str
    body: str


@dataclass(frozen=True)
class Doc:
    """A generated plan file and its layout: outside bytes alternate with region bodies."""

    #: (is a region body, bytes), in file order; the BOM is part of the first piece.
    pieces: tuple[tuple[bool, bytes], ...]
    regions: tuple[str, ...]
    eol: str

    @property
    def data(self) -> bytes:
        return b"".join(b for _, b in self.pieces)

    @property
    def outside(self) -> list[bytes]:
        """The bytes between region bodies (markers included): what sync must never change."""
        out = [b""]
        for is_body, piece in self.pieces:
            if is_body:
                out.append(b"")
            else:
                out[-1] += piece
        return out


@st.composite
def region(draw: st.DrawFn, name: str) -> Region:
    options = draw(st.sampled_from(OPTIONS[name]))
    body = draw(st.sampled_from(["", *OLD_BODIES[name]]))
    return Region(name, f"<!-- plansync:begin {name}{options} -->", body)


@st.composite
def finished_section(draw: st.DrawFn) -> str:
    """A heading whose tasks are all done or cancelled: a milestone to date."""
    items = draw(st.lists(st.tuples(BULLET, st.sampled_from("xXx-"), TEXT, STAMP), min_size=1, max_size=3))
    lines = [f"{b} [{x}] {t}{stamp if x != '-' else ''}" for b, x, t, stamp in items]
    return "#" * draw(st.integers(2, 3)) + " " + draw(TITLE) + "\n\n" + "\n".join(lines)


TABLE = st.builds(
    lambda t: f"| task | note |\n| --- | --- |\n| - [ ] {t} | <!-- plansync:begin chart --> |",
    TEXT,
)

BLOCKS = st.one_of(
    finished_section(),
    TABLE,
    st.sampled_from(["***", "- - -", "[ref]: https://e.org"]),
    atx_heading(),
    setext_heading(),
    task_list(),
    task_list(),
    quoted_tasks(),
    code_block(),
    HTML,
    paragraph(),
)


def _line_ends(draw: st.DrawFn, mode: str) -> Iterator[str]:
    while True:
        yield {"lf": "\n", "crlf": "\r\n", "cr": "\r"}.get(mode) or draw(
            st.sampled_from(["\n", "\r\n", "\r"])
        )


@st.composite
def docs(
    draw: st.DrawFn,
    min_regions: int = 0,
    max_regions: int = 4,
    extra: str | None = None,
    mode: str | None = None,
    cr_after_begin: bool = False,
) -> Doc:
    """A plan with up to ``max_regions`` regions (one per name) and ``extra`` as one more block.

    ``mode`` is the line-end mode (default: drawn); ``cr_after_begin`` ends every begin marker
    line in a lone CR whatever the mode (see ``test_begin_marker_ending_in_a_lone_cr``).
    """
    names = draw(st.lists(st.sampled_from(NAMES), unique=True, min_size=min_regions, max_size=max_regions))
    blocks: list[str | Region] = list(draw(st.lists(BLOCKS, max_size=8)))
    if extra is not None:
        blocks.insert(draw(st.integers(0, len(blocks))), extra)
    for name in names:
        blocks.insert(draw(st.integers(0, len(blocks))), draw(region(name)))
    # Pieces in "\n" form: (is a body, text).
    raw: list[tuple[bool, str]] = [(False, draw(FRONT_MATTER))]
    for i, block in enumerate(blocks):
        sep = "" if i == 0 else draw(st.sampled_from(["\n\n", "\n\n", "\n\n\n"]))
        if isinstance(block, Region):
            raw += [
                (False, f"{sep}{block.begin}\n"),
                (True, block.body),
                (False, f"<!-- plansync:end {block.name} -->"),
            ]
        else:
            raw.append((False, sep + block))
    raw.append((False, draw(st.sampled_from(["\n", "", "\n\n"]))))

    mode = mode or draw(st.sampled_from(["lf", "crlf", "cr", "mixed"]))
    ends = _line_ends(draw, mode)
    last = ""  # the last character written, across pieces
    pieces: list[tuple[bool, str]] = []
    for index, (is_body, text) in enumerate(raw):
        before_body = index + 1 < len(raw) and raw[index + 1][0]
        out: list[str] = []
        lines = text.split("\n")
        for n, line in enumerate(lines):
            out.append(line)
            if line:
                last = line[-1]
            if n < len(lines) - 1:
                eol = next(ends)
                if before_body and n == len(lines) - 2 and cr_after_begin:  # the begin marker's end
                    eol = "\r"
                if eol == "\n" and last == "\r":
                    eol = "\r\n"  # a CR right before an LF would merge two line ends into one
                out.append(eol)
                last = eol[-1]
        pieces.append((is_body, "".join(out)))
    bom = draw(st.booleans())
    encoded = [(is_body, text.encode()) for is_body, text in pieces]
    if bom:
        encoded[0] = (False, BOM + encoded[0][1])
    merged: list[tuple[bool, bytes]] = []
    for is_body, piece in encoded:
        if merged and not is_body and not merged[-1][0]:
            merged[-1] = (False, merged[-1][1] + piece)
        else:
            merged.append((is_body, piece))
    return Doc(tuple(merged), tuple(b.name for b in blocks if isinstance(b, Region)), mode)


# ------------------------------------------------------------------------------------- helpers


def sync_bytes(data: bytes) -> bytes:
    """Sync at the bytes level through the pure pipeline, dating new completions TODAY."""
    source = decode(data)
    return source.encode(sync_text(source.text, None, offline_dates(source.text, TODAY)))


def tasks_of(data: bytes) -> Counter[tuple[str, str]]:
    return Counter((t.text, t.state.value) for t in parse(decode(data).text).tasks)


def write_plan(directory: str, data: bytes) -> Path:
    path = Path(directory) / "plan.md"
    path.write_bytes(data)
    os.utime(path, ns=(PAST_NS, PAST_NS))
    return path


def leftovers(directory: str) -> list[str]:
    return sorted(p.name for p in Path(directory).iterdir() if p.name != "plan.md")


def fingerprint(path: Path) -> tuple[bytes, int, int]:
    info = path.stat()
    return path.read_bytes(), info.st_mtime_ns, info.st_ino


def bodies_between(out: bytes, outside: list[bytes]) -> list[bytes]:
    """The region bodies of ``out``, asserting it is outside[0] + body + outside[1] + ... exactly."""
    assert out.startswith(outside[0])
    if len(outside) == 1:
        assert out == outside[0]
        return []
    cursor, bodies = len(outside[0]), []
    for segment in outside[1:-1]:
        # Every later segment starts with an end marker line, which no generated body holds.
        found = out.find(segment, cursor)
        assert found != -1, segment
        bodies.append(out[cursor:found])
        cursor = found + len(segment)
    last = len(out) - len(outside[-1])
    assert out.endswith(outside[-1]) and last >= cursor
    bodies.append(out[cursor:last])
    return bodies


def budget(n: int) -> settings:
    return settings(
        max_examples=n,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# ------------------------------------------------------------------------------------ properties


@budget(300)
@given(docs())
def test_p1_only_region_bodies_change(doc: Doc) -> None:
    """P1: every byte outside the region bodies (markers, EOLs, BOM, final newline) is kept."""
    data = doc.data
    out = sync_bytes(data)
    new_bodies = bodies_between(out, doc.outside)
    old_bodies = [piece for is_body, piece in doc.pieces if is_body]
    # New lines take the most frequent line end outside the bodies (which sync never changes).
    dominant = dominant_eol(b"".join(doc.outside).decode("utf-8", "replace")).encode()
    for before, old, new in zip(doc.outside, old_bodies, new_bodies, strict=False):
        # The file's line end, unless it would fuse with a lone CR ending the begin marker line.
        eol = b"\r" if dominant == b"\n" and before.endswith(b"\r") else dominant
        # A body is kept, or replaced by a whole generated one: blank line, content, blank line.
        assert new == old or (new.startswith(eol) and new.endswith(eol * 2) and len(new) > 3 * len(eol))
    assert len(new_bodies) == len(old_bodies)
    assert out.startswith(BOM) == data.startswith(BOM)
    # The same bytes through the file API (today fixed, no history): the same result.
    with tempfile.TemporaryDirectory() as tmp:
        path = write_plan(tmp, data)
        outcome = sync_file(path, today=TODAY, history=False)
        assert path.read_bytes() == out
        assert outcome.changed == (out != data)
        assert leftovers(tmp) == []


@budget(300)
@given(docs())
def test_p2_sync_is_idempotent(doc: Doc) -> None:
    """P2: a second sync changes nothing, and check agrees the result is current."""
    once = sync_bytes(doc.data)
    assert sync_bytes(once) == once
    source = decode(once)
    assert check_text(source.text, None, offline_dates(source.text, TODAY)).ok
    assert check_text(source.text).ok  # check, without dates or history, agrees


@budget(150)
@given(docs(min_regions=1), docs(max_regions=0), st.booleans())
def test_p2_old_generated_bodies_are_never_taken_for_hand_edits(doc: Doc, more: Doc, before: bool) -> None:
    """P2: after the plan changes (blocks added before or after), a body sync wrote is simply
    stale: the next sync replaces it (nothing is reported as written by hand) and is
    idempotent again."""
    once = decode(sync_bytes(doc.data))
    eol = dominant_eol(once.text)
    extra = re.sub(r"\r\n|\r|\n", lambda _: eol, decode(more.data).text)
    gap = eol * 2
    text = (
        (("x" + gap if extra.startswith("---") else "") + extra + gap + once.text)
        if before
        else (once.text + gap + extra)
    )
    again = sync_bytes(once.encode(text))
    assert sync_bytes(again) == again
    assert [r.name for r in parse(decode(again).text).regions] == list(doc.regions)


@budget(150)
@given(docs(max_regions=0))
def test_p3_files_without_markers_are_never_touched(doc: Doc) -> None:
    """P3: no region, no write: bytes, mtime and inode stay (marker copies in code included)."""
    data = doc.data
    assert sync_bytes(data) == data
    with tempfile.TemporaryDirectory() as tmp:
        path = write_plan(tmp, data)
        before = fingerprint(path)
        outcome = sync_file(path, today=TODAY, history=False)
        assert not outcome.changed
        assert fingerprint(path) == before
        assert leftovers(tmp) == []


@budget(300)
@given(docs())
def test_p4_tasks_are_the_same_before_and_after(doc: Doc) -> None:
    """P4: the multiset of (task text, state) parsed back from the output is the input's."""
    out = sync_bytes(doc.data)
    assert tasks_of(out) == tasks_of(doc.data)
    plan_in, plan_out = parse(decode(doc.data).text), parse(decode(out).text)
    assert plan_out.counts == plan_in.counts


@budget(200)
@given(docs(min_regions=1))
def test_p5_one_marker_pair_per_region_name(doc: Doc) -> None:
    """P5: the output holds exactly the input's marker pairs, at most one per name.

    Counted with plansync's parser: copies in fences, comments and inline text are not markers.
    """
    out = sync_bytes(doc.data)
    regions = parse(decode(out).text).regions
    assert [r.name for r in regions] == list(doc.regions)
    assert max(Counter(r.name for r in regions).values()) == 1
    before = parse(decode(doc.data).text).regions
    assert [(r.name, r.options) for r in regions] == [(r.name, r.options) for r in before]


DAMAGE: dict[str, tuple[str, type[PlansyncError], tuple[str, ...]]] = {
    "conflict": (
        "<<<<<<< HEAD\n- [ ] ours\n=======\n- [ ] theirs\n>>>>>>> other",
        ConflictError,
        ("unresolved merge conflict marker",),
    ),
    "malformed": ("<!--plansync:BEGIN summary-->", MarkerError, ("malformed marker",)),
    "trailing": ("<!-- plansync:begin chart --> notes", MarkerError, ("text after the marker",)),
    "unknown": ("<!-- plansync:end nope -->", MarkerError, ("unknown region 'nope'",)),
    # Without '-->' the HTML block runs on to the next '-->' (or the end of the file).
    "unclosed": ("<!-- plansync:begin summary", MarkerError, ("unterminated marker", "malformed marker")),
}


@budget(100)
@given(st.sampled_from(sorted(DAMAGE)), st.data())
def test_p6_refused_input_is_never_written(damage: str, data: st.DataObject) -> None:
    """P6: conflict markers or a broken marker as any block: the right PlansyncError, file untouched."""
    block, error, messages = DAMAGE[damage]
    doc = data.draw(docs(min_regions=1, extra=block))
    broken = doc.data
    source = decode(broken)
    with pytest.raises(error) as info:
        sync_text(source.text)
    assert any(m in str(info.value) for m in messages), str(info.value)
    assert_file_refused(broken, error)


@budget(100)
@given(docs(min_regions=1), st.data())
def test_p6_invalid_utf8_is_refused_at_its_byte(doc: Doc, data: st.DataObject) -> None:
    """P6: a bad byte sequence anywhere: DecodeError naming that byte, file untouched."""
    raw = doc.data
    start = len(BOM) if raw.startswith(BOM) else 0
    at = data.draw(st.integers(start, len(raw)))
    while at < len(raw) and 0x80 <= raw[at] < 0xC0:  # not inside a character
        at += 1
    bad = data.draw(st.sampled_from([b"\xff", b"\xc0\xaf", b"\xe4\xb8", b"\xed\xa0\x80"]))
    broken = raw[:at] + bad + raw[at:]
    with pytest.raises(DecodeError) as info:
        decode(broken)
    assert info.value.problems[0].message == f"not valid UTF-8 at byte {at}"
    assert_file_refused(broken, DecodeError)


@budget(60)
@given(docs(min_regions=1), st.data())
def test_hand_written_region_text_is_replaced_and_handed_back(doc: Doc, data: st.DataObject) -> None:
    """A line someone wrote into a region body: sync replaces the body (it is plansync's) and
    hands back, byte for byte, the body that held it, so it can be told to the user."""
    bodies = [i for i, (is_body, _) in enumerate(doc.pieces) if is_body]
    chosen = data.draw(st.sampled_from(bodies))
    note = "我的笔记, keep me 🚀".encode() + {"lf": b"\n", "crlf": b"\r\n", "cr": b"\r"}.get(doc.eol, b"\n")
    written = b"".join(p + (note if i == chosen else b"") for i, (_, p) in enumerate(doc.pieces))
    with tempfile.TemporaryDirectory() as tmp:
        path = write_plan(tmp, written)
        outcome = sync_file(path, today=TODAY, history=False)
        assert outcome.changed and "keep me" not in path.read_text(encoding="utf-8-sig", errors="replace")
        held = decode(doc.pieces[chosen][1] + note).text
        assert [body for _, body in outcome.replaced] == [held]


def assert_file_refused(broken: bytes, error: type[PlansyncError]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_plan(tmp, broken)
        before = fingerprint(path)
        with pytest.raises(error) as info:
            sync_file(path, today=TODAY, history=False)
        assert info.value.path == str(path)
        assert fingerprint(path) == before
        assert leftovers(tmp) == []


# ----------------------------------------------------------------- P7: time zone and locale


WORKER = r"""
import locale, sys, time
from plansync.api import sync_file

# The whole locale in force (not only LC_CTYPE), and proof of the time zone the process runs in.
print(locale.setlocale(locale.LC_ALL, ""), time.strftime("%z", time.localtime(1750000000)), flush=True)
for line in sys.stdin:
    try:
        outcome = sync_file(line.rstrip("\n"), today=sys.argv[1], history=False)
        print("ok", int(outcome.changed), flush=True)
    except Exception as exc:
        print("error", type(exc).__name__, flush=True)
"""
ENVIRONMENTS = [
    {"TZ": "UTC", "LC_ALL": "C"},
    {"TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8"},
    {"TZ": "Pacific/Kiritimati", "LC_ALL": "C"},
    {"TZ": "America/Adak", "LC_ALL": "C.UTF-8"},
]


def child_env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "TZ", "PLANSYNC"))}
    return {**env, **extra}


@pytest.fixture(scope="module")
def workers() -> Iterator[list[subprocess.Popen[str]]]:
    """One long-lived sync process per environment, so each example costs no interpreter start."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, TODAY],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=child_env(env),
        )
        for env in ENVIRONMENTS
    ]
    greetings = [proc.stdout.readline() for proc in procs if proc.stdout is not None]
    # 2025-06-15 15:06 UTC: +14:00 in Kiritimati, -09:00 (daylight time) in Adak.
    assert greetings == ["C +0000\n", "C.UTF-8 +1400\n", "C +1400\n", "C.UTF-8 -0900\n"]
    yield procs
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0


def ask(proc: subprocess.Popen[str], path: Path) -> str:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(f"{path}\n")
    proc.stdin.flush()
    return proc.stdout.readline()


@budget(40)
@given(docs())
def test_p7_same_bytes_in_every_time_zone_and_locale(workers: list[subprocess.Popen[str]], doc: Doc) -> None:
    """P7: with the same ``today``, TZ (UTC-9 to UTC+14) and LC_ALL (C, C.UTF-8) change nothing."""
    expected = sync_bytes(doc.data)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(len(workers)):
            (Path(tmp) / str(i)).mkdir()
            paths.append(write_plan(str(Path(tmp) / str(i)), doc.data))
        replies = [ask(proc, path) for proc, path in zip(workers, paths, strict=True)]
        assert replies == [f"ok {int(expected != doc.data)}\n"] * len(workers)
        assert [p.read_bytes() for p in paths] == [expected] * len(workers)


CLI_PLAN = (
    "# 计划\n\n## Phase 1 (1-2 weeks)\n\n- [x] one ✅ 2025-03-04\n- [x] two ✅ 2025-03-11\n\n"
    "## Phase 2 (2 weeks)\n\n- [/] three\n- [ ] four 🚀\n- [-] five\n\n"
    "<!-- plansync:begin summary -->\n<!-- plansync:end summary -->\n\n"
    "<!-- plansync:begin progress depth=sections -->\n<!-- plansync:end progress -->\n\n"
    "<!-- plansync:begin chart lang=zh -->\n<!-- plansync:end chart -->\n"
).encode()


def test_p7_cli_output_without_dated_regions_ignores_tz_and_locale(tmp_path: Path) -> None:
    """P7 through the real CLI: regions that need no 'today' come out byte-identical everywhere."""
    results = []
    for env in ENVIRONMENTS:
        path = write_plan(str(tmp_path), CLI_PLAN)
        run = subprocess.run(
            [sys.executable, "-m", "plansync", "sync", "--no-history", str(path)],
            capture_output=True,
            text=True,
            env=child_env(env),
            timeout=30,
            check=False,
        )
        assert (run.returncode, run.stdout, run.stderr) == (0, f"plansync: updated {path}\n", "")
        results.append(path.read_bytes())
    assert results == [sync_bytes(CLI_PLAN)] * len(ENVIRONMENTS)
    assert "xychart-beta" in results[0].decode()


# ------------------------------------------------------------------- a lone CR after a begin marker


@budget(20)
@example(
    Doc(
        (
            (False, b"# P\n\n- [ ] a\n\n<!-- plansync:begin summary -->\r"),
            (True, b""),
            (False, b"<!-- plansync:end summary -->\n"),
        ),
        ("summary",),
        "mixed",
    )
)
@given(docs(min_regions=1, mode="lf", cr_after_begin=True))
def test_begin_marker_ending_in_a_lone_cr(doc: Doc) -> None:
    """P1/P2 where a begin marker line ends in a lone CR and LF is the majority: the body's
    line ends must not fuse with the marker's into one CRLF."""
    data = doc.data
    assume(dominant_eol(decode(data).text) == "\n")
    out = sync_bytes(data)
    assert out.startswith(doc.outside[0])
    assert out.endswith(doc.outside[-1])
    assert sync_bytes(out) == out


def test_a_lone_cr_after_a_begin_marker_keeps_the_body_on_its_own_lines(tmp_path: Path) -> None:
    """The body takes the marker's CR: an LF would fuse with it and swallow the blank line."""
    data = b"# P\n\n- [ ] a\n\n<!-- plansync:begin summary -->\r<!-- plansync:end summary -->\n"
    path = write_plan(str(tmp_path), data)
    assert sync_file(path, today=TODAY, history=False).changed
    out = path.read_bytes()
    head, rest = out.split(b"<!-- plansync:begin summary -->", 1)
    body, tail = rest.split(b"<!-- plansync:end summary -->", 1)
    assert (head, tail) == (b"# P\n\n- [ ] a\n\n", b"\n")
    assert body.startswith(b"\r\r- **") and body.endswith(b"\r\r") and b"\n" not in body
    assert not sync_file(path, today=TODAY, history=False).changed
