"""Display widths: the standard library's answer where it is certain, wcwidth's otherwise."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from wcwidth import wcswidth

from plansync.regions.figures import _plain_width, display_width

#: Scripts and symbols plans hold: Latin, Greek, Cyrillic, Hebrew and Arabic, Devanagari, Thai,
#: Hangul (syllables and every jamo block), CJK and its punctuation, full-width forms, arrows
#: and dingbats, emoji with modifiers, flags, variation selectors and joiners.
RANGES = [
    (0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x370, 0x4FF), (0x590, 0x6FF), (0x900, 0x97F),
    (0xE00, 0xE7F), (0x1100, 0x11FF), (0x2000, 0x206F), (0x2190, 0x27BF), (0x2E80, 0x30FF),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xFE00, 0xFE0F),
    (0xFE30, 0xFE6F), (0xFF00, 0xFFEF), (0x1F1E6, 0x1F1FF), (0x1F300, 0x1FAFF), (0x20000, 0x2A6DF),
]  # fmt: skip
CHARS = st.one_of(
    *(st.characters(min_codepoint=lo, max_codepoint=hi, exclude_categories=["Cs"]) for lo, hi in RANGES)
)


def _wcwidth(text: str) -> int:
    width = wcswidth(text)
    return width if width >= 0 else len(text)


@settings(max_examples=500, deadline=None)
@given(st.text(CHARS, min_size=1, max_size=8))
def test_display_width_is_wcwidths(text: str) -> None:
    assume("\ufe0f" not in text)  # a symbol's emoji form: see the next test
    assert display_width(text) == _wcwidth(text)


@pytest.mark.parametrize("symbol", ["\U0001f3d7", "\u2764", "\u2600", "\u2714", "\u2699", "\u00a9", "\u270f"])
def test_a_symbol_in_its_emoji_form_is_two_columns_as_wcwidth_says(symbol: str) -> None:
    assert _plain_width(f"{symbol}\ufe0f 第二阶段") == _wcwidth(f"{symbol}\ufe0f 第二阶段") == 11


def test_plain_text_needs_no_wcwidth() -> None:
    assert _plain_width("第一阶段：环境准备 🚀") == 21
    assert _plain_width("Ünïcødé Straße") == 14
    assert _plain_width("한국어 공부") == 11
    assert _plain_width("████░░░░░░ ┃ ▶") == 14  # the bars, box drawing


def test_text_whose_width_depends_on_its_neighbours_asks_wcwidth() -> None:
    for text in (
        "e\u0301",
        "a\ufe0f",
        "👩\u200d💻",
        "👍🏽",
        "\U0001f1ef\U0001f1f5",
        "\u1100\u1161",
        "é\u200b",
    ):
        assert _plain_width(text) is None, text
        assert display_width(text) == _wcwidth(text)
