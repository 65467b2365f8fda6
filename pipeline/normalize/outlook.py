"""Growth figures in an outlook section: percent, years, horizon and who projects them.

Why a small grammar and not "every number before a % sign": outlook prose is full of
percentages that are not growth (``90% of companies``, ``spend 50% of their time``).

**What counts as a growth figure.** A percentage (``15%``, ``15 percent``, ``11.5 per cent``,
a range ``20-25%``) counts when a growth word is near it and it is not a share:

* a growth word (``grow``/``growth``, ``increase``, ``rise``, ``expand``/``expansion``,
  ``surge``, ``jump``, ``climb``, ``soar``, ``boom``, ``CAGR``) among the eight words before
  the figure, within its clause (``projected to increase by over 30%``), or among the three
  words after it (``a 35% increase``, ``22 percent job growth``); or
* a projection word (``projected``, ``expected``, ``forecast``, ...) among the eight words
  before it in a sentence about jobs, employment, demand, openings, positions or hiring;
* and the figure is not followed by ``of`` (``90% of companies`` is a share, not growth).

Declines are not growth figures and are not reported: the first growth or decline word found
looking back from the figure (then forward) decides, so ``projected to fall 5 percent`` is skipped.

**Ranges.** ``20-25%``, ``20% to 25%`` and ``between 20 and 25 percent`` report the lower
bound as ``percent`` (the conservative figure, and one number per row) and the upper bound
as ``percent_max``; a single figure has ``percent_max`` None.

**Years, horizon, source** are looked up in the figure's sentence. When a sentence holds
several, the nearest one after the figure wins, else the nearest before it (``grow 8 percent
from 2022 to 2032, while ... grow 25 percent over the same period`` gives both figures
2022-2032), but one after the next figure belongs to that figure. ``by 2032`` is both a
horizon and an end year. The source comes from ``According to (the) X,``, else from a known
publisher named anywhere in the sentence (``(BLS)``, ``World Economic Forum``, ``industry
reports``), else from ``(The) X projects`` (also ``reports``, ``estimates``, ``predicts``,
``forecasts``, ``expects``). Publishers in :data:`KNOWN_SOURCES` are returned under one name
(``U.S. Bureau of Labor Statistics (BLS)`` -> ``Bureau of Labor Statistics``); others as
printed, minus a parenthesised acronym.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.common.memo import remembered
from pipeline.normalize.outlook_roles import clause_breaks, clause_in
from pipeline.parse.attribution import split_sentences


@dataclass(frozen=True, slots=True)
class OutlookStat:
    """One growth figure and its context, as printed in one sentence."""

    percent: float
    start_year: int | None
    end_year: int | None
    horizon: str | None
    """The horizon as printed: ``next decade``, ``next ten years``, ``coming years``, ``by 2030``."""
    source: str | None
    """Who projects it: ``Bureau of Labor Statistics``, ``World Economic Forum``, ``industry reports``."""
    sentence: str
    percent_max: float | None = None
    """Upper bound of a range (``20-25%`` -> percent 20.0, percent_max 25.0), else None."""
    clause: str = ""
    """The clause of the sentence that holds the figure: what says which role it is about."""


# --- pieces -----------------------------------------------------------------------------

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d{1,6})(?:\.\d+)?"
_PERCENT_SIGN = r"(?:\s?%|\s*(?:percent|per\s+cent|pct)\b)"
_RANGE_DASH = r"\s*(?:-|–|—|to)\s*"
_YEAR = r"(?:19|20)\d{2}"
_SPAN_SEP = r"\s*(?:to|through|until|till|and|-|–|—)\s*"

_FIGURE = re.compile(
    rf"""
    (?<![\w.,])                          # not the tail of a longer number or word
    (?:
        between\s+(?P<between_low>{_NUMBER}){_PERCENT_SIGN}?\s+and\s+
        (?P<between_high>{_NUMBER})      # between 20 and 25 percent
      | (?P<low>{_NUMBER}){_PERCENT_SIGN}?{_RANGE_DASH}
        (?P<high>{_NUMBER})              # 20-25%, 20% to 25%
      | (?P<single>{_NUMBER})            # 15%, 11.5 percent
    )
    {_PERCENT_SIGN}
    """,
    re.VERBOSE | re.IGNORECASE,
)

_SHARE = re.compile(
    r"""
    ^\s*of\b    # "90% of companies": a share of something, not growth
    """,
    re.VERBOSE | re.IGNORECASE,
)

_GROWTH_WORD = re.compile(
    r"""
    ^(?:
        grow(?:s|n|ing|th)? | grew                 # grow, grows, growing, grown, growth
      | increas(?:e|es|ed|ing)                     # increase
      | ris(?:e|es|en|ing) | rose                  # rise
      | expan(?:d|ds|ded|ding|sion)                # expand, expansion
      | surg(?:e|es|ed|ing)                        # surge
      | jump(?:s|ed|ing)?                          # jump
      | climb(?:s|ed|ing)?                         # climb
      | soar(?:s|ed|ing)?                          # soar
      | boom(?:s|ed|ing)?                          # boom
      | cagr                                       # compound annual growth rate
    )$
    """,
    re.VERBOSE | re.IGNORECASE,
)

_DECLINE_WORD = re.compile(
    r"""
    ^(?:
        fall(?:s|en|ing)? | fell                   # fall
      | declin(?:e|es|ed|ing)                      # decline
      | decreas(?:e|es|ed|ing)                     # decrease
      | drop(?:s|ped|ping)?                        # drop
      | shrink(?:s|ing)? | shrank | shrunk          # shrink
    )$
    """,
    re.VERBOSE | re.IGNORECASE,
)

_PROJECTION_WORD = re.compile(
    r"""
    ^(?:
        projected | expected | forecast(?:ed)? | predicted | estimated | anticipated
    )$
    """,
    re.VERBOSE | re.IGNORECASE,
)

_JOBS_TOPIC = re.compile(
    r"""
    \b(?:
        jobs? | employment | openings? | positions? | demand | hiring | vacancies   # the labor market
    )\b
    """,
    re.VERBOSE | re.IGNORECASE,
)

_WINDOW_TOKEN = re.compile(
    r"""
      (?P<word>[A-Za-z]+)        # a word
    | (?P<stop>[;:])             # a clause break: the window does not reach past it
    """,
    re.VERBOSE,
)
_AFTER_STOP = re.compile(r"[,;:.!?()]")
_LETTERS = re.compile(r"[A-Za-z]+")
_WORDS_BEFORE = 8
_BEFORE_CHARS = 400  # far more than eight words; bounds the work per figure
_AFTER_CHARS = 200  # far more than three words
_WORDS_AFTER = 3
MAX_FIGURES = 12
"""Most percentages of one sentence that are looked at (the first ones). A sentence of prose
states one or two figures (two in every real and generated outlook); a "sentence" of
thousands (``grow 1% grow 1% ...``, a table flattened without full stops) is not one, and
each figure it gave would be a row repeating the whole sentence: without this bound a
256 KB one cost minutes and would have written gigabytes."""

_YEAR_SPAN = re.compile(
    rf"""
    (?<!\d)
    (?:
        (?:from|between)\s+(?P<from_start>{_YEAR}){_SPAN_SEP}
        (?P<from_end>{_YEAR}|\d{{2}})      # from 2019 to 2029, between 2021 and 2031
      | (?P<bare_start>{_YEAR})\s*(?:-|–|—|to|through)\s*
        (?P<bare_end>{_YEAR}|\d{{2}})      # 2022-2032, 2022–32, 2022 to 2032
    )
    (?!\d)
    """,
    re.VERBOSE | re.IGNORECASE,
)

_NUMBER_WORD = (r"(?:few|several|couple\s+of|\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten"
                r"|fifteen|twenty)")
_HORIZON = re.compile(
    rf"""
    \b(?P<horizon>
        (?:next|coming|following|upcoming)\s+(?:{_NUMBER_WORD}\s+)?
        (?:years?|decades?|months?)                    # next decade, next ten years, coming years
      | by\s+(?:the\s+end\s+of\s+)?the\s+decade        # by the end of the decade
      | (?:by|through|until|till)\s+(?:the\s+end\s+of\s+)?
        (?P<end_year>{_YEAR})                          # by 2030, through 2031
      | same\s+period                                  # "over the same period": years said before
      | annually | per\s+annum | (?:a|per|each|every)\s+year
      | year[\s-]over[\s-]year                         # a yearly rate
    )\b
    """,
    re.VERBOSE | re.IGNORECASE,
)

KNOWN_SOURCES: Sequence[tuple[str, re.Pattern[str]]] = (
    ("Bureau of Labor Statistics", re.compile(
        r"""
        bureau\s+of\s+labor\s+statistics     # spelled out, with or without U.S.
        | \bBLS\b                            # the acronym, usually in parentheses
        """, re.VERBOSE | re.IGNORECASE)),
    ("World Economic Forum", re.compile(
        r"""
        world\s+economic\s+forum             # spelled out
        | \bWEF\b                            # the acronym
        """, re.VERBOSE | re.IGNORECASE)),
    ("LinkedIn", re.compile(r"\blinked\s?in\b", re.IGNORECASE)),
    ("Gartner", re.compile(r"\bgartner\b", re.IGNORECASE)),
    ("McKinsey", re.compile(r"\bmckinsey\b", re.IGNORECASE)),
    ("Glassdoor", re.compile(r"\bglassdoor\b", re.IGNORECASE)),
    ("Statista", re.compile(r"\bstatista\b", re.IGNORECASE)),
    ("IDC", re.compile(r"\bIDC\b|international\s+data\s+corporation", re.IGNORECASE)),
    ("industry reports", re.compile(r"\bindustry\s+reports?\b", re.IGNORECASE)),
)
"""Publishers returned under one name, with the spellings that name them."""
_SOURCE_WORDS = ("bureau", "bls", "world", "wef", "linked", "gartner", "mckinsey", "glassdoor", "statista",
                 "idc", "international", "industry")
"""A word of every spelling in :data:`KNOWN_SOURCES`, lower case: a spelling added there needs
its word here (a test checks each spelling against this list)."""

_ACCORDING_TO = re.compile(
    r"""
    \baccording\s+to\s+
    (?P<source>[^,;:]{2,80}?)          # the source, up to the end of its phrase
    (?=\s*(?:[,;:]|\.\s*$|$))          # ends at a comma, a colon, or the sentence end
    """,
    re.VERBOSE | re.IGNORECASE,
)

_CAPITALIZED = r"[A-Z][\w.&'’-]*"
_SOURCE_VERB = re.compile(
    rf"""
    (?:\b[Tt]he\s+)?
    (?P<source>{_CAPITALIZED}(?:\s+(?:of|for|and|on|&)?\s*{_CAPITALIZED}){{0,6}})   # Capitalized Name
    (?:\s+\([A-Z]{{2,8}}\))?                                                  # an acronym: (BLS)
    \s+(?:projects|estimates|predicts|forecasts|expects|anticipates
          |reports(?!\s+to\b))                                                # not "reports to the CTO"
    \b
    """,
    re.VERBOSE,
)
_SOURCE_VERBS = ("projects", "estimates", "predicts", "forecasts", "expects", "anticipates", "reports")
"""The verbs of :data:`_SOURCE_VERB` (a case-sensitive regex): a sentence without one of these
strings cannot match it, and most do not hold one."""
_NOT_A_SOURCE = frozenset({"It", "This", "That", "These", "Which", "He", "She", "They", "We", "One"})

_SOURCE_NOISE = re.compile(
    r"""
      ^(?:the|a|an)\s+                                          # leading article
    | ^(?:recent|latest|new|\d{4})\s+                           # "recent", "2024"
    | ^(?:data|reports?|stud(?:y|ies)|surveys?|research|analysis|projections?)
       \s+(?:by|from)\s+                                        # "a report by", "data from"
    | \s*\([^()]*\)\s*$                                         # trailing "(BLS)"
    """,
    re.VERBOSE | re.IGNORECASE,
)


# --- helpers ----------------------------------------------------------------------------


def _number(text: str) -> float:
    """A printed number as a float (``1,200.5`` -> 1200.5)."""
    return float(text.replace(",", ""))


def _is_growth(sentence: str, start: int, end: int) -> bool:
    """Whether the figure at ``sentence[start:end]`` is a growth figure (module docstring)."""
    after = sentence[end : end + _AFTER_CHARS]
    if _SHARE.match(after):
        return False
    window = sentence[max(0, start - _BEFORE_CHARS) : start]
    if start > _BEFORE_CHARS:
        window = window.split(None, 1)[-1]  # drop a word cut in half by the window
    before_words: list[str] = []
    for token in _WINDOW_TOKEN.finditer(window):
        if token.group("stop") is not None:
            before_words = []
        else:
            before_words.append(token.group("word"))
    before_words = before_words[-_WORDS_BEFORE:]
    stop = _AFTER_STOP.search(after)
    after_words = _LETTERS.findall(after[: stop.start()] if stop else after)[:_WORDS_AFTER]
    # The nearest growth or decline word decides: "fall 5%" is not growth even when projected.
    for word in [*reversed(before_words), *after_words]:
        if _GROWTH_WORD.match(word):
            return True
        if _DECLINE_WORD.match(word):
            return False
    return any(_PROJECTION_WORD.match(w) for w in before_words) and bool(_JOBS_TOPIC.search(sentence))


def _nearest(matches: Sequence[re.Match[str]], start: int, end: int, limit: int) -> re.Match[str] | None:
    """The first match after the figure and before ``limit`` (the next figure), else the last before it.

    Why the limit: in ``grow 8 percent from 2022 to 2032, while ... grow 25 percent over the
    same period`` the horizon after the second figure is not the first figure's. ``matches``
    come from one ``finditer``, so they do not overlap and starts and ends are both sorted:
    bisection keeps a sentence with thousands of figures linear-ish.
    """
    after = bisect.bisect_left(matches, end, key=lambda m: m.start())
    if after < len(matches) and matches[after].start() < limit:
        return matches[after]
    before = bisect.bisect_right(matches, start, key=lambda m: m.end()) - 1
    return matches[before] if before >= 0 else None


def _span_years(match: re.Match[str]) -> tuple[int, int] | None:
    """(start, end) of a year span; ``2022–32`` is 2022-2032; None when the end is not later."""
    first = match.group("from_start") or match.group("bare_start")
    last = match.group("from_end") or match.group("bare_end")
    start = int(first)
    end = int(last) if len(last) == 4 else start // 100 * 100 + int(last)
    return (start, end) if end > start else None


def _clean_source(raw: str) -> str | None:
    """A source phrase under its known name, or trimmed of articles, ``a report by``, ``(BLS)``."""
    for name, pattern in KNOWN_SOURCES:
        if pattern.search(raw):
            return name
    text = raw.strip()
    previous = None
    while previous != text:
        previous = text
        text = _SOURCE_NOISE.sub("", text).strip()
    return text or None


def _may_name_known_source(sentence: str) -> bool:
    """A cheap necessary condition for any of :data:`KNOWN_SOURCES` to match: one of
    :data:`_SOURCE_WORDS` in the lower-cased sentence.

    Why: nine case-insensitive searches cost about 40 us on a sentence, and most name no
    publisher. Exact on ASCII only, where ``str.lower`` and a case-insensitive regex agree
    (``ſ`` or the Kelvin sign ``K`` match ``s`` and ``k`` in the regex): other text goes to
    the searches.
    """
    if not sentence.isascii():  # O(1) on a str
        return True
    lowered = sentence.lower()
    return any(word in lowered for word in _SOURCE_WORDS)


def sentence_source(sentence: str) -> str | None:
    """Who a sentence says projects its figures, or None (rules in the module docstring)."""
    according = _ACCORDING_TO.search(sentence)
    if according:
        return _clean_source(according.group("source"))
    if _may_name_known_source(sentence):
        for name, pattern in KNOWN_SOURCES:
            if pattern.search(sentence):
                return name
    if not any(verb in sentence for verb in _SOURCE_VERBS):
        return None
    for match in _SOURCE_VERB.finditer(sentence):
        if match.group("source") not in _NOT_A_SOURCE:
            return _clean_source(match.group("source"))
    return None


def _sentences(text: str) -> list[str]:
    """Sentences of a section's text: each line (paragraph or bullet) split into sentences."""
    return [s for line in text.splitlines() if line.strip() for s in split_sentences(line)]


def _may_hold_figure(sentence: str) -> bool:
    """A cheap necessary condition for :data:`_FIGURE`: a percent sign or word is needed."""
    if "%" in sentence:
        return True
    lowered = sentence.lower()
    return "per" in lowered or "pct" in lowered


SENTENCES_KEPT = 4096
"""Sentences holding a percentage whose figures a process remembers."""
LONGEST_SENTENCE_KEPT = 1_000
"""The longest such sentence remembered (so at most about 4 MB of keys; 200 characters a sentence
in practice)."""


@remembered(maxsize=SENTENCES_KEPT, longest=LONGEST_SENTENCE_KEPT)
def _sentence_stats(sentence: str) -> tuple[OutlookStat, ...]:
    """The growth figures of one sentence, in order; remembered per process.

    Why remembered: the board's outlook paragraphs come from templates, so half the sentences
    of outlook sections come back on other articles (9,069 distinct among 18,982 on the
    bench's 10,000 text dumps), and reading one is a dozen regex searches. The figures are a
    function of the sentence alone (which role each is about is decided later, from its
    clause), and an :class:`OutlookStat` is immutable.
    """
    if not _may_hold_figure(sentence):
        return ()
    figures = list(itertools.islice(_FIGURE.finditer(sentence), MAX_FIGURES))
    growth = [i for i, f in enumerate(figures) if _is_growth(sentence, f.start(), f.end())]
    if not growth:
        return ()
    spans = [m for m in _YEAR_SPAN.finditer(sentence) if _span_years(m) is not None]
    horizons = list(_HORIZON.finditer(sentence))
    source = sentence_source(sentence)
    breaks = clause_breaks(sentence)
    stats = []
    for index in growth:
        figure = figures[index]
        limit = figures[index + 1].start() if index + 1 < len(figures) else len(sentence)
        low = figure.group("between_low") or figure.group("low")
        high = figure.group("between_high") or figure.group("high")
        percent = _number(low or figure.group("single"))
        percent_max = _number(high) if high else None
        if percent_max is not None and percent_max < percent:
            percent, percent_max = percent_max, percent
        start_year = end_year = None
        span = _nearest(spans, figure.start(), figure.end(), limit)
        if span is not None:
            start_year, end_year = _span_years(span) or (None, None)
        horizon_match = _nearest(horizons, figure.start(), figure.end(), limit)
        horizon = None
        if horizon_match is not None:
            horizon = " ".join(horizon_match.group("horizon").split())
            if end_year is None and horizon_match.group("end_year"):
                end_year = int(horizon_match.group("end_year"))
        clause = clause_in(sentence, breaks, figure.start(), figure.end())
        stats.append(
            OutlookStat(percent, start_year, end_year, horizon, source, sentence, percent_max, clause)
        )
    return tuple(stats)


def outlook_stats(text: str) -> list[OutlookStat]:
    """Every growth figure in a block of text, in reading order; never raises.

    >>> [(s.percent, s.start_year, s.end_year) for s in outlook_stats(
    ...     "Jobs are projected to grow 15 percent from 2019 to 2029. 90% of firms agree.")]
    [(15.0, 2019, 2029)]
    """
    held = [sentence for sentence in _sentences(text) if _may_hold_figure(sentence)]
    return [stat for sentence in held for stat in _sentence_stats(sentence)]
