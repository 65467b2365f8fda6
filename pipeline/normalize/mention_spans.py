"""Span helpers of the mention finder: longest first, short names, word edges, "degree in".

Why a module of its own: :mod:`pipeline.normalize.mentions` holds the rules of what counts as
a mention; these are the mechanics under it (which of overlapping matches wins, one regular
expression that finds names as printed, where a word edges, whether "degree in" comes before a
place), each checked against its plain form in
``tests/normalize/test_mention_fast_paths.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from operator import itemgetter
from typing import Protocol, TypeVar


class _Named(Protocol):
    @property
    def name(self) -> str: ...


_T = TypeVar("_T", bound=_Named)
"""The term of a candidate match ``(start, end, term)``: anything with a name to break ties."""


def longest_first(candidates: list[tuple[int, int, _T]]) -> list[tuple[int, int, _T]]:
    """Non-overlapping candidates, taken longest first (then leftmost), in text order.

    Why by clusters: a document has about eighty candidates and a few overlaps. Candidates
    that overlap nothing are always kept, and which of a cluster of overlapping ones win
    depends on that cluster alone, so the greedy choice (:func:`greedy_longest`) runs only
    on clusters of two or more (``tests/normalize/test_mention_fast_paths.py`` checks it
    gives what the greedy choice over all candidates gives).
    """
    if len(candidates) < 2:
        return candidates
    ordered = sorted(candidates, key=_span)
    chosen: list[tuple[int, int, _T]] = []
    add = chosen.append
    count = len(ordered)
    i = 0
    while i < count:
        # A lone candidate (most of them) is appended as it is; a cluster is sliced out whole.
        cand = ordered[i]
        reach = cand[1]
        j = i + 1
        while j < count and ordered[j][0] < reach:
            reach = max(reach, ordered[j][1])
            j += 1
        if j == i + 1:
            add(cand)
        elif j == i + 2:  # two that overlap: the one the greedy choice takes first wins alone
            other = ordered[i + 1]
            add(min(cand, other, key=_greedy_order))
        else:
            chosen += greedy_longest(ordered[i:j])
        i = j
    return chosen


_span = itemgetter(0, 1)


def _greedy_order(cand: tuple[int, int, _T]) -> tuple[int, int, str]:
    """Longest first, then leftmost, then by name."""
    return (cand[0] - cand[1], cand[0], cand[2].name)


def greedy_longest(candidates: list[tuple[int, int, _T]]) -> list[tuple[int, int, _T]]:
    """Non-overlapping candidates, taken longest first (then leftmost, then by name), in text order."""
    chosen: list[tuple[int, int, _T]] = []
    starts: list[int] = []
    for cand in sorted(candidates, key=_greedy_order):
        start, end = cand[0], cand[1]
        i = bisect_left(starts, start)
        if i > 0 and chosen[i - 1][1] > start:
            continue
        if i < len(chosen) and chosen[i][0] < end:
            continue
        chosen.insert(i, cand)
        starts.insert(i, start)
    return chosen


def longest_alternation(words: Iterable[str]) -> str:
    """The alternation of ``words``, longest first: at each place it matches the longest word there.

    The plain reference (``tests/normalize/test_mention_fast_paths.py`` compares the two on
    every text it tries); :func:`trie_expression` is what the finder compiles.
    """
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or r"(?!)"


def trie_expression(words: Iterable[str]) -> str:
    """An expression that matches what :func:`longest_alternation` matches, written as a trie.

    Why: Python's engine tries the alternatives of an alternation one after the other at every
    place its first characters allow, so a hundred short names (``R``, ``Go``, ``AWS``,
    ``SQL``) cost a hundred tries at every capital letter. As a trie (``A(?:WS|I(?:X)?|...)``)
    each character is read once per place. At each node the longer continuations come before
    the end of a word (an optional group is greedy), so at each place the longest word still
    wins and ``finditer`` goes on from the same end as with the plain alternation.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not tree:
        return r"(?!)"

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


# --- word edges and "degree in" (the context rules' mechanics) ---------------------------------

_GLUE = "_+#"  # characters that continue a name as letters do (C++, C#)


def edges_hold(text: str, start: int, end: int) -> bool:
    """Word edges (see :mod:`pipeline.normalize.mentions`): ``SQL`` not in ``T-SQL``, ``C`` not in ``C++``."""
    if start:
        before = text[start - 1]
        if before.isalnum() or before in _GLUE or (
                before in ".-" and start > 1 and (text[start - 2].isalnum() or text[start - 2] == "_")):
            return False
    if end < len(text):
        after = text[end]
        if after.isalnum() or after in _GLUE or (
                after in ".&" and end + 1 < len(text) and (text[end + 1].isalnum() or text[end + 1] == "_")):
            return False
    return True



_DEGREE_WORDS = r"""(?:degrees?|bachelor'?s|master'?s|ph\.?\ ?d\.?|doctorates?|majors?|majoring|b\.?sc|m\.?sc
    |b\.s\.|m\.s\.|diploma|graduate|undergraduate|studies|studied)\b"""
DEGREE_BEFORE = re.compile(rf"(?ix)\b{_DEGREE_WORDS}[^.;\n]{{0,60}}\b(?:in|of)\b[^.;\n]{{0,80}}\Z")
DEGREE_HINTS = (
    "degree", "bachelor", "master", "phd", "ph.d", "ph d", "ph. d", "doctorate", "major", "bsc", "b.sc",
    "msc", "m.sc", "b.s.", "m.s.", "diploma", "graduate", "studies", "studied")
"""Lower-case literals, one of which is inside every word :data:`_DEGREE_WORDS` matches.

The finder's automaton reports where they are (tag ``degree``) in the pass that finds the
terms, so "degree in ..." is looked for only near one (see :class:`AfterDegree`).
"""
DEGREE_TAG = "degree"
DEGREE_REACH = 160
"""How far before a mention :data:`DEGREE_BEFORE` looks for "degree in"."""


class AfterDegree:
    """Whether a position of one text follows "degree in ..." (:data:`DEGREE_BEFORE`).

    Why not the regular expression alone: it is tried at every start in the 160 characters
    before each mention of a field term (Machine Learning is in nearly every article), and an
    alternation of words in any case is slow in Python's engine. Every match starts with a
    word that holds one of :data:`DEGREE_HINTS`, which the automaton found with the terms;
    the expression runs only when one of them lies in reach, so the answer is the
    expression's (``tests/normalize/test_mention_fast_paths.py`` checks it).
    """

    def __init__(self, text: str, hints: list[tuple[int, int]]) -> None:
        self._text = text
        self._word_starts = sorted(start for start, _ in hints)
        self._ascii = text.isascii()
        self.never = not hints and self._ascii
        """No degree word in the text and no other letter the expression could read as one: the
        answer is False everywhere (most real captures), so a caller need not ask."""

    def __call__(self, start: int) -> bool:
        reach = max(0, start - DEGREE_REACH)
        i = bisect_left(self._word_starts, reach)
        no_hint = i == len(self._word_starts) or self._word_starts[i] >= start
        if no_hint and (self._ascii or self._text[reach:start].isascii()):
            # No degree word in reach: the expression cannot match. (Outside ASCII, its any-case
            # matching knows letters that lower() keeps apart, such as the long s of "ſtudied".)
            return False
        return DEGREE_BEFORE.search(self._text, reach, start) is not None

