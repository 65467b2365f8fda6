"""Rewordings of vocabulary terms that no list of printed forms can hold.

Why this exists: articles name a skill in many more shapes than a vocabulary can list.
``data quality, governance, and accessibility`` names Data Governance with its head word
written once; ``convolutional and recurrent neural networks`` names two networks;
``deployment of ML models`` and ``deploying machine learning models`` both name Model
Deployment; ``Collecting, cleaning, and organizing data`` names Data Cleaning. This module
turns such shapes into the phrase the vocabulary knows (``governance`` -> ``data
governance``, ``deploying ... models`` -> ``model deployment``) and lets the caller look it
up; it never decides what a term is.

The shapes, each over one line and one clause (no sentence or line break inside):

- **Shared head word, written first**: ``P X1, X2(,) and X3`` -> ``P X2``, ``P X3``.
- **Shared head word, written last**: ``X1, X2 and X3 H`` -> ``X1 H``, ``X2 H`` (``H`` is
  up to three words after the last item).
- **Verb and object**: a verb of data work (``clean``, ``analyzing``, ``deploy``...) whose
  object follows, after other coordinated verbs (``Collecting, cleaning, and ...``), an
  article, a participle (``deployed``) or words the vocabulary itself knows (``machine
  learning`` in ``deploying machine learning models``): ``<object> <noun of the verb>``.
  The object must end its noun phrase (``Manage Data pipelines`` is about pipelines, not
  data).
- **X of Y**: ``deployment of (the) ML models`` -> ``model deployment``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterator, Sequence
from operator import itemgetter
from typing import NamedTuple

# The verbs of data and model work, and the noun each makes of its object
# ("cleaning data" -> "data cleaning").
VERB_NOUNS: dict[str, str] = {}
for _noun, _forms in {
    "analysis": "analyze analyzing analyse analysing analyzes analyses",
    "cleaning": "clean cleaning cleans cleanse cleansing",
    "processing": "process processing processes",
    "collection": "collect collecting collects gather gathering gathers",
    "preprocessing": "preprocess preprocessing preprocesses pre-process pre-processing",
    "preparation": "prepare preparing prepares",
    "visualization": "visualize visualizing visualise visualising visualizes",
    "monitoring": "monitor monitoring monitors",
    "tuning": "tune tuning tunes",
    "management": "manage managing manages",
    "deployment": "deploy deploying deploys",
    "testing": "test testing tests",
    "mining": "mine mining mines",
    "detection": "detect detecting detects",
    "recognition": "recognize recognizing recognise recognising recognizes",
    "tracking": "track tracking tracks",
    "integration": "integrate integrating integrates",
    "wrangling": "wrangle wrangling",
}.items():
    for _form in _forms.split():
        VERB_NOUNS.setdefault(_form, _noun)

# The objects whose verbs name a skill ("cleaning data", "deploying models", "tuning
# hyperparameters", "test hypotheses", "detect objects"); "managing projects" or "designing
# systems" name duties, not skills, and are left to the vocabulary's own forms.
OBJECTS = frozenset({"data", "model", "hyperparameter", "hypothesis", "object", "image"})
# Heads that a list of modifiers shares when written once at the end ("statistical and
# computational techniques"); other heads are shared only when the last item and the head are
# a known term themselves ("convolutional and recurrent neural networks").
SHARED_HEADS = frozenset({
    "techniques", "methods", "analysis", "analyses", "data", "skills", "technique", "method"})
_OTHER_VERBS = (
    "maintain", "organize", "organise", "interpret", "develop", "implement", "build", "optimize", "optimise",
    "conduct", "execute", "classify", "store", "refine", "improve", "secure", "transform", "explore", "label",
)
_B = r"[^\S\n]+"  # blanks inside a clause, never a line break
_C = r"[^\S\n]*"
_WORD = r"[a-z][\w'-]*"


def ing_form(verb: str) -> str:
    """The ``-ing`` form of one of :data:`_OTHER_VERBS` (a silent ``e`` dropped).

    >>> ing_form("organize"), ing_form("store"), ing_form("build"), ing_form("classify")
    ('organizing', 'storing', 'building', 'classifying')
    """
    return (verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb) + "ing"


_ALL_VERBS = "|".join(sorted(
    {*VERB_NOUNS, *_OTHER_VERBS, *map(ing_form, _OTHER_VERBS), "labelling"}, key=len, reverse=True))
_DETERMINER = rf"(?:(?:the|a|an|their|its|these|those|all|new|existing){_B})?"
# Modifiers that leave the head noun what the verb acts on: participles and domain words.
_MODIFIERS = (
    rf"(?:(?:[a-z]+ed|ml|ai|machine{_B}learning|deep{_B}learning|nlp|computer{_B}vision|llms?){_B}){{0,3}}")
# What may follow the head of a noun phrase: punctuation, a line end, or a preposition.
_PHRASE_END = (
    r"(?=[^\S\n]*(?:[,;:.()!?\n]|\Z)|[^\S\n]+(?:for|to|from|with|in|into|on|at|by|of|and|or|as|that|which"
    r"|using|across|through|within|so|is|are|was|be|while|when|where|before|after|during|without|against"
    r"|over|under|per|via|than|like)\b)"
)
_OBJECTS = r"data|models?|hyperparameters?|hypothes[ie]s|objects?|images?"
_HEADS = "|".join(sorted(SHARED_HEADS))
# A head word that skill names often share written first ("data storage, retrieval, and processing").
SHARED_FIRST = ("data", "model", "image", "object", "software", "cloud")
# After a verb: other coordinated verbs, an article, modifiers, and an object that ends its phrase.
_VERB_TAIL = re.compile(
    rf"(?:{_B}(?:and|or){_B}(?:{_ALL_VERBS})|{_C},{_C}(?:(?:and|or){_B})?(?:{_ALL_VERBS}))*"
    rf"{_B}{_DETERMINER}{_MODIFIERS}(?P<object>{_OBJECTS})\b{_PHRASE_END}"
)
# After "X of": an article, modifiers, and a noun that ends its phrase.
_OF_TAIL = re.compile(rf"{_DETERMINER}{_MODIFIERS}(?P<y>{_WORD})\b{_PHRASE_END}")
# A word read whole (possessive): where a blank, a comma or a conjunction must follow it, giving
# characters back can never match, and on a failed list the engine would try every shorter word.
_WHOLE_WORD = r"[a-z][\w'-]*+"
_HEAD_TAIL = re.compile(rf"{_WHOLE_WORD}{_B}(?P<head>{_HEADS})\b")
_LAST_ITEM = re.compile(rf"(?P<last>{_WORD})\b")
# A list that continues after a term ("data quality, governance, and access") ...
_ITEMS_AFTER = re.compile(
    rf"(?:{_C},{_C}{_WHOLE_WORD})*{_C},?{_B}(?:and|or|&){_B}{_WHOLE_WORD}(?:{_B}{_WHOLE_WORD})?")
_HEAD_AFTER = re.compile(rf"{_B}({_HEADS})\b")
_ITEM = re.compile(_WORD)
_SEPARATORS = frozenset({"and", "or"})
_CONJUNCTIONS = (" and ", " or ", " & ")
# The literal words each shape starts from. The mention finder puts them into its own
# automaton, so one pass over a text finds the terms and these anchors together.
ANCHOR_WORDS: dict[str, str] = {
    " and ": "conj", " or ": "conj", " & ": "conj", " of ": "of",
    **{word + " ": "first" for word in SHARED_FIRST}, **dict.fromkeys(VERB_NOUNS, "verb"),
    **{" " + head: "head" for head in SHARED_HEADS},
}

VERB_FOLLOWERS = ",\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + (
    "\u2028\u2029\u202f\u205f\u3000")
"""What may follow a verb whose tail can match (:data:`_VERB_TAIL` starts with a blank other than a
line break, or a comma): ``tests/normalize/test_mention_fast_paths.py`` checks the blanks are all
that ``[^\\S\\n]`` matches."""

OBJECT_WORDS = ("data", "model", "hyperparameter", "hypothesis", "object", "image")
"""What :func:`singular` makes of each object the verb shape reads (``_OBJECTS``)."""


def useful_anchor_words(phrases: Collection[str]) -> dict[str, str]:
    """:data:`ANCHOR_WORDS`, with the verb and ``X of`` anchors narrowed to those that can name a term.

    Why: a rewording counts only when the vocabulary knows its phrase (``phrases``, folded,
    hyphens as blanks), and for two shapes that is known before any text is read. A verb makes
    ``<object> <noun of the verb>`` with one of six objects, so a verb none of whose six
    phrases is known never names anything (its anchor and its tail expression are skipped).
    ``X of Y`` makes ``<Y> <X>``: X is one word (hyphens inside it read as blanks) that must end
    a known phrase of two words or more, so the ``of`` anchor becomes ``X of `` for each such
    X, and an ``of`` after any other word is never reported. (Where several such X end the same
    word, the anchors share the position of ``of``: :func:`rewordings` reads each once.) The
    finder builds this once per process; ``tests/normalize/test_mention_fast_paths.py`` checks
    the finder keeps what every anchor of :data:`ANCHOR_WORDS` gives.
    """
    words = {word: tag for word, tag in ANCHOR_WORDS.items() if tag not in ("verb", "of")}
    for verb, noun in VERB_NOUNS.items():
        if any(f"{obj} {noun}" in phrases for obj in OBJECT_WORDS):
            words[verb] = "verb"
    for phrase in phrases:
        at = phrase.find(" ")
        while at >= 0:
            words.setdefault(phrase[at + 1:].replace(" ", "-") + " of ", "of")
            at = phrase.find(" ", at + 1)
    return words


Anchors = dict[str, list[tuple[int, int]]]
"""Where the anchor words of a text are (``start, end``), by tag (see :data:`ANCHOR_WORDS`)."""
ANCHOR_TAGS = ("conj", "of", "first", "verb", "head")


_START = itemgetter(0)
_END = itemgetter(1)


def no_anchors() -> Anchors:
    """An empty :data:`Anchors`, one list per tag."""
    return {tag: [] for tag in ANCHOR_TAGS}


class Rewording(NamedTuple):
    """A phrase to look up, and the span of the text it stands for."""

    phrase: str
    start: int
    end: int


_new = tuple.__new__
"""Makes a :class:`Rewording` without the named tuple's Python-level constructor."""


def lower(text: str) -> str:
    """``text`` in lower case with one apostrophe, offsets unchanged."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: keep offsets right
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return lowered.replace("’", "'")


def singular(word: str) -> str:
    """The singular of a plural noun, for the last word of a phrase (``models`` -> ``model``)."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("yses", "theses")):
        return word[:-2] + "is"  # analyses, hypotheses
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


def _items(lowered: str, start: int, end: int) -> list[re.Match[str]]:
    """The words of a list between ``start`` and ``end``, without its conjunctions."""
    return [m for m in _ITEM.finditer(lowered, start, end) if m.group() not in _SEPARATORS]


def _is_word_at(lowered: str, start: int, end: int) -> bool:
    before_ok = start == 0 or not lowered[start - 1].isalnum()
    return before_ok and (end >= len(lowered) or not lowered[end].isalnum())


def _verb_objects(lowered: str, verbs: Sequence[tuple[int, int]]) -> Iterator[Rewording]:
    for start, end in verbs:
        if (start and lowered[start - 1].isalnum()) or (end < len(lowered) and lowered[end].isalnum()):
            continue  # not a word of its own (:func:`_is_word_at`, inline)
        tail = _VERB_TAIL.match(lowered, end)
        if tail is None:
            continue
        obj = singular(tail.group("object"))
        yield Rewording(f"{obj} {VERB_NOUNS[lowered[start:end]]}", start, end)


def _x_of_y(lowered: str, ofs: Sequence[int]) -> Iterator[Rewording]:
    for at in ofs:
        before = _word_before(lowered, at)
        tail = _OF_TAIL.match(lowered, at + 4) if before else None
        if before and tail:
            x = lowered[before[0]:before[1]]
            yield Rewording(f"{singular(tail.group('y'))} {x}", *before)




def _word_before(lowered: str, end: int) -> tuple[int, int] | None:
    """The span of the word that ends at ``end``, if one does."""
    start = max(lowered.rfind(" ", 0, end), lowered.rfind("\n", 0, end)) + 1
    return (start, end) if start < end and _ITEM.fullmatch(lowered, start, end) else None


def _reversed(words: Collection[str]) -> str:
    return "|".join(sorted((re.escape(word[::-1]) for word in words), key=len, reverse=True))


# A list of one-word items that ends with a conjunction, read backwards from the conjunction
# (over the text reversed): the conjunction, an optional comma, then items separated by ", ",
# each a whole token (between blanks or line breaks) of :data:`_WORD`, and, when a blank comes
# next, the token before the list if it is a :data:`SHARED_FIRST` word. One match instead of a
# Python step per item; :func:`items_before` says what it reads.
_REVERSED_ITEM = r"[\w'-]*[a-z](?![^ \n])"
_LIST_BEFORE = re.compile(
    rf"(?:{_reversed(_CONJUNCTIONS)}),?(?P<items>{_REVERSED_ITEM}(?: ,{_REVERSED_ITEM})*)"
    rf"(?: (?P<first>{_reversed(SHARED_FIRST)})(?![^ \n]))?")


def items_before(lowered: str, second: int) -> list[tuple[int, int]]:
    """The one-word items of a list that ends with a conjunction right before ``second``.

    The plain reading, backwards by hand: the word before the conjunction (after an optional
    comma), then each word that ``", "`` precedes, while it is a whole token of :data:`_WORD`.
    The finder reads the same list with one match over the reversed text (:func:`_list_before`);
    ``tests/normalize/test_mention_fast_paths.py`` checks the two agree.
    """
    if not lowered.endswith(_CONJUNCTIONS, 0, second):
        return []
    end = lowered.rfind(" ", 0, second - 1)  # the blank before the conjunction
    if end > 0 and lowered[end - 1] == ",":
        end -= 1
    items: list[tuple[int, int]] = []
    while (word := _word_before(lowered, end)) is not None:
        items.insert(0, word)
        if not lowered.endswith(", ", 0, word[0]):
            break
        end = word[0] - 2
    return items


def _list_before(lowered: str, backwards: str, second: int) -> tuple[list[tuple[int, int]], str | None]:
    """:func:`items_before`, and the :data:`SHARED_FIRST` word right before the list (or None).

    ``backwards`` is ``lowered[::-1]``. The first word is the token that a blank separates from
    the list's first item, when it is one of :data:`SHARED_FIRST` (a whole token, so a word).
    """
    found = _LIST_BEFORE.match(backwards, len(backwards) - second)
    if found is None:
        return [], None
    first = found.group("first")
    return _list_items(lowered, len(backwards), found), first[::-1] if first else None


def _list_items(lowered: str, size: int, found: re.Match[str]) -> list[tuple[int, int]]:
    """The spans of the items a :data:`_LIST_BEFORE` match over the reversed text read.

    Apart from :func:`_list_before` so that a caller that needs only the first word does not
    make them (most lists a conjunction ends have neither a shared head nor a shared first word).
    """
    start, end = found.span("items")
    at = size - end
    words = lowered[at:size - start].split(", ")
    if len(words) == 1:
        return [(at, size - start)]
    items = []
    for word in words:
        items.append((at, at + len(word)))
        at += len(word) + 2
    return items


def _shared_heads(lowered: str, covered_spans: Sequence[tuple[int, int]],
                  known: Callable[[str], bool], anchors: Anchors,
                  wanted: Callable[[str], bool]) -> Iterator[Rewording]:
    """Head words written once for a list of items, around conjunctions and found terms.

    Only phrases ``wanted`` accepts (hyphens read as blanks) are made into a
    :class:`Rewording`: most phrases these shapes put together name nothing (about 26 a
    generated document, two or three known), and a caller that looks each one up drops them
    anyway (``tests/normalize/test_mention_fast_paths.py`` checks the two agree).
    """
    if not anchors["conj"]:
        yield from _heads_around_terms(lowered, covered_spans, known, anchors, wanted)
        return
    firsts = sorted(map(_START, anchors["first"]))
    heads = sorted(map(_START, anchors["head"]))
    backwards = ""
    for _, second in anchors["conj"]:
        i = bisect_left(firsts, second - 80)
        j = bisect_left(heads, second)
        may_head = j < len(heads) and heads[j] - second < 30
        if not may_head and not (i < len(firsts) and firsts[i] < second):
            continue  # neither shape can hold here
        # "statistical and computational techniques"
        head = _HEAD_TAIL.match(lowered, second) if may_head else None
        backwards = backwards or lowered[::-1]
        listed = _LIST_BEFORE.match(backwards, len(backwards) - second)  # _list_before, in two steps
        if listed is None:
            continue  # no list
        prefix = listed.group("first")
        if head is None and prefix is None:
            continue  # no head and no shared first word ("data") before the list: its items are not read
        prefix = prefix[::-1] if prefix else None
        items = _list_items(lowered, len(backwards), listed)
        if head:
            for start, end in items:
                phrase = f"{lowered[start:end]} {head.group('head')}"
                if wanted(phrase.replace("-", " ")):
                    yield _new(Rewording, (phrase, start, end))
        # "data storage, retrieval, and processing"
        last = _LAST_ITEM.match(lowered, second) if prefix else None
        if last:
            for start, end in [*items, last.span()]:
                phrase = f"{prefix} {lowered[start:end]}"
                if wanted(phrase.replace("-", " ")):
                    yield _new(Rewording, (phrase, start, end))
    yield from _heads_around_terms(lowered, covered_spans, known, anchors, wanted, backwards=backwards)


def _heads_around_terms(lowered: str, covered_spans: Sequence[tuple[int, int]],
                        known: Callable[[str], bool], anchors: Anchors,
                        wanted: Callable[[str], bool], *, backwards: str = "") -> Iterator[Rewording]:
    """The shared-head shapes around found terms (the second half of :func:`_shared_heads`).

    ``backwards`` is ``lowered[::-1]`` when the caller made it ("" if not: made here if needed).
    """
    conj_starts = set(map(_START, anchors["conj"]))
    conj_ends = set(map(_END, anchors["conj"]))
    for start, end in covered_spans:
        # A term that a list continues (a comma or a conjunction after it, and two words or more),
        # or one that ends a list (a conjunction before it): one-character slices, not bounded
        # str methods, for the test every match goes through.
        continues = (end in conj_starts or lowered[end:end + 1] == ",") and lowered.find(" ", start, end) > 0
        if not continues and start not in conj_ends:
            continue
        words = lowered[start:end].split()
        if len(words) >= 2 and continues:
            after = _ITEMS_AFTER.match(lowered, end)  # "data quality, governance, and access"
            if after:
                found = _items(lowered, *after.span())
                for item in found:
                    phrase = f"{words[0]} {item.group()}"
                    if wanted(phrase.replace("-", " ")):
                        yield _new(Rewording, (phrase, item.start(), item.end()))
                if len(found) >= 2:
                    two = f"{found[-2].group()} {found[-1].group()}"
                    phrase = f"{words[0]} {two}"
                    if wanted(phrase.replace("-", " ")):
                        yield _new(Rewording, (phrase, found[-2].start(), found[-1].end()))
        if start not in conj_ends:
            continue
        shared = [" ".join(words[1:])] if len(words) >= 2 and known(" ".join(words)) else []
        head_after = _HEAD_AFTER.match(lowered, end) if lowered[end:end + 1] == " " else None
        if head_after:  # "statistical and machine learning techniques"
            shared.append(head_after.group(1))
        if not shared:
            continue
        backwards = backwards or lowered[::-1]
        before = _list_before(lowered, backwards, start)[0]
        for tail in shared:
            for item_start, item_end in before:
                phrase = f"{lowered[item_start:item_end]} {tail}"
                if wanted(phrase.replace("-", " ")):
                    yield _new(Rewording, (phrase, item_start, item_end))


def _any_phrase(phrase: str) -> bool:
    """Every phrase is wanted (the default of :func:`rewordings`)."""
    return True


def rewordings(lowered: str, covered_spans: Sequence[tuple[int, int]],
               known: Callable[[str], bool], anchors: Anchors,
               wanted: Callable[[str], bool] = _any_phrase) -> Iterator[Rewording]:
    """Every phrase the shapes above make of ``lowered`` (a text after :func:`lower`).

    ``covered_spans`` are the spans of terms found in it; ``known`` says whether a folded
    phrase is a vocabulary form; ``anchors`` are where the words each shape starts from
    are (found by the caller's automaton in the same pass as the terms). Each shape reads
    the neighbourhood of its anchors with one anchored regular expression, so a text costs
    no scan of its own. ``wanted`` says which shared-head phrases are worth making at all
    (the finder passes ``known``: the others are dropped on lookup anyway).
    """
    yield from _shared_heads(lowered, covered_spans, known, anchors, wanted)
    # A shape without anchors is not started (most texts have no "X of" anchor).
    if anchors["verb"]:
        yield from _verb_objects(lowered, anchors["verb"])
    if anchors["of"]:
        # An "of" anchor ends with " of " (it may hold the word before it): the shape reads from there.
        yield from _x_of_y(lowered, list(dict.fromkeys(end - 4 for _, end in anchors["of"])))
