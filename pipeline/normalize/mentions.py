"""Find the skills, tools, degrees, fields, certifications and industries an article names.

Why a compiled trie and not a loop over names: the vocabulary has several hundred names
and over a thousand printed forms; trying each at every position of every section is slow
and makes "longest first" a matter of luck. All forms go into a character trie, emitted as
one regex per case mode (exact for ``Spark``/``R``/acronyms, any case for the rest) in
which every branch prefers the longer continuation, so ``Google Cloud Platform`` beats
``Google Cloud`` and ``Apache Spark`` beats ``Spark``. Where the two regexes overlap, the
longer match wins again.

Rules that are not in the vocabulary file:

- **Word edges that know symbols.** A name starts where no word character, ``+`` or ``#``
  precedes it (nor ``word.``/``word-``: ``SQL`` is not in ``T-SQL``), and ends where no word
  character, ``+`` or ``#`` follows, nor ``.``/``&`` glued to a word: so ``C`` is not
  in ``C++``, ``R`` is not in ``R&D``, ``Node`` is not in ``Node.js``.
- **Not inside role names.** A name directly followed, possibly after up to two capitalised
  words, by a role word (``Engineer``, ``Scientist``, ``Analyst``, ...) is part of a job
  title (``NLP Engineer``, ``Machine Learning Research Engineer``) and is not a mention.
- **Section restrictions.** A term with ``sections`` counts only when :meth:`find` is
  told that the text comes from one of them. Without a section (``None``) such terms do
  not count: the caller did not say where the text is.
- **List context** for one- or two-letter names and English words (``R``, ``Go``, ``C``,
  ``Linear``, ``Swift``). Besides matching case exactly, the name must sit in a list of
  vocabulary terms (``Python, R, or Java``, ``R and Python``, ``C/C++``, one item per line),
  after ``in``, ``with``, ``using``, ``like``, ``as``, ``including`` or ``e.g.``, before
  ``)``, or before ``programming``/``language``/``code``/``packages``...; never glued to a
  hyphen (``Go-to-market``, ``C-suite``, ``R-squared``). So ``Go to the conference`` and a
  sentence-initial ``R is ...`` are not mentions.
- **Stop phrases** (kind ``stop`` in the file) win like any longer match and are then
  dropped: ``Bureau of Labor Statistics`` hides ``Statistics``; ``Excel at``/``Excel in``
  (the verb) hide ``Excel``. ``Excel`` printed with a capital anywhere else is the tool.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from pipeline.normalize.vocabulary import APOSTROPHES, DASHES, STOP_KIND, Term, Vocabulary, surface_key
from pipeline.parse.cards.salary import ISO_4217
from pipeline.tables.schema import SECTION_KEYS

# Pass as ``section`` to count every term wherever it is (used to tell known from unknown).
ANY_SECTION = "*"


class Mention(NamedTuple):
    """One vocabulary term found in text: its canonical name and the words as printed.

    A named tuple (immutable, like a frozen dataclass, and three times cheaper to build):
    every section of every article makes a few dozen.
    """

    kind: str
    name: str
    surface: str
    start: int
    end: int


# --- pattern pieces ------------------------------------------------------------------------

# Blanks inside a name; never a line break, which separates list items.
_BLANKS = r"[^\S\n]+"
_SLASH = r"[^\S\n]*/[^\S\n]*"
_APOSTROPHE = "[" + re.escape(APOSTROPHES) + "]"
_DASH = "[" + re.escape(DASHES) + "]"
# Where a name may start and end (see the module docstring). The regex engine pays for every
# position where a match could begin, so the left edge is never the first thing a regex
# tries (a lookbehind there runs at each character). Either the name's first character
# comes first and the edge is checked right after it (:data:`_EDGE_AFTER_FIRST`; for names
# that start with a capital this visits a few percent of the positions), or the character
# before the name is consumed (:data:`_EDGE_BEFORE`), which lets the engine skip to the next
# blank or punctuation mark, and the text is scanned behind one space so that a name at its
# very start has a character before it too. No name can start where a previous match ended
# (names end in a word character, or in ``.`` after one, as ``Ph.D.``), so consuming that
# character never hides a match.
_EDGE_BEFORE = r"[^\w+#](?<!\w[.\-])"
_EDGE_AFTER_FIRST = r"(?<![\w+#][\s\S])(?<!\w[.\-][\s\S])"
_ONE_CHAR_UNIT = re.compile(r"\\?.|\[[^\]]+\]", re.DOTALL)
_RIGHT_EDGE = r"(?![\w+#])(?![.&]\w)"
# Names that need a list context must also not be glued to a hyphen.
_NOT_HYPHENATED = r"(?!" + _DASH + r"\w)"
# Words that end a job title, in any case (``machine learning engineer``), and ``Lead``
# only capitalised (``lead`` is also a verb). A term right before one, or before up to two
# capitalised words and then one, is part of the title; so is an acronym in parentheses
# inside one (``Business Intelligence (BI) Analyst``).
ROLE_WORDS = (
    "engineer", "scientist", "architect", "analyst", "developer", "researcher", "manager",
    "specialist", "consultant", "intern", "administrator", "officer", "programmer", "director",
    "designer", "technician", "strategist",
)
_TITLE_WORD = r"\(?[A-Z][\w'’&-]*\)?"
_ROLE_AHEAD = (
    rf"\)?(?:{_BLANKS}{_TITLE_WORD}){{0,2}}{_BLANKS}(?:(?i:{'|'.join(ROLE_WORDS)})|Lead)s?(?!\w)"
)
_NOT_IN_ROLE = rf"(?!{_ROLE_AHEAD})"

# What surrounds a list-context name (``R``, ``Go``) when it is the language or tool.
_GAP_BETWEEN_ITEMS = re.compile(
    r"""
    [^\S\n]*\n\s*                              # one item per line
    | [^\S\n]*[,/;&][^\S\n]*                   # Python, R   C/C++
    | [^\S\n]*,?[^\S\n]+(?:and|or|and/or|nor)[^\S\n]+   # R and Python, Python, or R
    """,
    re.VERBOSE,
)
_CUE_BEFORE = re.compile(
    r"""
    \b(?:in|with|using|like|as|including|e\.g\.,?|i\.e\.,?)   # written in Go, such as R, (e.g., R)
    [^\S\n]*\Z
    """,
    re.VERBOSE,
)
_CUE_AFTER = re.compile(
    r"""
    [^\S\n]*\)                                 # (Python or R)
    | [^\S\n]+(?i:programming|language|languages|code|coding|scripts?|scripting|packages?
                 |librar(?:y|ies)|ecosystem|notebooks?|modules?|runtime)\b   # R programming
    """,
    re.VERBOSE,
)
_BULLET_ONLY = re.compile(r"[^\S\n]*(?:(?:[-•*·‣–]|\d{1,2}[.)])[^\S\n]*)?")
_PUNCT_ONLY = re.compile(r"[^\S\n]*[.,;]?[^\S\n]*")


# --- the trie --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Node:
    """A trie node: the regex pieces that continue a name, and the tail if one ends here."""

    children: dict[str, _Node] = field(default_factory=dict)
    tail: str | None = None


def _units(surface: str, *, exact: bool) -> Iterator[str]:
    """The regex piece for each printed character of a name, in order.

    Blanks, apostrophes, dashes and slashes match their printed variants; letters match
    either case unless ``exact``. :func:`pipeline.normalize.vocabulary.surface_key` applies the same
    equivalences, so a matched text's key finds its term.
    """
    normal = re.sub(r"\s*/\s*", "/", re.sub(r"\s+", " ", surface.strip()))
    for char in normal:
        if char == " ":
            yield _BLANKS
        elif char == "/":
            yield _SLASH
        elif char in APOSTROPHES:
            yield _APOSTROPHE
        elif char in DASHES:
            yield _DASH
        elif char.isalpha() and not exact and char.lower() != char.upper():
            yield f"[{char.lower()}{char.upper()}]"
        else:
            yield re.escape(char)


def _terminal(term: Term) -> str:
    """What a name adds to the shared tail where it ends: list-context names refuse a hyphen."""
    return _NOT_HYPHENATED if term.context == "list" else ""


def _emit(node: _Node) -> str:
    """The regex of a trie node; longer continuations are tried before ending here."""
    branches = [unit + _emit(child) for unit, child in sorted(node.children.items())]
    if node.tail is not None:
        branches.append(node.tail)
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


@dataclass(frozen=True, slots=True)
class _Pattern:
    """One compiled trie and how to scan with it (see :data:`_EDGE_BEFORE`)."""

    regex: re.Pattern[str]
    padded: bool
    """The regex consumes the character before a name: scan the text behind one space."""


def _compile(forms: Iterable[tuple[str, Term]], *, exact: bool) -> _Pattern | None:
    """One regex for the given (printed form, term) pairs, or None when there are none."""
    root = _Node()
    for surface, term in forms:
        node = root
        for unit in _units(surface, exact=exact):
            node = node.children.setdefault(unit, _Node())
        node.tail = _terminal(term)
    if not root.children:
        return None
    # The edge and role checks sit after the trie once; when they fail, the regex backtracks
    # into the trie and tries the shorter names that end earlier.
    tail = _RIGHT_EDGE + _NOT_IN_ROLE
    units = sorted(root.children.items())
    if exact and all(_ONE_CHAR_UNIT.fullmatch(unit) for unit, _ in units):
        branches = [unit + _EDGE_AFTER_FIRST + _emit(child) for unit, child in units]
        return _Pattern(re.compile("(?:" + "|".join(branches) + ")" + tail), padded=False)
    # Any case: each ``[aA]`` of the first character becomes two plain letters, which the
    # engine tells apart with one comparison each.
    branches = []
    for unit, child in units:
        rest = _emit(child)
        if re.fullmatch(r"\[[a-z][A-Z]\]", unit):
            branches += [unit[1] + rest, unit[2] + rest]
        else:
            branches.append(unit + rest)
    return _Pattern(re.compile(_EDGE_BEFORE + "(?:" + "|".join(branches) + ")" + tail), padded=True)


@dataclass(frozen=True, slots=True)
class _Scanner:
    """The two regexes for one set of active terms: exact case, and any case."""

    exact: _Pattern | None
    folded: _Pattern | None


_Candidate = tuple[int, int, Term]
"""A match before overlaps, stop phrases and list contexts are settled: (start, end, term)."""


# --- the finder ------------------------------------------------------------------------------


class MentionFinder:
    """Finds vocabulary terms in text; build once per vocabulary and reuse.

    The regexes for each section are compiled up front (sections with the same active terms
    share them), so :meth:`find` only scans.
    """

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        everything = (*vocabulary.terms, *vocabulary.stops)
        # Printed form -> term, by case mode. Keys are unique over the vocabulary (checked
        # when it is loaded), so the lookup after a match is unambiguous.
        self._exact_terms: dict[str, Term] = {}
        self._folded_terms: dict[str, Term] = {}
        for term in everything:
            for surface in term.surfaces:
                exact = term.exact(surface)
                table = self._exact_terms if exact else self._folded_terms
                table[surface_key(surface, exact=exact)] = term
        built: dict[tuple[int, ...], _Scanner] = {}
        self._scanners: dict[str | None, _Scanner] = {}
        for section in (None, ANY_SECTION, *SECTION_KEYS):
            active = tuple(i for i, term in enumerate(everything)
                           if section == ANY_SECTION or term.counts_in(section))
            if active not in built:
                built[active] = self._scanner([everything[i] for i in active])
            self._scanners[section] = built[active]

    @staticmethod
    def _scanner(terms: Sequence[Term]) -> _Scanner:
        """The exact-case and any-case regexes over these terms' printed forms."""
        forms = [(surface, term) for term in terms for surface in term.surfaces]
        return _Scanner(
            exact=_compile(((s, t) for s, t in forms if t.exact(s)), exact=True),
            folded=_compile(((s, t) for s, t in forms if not t.exact(s)), exact=False),
        )

    def find(self, text: str, *, section: str | None = None) -> list[Mention]:
        """Every mention in ``text``, in order, none overlapping.

        ``section`` is the canonical section key the text comes from; terms restricted to
        other sections (or to any section, when it is None) are not reported. An unknown
        key is a caller's mistake and raises ``ValueError``.
        """
        scanner = self._scanners.get(section)
        if scanner is None:
            raise ValueError(f"unknown section {section!r}; expected one of {SECTION_KEYS} or None")
        chosen = _longest_first(self._candidates(text, scanner))
        terms = [c for c in chosen if c[2].kind != STOP_KIND]
        return [
            Mention(term.kind, term.name, text[start:end], start, end)
            for i, (start, end, term) in enumerate(terms)
            if term.context != "list" or _in_list_context(text, terms, i)
        ]

    def _candidates(self, text: str, scanner: _Scanner) -> list[_Candidate]:
        """Raw matches of both regexes, with their terms, as ``(start, end, term)``.

        A padded regex (see :data:`_EDGE_BEFORE`) scans the text behind one space and
        consumes the character before a name: its match from ``i`` to ``j`` is the name at
        ``text[i:j - 1]``. A matched text that already is a key (no spacing, apostrophe or
        dash variant in it) needs no :func:`surface_key`.
        """
        found: list[_Candidate] = []
        for pattern, table, exact in (
            (scanner.exact, self._exact_terms, True),
            (scanner.folded, self._folded_terms, False),
        ):
            if pattern is None:
                continue
            for match in pattern.regex.finditer(" " + text if pattern.padded else text):
                start, end = match.span()
                if pattern.padded:
                    end -= 1
                surface = text[start:end] if exact else text[start:end].lower()
                term = table.get(surface) or table[surface_key(surface, exact=exact)]
                found.append((start, end, term))
        return found


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, taken longest first (then leftmost), in text order."""
    if len(candidates) < 2:
        return candidates
    chosen: list[_Candidate] = []
    starts: list[int] = []
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[0], c[2].name)):
        start, end = cand[0], cand[1]
        i = bisect_left(starts, start)
        if i > 0 and chosen[i - 1][1] > start:
            continue
        if i < len(chosen) and chosen[i][0] < end:
            continue
        chosen.insert(i, cand)
        starts.insert(i, start)
    return chosen


def _in_list_context(text: str, found: Sequence[_Candidate], i: int) -> bool:
    """Whether ``found[i]`` sits in a list or programming context (see the module docstring)."""
    start, end, _ = found[i]
    if i > 0 and _GAP_BETWEEN_ITEMS.fullmatch(text, found[i - 1][1], start):
        return True
    if i + 1 < len(found) and _GAP_BETWEEN_ITEMS.fullmatch(text, end, found[i + 1][0]):
        return True
    if _CUE_BEFORE.search(text, max(0, start - 24), start) or _CUE_AFTER.match(text, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return bool(_BULLET_ONLY.fullmatch(text, line_start, start)
                and _PUNCT_ONLY.fullmatch(text, end, line_end))


# --- growing the vocabulary ------------------------------------------------------------------

# Words that look like tools and are not: common acronyms of prose and job cards, hardware,
# and what a parenthesised list holds besides names. Currency codes come from ISO 4217.
_NOT_TOOLS = frozenset({
    "AI", "ML", "US", "USA", "UK", "EU", "UAE", "HR", "PR", "CEO", "CTO", "CFO", "COO", "CIO",
    "CDO", "VP", "SVP", "EVP", "PM", "AM", "TV", "OK", "FAQ", "PDF", "ID", "IDs", "ROI", "KPI",
    "KPIs", "OKR", "OKRs", "B2B", "B2C", "Q1", "Q2", "Q3", "Q4", "GMT", "UTC", "NYC", "SF", "DC",
    "NY", "CA", "TX", "WA", "MA", "PA", "IL", "II", "III", "IV", "CPU", "CPUs", "GPU", "GPUs",
    "TPU", "TPUs", "API", "APIs", "SDK", "UI", "URL", "FT", "PT", "AND", "OR", "THE", "FOR",
})
_ORDINARY = frozenset({
    "The", "A", "An", "And", "Or", "For", "With", "In", "On", "Of", "To", "By", "At", "As",
    "See", "Note", "Remote", "Global", "Other", "Others", "Etc", "Yes", "No", "New", "All",
    "Both", "Each", "Details", "Optional", "Required", "Preferred", "Bonus", "Plus",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
})
# A tool-like token: printed like a product name rather than an English word.
_TOOL_TOKEN = re.compile(
    r"""
    (?<![\w.+#])
    (?: [A-Za-z]\w*(?:\+\+|\#)                         # C++, F#
      | [A-Za-z][\w]*\.(?:js|ts|jl|py|io|ai|NET)\b     # Node.js, H2O.ai
      | \.NET\b                                        # .NET
      | [A-Za-z]*[a-z][A-Z][A-Za-z0-9]*                # PyTorch, LangChain, spaCy, QuuxDB
      | [A-Z]{2,}[a-z][A-Za-z0-9]*                     # DBeaver, MLflow
      | [A-Z][A-Z0-9]{1,5}s?                           # ETL, ONNX, FAISS, LLMs
    )
    (?![\w+#])(?!\.\w)
    """,
    re.VERBOSE,
)
# The inside of a list: a parenthesis, or what follows "such as" / "e.g." up to the clause end.
_LIST_BODY = re.compile(
    r"""
    \( ([^()\n]{1,200}) \)                                           # (e.g., AWS, Azure)
    | \b(?:such\ as|e\.g\.,?|including|like) [^\S\n]+ ([^.;:()\n]{1,200})   # such as X, Y and Z
    """,
    re.VERBOSE,
)
_ITEM_SEPARATOR = re.compile(r"\s*(?:[,;/]|\b(?:and|or|etc)\b\.?)\s*")
# One list item: blanks, an optional lead-in, then capitalised words (``Weights & Biases``).
_ITEM = re.compile(
    r"""
    \s* (?:(?:e\.g\.,?|i\.e\.,?|such\ as|like|including)\s+)?
    (?P<item> [A-Z][\w.+\#'’-]* (?:[^\S\n]+(?:&|[A-Z0-9][\w.+\#'’-]*)){0,3} )
    \s*
    """,
    re.VERBOSE,
)
_ROLE_AFTER = re.compile(_ROLE_AHEAD)
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")


def _list_items(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the capitalised items of parenthesised and "such as" lists."""
    for match in _LIST_BODY.finditer(text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.span(group)
        cuts = [(sep.start(), sep.end()) for sep in _ITEM_SEPARATOR.finditer(text, start, end)]
        bounds = zip([start, *(e for _, e in cuts)], [*(s for s, _ in cuts), end], strict=True)
        for item_start, item_end in bounds:
            item = _ITEM.fullmatch(text, item_start, item_end)
            if item:
                yield item.span("item")


def _candidate_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of tool-like tokens and list items, not yet checked against the vocabulary."""
    for match in _TOOL_TOKEN.finditer(text):
        if match.group() not in _NOT_TOOLS and match.group() not in ISO_4217:
            yield match.span()
    yield from _list_items(text)


def unknown_terms(
    texts: Iterable[str], vocabulary: Vocabulary, *, min_count: int = 1
) -> list[tuple[str, int]]:
    """Tool-like words of ``texts`` that the vocabulary does not know, most frequent first.

    Why: the vocabulary grows from what articles actually print. Candidates are
    product-shaped tokens (``CamelCase``, ``ACRONYMS`` of 2-6 characters, ``Node.js``,
    ``C++``) and the capitalised items of ``(e.g., ...)`` and ``such as ...`` lists. Left
    out: anything overlapping a vocabulary mention (in any section), a job title (``NLP
    Engineer``), common acronyms and currency codes, month names and one-word candidates
    that the same texts also print in lower case (ordinary words: ``Default``, ``TABLE``).
    """
    finder = MentionFinder(vocabulary)
    corpus = list(texts)
    lower_words = {word for text in corpus for word in _LOWER_WORD.findall(text)}
    counts: Counter[str] = Counter()
    for text in corpus:
        known = [(m.start, m.end) for m in finder.find(text, section=ANY_SECTION)]
        seen: set[tuple[int, int]] = set()
        for start, end in _candidate_spans(text):
            surface = text[start:end]
            if (start, end) in seen or any(s < end and start < e for s, e in known):
                continue
            seen.add((start, end))
            if surface in _ORDINARY or surface in _NOT_TOOLS or _ROLE_AFTER.match(text, end):
                continue
            words = surface.split()
            if words[-1].lower().removesuffix("s") in (*ROLE_WORDS, "lead"):
                continue
            if len(words) == 1 and surface.lower() in lower_words:  # an ordinary word
                continue
            counts[surface] += 1
    return sorted(((term, n) for term, n in counts.items() if n >= min_count), key=lambda tn: (-tn[1], tn[0]))
