"""Which language a plan is written in, for the labels plansync writes into it."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Scripts are matched by their UTF-8 bytes: a character class spanning thousands of code points
# takes Python's regex compiler a millisecond or more to build, on every run, while these small
# byte classes compile at once.
#: Han characters: U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF.
_HAN_UTF8 = re.compile(rb"\xe3[\x90-\xbf]|\xe4[\x80-\xb6\xb8-\xbf]|[\xe5-\xe9]|\xef[\xa4-\xab]")
#: Kana: hiragana and katakana U+3040-30FF but the middle dot U+30FB (Chinese text uses it
#: too), and half-width katakana U+FF66-FF9D.
_KANA_UTF8 = re.compile(
    rb"\xe3(?:[\x81\x82]|\x83[\x80-\xba\xbc-\xbf])|\xef(?:\xbd[\xa6-\xbf]|\xbe[\x80-\x9d])"
)
#: Hangul: syllables U+AC00-D7A3 and compatibility jamo U+3131-318E.
_HANGUL_UTF8 = re.compile(
    rb"\xea[\xb0-\xbf]|[\xeb\xec]|\xed(?:[\x80-\x9d]|\x9e[\x80-\xa3])|\xe3(?:\x84[\xb1-\xbf]|\x85|\x86[\x80-\x8e])"
)
_LATIN_WORD = re.compile(rb"[A-Za-z]+")

#: Kana or Hangul make a plan Japanese or Korean when they are at least this share of its CJK
#: characters: a Chinese plan quoting a Japanese word stays Chinese, while a Japanese plan of
#: mostly kanji nouns (`第1章：基礎`, `過去問題集`) with a few kana is Japanese.
SCRIPT_SHARE = 0.05


def detect_lang(texts: Iterable[str]) -> str:
    """The language of ``texts`` (a plan's headings and tasks): ``"ja"``, ``"ko"``, ``"zh"`` or ``"en"``.

    CJK characters (Han, kana, Hangul) must outnumber Latin words, else the plan is English.
    Latin words, not letters, are counted: a Chinese plan is full of code identifiers and
    paths (``vllm/config/__init__.py``) that would outweigh its prose letter by letter, and a
    mostly English plan quoting a Japanese word stays English. Then kana make it Japanese and
    Hangul Korean (the larger of the two, when it is at least ``SCRIPT_SHARE`` of the CJK
    characters: Japanese plans use Han characters too); otherwise it is Chinese.
    """
    text = "\n".join(texts)
    if text.isascii():  # no CJK character at all, found without a regex pass
        return "en"
    sample = text.encode("utf-8", "surrogatepass")
    han, kana, hangul = (len(script.findall(sample)) for script in (_HAN_UTF8, _KANA_UTF8, _HANGUL_UTF8))
    cjk = han + kana + hangul
    if cjk == 0 or cjk <= len(_LATIN_WORD.findall(sample)):
        return "en"
    if hangul >= kana and hangul >= cjk * SCRIPT_SHARE:
        return "ko"
    if kana >= cjk * SCRIPT_SHARE:
        return "ja"
    return "zh"
