"""The write promises, through the library API: byte-exact EOL/BOM variants and properties."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import plansync
from plansync.api import check_text, sync_file
from plansync.document.text import BOM, decode
from plansync.errors import ConflictError, PlansyncError, VerificationError

from .conftest import GOLDEN

SOURCE = (GOLDEN / "zh-learning.in.md").read_text(encoding="utf-8")
EXPECTED = (GOLDEN / "zh-learning.out.md").read_text(encoding="utf-8")

VARIANTS = {
    "lf": lambda t: t.encode(),
    "crlf": lambda t: t.replace("\n", "\r\n").encode(),
    "cr": lambda t: t.replace("\n", "\r").encode(),
    "bom": lambda t: BOM + t.encode(),
    "bom-crlf": lambda t: BOM + t.replace("\n", "\r\n").encode(),
    "no-final-newline": lambda t: t.rstrip("\n").encode(),
    "no-final-newline-crlf": lambda t: t.rstrip("\n").replace("\n", "\r\n").encode(),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_sync_commutes_with_eol_and_bom(variant: str, tmp_path: Path) -> None:
    """f(crlf(x)) == crlf(f(x)) for every variant, byte for byte, on a real file."""
    make = VARIANTS[variant]
    plan = tmp_path / "plan.md"
    plan.write_bytes(make(SOURCE))
    assert sync_file(plan).changed
    assert plan.read_bytes() == make(EXPECTED)
    before = plan.stat()
    assert not sync_file(plan).changed
    after = plan.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)


def test_mixed_eols_outside_regions_are_kept_and_the_body_takes_the_majority() -> None:
    text = (
        "# Plan\r\n\r\n- [x] a\n- [ ] b\r\n\r\n"
        "<!-- plansync:begin summary -->\r\n<!-- plansync:end summary -->\n"
    )
    out = plansync.sync_text(text)
    assert out.startswith("# Plan\r\n\r\n- [x] a\n- [ ] b\r\n\r\n<!-- plansync:begin summary -->\r\n\r\n- **")
    assert out.endswith("\r\n\r\n<!-- plansync:end summary -->\n")
    body = out.split("<!-- plansync:begin summary -->\r\n")[1].split("<!-- plansync:end")[0]
    assert "\n" not in body.replace("\r\n", "")


def test_nul_and_form_feed_outside_regions_survive() -> None:
    text = (
        "# P\n\n- [ ] two \x00 and \x0c feed \u2028 sep\n\n"
        "<!-- plansync:begin summary -->\n<!-- plansync:end summary -->\n"
    )
    out = plansync.sync_text(text)
    assert out.startswith("# P\n\n- [ ] two \x00 and \x0c feed \u2028 sep\n")
    assert plansync.parse(out).counts.total == 1


def test_check_text_reports_stale_regions_and_the_fix() -> None:
    result = check_text(SOURCE)
    assert not result.ok
    assert [r.name for r in result.stale] == ["summary", "progress", "progress"]
    assert result.fixed == EXPECTED
    assert check_text(EXPECTED).ok


def test_errors_carry_the_path_when_read_from_a_file(tmp_path: Path) -> None:
    plan = tmp_path / "conflict.md"
    plan.write_text("# P\n<<<<<<< HEAD\n- [x] a\n=======\n- [ ] a\n>>>>>>> other\n", encoding="utf-8")
    with pytest.raises(ConflictError) as info:
        plansync.load(plan)
    assert (info.value.path, info.value.line) == (str(plan), 2)
    assert isinstance(info.value, PlansyncError)


def test_verification_refuses_a_rewrite_that_changes_outside_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The gate before every write: a splice that touched outside bytes is caught, not written."""
    from plansync import pipeline

    real_splice = pipeline.splice
    monkeypatch.setattr(
        pipeline, "splice", lambda text, regions, bodies: real_splice(text, regions, bodies) + "x"
    )
    with pytest.raises(VerificationError):
        plansync.sync_text(SOURCE)


# --- properties ---------------------------------------------------------------------------

WORDS = st.sampled_from(
    ["read", "写代码", "test `x`", "[link](https://e.org)", "--> arrow", "<!-- c -->", "🚀", "a|b"]
)
TEXT = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
BOX = st.sampled_from([" ", "x", "X", "/", "-"])
BULLET = st.sampled_from(["-", "*", "+", "1.", "1)"])


@st.composite
def task_lines(draw: st.DrawFn) -> str:
    depth = draw(st.integers(0, 2))
    indent = draw(st.sampled_from(["  ", "\t"])) if depth else ""
    return f"{indent * depth}{draw(BULLET)} [{draw(BOX)}] {draw(TEXT)}"


BLOCKS = st.one_of(
    st.builds(lambda level, t: "#" * level + " " + t, st.integers(1, 4), TEXT),
    st.lists(task_lines(), min_size=1, max_size=5).map("\n".join),
    st.builds(lambda t: f"```\n- [x] {t}\n```", TEXT),
    st.builds(lambda t: f"<!-- - [ ] {t} -->", TEXT),
    st.builds(lambda t: f"> - [x] {t}", TEXT),
    TEXT,
)
REGION = st.builds(
    lambda name, body: f"<!-- plansync:begin {name} -->\n{body}<!-- plansync:end {name} -->",
    st.sampled_from(["summary", "progress"]),
    st.sampled_from(["", "stale\n", "- [x] generated task\n\n"]),
)


@st.composite
def plans(draw: st.DrawFn, with_regions: bool = True) -> bytes:
    blocks = draw(st.lists(st.one_of(BLOCKS, REGION) if with_regions else BLOCKS, max_size=8))
    text = "\n\n".join(blocks) + draw(st.sampled_from(["", "\n"]))
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    data = text.replace("\n", eol).encode()
    return BOM + data if draw(st.booleans()) else data


def outside_regions(text: str) -> list[str]:
    """The text with every region body cut out, markers kept."""
    kept, inside = [], False
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.startswith("<!-- plansync:end"):
            inside = False
        if not inside:
            kept.append(line)
        if line.startswith("<!-- plansync:begin"):
            inside = True
    return kept


def sync_bytes(data: bytes) -> bytes:
    source = decode(data)
    return source.encode(plansync.sync_text(source.text))


def tasks_of(data: bytes) -> list[tuple[str, str]]:
    return sorted((t.state.value, t.text) for t in plansync.parse(decode(data).text).tasks)


PROPERTY = settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY
@given(plans())
def test_property_outside_bytes_tasks_and_idempotence(data: bytes) -> None:
    out = sync_bytes(data)
    assert out.startswith(BOM) == data.startswith(BOM)
    assert outside_regions(decode(out).text) == outside_regions(decode(data).text)
    assert tasks_of(out) == tasks_of(data)
    assert sync_bytes(out) == out
    for name in ("summary", "progress"):
        begins = decode(out).text.count(f"<!-- plansync:begin {name} -->")
        assert decode(out).text.count(f"<!-- plansync:end {name} -->") == begins


@PROPERTY
@given(plans(with_regions=False))
def test_property_no_markers_means_untouched(data: bytes) -> None:
    assert sync_bytes(data) == data


@PROPERTY
@given(
    plans(),
    st.sampled_from(
        [
            "<!-- plansync:begin summary -->",
            "<!-- plansync:end progress -->",
            "<!-- plansync:begin nope -->",
            # a conflict only matters in a file sync would rewrite: one with markers
            "<<<<<<< HEAD\n- [ ] a\n>>>>>>> b\n\n<!-- plansync:begin summary -->\n"
            "<!-- plansync:end summary -->",
        ]
    ),
)
def test_property_refused_input_leaves_the_file_untouched(data: bytes, damage: str) -> None:
    eol = "\r\n" if b"\r\n" in data else "\r" if b"\r" in data else "\n"
    broken = data + (eol + eol + damage.replace("\n", eol) + eol).encode()
    with tempfile.TemporaryDirectory() as tmp:
        plan = Path(tmp) / "plan.md"
        plan.write_bytes(broken)
        os.utime(plan, ns=(1_000_000_000, 1_000_000_000))
        with pytest.raises(PlansyncError):
            sync_file(plan)
        assert plan.read_bytes() == broken
        assert plan.stat().st_mtime_ns == 1_000_000_000
