"""Which language a plan is written in, for the labels plansync writes into it."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Han characters (U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF), matched by their UTF-8 lead bytes: a
# character class spanning 27,000 code points takes Python's regex compiler milliseconds to
# build, on every run, while these small byte classes compile at once.
_HAN_UTF8 = re.compile(rb"\xe3[\x90-\xbf]|\xe4[\x80-\xb6\xb8-\xbf]|[\xe5-\xe9]|\xef[\xa4-\xab]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def detect_lang(texts: Iterable[str]) -> str:
    """``"zh"`` when Han characters outnumber Latin words and kana together, else ``"en"``.

    Latin words, not letters, are counted: a Chinese plan is full of code identifiers and
    paths (``vllm/config/__init__.py``) that would outweigh its prose letter by letter.
    Kana keeps Japanese plans, which also use Han characters, from getting Chinese labels.
    """
    sample = "\n".join(texts)
    han = len(_HAN_UTF8.findall(sample.encode("utf-8", "surrogatepass")))
    if han == 0:
        return "en"
    others = len(_LATIN_WORD.findall(sample)) + len(_KANA.findall(sample))
    return "zh" if han > others else "en"
