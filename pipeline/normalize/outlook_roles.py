"""Which role a growth figure is about: the role its clause names.

Why per clause and not per section: outlook sections are usually about both roles, yet
their figures rarely are. ``Employment of database architects is projected to grow 8
percent, while many MLOps positions are expected to grow 25 percent`` gives 8 to the
architect and 25 to the MLOps engineer; both figures sharing the section's ``both`` would
leave "which roles have the strongest outlook?" without an answer.

The clause of a figure is the part of its sentence between clause breaks (``;``, ``, while``,
``, whereas``, ``, but``, ``, and``, ``compared with``). In that clause:

* a role named as printed (any of the article's spellings: plural, lower case) decides;
  when both roles are named, the figure is about ``both``;
* else an occupation that covers a role counts: a word of the role's name that the other
  role's name lacks (``architect`` of ``AI Architect``, as in ``database architects``;
  ``MLOps`` of ``MLOps Engineer`` beside ``Data Engineer``), when only one role has one in
  the clause;
* else the figure keeps the section's side (``both`` for a shared outlook section; the
  section's role for a per-role one).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from pipeline.common.memo import remembered
from pipeline.normalize.role_keys import role_key
from pipeline.parse.roles import RoleMatcher

_CLAUSE_BREAK = re.compile(
    r";|:\s|,\s+(?:while|whereas|but|and|compared\s+(?:with|to))\b|\s+(?:while|whereas)\s+"
    r"|\bcompared\s+(?:with|to)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_GENERIC = frozenset({"and", "of", "the", "for", "in", "a", "an", "to", "senior", "lead", "head", "junior"})


def clause_at(sentence: str, start: int, end: int) -> str:
    """The clause of ``sentence`` that holds ``sentence[start:end]``.

    >>> s = "Analysts grow 8 percent, while engineers grow 20 percent."
    >>> clause_at(s, s.index("20"), s.index("20") + 10)
    ' engineers grow 20 percent.'
    """
    return clause_in(sentence, clause_breaks(sentence), start, end)


def clause_breaks(sentence: str) -> list[tuple[int, int]]:
    """The spans of the clause breaks of ``sentence``, in order (they do not overlap).

    Why apart from :func:`clause_at`: a sentence's figures each need their clause, and
    searching the sentence again for each one is quadratic in a sentence of many figures.
    """
    return [match.span() for match in _CLAUSE_BREAK.finditer(sentence)]


def clause_in(sentence: str, breaks: Sequence[tuple[int, int]], start: int, end: int) -> str:
    """:func:`clause_at` with the sentence's :func:`clause_breaks` at hand: from the end of the
    last break before the figure to the start of the first break after it."""
    before = bisect.bisect_right(breaks, start, key=lambda span: span[1]) - 1
    after = bisect.bisect_left(breaks, end, key=lambda span: span[0])
    low = breaks[before][1] if before >= 0 else 0
    high = breaks[after][0] if after < len(breaks) else len(sentence)
    return sentence[low:high]


def _singular(word: str) -> str:
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [_singular(w) for w in _WORD.findall(text)]


ROLE_PAIRS_KEPT = 4096
"""Pairs of role names whose cues a process remembers (a few hundred bytes each)."""


@remembered(maxsize=ROLE_PAIRS_KEPT)
def _occupation_cues(names: tuple[tuple[str, str], ...]) -> Mapping[str, frozenset[str]]:
    """Per side, the words that name an occupation covering that role and not the other:
    the words of its name and of its key, where acronyms are spelled out (``NLP`` ->
    ``natural language processing``), so ``language and vision specialists`` names both
    an NLP and a computer-vision engineer.

    ``names`` are the ``(side, name)`` pairs in order. Remembered per process: the cues are
    a function of the names alone, the same pair of roles is compared on many articles
    (1,122 pairs among the 9,487 articles of the bench's 10,000 text dumps), and working them
    out (role keys, singular forms) cost about a fifth of a dump's outlook figures. The answer
    is read-only, as it is shared.
    """
    words = {side: [w for w in _words(f"{name} {role_key(name).replace('-', ' ')}") if w not in _GENERIC]
             for side, name in names}
    heads = {side: _words(name)[-1] for side, name in names if _words(name)}
    cues: dict[str, frozenset[str]] = {}
    for side, ws in words.items():
        other = set().union(*(set(v) for s, v in words.items() if s != side))
        head = heads.get(side)
        cues[side] = frozenset(w for w in ws if w not in other and (len(w) > 2 or w == head))
    return MappingProxyType(cues)


class FigureSides:
    """Decides the side of each figure of one article (built once per article)."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self._matcher = RoleMatcher(names["a"], names["b"])
        self._cues = _occupation_cues(tuple(names.items()))
        self._sides: dict[tuple[str, str | None], str | None] = {}

    def side(self, clause: str, default: str | None) -> str | None:
        """``a``, ``b`` or ``both`` for a figure's clause; ``default`` when it names no role.

        Remembered per clause: the figures of one clause (``grow 8% or 10%``) ask about the
        same text, which a hostile sentence makes long."""
        key = (clause, default)
        if key not in self._sides:
            self._sides[key] = self._side(clause, default)
        return self._sides[key]

    def _side(self, clause: str, default: str | None) -> str | None:
        named = {mention.side for mention in self._matcher.mentions(clause)}
        if len(named) == 1:
            return named.pop()
        if len(named) == 2:
            return "both"
        words = set(_words(clause))
        covered = [side for side, cues in self._cues.items() if cues and cues & words]
        if len(covered) == 1:
            return covered[0]
        return default
