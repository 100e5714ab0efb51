"""editor/positions.Lines: LSP's lines (``\\r\\n``, ``\\r``, ``\\n`` only) and columns in the
negotiated encoding's code units, both ways, clamped as the protocol says."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol.types import Position, Range

from plansync.editor.positions import Lines

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"

# "a🚀中b": a (1 unit everywhere), 🚀 (astral: 4 / 2 / 1), 中 (BMP CJK: 3 / 1 / 1), b.
MIXED = "a🚀中b"


@pytest.mark.parametrize(
    "encoding, columns",
    [
        (UTF8, [0, 1, 5, 8, 9]),
        (UTF16, [0, 1, 3, 4, 5]),
        (UTF32, [0, 1, 2, 3, 4]),
    ],
)
def test_columns_count_code_units_of_the_encoding(encoding: str, columns: list[int]) -> None:
    lines = Lines(f"first\n{MIXED}\n", encoding)
    assert [lines.position(len("first\n") + i).character for i in range(5)] == columns
    assert [lines.at(1, i).character for i in range(5)] == columns
    assert [lines.offset(Position(1, c)) for c in columns] == [len("first\n") + i for i in range(5)]


def test_the_default_encoding_is_utf16_and_an_unknown_one_falls_back_to_it() -> None:
    assert Lines(MIXED).at(0, 4) == Position(0, 5)
    assert Lines(MIXED, "utf-7").at(0, 4) == Position(0, 5)


def test_a_column_inside_a_surrogate_pair_or_a_utf8_sequence_moves_past_the_character() -> None:
    # Clients should not send such columns; when one does, the character is not split.
    assert Lines(MIXED).offset(Position(0, 2)) == 2
    assert Lines(MIXED, UTF8).offset(Position(0, 3)) == 2
    assert Lines(MIXED, UTF8).offset(Position(0, 6)) == 3


@pytest.mark.parametrize(
    "text, starts",
    [
        ("a\nb\nc", [0, 2, 4]),
        ("a\r\nb\r\nc\r\n", [0, 3, 6, 9]),
        ("a\rb\rc", [0, 2, 4]),
        ("a\r\n\rb\n\r\nc", [0, 3, 4, 6, 8]),
        ("", [0]),
        ("\n", [0, 1]),
    ],
    ids=["lf", "crlf", "lone-cr", "mixed", "empty", "one-newline"],
)
def test_lines_end_at_crlf_cr_or_lf(text: str, starts: list[int]) -> None:
    lines = Lines(text)
    assert lines.starts == starts
    assert len(lines) == len(starts)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x0c", "\x0b", "\x85", "\x1c", "\x1e"])
def test_unicode_separators_and_form_feeds_are_not_line_breaks(separator: str) -> None:
    text = f"one{separator}two\nthree"
    assert len(text.splitlines()) == 3  # what Python would say
    lines = Lines(text)
    assert len(lines) == 2
    assert lines.content(0) == f"one{separator}two"
    assert lines.position(text.index("three")) == Position(1, 0)
    assert lines.offset(Position(1, 2)) == text.index("three") + 2


def test_content_drops_the_line_ending_only() -> None:
    lines = Lines("a \r\n\tb\rc\n")
    assert [lines.content(n) for n in range(len(lines))] == ["a ", "\tb", "c", ""]
    assert lines.content(-1) == lines.content(4) == ""


def test_a_column_past_the_line_end_means_the_end_of_its_content() -> None:
    text = "ab\r\ncd"
    lines = Lines(text)
    assert lines.offset(Position(0, 99)) == 2  # before the \r\n, never inside it
    assert lines.offset(Position(1, 99)) == len(text)
    assert lines.at(0, 99) == Position(0, 2)


def test_a_line_past_the_last_means_the_end_of_the_text() -> None:
    text = "ab\ncd\n"
    lines = Lines(text)
    assert lines.offset(Position(3, 0)) == len(text)
    assert lines.offset(Position(99, 5)) == len(text)
    assert lines.at(7) == lines.end() == Position(2, 0)
    assert Lines("ab\ncd").end() == Position(1, 2)


def test_offsets_are_clamped_to_the_text() -> None:
    lines = Lines("a🚀\nb")
    assert lines.position(-5) == Position(0, 0)
    assert lines.position(99) == Position(1, 1)
    # An offset between \r and \n sits at the end of the line's content.
    assert Lines("ab\r\ncd").position(3) == Position(0, 2)


def test_ranges_of_a_line_and_of_whole_lines() -> None:
    lines = Lines("# 中文 🚀\r\n- [ ] task\r\nlast")
    assert lines.line_range(0) == Range(Position(0, 0), Position(0, 7))
    assert lines.line_range(1, 2) == Range(Position(1, 2), Position(1, 10))
    assert lines.lines_range(0, 2) == Range(Position(0, 0), Position(2, 0))
    assert lines.lines_range(1, 3) == Range(Position(1, 0), Position(2, 4))


texts = st.lists(
    st.sampled_from(["a", "中", "🚀", "é", "\r\n", "\r", "\n", "\u2028", "\x0c", " ", "\ufeff"]), max_size=30
).map("".join)


@given(texts, st.sampled_from([UTF8, UTF16, UTF32]))
def test_every_offset_survives_a_round_trip(text: str, encoding: str) -> None:
    lines = Lines(text, encoding)
    # Offsets at character boundaries, except between the \r and \n of a line ending.
    boundaries = [i for i in range(len(text) + 1) if not (i > 0 and text[i - 1 : i + 1] == "\r\n")]
    for offset in boundaries:
        assert lines.offset(lines.position(offset)) == offset
