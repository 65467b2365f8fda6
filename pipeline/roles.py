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
from dataclasses import dataclass
from functools import lru_cache

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


@dataclass(frozen=True, slots=True)
class Mention:
    """One role name found in text: which side, where, and the words as printed."""

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
    """The compiled, case-insensitive, word-bounded regex of one role name (cached)."""
    return re.compile(_WORD_START + role_pattern(name) + _WORD_END, re.IGNORECASE)


class RoleMatcher:
    """Finds mentions of role a and role b; built once per article."""

    def __init__(self, role_a: str, role_b: str) -> None:
        self.names = {"a": role_a, "b": role_b}
        # One compiled regex per role name, shared by every article that names the role
        # (compiling them was a fifth of the parse time when done per article).
        self._regexes = {side: role_regex(name) for side, name in self.names.items()}

    def mentions(self, text: str) -> list[Mention]:
        """Every role mention in ``text``, in order.

        Overlaps are resolved leftmost first, then longest: ``Research Engineer`` inside
        ``Machine Learning Research Engineer`` is never a mention of its own.
        """
        candidates = [
            Mention(side, match.start(), match.end(), match.group(0))
            for side, regex in self._regexes.items()
            for match in regex.finditer(text)
        ]
        candidates.sort(key=lambda m: (m.start, m.start - m.end))
        found: list[Mention] = []
        for mention in candidates:
            if not found or mention.start >= found[-1].end:
                found.append(mention)
        return found

    def fullmatch(self, text: str) -> str | None:
        """The side whose name is the whole of ``text`` (articles and plural allowed)."""
        stripped = re.sub(r"^(?:an?|the)\s+", "", text.strip(), flags=re.IGNORECASE)
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
