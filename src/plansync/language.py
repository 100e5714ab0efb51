"""Which language a plan is written in, for the labels plansync writes into it."""

from __future__ import annotations

import re
from collections.abc import Iterable

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def detect_lang(texts: Iterable[str]) -> str:
    """``"zh"`` when Han characters outnumber Latin words and kana together, else ``"en"``.

    Latin words, not letters, are counted: a Chinese plan is full of code identifiers and
    paths (``vllm/config/__init__.py``) that would outweigh its prose letter by letter.
    Kana keeps Japanese plans, which also use Han characters, from getting Chinese labels.
    """
    sample = "\n".join(texts)
    han = len(_HAN.findall(sample))
    if han == 0:
        return "en"
    others = len(_LATIN_WORD.findall(sample)) + len(_KANA.findall(sample))
    return "zh" if han > others else "en"
