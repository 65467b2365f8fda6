"""Find the skills, tools, degrees, fields, certifications and industries an article names.

Why an automaton: the vocabulary is built from real taxonomies and holds thousands of
printed forms. Every form (and its plural, singular and British or American spelling)
goes into one Aho-Corasick automaton (``pyahocorasick``), built once per process (the run
builds it before forking its workers, which share it), so one pass over a section finds
every form at once and a larger vocabulary costs no more per document. Text and forms are
compared through the same normalisation: any case (forms that must match exactly are
checked against the printed text afterwards), one apostrophe, and a hyphen read as a
space (``fine-tuning`` is ``fine tuning``). Of overlapping matches the longest wins, so
``Google Cloud Platform`` beats ``Google Cloud`` and ``Apache Spark`` beats ``Spark``.

Rules that are not in the vocabulary file:

- **Word edges that know symbols.** A name starts where no word character, ``+`` or ``#``
  precedes it (nor ``word.``/``word-``: ``SQL`` is not in ``T-SQL``), and ends where no word
  character, ``+`` or ``#`` follows, nor ``.``/``&`` glued to a word: so ``C`` is not in
  ``C++``, ``R`` is not in ``R&D``, ``Node`` is not in ``Node.js``.
- **Not inside role names.** A name followed, possibly after up to two capitalised words,
  by a role word (``Engineer``, ``Scientist``, ...) is part of a job title (``NLP Engineer``,
  ``machine learning engineers``), and so is one after ``Head of`` or ``Director of``.
- **Section restrictions.** A term with ``sections`` counts only in those sections.
- **One kind per mention, by context.** A term that is also a field of study (``skill|field``:
  Machine Learning, Statistics) is a field in an education section or after "degree in" and
  a skill elsewhere; a field-only term (``IT``, ``Physics``) counts only there. A
  ``skill|industry`` term (Robotics) is an industry in the industries section.
- **List context** for one- or two-letter names and English words (``R``, ``Go``, ``C``,
  ``Swift``, ``Spark`` alone): the name must sit in a list of vocabulary terms (``Python, R,
  or Java``, one item per line), after ``in``, ``with``, ``using``, ``like``, ``as``,
  ``including`` or ``e.g.``, before ``)``, or before ``programming``/``language``/...; never
  glued to a hyphen (``Go-to-market``, ``C-suite``). So ``Go to the conference`` is not a
  mention, nor is ``IT`` the department. A one-word short form that opens a sentence
  (``Spark joy``) needs a list context too; elsewhere ``Spark`` is the engine.
- **Stop phrases** (kind ``stop``) win like any longer match and are then dropped.
- **Rewordings** (:mod:`pipeline.normalize.phrases`): coordinated lists sharing a head word,
  verbs with their object (``cleaning data``), ``X of Y``; looked up in the same forms.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter, itemgetter

import ahocorasick

from pipeline.common.scripts import cjk_as_spaces
from pipeline.normalize.mention_spans import DEGREE_HINTS, longest_first, trie_expression
from pipeline.normalize.mention_spans import DEGREE_TAG as _DEGREE_TAG
from pipeline.normalize.mention_spans import AfterDegree as _AfterDegree
from pipeline.normalize.mention_spans import edges_hold as _edges_hold
from pipeline.normalize.mentions_cache import Mention, SeenTexts
from pipeline.normalize.phrases import (
    VERB_FOLLOWERS,
    Anchors,
    lower,
    no_anchors,
    rewordings,
    useful_anchor_words,
)
from pipeline.normalize.vocabulary import (
    DASHES,
    STOP_KIND,
    Term,
    Vocabulary,
    form_key,
    inflections,
    printings,
)
from pipeline.tables.schema import SECTION_KEYS

# Pass as ``section`` to count every term wherever it is (used to tell known from unknown).
ANY_SECTION = "*"
_INFLECTED_KINDS = frozenset({"skill", "field", "industry"})


# --- context patterns -----------------------------------------------------------------------

_SAFE_EDGES = frozenset(" \t\n\x00,;:()[]\"'/!?")
"""Characters next to which a name always has a word edge: no letter, digit, glue, ``.``, ``-``
or ``&`` (the only ones :func:`_edges_hold` looks past), so the check can stop there."""
# Words that end a job title, in any case, and ``Lead`` only capitalised (a verb otherwise).
ROLE_WORDS = (
    "engineer", "scientist", "architect", "analyst", "developer", "researcher", "manager",
    "specialist", "consultant", "intern", "administrator", "officer", "programmer", "director",
    "designer", "technician", "strategist",
)
_BLANKS = r"[^\S\n]+"
_TITLE_WORD = r"\(?[A-Z][\w'’&-]*\)?"
_ROLE_AHEAD = (
    rf"\)?(?:{_BLANKS}{_TITLE_WORD}){{0,2}}{_BLANKS}(?:(?i:{'|'.join(ROLE_WORDS)})|Lead)s?(?!\w)"
)
_ROLE_AFTER = re.compile(_ROLE_AHEAD)
_ROLE_STARTS = tuple(ROLE_WORDS)
_ROLE_OPENINGS = frozenset(word[:3] for word in ROLE_WORDS)
_ROLE_BEFORE = re.compile(
    r"\b(?:Head|Heads|Director|VP|Vice President|Managing Director|Chief)"
    r"(?: of| in| for)?(?: the)?[^\S\n]+\Z")
_SECTIONS = frozenset({*SECTION_KEYS, ANY_SECTION})
_KEYS_OR_NONE = _SECTIONS | {None}
_KEY = itemgetter(1)
REWORDED_SECTIONS = frozenset({
    None, ANY_SECTION, "definitions", "responsibilities", "required_skills", "education", "tools"})
"""Sections whose rewordings count (where the articles describe what a role does and needs)."""
_SEPARATOR = "\n\x00\n"
"""Between the sections of one search: a line break (no clause, list or role rule crosses it)."""
_ROLE_LEAD_INS = (" of ", " in ", " for ", " the ", "Director ", "Head ", "VP ", "President ", "Chief ")
_ROLE_LEAD_IN_ENDS = frozenset(lead_in[-3:] for lead_in in _ROLE_LEAD_INS)
"""The last three characters of each lead-in: a name not preceded by one of them follows none."""
_GAP_BETWEEN_ITEMS = re.compile(
    r"""
    [^\S\n]*\n\s*                              # one item per line
    | [^\S\n]*[,/;&][^\S\n]*                   # Python, R   C/C++
    | [^\S\n]*,?[^\S\n]+(?:and|or|and/or|nor)[^\S\n]+   # R and Python, Python, or R
    """,
    re.VERBOSE,
)
_CUE_BEFORE = re.compile(r"\b(?:in|with|using|like|as|including|e\.g\.,?|i\.e\.,?)[^\S\n]*\Z")
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
_HYPHEN_AFTER = re.compile("[" + re.escape(DASHES) + r"]\w")


_Candidate = tuple[int, int, Term]
"""A match before overlaps, stop phrases and contexts are settled: (start, end, term)."""


class MentionFinder:
    """Finds vocabulary terms in text; build once per vocabulary and reuse (it is fork-safe)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._terms: tuple[Term, ...] = (*vocabulary.terms, *vocabulary.stops)
        self._phrases: dict[str, int] = {}
        """Folded form -> term index, for rewordings (forms that match in any case)."""
        folded_forms: dict[str, list[int]] = {}
        exact_forms: dict[str, list[tuple[str, int]]] = {}
        short_forms: dict[str, int] = {}
        for index, term in enumerate(self._terms):
            for surface in term.surfaces:
                exact = term.exact(surface)
                for printed in printings(surface):
                    if not exact:
                        folded_forms.setdefault(printed.lower(), []).append(index)
                    elif len(printed) <= 4:
                        short_forms.setdefault(printed, index)
                    else:
                        exact_forms.setdefault(printed.lower(), []).append((printed, index))
                folded = form_key(surface).lower()
                if not exact:
                    self._phrases.setdefault(folded, index)
                    if term.kind in _INFLECTED_KINDS or term.alternate:
                        for variant in inflections(folded):
                            self._phrases.setdefault(variant, index)
        for variant, index in self._phrases.items():
            for printed in printings(variant):
                folded_forms.setdefault(printed, [index])
        # One automaton reads the lower-cased text once: any-case forms, exact forms (their
        # case checked on a match) and the anchor words of the rewordings. Names of one or two
        # to four characters (R, Go, AI, COM) would match inside many words once lower-cased:
        # they are found by a regular expression over the text as printed instead.
        automaton = ahocorasick.Automaton()
        anchor_words = useful_anchor_words(self._phrases)
        # A verb's tail starts with a blank or a comma (``cleaning data``, ``Collecting, cleaning``),
        # so its key holds that character: a verb inside a longer word (``clean`` in ``cleaning``,
        # ``process`` in ``processes``) or before a full stop is not a hit at all. About half of
        # the verb hits on real captures were such (:meth:`_candidates` moves the end back).
        anchor_words = {
            **{word: tag for word, tag in anchor_words.items() if tag != "verb"},
            **{word + after: tag for word, tag in anchor_words.items() if tag == "verb"
               for after in VERB_FOLLOWERS}}
        tags = anchor_words | dict.fromkeys(DEGREE_HINTS, _DEGREE_TAG)
        if len(tags) != len(anchor_words) + len(DEGREE_HINTS):
            raise ValueError("a degree hint is also a rewording anchor: one word carries one tag")
        terms = self._terms
        keys = {*folded_forms, *exact_forms, *tags}
        if any("\n" in key for key in (*keys, *short_forms)):
            raise ValueError("a form holds a line break: the lines of a text would not be independent")
        for key in keys:
            # The value holds the term itself (not its index) for an any-case form: the
            # per-hit step then does no lookup (see :meth:`_candidates`).
            folded_index = folded_forms.get(key)
            automaton.add_word(key, (len(key), terms[folded_index[0]] if folded_index else None,
                                     tuple((printed, terms[i]) for printed, i in exact_forms.get(key, ())),
                                     tags.get(key)))
        automaton.make_automaton()
        self._automaton = automaton
        self._openers = frozenset(
            surface for term in self._terms for surface in term.surfaces
            if surface != term.name and term.exact(surface) and _TITLE_WORD_ONLY.fullmatch(surface))
        """One-word short forms that need a list context when they open a sentence."""
        self._kinds: dict[str | None, dict[int, str | tuple[str | None, str | None] | None]] = {
            section: {id(term): _static_kind(term, section) for term in self._terms}
            for section in (*_SECTIONS, None)}
        """Per section, the kind of each term there (by ``id``), or the pair of kinds it takes after
        "degree in" and elsewhere (a field term outside education sections): built once per process,
        so the loop over terms does one lookup and asks :class:`_AfterDegree` only for those pairs."""
        self._short_terms = {name: self._terms[index] for name, index in short_forms.items()}
        self._short = re.compile(trie_expression(short_forms))
        self._seen = SeenTexts(self._search)
        """What the sections and lines searched in this process named (see :meth:`find_all`)."""

    def find(self, text: str, *, section: str | None = None) -> list[Mention]:
        """Every mention in ``text``, in order, none overlapping.

        ``section`` is the canonical section key the text comes from; terms restricted to
        other sections (or to any section, when it is None) are not reported. An unknown
        key is a caller's mistake and raises ``ValueError``.
        """
        return self.find_all([(text, section)])[0]

    def find_all(self, parts: Sequence[tuple[str, str | None]]) -> list[list[Mention]]:
        """:meth:`find` for each ``(text, section)`` of a document, in one pass.

        Why one pass: an article has a dozen or more short sections, and the fixed cost of a
        search (the automata, the rewording scans) would be paid for each. The texts are
        joined with a separator no rule reads across (a line break, a NUL, a line break),
        searched once, and every mention is given back to its section with offsets in it.

        Why a cache: what a section names depends on its text, its key and whether it is the
        last of the document alone (no rule reads across the separator; one reads to the end of
        the whole text: ``tests/normalize/test_mention_fast_paths.py`` checks both), and the
        same blocks come back across the documents of a run (the job cards and boilerplate
        paragraphs of a site). A section seen before in this process is answered from
        :attr:`_seen`, and so is one whose lines were all seen before (no rule but one reads
        across a line break: see :mod:`pipeline.normalize.mentions_cache`); only the rest is
        searched.
        """
        if not _KEYS_OR_NONE.issuperset(map(_KEY, parts)):
            section = next(key for _, key in parts if key not in _KEYS_OR_NONE)
            raise ValueError(f"unknown section {section!r}; expected one of {SECTION_KEYS} or None")
        return self._seen.find_all(parts)

    def forget(self) -> None:
        """Empty the cache of sections and lines seen (for timing a search, not a lookup)."""
        self._seen.clear()

    def _search(self, parts: Sequence[tuple[str, str | None]], listy: set[int] | None = None
                ) -> list[list[Mention]]:
        """:meth:`find_all` without the cache: one search of the joined texts.

        ``listy``, when given, gets the index of each part that holds a name needing a list
        context (the one rule that reads past a line break).
        """
        starts = []
        at = 0
        for part, _ in parts:
            starts.append(at)
            at += len(part) + len(_SEPARATOR)
        text = cjk_as_spaces(_SEPARATOR.join(part for part, _ in parts))  # CJK: a word edge
        lowered = lower(text)
        candidates, anchors = self._candidates(text, lowered)
        chosen = longest_first(candidates)
        terms = [c for c in chosen if c[2].kind != STOP_KIND]
        found: list[list[Mention]] = [[] for _ in parts]
        after_degree = _AfterDegree(text, anchors.pop(_DEGREE_TAG))
        needs_list: list[int] | None = [] if listy is not None else None
        self._term_mentions(text, lowered, terms, parts=parts, starts=starts, after_degree=after_degree,
                            found=found, needs_list=needs_list)
        if listy is not None and needs_list:
            listy.update(bisect_right(starts, start) - 1 for start in needs_list)
        # Rewordings rebuild skill phrases where roles are described; other sections are
        # blanked out of their search (same offsets), which also keeps their cost off the run.
        covered = [(c[0], c[1]) for c in chosen]
        if any(section not in REWORDED_SECTIONS for _, section in parts):
            lowered = _SEPARATOR.join(
                lowered[at:at + len(part)] if section in REWORDED_SECTIONS else "\n" * len(part)
                for at, (part, section) in zip(starts, parts, strict=True))
            # Line breaks, not spaces: no shape reads across one, so the anchors left there fail at
            # once (on spaces, the shapes' blank loops backtracked over the whole run per anchor).
        reworded = set()
        new_mention = tuple.__new__
        for start, end, term in self._reworded(lowered, covered, anchors):
            k = bisect_right(starts, start) - 1
            kind = self._kinds[parts[k][1]][id(term)]
            if kind.__class__ is tuple:
                kind = kind[0] if after_degree(start) else kind[1]
            if kind is not None:
                reworded.add(k)
                found[k].append(new_mention(Mention, (kind, term.name, text[start:end], start - starts[k],
                                                      end - starts[k])))
        # The terms were added in text order (they do not overlap); only a section that also
        # got rewordings needs sorting.
        for k in reworded:
            found[k].sort(key=_START_END)
        return found

    def _term_mentions(self, text: str, lowered: str, terms: list[_Candidate], *,
                       parts: Sequence[tuple[str, str | None]], starts: list[int],
                       after_degree: _AfterDegree, found: list[list[Mention]],
                       needs_list: list[int] | None = None) -> None:
        """Add the terms that count where they are to ``found``, section by section, in text order.

        ``needs_list``, when given, gets the start of every name that needs a list context.
        """
        new_mention = tuple.__new__  # a Mention without the named tuple's Python-level constructor
        # Hoisted names, one slice of the surface, the section followed forward (the terms are in
        # text order) and the two role-after checks told apart by the character after the name:
        # this loop runs for every term of every document.
        openers, kinds = self._openers, self._kinds
        never_after_degree = after_degree.never
        k, next_start = -1, 0
        in_section = kinds[None]
        kind: str | tuple[str | None, str | None] | None
        for i, (start, end, term) in enumerate(terms):
            surface = text[start:end]
            if term.context == "list" or (surface in openers and _short_name_opening_a_sentence(text, start)):
                if needs_list is not None:
                    needs_list.append(start)
                if not _in_list_context(text, terms, i):
                    continue
            glued = text[end:end + 1]
            if glued == " ":
                # A role word or a capitalised word next: only then can a role name follow (the
                # three letters are a necessary condition of the tuple of role words).
                after = text[end + 1:end + 2]
                may_be_role = after.isupper() or after == "(" or (
                    lowered[end + 1:end + 4] in _ROLE_OPENINGS and lowered.startswith(_ROLE_STARTS, end + 1))
                if may_be_role and _ROLE_AFTER.match(text, end):
                    continue
            elif glued == ")" and _ROLE_AFTER.match(text, end):
                continue
            # (Before the third character the slice is shorter than three, and no lead-in fits.)
            if text[start - 3:start] in _ROLE_LEAD_IN_ENDS and text.endswith(_ROLE_LEAD_INS, 0, start):
                # Every role word of the expression is capitalised: a window without a capital
                # letter ("experience in machine learning") cannot hold one.
                reach = max(0, start - 24)
                if not text[reach:start].islower() and _ROLE_BEFORE.search(text, reach, start):
                    continue
            while start >= next_start:  # bisect_right(starts, start) - 1, walked forward
                k += 1
                next_start = starts[k + 1] if k + 1 < len(starts) else len(text) + 1
                in_section = kinds[parts[k][1]]
            kind = in_section[id(term)]
            if kind.__class__ is tuple:  # a field after "degree in", the other kind elsewhere
                kind = kind[1] if never_after_degree or not after_degree(start) else kind[0]
            if kind is not None:
                at = starts[k]
                found[k].append(new_mention(Mention, (kind, term.name, surface, start - at, end - at)))

    def _candidates(self, text: str, lowered: str) -> tuple[list[_Candidate], Anchors]:
        """Matches whose word edges hold and whose exact forms match as printed, and the anchors."""
        found: list[_Candidate] = []
        add = found.append
        anchors = no_anchors()
        anchors[_DEGREE_TAG] = []
        safe = _SAFE_EDGES
        # The text between two NULs (a safe edge that no key holds): the character before a hit
        # is padded[start] and the one after it padded[end + 1], with no bound to check, and
        # the offset of the pad makes the automaton's last index the end of the hit.
        padded = f"\x00{lowered}\x00"
        for end, (length, term, exact, tag) in self._automaton.iter(padded):
            if tag is not None:
                anchors[tag].append((end - length, end))
                if term is None and not exact:
                    continue
            start = end - length
            # Most hits sit between blanks or punctuation: _edges_hold says yes to those at
            # once (see _SAFE_EDGES); a letter or digit next to a hit says no at once (most of
            # the rest: "model" in "models"), so _edges_hold runs only for the few others.
            before, after = padded[start], padded[end + 1]
            if (before not in safe or after not in safe) and (
                    before.isalnum() or after.isalnum() or not _edges_hold(lowered, start, end)):
                continue
            if term is not None:
                add((start, end, term))
                continue
            for printed, exact_term in exact:
                if text.startswith(printed, start):
                    add((start, end, exact_term))
                    break
        verbs = anchors["verb"]
        if verbs:  # their keys hold the character after the verb
            anchors["verb"] = [(start, end - 1) for start, end in verbs]
        short_terms = self._short_terms
        for match in self._short.finditer(text):
            start, end = match.span()
            # Most matches are the capital of a longer word ("C" of "Collaborate"): a letter or
            # digit after it says no before the edge rule is called.
            if not text[end:end + 1].isalnum() and _edges_hold(text, start, end):
                add((start, end, short_terms[match.group()]))
        return found, anchors

    def _reworded(self, lowered: str, covered: list[tuple[int, int]], anchors: Anchors) -> list[_Candidate]:
        """Terms the rewordings of :mod:`pipeline.normalize.phrases` name, where nothing else is.

        ``covered`` are the spans of every match, kept or not, in text order and not
        overlapping: a word inside a role name or a stop phrase is not an item of a list
        either. (The terms kept are among them, so the spans a rewording must not overlap
        are a copy of ``covered``: no merge and sort of the two lists, about a hundred spans
        a document; ``tests/normalize/test_mention_fast_paths.py`` checks it.)
        """
        out: list[_Candidate] = []
        seen: set[tuple[str, int]] = set()
        spans = list(covered)
        known = self._phrases.__contains__
        for phrase, start, end in rewordings(lowered, covered, known, anchors, known):
            index = self._phrases.get(phrase.replace("-", " "))
            if index is None:
                continue
            term = self._terms[index]
            if term.kind == STOP_KIND or (term.name, start) in seen:
                continue
            i = bisect_left(spans, (start, start))
            if (i > 0 and spans[i - 1][1] > start) or (i < len(spans) and spans[i][0] < end):
                continue  # it overlaps a term found, or a word the term list already used
            seen.add((term.name, start))
            spans.insert(i, (start, end))
            out.append((start, end, term))
        return out


def _static_kind(term: Term, section: str | None) -> str | tuple[str | None, str | None] | None:
    """What :func:`_kind` gives for ``term`` in ``section`` wherever it is in it.

    Only a field term outside education sections depends on where it is (after "degree in"
    it is a field): for those the answer is the pair (kind after "degree in", kind elsewhere),
    and the finder asks :class:`_AfterDegree` at the mention. Derived from ``_kind`` itself, so
    the two cannot disagree.
    """
    near, far = _kind(term, _always, 0, section), _kind(term, _never, 0, section)
    return near if near == far else (near, far)


def _always(_start: int) -> bool:
    return True


def _never(_start: int) -> bool:
    return False


def _kind(term: Term, after_degree: Callable[[int], bool], start: int, section: str | None) -> str | None:
    """The kind this mention takes here, or None when the term does not count here."""
    if section == ANY_SECTION:
        return term.kind
    if not term.counts_in(section):
        return None
    if term.alternate == "industry" and section == "industries":
        return "industry"
    if term.alternate != "field" and term.kind != "field":
        return term.kind
    field_context = section == "education" or after_degree(start)
    if term.alternate == "field" and field_context:
        return "field"
    if term.kind == "field" and not field_context:
        return None
    return term.kind


_START_END = attrgetter("start", "end")


_TITLE_WORD_ONLY = re.compile(r"[A-Z][a-z]+")
_SENTENCE_OPENING = re.compile(r"(?:\A|\n|[.!?:][^\S\n]+)[^\S\n]*(?:(?:[-•*·‣–]|\d{1,2}[.)])[^\S\n]*)?\Z")


def _short_name_opening_a_sentence(text: str, start: int) -> bool:
    """Whether a one-word short form (``Spark`` of Apache Spark) opens a sentence (it may be a verb)."""
    return _SENTENCE_OPENING.search(text, max(0, start - 8), start) is not None


def _in_list_context(text: str, found: Sequence[_Candidate], i: int) -> bool:
    """Whether ``found[i]`` sits in a list or programming context (see the module docstring)."""
    start, end, _ = found[i]
    if _HYPHEN_AFTER.match(text, end):
        return False
    if i > 0 and _GAP_BETWEEN_ITEMS.fullmatch(text, found[i - 1][1], start):
        return True
    if i + 1 < len(found) and _GAP_BETWEEN_ITEMS.fullmatch(text, end, found[i + 1][0]):
        return True
    if _CUE_BEFORE.search(text, max(0, start - 24), start) or _CUE_AFTER.match(text, end):
        return True
    if end - start <= 2 and not text[end:].strip():
        return False  # a lone item ending the text may be a cut word ("- R" of "Research")
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return bool(_BULLET_ONLY.fullmatch(text, line_start, start)
                and _PUNCT_ONLY.fullmatch(text, end, line_end))


def known_spans(finder: MentionFinder, texts: Iterable[str]) -> list[list[tuple[int, int]]]:
    """For each text, the spans of every vocabulary match in any section (for unknown-terms)."""
    return [[(m.start, m.end) for m in finder.find(text, section=ANY_SECTION)] for text in texts]
