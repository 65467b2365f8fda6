"""The mention finder's shortcuts give exactly what the plain computation gives.

Each shortcut taken for speed in :mod:`pipeline.normalize.mentions` and
:mod:`pipeline.normalize.phrases` is checked here against the straightforward form it
replaces, on the cases that decide it and on generated text made of the words the shapes
and context rules react to (in the style of ``tests/test_fast_paths.py``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import mentions, mentions_cache, phrases
from pipeline.normalize.fields import default_finder
from pipeline.normalize.mention_spans import DEGREE_BEFORE as _DEGREE_BEFORE
from pipeline.normalize.mention_spans import DEGREE_REACH as _DEGREE_REACH
from pipeline.normalize.mention_spans import greedy_longest as _greedy_longest
from pipeline.normalize.mention_spans import longest_alternation, trie_expression
from pipeline.normalize.mention_spans import longest_first as _longest_first
from pipeline.normalize.mentions import (
    _DEGREE_TAG,
    Mention,
    MentionFinder,
    _AfterDegree,
    _edges_hold,
)
from pipeline.normalize.phrases import lower, rewordings

# Words the context rules and rewording shapes react to, and filler around them.
_WORDS = [
    "degree", "Degrees", "bachelor's", "Master’s", "Ph.D.", "PhD", "Ph. D", "B.Sc", "MSc", "B.S.", "M.S.",
    "majoring", "undergraduate", "graduate", "studies", "diploma", "doctorate", "in", "of", "and", "or",
    "&", "data", "model", "models", "cleaning", "deploying", "deployment", "quality", "governance",
    "statistical", "computational", "techniques", "machine", "learning", "Machine Learning", "Statistics",
    "Computer Science", "Python", "R", "the", "a", "field", "related", "deployed", "tuning",
    "hyperparameters", "image", "recognition", "subdegree", "mastery", "graduated",
]
_GLUE = [" ", " ", " ", ", ", ". ", "; ", "\n", "-", "  ", " / "]


def _texts() -> st.SearchStrategy[str]:
    piece = st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GLUE)).map("".join)
    return st.lists(piece, min_size=1, max_size=40).map("".join)


def _finder() -> MentionFinder:
    return default_finder()


def _after_degree(text: str) -> _AfterDegree:
    """The shortcut as the finder builds it: the degree hints its automaton found in ``text``."""
    _, anchors = _finder()._candidates(text, lower(text))
    return _AfterDegree(text, anchors[_DEGREE_TAG])


def _plain_after_degree(text: str, start: int) -> bool:
    return _DEGREE_BEFORE.search(text, max(0, start - _DEGREE_REACH), start) is not None


@pytest.mark.parametrize(
    "text",
    [
        "A bachelor's degree in Computer Science, Statistics or Machine Learning.",
        "Ph.D. in Machine Learning; MSc in Statistics",
        "An undergraduate major in applied Statistics",
        "A B.S. or M.S. in Statistics is required",
        "Degree: none. Machine Learning in production",  # the full stop ends the reach
        "x" * 200 + " degree in " + "y" * 100 + " Statistics",  # the degree word out of reach
        "Studied at length in Machine Learning",
        "No degree word here, only Machine Learning in practice",
        "Two ſtudies in Machine Learning",  # a long s: the expression reads it as "s"
        "Ｄegree in Statistics, BSc in Machine Learning",
    ],
)
def test_after_degree_matches_the_expression_at_every_position(text: str) -> None:
    after = _after_degree(text)
    assert [after(i) for i in range(len(text) + 1)] == [
        _plain_after_degree(text, i) for i in range(len(text) + 1)]


@settings(max_examples=150, deadline=None)
@given(_texts())
def test_after_degree_matches_the_expression_on_generated_text(text: str) -> None:
    after = _after_degree(text)
    assert [after(i) for i in range(len(text) + 1)] == [
        _plain_after_degree(text, i) for i in range(len(text) + 1)]


_SEP = "\n\x00\n"  # the finder's separator between sections


def _rewordings_blanked(parts: tuple[str, str, str], fill: str) -> list[tuple[str, int, int]]:
    """Rewordings of three joined sections, the first and last blanked with ``fill``."""
    text = _SEP.join(parts)
    lowered = lower(text)
    candidates, anchors = _finder()._candidates(text, lowered)
    covered = [(c[0], c[1]) for c in candidates]
    before, kept, after = parts
    blanked = _SEP.join([fill * len(before), lowered[len(before) + 3:len(before) + 3 + len(kept)],
                         fill * len(after)])
    return [tuple(r) for r in rewordings(blanked, covered, _finder()._phrases.__contains__, anchors)]


@settings(max_examples=150, deadline=None)
@given(_texts(), _texts(), _texts())
def test_sections_blanked_with_line_breaks_give_what_blanks_give(before: str, kept: str, after: str) -> None:
    # The finder blanks the sections whose rewordings do not count with line breaks (no shape
    # crosses one, so the anchors left there fail at once) instead of spaces (on which the
    # shapes' blank loops backtracked over the whole run).
    parts = (before, kept, after)
    assert _rewordings_blanked(parts, "\n") == _rewordings_blanked(parts, " ")


def test_blanked_sections_on_a_decided_case() -> None:
    parts = ("Deploying models,   and   cleaning data of the   statistical and computational techniques",
             "Collecting, cleaning, and organizing data; data quality, governance, and access",
             "tuning   hyperparameters and  deployment of ML models")
    found = _rewordings_blanked(parts, "\n")
    assert found == _rewordings_blanked(parts, " ")
    assert {phrase for phrase, _, _ in found} >= {"data quality", "data governance", "data access"}
    assert all(len(parts[0]) < start < len(parts[0]) + len(parts[1]) + 3 for _, start, _ in found)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12), st.integers(0, 3)), max_size=30))
def test_longest_first_by_clusters_gives_the_greedy_choice(spans: list[tuple[int, int, int]]) -> None:
    terms = _finder().vocabulary.terms[:4]
    candidates = [(start, start + length, terms[t]) for start, length, t in spans]
    assert _longest_first(candidates) == _greedy_longest(candidates)


def test_longest_first_on_a_decided_case() -> None:
    google, cloud, spark = _finder().vocabulary.terms[:3]
    candidates = [(0, 12, cloud), (0, 21, google), (30, 35, spark), (40, 45, cloud), (43, 50, spark)]
    assert _longest_first(candidates) == [(0, 21, google), (30, 35, spark), (43, 50, spark)]


def _rewordings(text: str) -> list[tuple[str, int, int]]:
    lowered = lower(text)
    candidates, anchors = _finder()._candidates(text, lowered)
    covered = [(c[0], c[1]) for c in candidates]
    return [tuple(r) for r in rewordings(lowered, covered, _finder()._phrases.__contains__, anchors)]


_LISTS = ["data storage, retrieval, and processing", "model training, tuning and serving",
          "statistical and computational techniques", "data quality, governance, and access",
          "big data storage, retrieval and processing", "data, storage and processing", "data and models"]


def _plain_list_before(lowered: str, second: int) -> tuple[list[tuple[int, int]], str | None]:
    """The items before a conjunction read by hand, and the shared first word before them, plainly."""
    items = phrases.items_before(lowered, second)
    if not items or lowered[items[0][0] - 1:items[0][0]] != " ":
        return items, None
    first = phrases._word_before(lowered, items[0][0] - 1)
    if first is None or lowered[first[0]:first[1]] not in phrases.SHARED_FIRST:
        return items, None
    return items, lowered[first[0]:first[1]]


_LIST_PIECES = ["data", "model", "cloud", "software", "storage", "retrieval", "x", "pre-processing", "it's",
                "and", "or", "&", "(a", "b)", "é", "Data", "1x", "x_1", "metadata", "datas"]
_LIST_GLUE = [", ", " ", ",", "  ", "\n", "\t", " and ", ", and ", " or ", " & ", ",, ", "-"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_LIST_PIECES), st.sampled_from(_LIST_GLUE)).map("".join),
                min_size=1, max_size=12).map("".join))
def test_lists_read_backwards_give_what_reading_by_hand_gives(text: str) -> None:
    # _list_before reads a list back from a conjunction with one match over the reversed text;
    # the items and the shared first word must be what the loop by hand and _word_before give,
    # after every conjunction of the text.
    lowered = lower(text)
    backwards = lowered[::-1]
    for second in range(len(lowered) + 1):
        assert phrases._list_before(lowered, backwards, second) == _plain_list_before(lowered, second), second


def test_lists_read_backwards_on_decided_cases() -> None:
    text = "big data storage, retrieval, and processing; (a, b and c; x data, y or z; metadata a and b"
    lowered = lower(text)
    backwards = lowered[::-1]
    first = lowered.index(" and processing") + len(" and ")
    storage, retrieval = text.index("storage"), text.index("retrieval")
    assert phrases._list_before(lowered, backwards, first) == (
        [(storage, storage + 7), (retrieval, retrieval + 9)], "data")
    # "(a" is not a word: the list is "b" alone; "metadata" is not the shared first word "data".
    assert phrases._list_before(lowered, backwards, lowered.index(" and c") + 5) == (
        [(text.index("b and"), text.index("b and") + 1)], None)
    assert phrases._list_before(lowered, backwards, lowered.index(" and b") + 5)[1] is None
    # "x data, y or z": data is an item (a comma after it), and "x" is no shared first word.
    data, y = text.index("data, y"), text.index("y or")
    assert phrases._list_before(lowered, backwards, lowered.index(" or z") + 4) == (
        [(data, data + 4), (y, y + 1)], None)
    for second in range(len(lowered) + 1):
        assert phrases._list_before(lowered, backwards, second) == _plain_list_before(lowered, second)


# Names and the characters around them that the word-edge rule reads past or stops at.
_EDGE_WORDS = ["C", "C++", "C#", "R", "R&D", "T-SQL", "SQL", "Node.js", "Node", "Python", "pandas", "Go",
               "Spark", "data", "x", "_", "1", "é"]
_EDGE_GLUE = [" ", "\n", ",", ".", "-", "&", "+", "#", "(", ")", "/", ":", "'", '"', "\x00", "", "\t", "!"]


def _edge_texts() -> st.SearchStrategy[str]:
    piece = st.tuples(st.sampled_from(_EDGE_WORDS + _WORDS), st.sampled_from(_EDGE_GLUE)).map("".join)
    return st.lists(piece, min_size=1, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_edge_texts(), st.data())
def test_safe_edge_characters_always_give_an_edge(text: str, data: st.DataObject) -> None:
    # The candidate loop skips _edges_hold when both neighbours are in _SAFE_EDGES: it must
    # then say yes for every span so placed.
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    if (start == 0 or text[start - 1] in mentions._SAFE_EDGES) and (
            end == len(text) or text[end] in mentions._SAFE_EDGES):
        assert _edges_hold(text, start, end)


@settings(max_examples=200, deadline=None)
@given(_edge_texts())
def test_candidates_with_the_edge_shortcut_give_what_checking_every_hit_gives(text: str) -> None:
    lowered = lower(text)
    fast = _finder()._candidates(text, lowered)
    with mock.patch.object(mentions, "_SAFE_EDGES", frozenset()):
        assert _finder()._candidates(text, lowered) == fast


def test_safe_edges_exclude_what_the_edge_rule_reads() -> None:
    assert not any(ch.isalnum() or ch in "_+#.-&" for ch in mentions._SAFE_EDGES)
    text = "C++, T-SQL and R&D; Node.js (SQL), C# or R."
    lowered = lower(text)
    with mock.patch.object(mentions, "_SAFE_EDGES", frozenset()):
        plain = _finder()._candidates(text, lowered)
    assert _finder()._candidates(text, lowered) == plain
    # No C inside C++ or C#, no SQL inside T-SQL, no R inside R&D, no Node inside Node.js.
    assert sorted((s, text[s:e]) for s, e, _ in plain[0]) == [
        (0, "C++"), (5, "T-SQL"), (15, "R&D"), (20, "Node.js"), (29, "SQL"), (35, "C#"), (41, "R")]


_SECTIONS_TRIED = [None, "responsibilities", "required_skills", "education", "tools", "industries", "other"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.one_of(_texts(), st.sampled_from(_LISTS)), st.sampled_from(_SECTIONS_TRIED)),
                min_size=1, max_size=5))
def test_mentions_come_out_sorted_without_sorting_every_section(parts: list[tuple[str, str | None]]) -> None:
    # find_all sorts only the sections that got rewordings: the terms themselves are added in
    # text order and never overlap. Every list must still be what sorting it gives, and the
    # mentions (made with tuple.__new__) must be the Mentions their fields make.
    for section_mentions in _finder().find_all(parts):
        assert section_mentions == sorted(section_mentions, key=lambda m: (m.start, m.end))
        assert all(type(m) is Mention and m == Mention(*m) for m in section_mentions)


def test_mentions_sorted_on_a_decided_case() -> None:
    parts = [("Python and SQL; data quality, governance, and access with pandas", "required_skills"),
             ("Spark and Kafka for data storage, retrieval, and processing", "tools")]
    found = _finder().find_all(parts)
    assert [m.name for m in found[0]][:2] == ["Python", "SQL"]
    for section_mentions in found:
        assert section_mentions == sorted(section_mentions, key=lambda m: (m.start, m.end))


def _all_and_wanted(text: str) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    """Rewordings of ``text`` made plainly (every phrase) and as the finder asks (known ones only)."""
    lowered = lower(text)
    candidates, anchors = _finder()._candidates(text, lowered)
    covered = [(c[0], c[1]) for c in candidates]
    known = _finder()._phrases.__contains__
    every = [tuple(r) for r in rewordings(lowered, covered, known, anchors)]
    wanted = [tuple(r) for r in rewordings(lowered, covered, known, anchors, known)]
    return every, wanted


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_texts(), st.sampled_from(_LISTS)), min_size=1, max_size=6).map(" ".join))
def test_only_known_shared_head_phrases_are_made(text: str) -> None:
    # _shared_heads makes a Rewording only of a phrase the finder knows; the finder dropped
    # every other one on lookup, so what it keeps is the same, in the same order.
    every, wanted = _all_and_wanted(text)
    known = _finder()._phrases.__contains__
    assert all(r in every for r in wanted)
    kept = [r for r in every if known(r[0].replace("-", " "))]
    assert kept == [r for r in wanted if known(r[0].replace("-", " "))]


def test_only_known_shared_head_phrases_on_a_decided_case() -> None:
    every, wanted = _all_and_wanted(
        "data quality, governance, and access; statistical and computational techniques; data storage, "
        "retrieval, and processing")
    assert len(wanted) < len(every)
    assert {"data governance", "data quality"} <= {phrase for phrase, _, _ in wanted}
    unknown = {phrase for phrase, _, _ in every} - {phrase for phrase, _, _ in wanted}
    assert unknown and not any(phrase.replace("-", " ") in _finder()._phrases for phrase in unknown)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.one_of(_texts(), st.sampled_from(_LISTS), st.just("")),
                          st.sampled_from(_SECTIONS_TRIED)), min_size=1, max_size=5))
def test_sections_walked_forward_give_each_section_alone(parts: list[tuple[str, str | None]]) -> None:
    # find_all walks forward through the section starts (the terms are in text order) instead of
    # a bisection per term; each section must get exactly what finding in it alone gives, but
    # for one rule that reads to the end of the whole text (a short name ending it may be a cut
    # word): a section that is not the last is searched with an empty one after it.
    finder = MentionFinder(_finder().vocabulary)
    alone = [finder._search([part] if k == len(parts) - 1 else [part, ("", None)])[0]
             for k, part in enumerate(parts)]
    assert finder._search(parts) == alone
    assert finder.find_all(parts) == alone


def _reworded_with_taken(finder: MentionFinder, lowered: str, taken: list[tuple[int, int]],
                         covered: list[tuple[int, int]], anchors: dict[str, list[tuple[int, int]]]) -> list:
    """The plain form: spans to avoid are the terms kept and every match, merged and sorted."""
    out, seen, spans = [], set(), sorted([*taken, *covered])
    known = finder._phrases.__contains__
    for phrase, start, end in rewordings(lowered, covered, known, anchors):
        index = finder._phrases.get(phrase.replace("-", " "))
        if index is None:
            continue
        term = finder._terms[index]
        if term.kind == "stop" or (term.name, start) in seen:
            continue
        i = bisect_left(spans, (start, start))
        if (i > 0 and spans[i - 1][1] > start) or (i < len(spans) and spans[i][0] < end):
            continue
        seen.add((term.name, start))
        spans.insert(i, (start, end))
        out.append((start, end, term))
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_texts(), st.sampled_from(_LISTS)), min_size=1, max_size=6).map(" ".join),
       st.data())
def test_reworded_avoids_the_matches_as_merging_the_kept_terms_did(text: str, data: st.DataObject) -> None:
    # The kept terms are among the matches (covered), so avoiding the matches alone is avoiding both.
    finder = _finder()
    lowered = lower(text)
    candidates, anchors = finder._candidates(text, lowered)
    covered = [(c[0], c[1]) for c in _longest_first(candidates)]
    taken = [span for span in covered if data.draw(st.booleans())]
    plain = _reworded_with_taken(finder, lowered, taken, covered, {k: list(v) for k, v in anchors.items()})
    assert finder._reworded(lowered, covered, anchors) == plain


_SHORT_WORDS = ["R", "R&D", "C", "C++", "C#", "Go", "AI", "AIX", "AWS", "A", "AB", "ABC", "Ray", "Rust", "ML"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SHORT_WORDS), min_size=1, max_size=8, unique=True),
       st.lists(st.sampled_from([*_SHORT_WORDS, " ", "x", "&", "+", "D", "S", "I", "X"]), max_size=30)
       .map("".join))
def test_trie_expression_finds_what_the_longest_first_alternation_finds(words: list[str], text: str) -> None:
    # The short names are found by the trie; finditer must give the plain alternation's spans.
    trie = re.compile(trie_expression(words))
    plain = re.compile(longest_alternation(words))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_trie_expression_on_a_decided_case() -> None:
    words = ["R", "R&D", "Ray", "AI", "AIX", "AWS"]
    text = "R&D, Ray, AIX and AI on AWS; R. RAI"
    spans = [text[s:e] for s, e in (m.span() for m in re.finditer(trie_expression(words), text))]
    assert spans == ["R&D", "Ray", "AIX", "AI", "AWS", "R", "R", "AI"]
    assert re.compile(trie_expression([])).search("anything") is None
    # The finder's own expression finds every short form of the vocabulary, longest first.
    finder = _finder()
    assert finder._short.pattern == trie_expression(finder._short_terms)
    sample = "R, C++, C#, Go and AI; R&D in SQL/TSQL on AWS"
    assert [m.group() for m in finder._short.finditer(sample)] == [
        m.group() for m in re.finditer(longest_alternation(finder._short_terms), sample)]


def _every_anchor(lowered: str) -> dict[str, list[tuple[int, int]]]:
    """The plain anchors: every place of every word of ANCHOR_WORDS (overlaps included), in end order."""
    found: list[tuple[int, int, str]] = []
    for word, tag in phrases.ANCHOR_WORDS.items():
        at = lowered.find(word)
        while at >= 0:
            found.append((at + len(word), at, tag))
            at = lowered.find(word, at + 1)
    anchors: dict[str, list[tuple[int, int]]] = {tag: [] for tag in phrases.ANCHOR_TAGS}
    for end, start, tag in sorted(found):
        anchors[tag].append((start, end))
    return anchors


_OF_TEXTS = [
    "deployment of the ML models", "quality of data", "redeployment of models", "fine-tuning of models",
    "the architecture of an AI system", "monitoring of deployed models", "visualization of data",
    "cleaning data and tuning hyperparameters", "testing of hypotheses", "deploying machine learning models",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_texts(), st.sampled_from(_LISTS), st.sampled_from(_OF_TEXTS)), min_size=1,
                max_size=6).map(" ".join))
def test_narrowed_anchors_keep_what_every_anchor_gives(text: str) -> None:
    # The finder reports only the verbs and "X of" that can name a known term; rewording with
    # every anchor of ANCHOR_WORDS must keep the same terms at the same places.
    finder = _finder()
    lowered = lower(text)
    candidates, anchors = finder._candidates(text, lowered)
    covered = [(c[0], c[1]) for c in _longest_first(candidates)]
    plain = finder._reworded(lowered, covered, _every_anchor(lowered))
    assert finder._reworded(lowered, covered, anchors) == plain


def test_narrowed_anchors_on_a_decided_case() -> None:
    finder = _finder()
    text = "Deployment of ML models, fine-tuning of LLMs, quality of data and a cup of tea; cleaning data"
    lowered = lower(text)
    candidates, anchors = finder._candidates(text, lowered)
    covered = [(c[0], c[1]) for c in _longest_first(candidates)]
    # "cup of" and "tea" name nothing: only the "of" after a word that ends a known phrase is an anchor.
    assert lowered.index(" of tea") not in {end - 4 for _, end in anchors["of"]}
    assert lowered.index(" of ml") in {end - 4 for _, end in anchors["of"]}
    every = finder._reworded(lowered, covered, _every_anchor(lowered))
    assert finder._reworded(lowered, covered, anchors) == every
    assert {term.name for _, _, term in every} >= {"Model Deployment", "Data Quality"}


@pytest.mark.parametrize("near_degree", [False, True])
def test_static_kinds_give_what_kind_gives(near_degree: bool) -> None:
    # The finder looks up the kind of a term in a section once per process; only where
    # "degree in" before it matters (the table holds the pair near / far) does it ask
    # _AfterDegree, and the pair is what _kind gives either way.
    finder = _finder()
    checked = pairs = 0
    for term in finder._terms:
        for section in (*mentions._SECTIONS, None):
            static = finder._kinds[section][id(term)]
            if isinstance(static, tuple):
                pairs += 1
                static = static[0] if near_degree else static[1]
            kind = mentions._kind(term, lambda _start: near_degree, 0, section)
            assert static == kind, (term.name, section)
            checked += 1
    assert checked == len(finder._terms) * (len(mentions._SECTIONS) + 1)
    assert pairs  # Machine Learning outside education sections


def test_static_kinds_on_a_decided_case() -> None:
    found = _finder().find_all([("A degree in Machine Learning; Statistics and Machine Learning", "other"),
                                ("Machine Learning and Robotics", "industries"),
                                ("Physics or Machine Learning", "education")])
    assert [[(m.kind, m.name) for m in section] for section in found] == [
        [("field", "Machine Learning"), ("skill", "Statistics"), ("skill", "Machine Learning")],
        [("skill", "Machine Learning"), ("industry", "Robotics")],
        [("field", "Physics"), ("field", "Machine Learning")],
    ]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.one_of(_texts(), st.sampled_from(_LISTS)), st.sampled_from(_SECTIONS_TRIED)),
                min_size=1, max_size=4), st.data())
def test_sections_seen_before_give_what_searching_them_gives(parts: list[tuple[str, str | None]],
                                                            data: st.DataObject) -> None:
    # find_all answers a (text, section) it searched before from its cache: the answer must be
    # what a search of the same sections, in any company, gives.
    finder = MentionFinder(_finder().vocabulary)
    fresh = finder._search(parts)
    assert finder.find_all(parts) == fresh
    others = data.draw(st.lists(st.tuples(_texts(), st.sampled_from(_SECTIONS_TRIED)), max_size=3))
    mixed = [*others, *parts]
    assert finder.find_all(mixed) == finder._search(mixed)
    assert finder.find_all(parts) == fresh


def test_sections_seen_before_on_a_decided_case() -> None:
    finder = MentionFinder(_finder().vocabulary)
    card = ("Python, SQL and data quality, governance, and access", "required_skills")
    first = finder.find_all([card, ("Go to the conference with R and Python", "responsibilities")])
    again = finder.find_all([("Deploying ML models", "responsibilities"), card])
    assert again[1] == first[0] and [m.name for m in first[0]][:2] == ["Python", "SQL"]
    again[1].clear()  # a caller's list is its own: the cache keeps its copy
    assert finder.find_all([card])[0] == first[0]
    assert finder.find("R", section="tools") == finder._search([("R", "tools")])[0]
    # The cache is bounded: past the limit it starts over instead of growing.
    with mock.patch.object(mentions_cache, "SEEN_LIMIT", 3):
        for n in range(10):
            finder.find_all([(f"Python {n}\nand SQL {n} for the analysis of data", "tools")])
            assert len(finder._seen.sections) <= 3 and len(finder._seen.lines) <= 3
            assert len(finder._seen.met) <= 3 + 2
    # A text longer than TEXT_LIMIT is searched each time, not remembered.
    long_text = ("Python and SQL " * 100, "tools")
    assert finder.find_all([long_text]) == finder._search([long_text])
    assert all(key[0] != long_text[0] for key in finder._seen.sections)
    finder.forget()
    assert not finder._seen.sections and not finder._seen.lines and not finder._seen.met
    # The one rule that reads to the end of the whole text: "- R" ending it may be a cut word,
    # not when another section follows. The cache keeps the two apart.
    cut, other = ("Skills:\n- R", "tools"), ("Go", "tools")
    for parts in ([cut, other], [other, cut], [cut], [cut, other], [other, cut, other]):
        assert finder.find_all(parts) == finder._search(parts)
    assert [m.name for m in finder.find_all([cut, other])[0]] == ["R"]
    assert finder.find_all([other, cut])[1] == []


# Lines that come back across documents, some with names that need a list context (R, Go, a
# sentence-initial Spark) on the lines around them.
_LINES = ["Python, R, and SQL for the statistical analysis of data", "- R", "- Go", "- Python",
          "Spark jobs and data storage, retrieval, and processing", "Go to the conference", "",
          "Deploying machine learning models into production every week", "A degree in Statistics",
          "Convolutional and recurrent neural networks for computer vision tasks", "  ", "R"]


def _sections_of_lines() -> st.SearchStrategy[list[tuple[str, str | None]]]:
    text = st.lists(st.one_of(st.sampled_from(_LINES), _texts()), min_size=1, max_size=5).map("\n".join)
    return st.lists(st.tuples(text, st.sampled_from(_SECTIONS_TRIED)), min_size=1, max_size=4)


@settings(max_examples=150, deadline=None)
@given(st.lists(_sections_of_lines(), min_size=1, max_size=4))
def test_sections_answered_from_their_lines_give_what_a_search_gives(documents: list) -> None:
    # A section whose lines were met before is answered line by line (moved to their places),
    # unless one holds a name that needs a list context; each document must get what a plain
    # search of it gives, whatever came before.
    finder = MentionFinder(_finder().vocabulary)
    for parts in [*documents, *documents]:
        assert finder.find_all(parts) == finder._search(parts)


def test_sections_answered_from_their_lines_on_a_decided_case() -> None:
    finder = MentionFinder(_finder().vocabulary)
    shared = "Deploying machine learning models into production with Python and SQL"
    first = [(f"{shared}\nData quality, governance, and access", "responsibilities"),
             (f"{shared}\nPython", "tools")]
    second = [(f"Tuning hyperparameters of models\n{shared}", "responsibilities"),
              (f"{shared}\n- R\n- Go\n- Spark", "tools")]
    assert finder.find_all(first) == finder._search(first)
    found = finder.find_all(second)
    assert found == finder._search(second)
    assert (shared, "responsibilities") in finder._seen.lines  # the second document was read by lines
    assert [m.name for m in found[1]][-3:-1] == ["R", "Go"]  # names in a list, across lines
    assert finder._seen.lines.get(("- R", "tools"), ()) is None  # a list name: its section searched whole
