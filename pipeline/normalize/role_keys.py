"""One canonical key per distinct role, however an article prints its name.

Why keys and not names: the same role is printed as ``AI Architects``, ``AI architect`` and
``an AI Architect``, and as ``ML Engineer`` next to ``Machine Learning Engineer``. Analysts
group and join on the key (``roles.role_key``, ``articles.role_key_a``); the printed names
stay in their own columns, and :func:`display_name` picks one of them for the ``roles`` table.

The key is a slug of ``[a-z0-9-]`` built by these rules, in this order:

1. **Text folding.** Case is folded, accents are stripped, ``&`` reads as ``and``, a possessive
   ``'s`` is dropped, and every other non-alphanumeric character separates words. A letter of
   another script than Latin is transliterated (``Аналитик данных`` -> ``analitik-dannykh``,
   ``数据工程师`` -> ``shujugongchengshi``, ``데이터 분석가`` -> ``deiteo-bunseogga``): the key
   stays a slug of ASCII, one per name.
2. **Parenthesised acronyms.** ``Business Intelligence (BI) Analyst`` repeats the preceding
   words as an acronym: a parenthesised word that abbreviates the words right before it
   (by :data:`ABBREVIATIONS` or by their initials) is dropped; any other parenthesised text
   is kept as words.
3. **Plurals.** Every word is made singular (``Heads of Data Science``, ``Managing Directors``
   pluralize an inner word), except words that are not plurals: endings ``ss``/``is``/``us``
   (``Business``, ``Analysis``, ``Status``), ``ics`` (``Analytics``, ``Robotics``), ``ops``
   (``DevOps``), ``as``/``os`` (``Bias``, ``SaaS``, ``macOS``), words of three letters or less
   (``AWS``, ``GIS``), and :data:`INVARIANT_WORDS` (``Sales``, ``Operations``).
4. **Abbreviations.** Every abbreviation in :data:`ABBREVIATIONS` is written out in full
   (``ML`` -> ``machine learning``, ``BI`` -> ``business intelligence``, ``NLP`` ->
   ``natural language processing``, ``Sr``/``Sr.`` -> ``senior``, ``Jr`` -> ``junior``),
   **except AI**, which is the other way round: ``Artificial Intelligence`` becomes ``ai``,
   because titles almost always print ``AI`` and ``ai-architect`` is the key people expect.
5. **Fillers.** ``of``, ``in``, ``for``, ``the``, ``a`` and ``an`` are dropped everywhere, so
   ``Managing Director of Data Science`` and ``Managing Director Data Science`` are one role.
   The price is that ``Head of Data Science`` is ``head-data-science``: one rule everywhere
   beats a key that depends on which variant was seen first.

Every step maps its own output to itself, so the key is a fixed point: feeding a key's words
back in returns the same key.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

from anyascii import anyascii

from pipeline.common.memo import remembered
from pipeline.parse.roles import ABBREVIATIONS as _ROLE_ABBREVIATIONS

ABBREVIATIONS: Mapping[str, tuple[str, ...]] = {
    abbr: tuple(phrase.split()) for abbr, phrase in _ROLE_ABBREVIATIONS.items() if abbr != "ai"
}
"""Abbreviation -> the words it is written out as in a key (from :mod:`pipeline.parse.roles`).

``ai`` is deliberately absent: it is the canonical form of ``artificial intelligence``."""

CONTRACTIONS: Mapping[tuple[str, ...], str] = {("artificial", "intelligence"): "ai"}
"""Word runs written as one short word in a key (the exception to expanding)."""

FILLERS: frozenset[str] = frozenset({"of", "in", "for", "the", "a", "an"})
"""Words dropped everywhere: the site adds and omits them freely inside role names."""

INVARIANT_WORDS: frozenset[str] = frozenset(
    {"sales", "operations", "relations", "news", "series", "species", "services", "means"}
)
"""Words ending in ``s`` that are left as they are (not plurals, or fixed in job titles)."""

# Word endings that are not plural ``s`` (business, analysis, status, analytics, devops, bias, macos).
_NOT_PLURAL_ENDINGS = ("ss", "is", "us", "ics", "ops", "as", "os")
_SHORT_WORD = 3

_TOKEN = re.compile(
    r"""
      (?P<open>\()            # start of a parenthesised aside: (BI)
    | (?P<close>\))           # its end
    | (?P<word>[a-z0-9]+)     # a word: letters and digits only, everything else separates
    """,
    re.VERBOSE,
)
_POSSESSIVE = re.compile(
    r"""
    (?<=[a-z0-9])   # after a word
    ['’]s\b         # an apostrophe s: director's, director’s
    """,
    re.VERBOSE,
)
_TITLE_ARTICLE = re.compile(
    r"""
    ^(?:a|an|the)\s+   # a leading article: "an AI Architect"
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _fold(text: str) -> str:
    """Lower case ASCII text: case folded, accents stripped, ``&`` as ``and``, no possessives."""
    folded = text.casefold()
    if not folded.isascii():  # (before NFKD, which splits kana and Hangul into parts)
        folded = "".join(_transliterated(ch) for ch in unicodedata.normalize("NFC", folded))
    folded = unicodedata.normalize("NFKD", folded)
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch))
    ascii_text = _POSSESSIVE.sub("", ascii_text)
    return ascii_text.replace("&", " and ")


@remembered(4096)
def _transliterated(char: str) -> str:
    """A letter or digit of a script other than Latin in ASCII, in lower case; any other
    character as it is (a Latin letter without an ASCII base stays what it always was)."""
    if char.isascii() or not char.isalnum() or unicodedata.name(char, "LATIN").startswith("LATIN"):
        return char
    return anyascii(char).lower()


def _abbreviates(acronym: str, before: list[str]) -> bool:
    """Whether ``acronym`` stands for the words just before it (``bi`` after ``business intelligence``)."""
    expansion = ABBREVIATIONS.get(acronym)
    if expansion is not None and tuple(before[-len(expansion):]) == expansion:
        return True
    for phrase, short in CONTRACTIONS.items():
        if short == acronym and tuple(before[-len(phrase):]) == phrase:
            return True
    # Initials: "natural language processing (nlp)", "large language model (llm)".
    n = len(acronym)
    return 2 <= n <= len(before) and "".join(w[0] for w in before[-n:]) == acronym


def _words(text: str) -> list[str]:
    """The words of a folded name, without parenthesised acronyms of the words before them."""
    words: list[str] = []
    aside: list[str] | None = None
    for match in _TOKEN.finditer(text):
        if match.group("open") is not None:
            if aside is not None:
                words.extend(aside)
            aside = []
        elif match.group("close") is not None:
            if aside is not None and not (len(aside) == 1 and _abbreviates(aside[0], words)):
                words.extend(aside)
            aside = None
        elif aside is not None:
            aside.append(match.group("word"))
        else:
            words.append(match.group("word"))
    if aside is not None:  # an unclosed parenthesis keeps its words
        words.extend(aside)
    return words


def singular(word: str) -> str:
    """The singular of one lower-case word, or the word itself when it is not a plural.

    >>> [singular(w) for w in ("scientists", "heads", "strategies", "business", "analytics", "mls")]
    ['scientist', 'head', 'strategy', 'business', 'analytics', 'ml']
    """
    if not word.endswith("s") or word in INVARIANT_WORDS or word.endswith(_NOT_PLURAL_ENDINGS):
        return word
    if word[:-1] in ABBREVIATIONS or word[:-1] == "ai":
        return word[:-1]  # "MLs", "VPs", "AIs": a plural abbreviation
    if len(word) <= _SHORT_WORD:
        return word  # "aws", "gis", "ios": acronyms, not plurals
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"  # strategies -> strategy
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]  # businesses -> business, searches -> search
    return word[:-1]


def _expand(words: list[str]) -> list[str]:
    """Abbreviations written out (``ml`` -> ``machine learning``), per :data:`ABBREVIATIONS`."""
    out: list[str] = []
    for word in words:
        out.extend(ABBREVIATIONS.get(word, (word,)))
    return out


def _contract(words: list[str]) -> list[str]:
    """Word runs in :data:`CONTRACTIONS` written short (``artificial intelligence`` -> ``ai``)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for phrase, short in CONTRACTIONS.items():
            if tuple(words[i : i + len(phrase)]) == phrase:
                out.append(short)
                i += len(phrase)
                break
        else:
            out.append(words[i])
            i += 1
    return out


@remembered(maxsize=4096)
def role_key(name: str) -> str:
    """The canonical key of a role name (rules in the module docstring).

    >>> role_key("an AI Architects")
    'ai-architect'
    >>> role_key("ML Engineer") == role_key("Machine Learning Engineers")
    True
    >>> role_key("Managing Director of Data Science")
    'managing-director-data-science'
    """
    words = [singular(w) for w in _words(_fold(name))]
    words = [w for w in _expand(words) if w not in FILLERS]
    return "-".join(_contract(words))


def _title_form(name: str) -> str:
    """A printed name as a title would show it: spacing collapsed, no leading article."""
    collapsed = " ".join(name.split())
    return _TITLE_ARTICLE.sub("", collapsed)


def display_name(names: Iterable[str]) -> str:
    """The display name for one key, chosen among the printed names seen for it.

    Why a vote: the names come from article titles, so the most common printed form is the
    one readers know. Names are compared in title form (spacing collapsed, a leading
    ``a``/``an``/``the`` removed). Ties go to the longest form (``Machine Learning Engineer``
    over ``ML Engineer``: spelled out is clearer), then to the first in code-point order,
    which puts capitalized forms (``AI Architect``) before lower-case ones (``AI architect``).
    Raises ``ValueError`` when no non-blank name is given.

    >>> display_name(["AI Architect", "an AI Architect", "AI architect"])
    'AI Architect'
    """
    counts = Counter(form for form in map(_title_form, names) if form)
    if not counts:
        raise ValueError("display_name needs at least one non-blank name")
    return min(counts, key=lambda form: (-counts[form], -len(form), form))
