"""Bytes to text and back: BOM, strict UTF-8 with located errors, line endings, conflict markers."""

from __future__ import annotations

import pytest

from plansync.document.text import BOM, check_conflicts, decode, dominant_eol, split_lines
from plansync.errors import ConflictError, DecodeError


@pytest.mark.parametrize(
    "data",
    [BOM + b"# Plan\n\n- [x] one\n", BOM + "# 计划\r\n- [ ] 一\r\n".encode(), BOM],
    ids=["lf", "crlf-cjk", "bom-only"],
)
def test_bom_is_stripped_and_restored_exactly_once(data: bytes) -> None:
    source = decode(data)
    assert source.bom is True
    assert not source.text.startswith("\ufeff")
    assert source.text == data[len(BOM) :].decode("utf-8")
    encoded = source.encode(source.text)
    assert encoded == data
    assert encoded.startswith(BOM) and not encoded.startswith(BOM * 2)


def test_no_bom_is_never_added() -> None:
    data = b"# Plan\n- [ ] one\n"
    source = decode(data)
    assert source.bom is False
    assert source.encode(source.text) == data


def test_bom_is_added_to_new_text_when_the_file_had_one() -> None:
    source = decode(BOM + b"old\n")
    assert source.encode("new\n") == BOM + b"new\n"


@pytest.mark.parametrize(
    ("data", "offset", "line", "col"),
    [
        (b"# Plan\n- [ ] a\nab\xffcd\n", 17, 3, 3),
        (b"one\r\ntwo\r\n\xe9t\xe9\r\n", 10, 3, 1),
        (b"one\rtwo\rxyz\x80\r", 11, 3, 4),
        (BOM + b"# Plan\nok\n- [ ] caf\xe9\n", 22, 3, 10),
        (BOM + b"a\n\xc3(\n", 5, 2, 1),
    ],
    ids=["lf-line3", "crlf-line3", "cr-line3", "bom-line3", "bom-line2-bad-continuation"],
)
def test_invalid_utf8_names_byte_line_and_column(data: bytes, offset: int, line: int, col: int) -> None:
    with pytest.raises(DecodeError) as info:
        decode(data)
    problem = info.value.problems[0]
    assert problem.message == f"not valid UTF-8 at byte {offset}"
    assert (problem.line, problem.col) == (line, col)
    assert str(info.value) == f"<text>:{line}:{col}: not valid UTF-8 at byte {offset}"


@pytest.mark.parametrize(
    ("text", "eol"),
    [
        ("a\nb\nc\n", "\n"),
        ("a\r\nb\r\nc", "\r\n"),
        ("a\rb\rc\r", "\r"),
        ("a\r\nb\r\nc\nd", "\r\n"),
        ("a\nb\nc\r\nd\re", "\n"),
        ("a\rb\rc\r\nd\n", "\r"),
        ("a\r\nb\n", "\n"),
        ("no line ending at all", "\n"),
        ("", "\n"),
    ],
    ids=[
        "lf",
        "crlf",
        "cr",
        "mixed-crlf-majority",
        "mixed-lf-majority",
        "mixed-cr-majority",
        "tie-lf",
        "none",
        "empty",
    ],
)
def test_dominant_eol(text: str, eol: str) -> None:
    assert dominant_eol(text) == eol


def test_decode_keeps_the_line_endings_that_decide_the_dominant_one() -> None:
    assert dominant_eol(decode(b"a\r\nb\r\nc\n").text) == "\r\n"


@pytest.mark.parametrize("char", ["\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])
def test_split_lines_only_breaks_on_cr_lf(char: str) -> None:
    text = f"one{char}still one\ntwo\r\nthree\rfour"
    lines = split_lines(text)
    assert lines == [f"one{char}still one\n", "two\r\n", "three\r", "four"]
    assert "".join(lines) == text


@pytest.mark.parametrize("text", ["", "a", "a\n", "\n\n", "\r\n\r", "x\r\ny\n\rz"])
def test_split_lines_round_trips(text: str) -> None:
    lines = split_lines(text)
    assert "".join(lines) == text
    assert all(line for line in lines)


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_real_conflict_is_refused_at_the_opening_marker(eol: str) -> None:
    lines = ["# Plan", "", "<<<<<<< HEAD", "- [x] ours", "=======", "- [ ] theirs", ">>>>>>> feature", ""]
    with pytest.raises(ConflictError) as info:
        check_conflicts(eol.join(lines))
    assert [p.line for p in info.value.problems] == [3]
    assert "merge conflict" in info.value.problems[0].message
    assert str(info.value).startswith("<text>:3:1: ")


def test_every_conflict_is_reported() -> None:
    text = "<<<<<<< a\nx\n=======\ny\n>>>>>>> b\nmid\n<<<<<<< a\nz\n=======\n>>>>>>> b\n"
    with pytest.raises(ConflictError) as info:
        check_conflicts(text)
    assert [p.line for p in info.value.problems] == [1, 7]


@pytest.mark.parametrize(
    "text",
    [
        "Title\n=======\n\n- [ ] a\n",
        "Title\r\n=======\r\n",
        "Use `<<<<<<< HEAD` markers\n=======\n>>>>>>> in prose\n",
        "text <<<<<<< HEAD\n=======\n>>>>>>> x\n",
        "<<<<<<<< eight is not a marker\n>>>>>>>> neither\n",
        "",
    ],
    ids=["setext-underline", "setext-crlf", "inline-code", "not-at-line-start", "eight-chars", "empty"],
)
def test_no_conflict_is_not_refused(text: str) -> None:
    check_conflicts(text)  # must not raise
