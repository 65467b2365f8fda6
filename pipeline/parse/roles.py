"""Find the two compared roles in running text, despite how the site writes them.

Why a matcher and not ``str.find``: the body rarely repeats the title's exact words. It
writes plurals (``AI Architects``), other capitals from auto-linking (``Data quality
Analyst``), articles (``a``/``an``/``the``), abbreviations (``BI Analyst`` for ``Business
Intelligence Analyst``, ``ML Software Engineer``), a parenthesised acronym inside the name
(``Business Intelligence (BI) Analyst``) and small filler words (``Managing Director of
Data Science`` for ``Managing Director Data Science``). One role's name may sit inside the
other's (``Research Engineer`` in ``Machine Learning Research Engineer``): the longest
alternative always wins because all variants go into one regex, longest first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from pipeline.common.memo import remembered
from pipeline.common.scripts import has_cjk

# Word groups that the site writes both spelled out and abbreviated. Source: the
# site's own articles (``BI Analyst``/``Business Intelligence Analyst``,
# ``ML Software Engineer``) and common usage in AI/ML job titles.
ABBREVIATIONS: dict[str, str] = {
    "ai": "artificial intelligence",
    "ml": "machine learning",
    "bi": "business intelligence",
    "nlp": "natural language processing",
    "cv": "computer vision",
    "dl": "deep learning",
    "mlops": "machine learning operations",
    "sr": "senior",
    "jr": "junior",
    "vp": "vice president",
}
_EXPANSIONS = {v: k for k, v in ABBREVIATIONS.items()}

# Between two words of a role name the body may add a filler preposition
# (``Managing Director of Data Science``) or a parenthesised acronym
# (``Business Intelligence (BI) Analyst``).
_GAP = r"(?:\s*\([^()]{1,12}\))?(?:\s+(?:of|in|for)\b)?\s+"
_WORD_START = r"(?<![\w-])"
_WORD_END = r"(?![\w-])"
_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.IGNORECASE)
_WORD_CHAR = re.compile(r"\w")


class Mention(NamedTuple):
    """One role name found in text: which side, where, and the words as printed.

    A named tuple (immutable, and three times cheaper to build than a frozen dataclass):
    every heading and sentence of an article is searched for role names.
    """

    side: str
    start: int
    end: int
    surface: str


def _plural(word: str) -> str:
    """A regex for a word and its plural forms (``Analyst(s)``, ``Scientist(s)``, ``Head(s)``)."""
    escaped = re.escape(word)
    if word.lower().endswith(("s", "x", "ch", "sh")):
        return escaped + r"(?:es)?"
    if word.lower().endswith("y") and len(word) > 2 and word[-2].lower() not in "aeiou":
        return re.escape(word[:-1]) + r"(?:y|ies)"
    return escaped + r"(?:s|'s|’s)?"


def _word_variants(words: list[str]) -> list[list[str]]:
    """Spell-outs and abbreviations of a role's words (``ML`` <-> ``Machine Learning``)."""
    variants = [words]
    lowered = [w.lower() for w in words]
    for i, w in enumerate(lowered):
        if w in ABBREVIATIONS:
            expansion = ABBREVIATIONS[w].split()
            variants.append(words[:i] + expansion + words[i + 1 :])
    for phrase, abbr in _EXPANSIONS.items():
        parts = phrase.split()
        n = len(parts)
        for i in range(len(lowered) - n + 1):
            if lowered[i : i + n] == parts:
                variants.append([*words[:i], abbr.upper(), *words[i + n :]])
    return variants


def role_pattern(name: str) -> str:
    """A regex source matching one role name in its printed variations.

    >>> bool(re.fullmatch(role_pattern("AI Architect"), "ai architects", re.I))
    True
    >>> bool(re.fullmatch(role_pattern("BI Analyst"), "Business Intelligence (BI) Analyst", re.I))
    True
    """
    words = [w for w in re.split(r"[\s/]+", name.strip()) if w]
    alternatives = []
    seen: set[str] = set()
    for variant in _word_variants(words):
        # Plurals usually attach to the last word, but ``Managing Directors of Data
        # Science`` pluralizes an inner one: every word may take its plural form.
        source = _GAP.join(_plural(w) for w in variant)
        if source not in seen:
            seen.add(source)
            alternatives.append(source)
    alternatives.sort(key=len, reverse=True)
    return "(?:" + "|".join(alternatives) + ")"


@lru_cache(maxsize=4096)
def role_regex(name: str) -> re.Pattern[str]:
    """The compiled, case-insensitive, word-bounded regex of one role name (cached); a CJK
    name is bounded by nothing (CJK words have no spaces between them, Korean joins its
    particles to the word: ``数据工程师负责``, ``데이터 엔지니어는``)."""
    if has_cjk(name):
        return re.compile(role_pattern(name), re.IGNORECASE)
    return re.compile(_WORD_START + role_pattern(name) + _WORD_END, re.IGNORECASE)


@lru_cache(maxsize=4096)
def _scanning_regex(name: str) -> tuple[re.Pattern[str], bool]:
    """The regex :class:`RoleMatcher` scans with, and whether it scans the text padded.

    Why: a regex that starts with a lookbehind makes the engine try it at every character.
    When the name ends in a word character (so does every printed variant of it, and no
    match can start where the previous one ended), the character before the name is
    consumed instead, which lets the engine skip to the next blank or punctuation mark; the
    text is then scanned behind one space. Otherwise the word-bounded regex is used as it is.
    """
    stripped = name.strip()
    if stripped and _WORD_CHAR.match(stripped[-1]) and not has_cjk(stripped):
        return re.compile(r"[^\w-]" + role_pattern(name) + _WORD_END, re.IGNORECASE), True
    return role_regex(name), False


class RoleMatcher:
    """Finds mentions of role a and role b; built once per article."""

    def __init__(self, role_a: str, role_b: str) -> None:
        self.names = {"a": role_a, "b": role_b}

    def mentions(self, text: str) -> list[Mention]:
        """Every role mention in ``text``, in order.

        Overlaps are resolved leftmost first, then longest: ``Research Engineer`` inside
        ``Machine Learning Research Engineer`` is never a mention of its own.
        """
        # The memory without its wrapper, the length tested here: every heading, sentence and
        # label of an article asks, and a Python call less per name is a tenth of a lookup.
        of = _name_mentions_kept if len(text) <= LONGEST_TEXT_KEPT else _name_mentions_fresh
        found_a, found_b = of(text, "a", self.names["a"]), of(text, "b", self.names["b"])
        if not found_b:
            return list(found_a)  # one name's matches are in order and never overlap
        if not found_a:
            return list(found_b)
        candidates = sorted((*found_a, *found_b), key=lambda m: (m.start, m.start - m.end))
        found: list[Mention] = []
        for mention in candidates:
            if not found or mention.start >= found[-1].end:
                found.append(mention)
        return found

    def fullmatch(self, text: str) -> str | None:
        """The side whose name is the whole of ``text`` (articles and plural allowed)."""
        stripped = _ARTICLE.sub("", text.strip())
        found = self.mentions(stripped)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
            return found[0].side
        return None

    def prefix_side(self, text: str) -> str | None:
        """The side whose name starts with ``text`` (a heading cut off mid-word)."""
        lowered = text.strip().lower()
        if len(lowered) < 4:
            return None
        for side in sorted(self.names, key=lambda s: len(self.names[s])):
            if self.names[side].lower().startswith(lowered):
                return side
        return None


TEXTS_KEPT = 16_384
"""(text, role name) pairs whose mentions a process remembers."""
LONGEST_TEXT_KEPT = 400
"""The longest text remembered (so at most about 6.5 million characters of keys; the headings,
sentences and labels asked about average 56)."""


@remembered(maxsize=TEXTS_KEPT, longest=LONGEST_TEXT_KEPT)
def _name_mentions(text: str, side: str, name: str) -> tuple[Mention, ...]:
    """The mentions of one role name in ``text``, in order; remembered per process.

    Why per name and not per article: the body parser asks about every heading, sentence
    and label, and the board's templated articles repeat them with other pairs of roles;
    a (text, name) pair comes back far more often than a (text, pair) one (on the bench's
    10,000 text dumps, 63% of the lookups against 28%, with 1,122 pairs among 9,487
    articles). The matches of one name depend on the text and the name alone; a
    :class:`Mention` is immutable.
    """
    regex, is_padded = _scanning_regex(name)
    if is_padded:
        # The match holds the character before the name: the text is scanned behind a space.
        return tuple(Mention(side, match.start(), match.end() - 1, text[match.start():match.end() - 1])
                     for match in regex.finditer(" " + text))
    return tuple(Mention(side, match.start(), match.end(), match.group(0)) for match in regex.finditer(text))


_name_mentions_kept = _name_mentions.remembered  # type: ignore[attr-defined]
_name_mentions_fresh = _name_mentions.__wrapped__  # type: ignore[attr-defined]
