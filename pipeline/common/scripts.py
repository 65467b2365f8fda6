"""Text in the scripts of Chinese, Japanese and Korean (CJK): what their lines look like.

Why a module of its own: Latin and Cyrillic text marks words with spaces and headings with
capitals; CJK text has neither capitals nor (in Chinese and Japanese) spaces between words,
and ends its sentences with full-width marks (``。``). The text-dump reader asks whether a
line may be a heading, and the parser whether a stem may match inside a word, whether a role
name is bounded by word edges, and how many words a heading holds: each answers differently
for these scripts, and only for text that holds them, so Latin text keeps its behaviour
byte for byte (every test here starts with ``str.isascii``, which costs next to nothing).
"""

from __future__ import annotations

import math
import re

CJK_CLASS = (
    "\u1100-\u11ff"  # Hangul Jamo
    "\u3040-\u30ff"  # Hiragana, Katakana (with ``ー`` and ``・``)
    "\u3130-\u318f"  # Hangul compatibility Jamo
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK unified ideographs, extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # half-width Katakana
)
"""The characters of CJK words, as the inside of a regex character class."""
_CJK = re.compile(f"[{CJK_CLASS}]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_RUNS = re.compile(f"[{CJK_CLASS}]+|(?:(?![{CJK_CLASS}])[^\\W_])+")

SENTENCE_MARKS = "。！？；，…"
"""Full-width marks that end a CJK sentence or clause (a line ending in one is no heading)."""


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a CJK character.

    >>> has_cjk("数据工程师 vs. 机器学习工程师"), has_cjk("Data Engineer"), has_cjk("Ingénieur")
    (True, False, False)
    """
    return not text.isascii() and _CJK.search(text) is not None


def is_cjk_char(char: str) -> bool:
    """Whether one character is of a CJK script (it starts a heading without a capital)."""
    return not char.isascii() and _CJK.match(char) is not None


def word_count(text: str) -> int:
    """How many words ``text`` holds, CJK words included.

    A run of letters of another script is one word. Korean writes spaces between its words
    (a particle stays on its word): a run of Hangul is one word. Chinese and Japanese write
    none; their words are mostly two characters long, so a run of ideographs and kana counts
    as half its length, rounded up.

    >>> word_count("Python 比电子表格更适合每周报告"), word_count("시작을 위한"), word_count("职业")
    (7, 2, 1)
    """
    count = 0
    for run in _RUNS.findall(text):
        if not _CJK.match(run) or _HANGUL.match(run):
            count += 1
        else:
            count += math.ceil(len(run) / 2)
    return count


def cjk_as_spaces(text: str) -> str:
    """``text`` with each CJK character a space (offsets kept): where a finder of Latin words
    asks for a word's edges, a CJK neighbour is one (``Python和Spark``, ``SQL과``)."""
    return _CJK.sub(" ", text) if has_cjk(text) else text
