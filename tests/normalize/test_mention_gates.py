"""Cheap tests the mention finder runs before a dearer one give what the dearer one alone gives.

Each gate added to :mod:`pipeline.normalize.mentions` and :mod:`pipeline.normalize.phrases`
for the cost of a search on real captures (issue 18, fifth round) is a necessary condition of
the test it guards; these check it is one, on the cases that decide it and on generated text.
"""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import mentions, phrases
from pipeline.normalize.fields import default_finder
from pipeline.normalize.mention_spans import AfterDegree
from pipeline.normalize.mentions import ROLE_WORDS, MentionFinder
from pipeline.normalize.phrases import lower

_PIECES = ["Head of", "Director of", "VP of", "Vice President for the", "Chief", "Managing Director in",
           "Heads", "head of", "experience in", "the", "of", "in", "for", "Data", "data", "machine learning",
           "Machine Learning", "engineers", "Engineer", "Lead", "lead", "(NLP)", "NLP", "Scientist", "AI",
           "analysts", "Internships", "intern", "é", "’", "degree in", "ſtudied"]
_GLUE = [" ", " ", "  ", "\n", ", ", "-", "\t"]


def _texts() -> st.SearchStrategy[str]:
    piece = st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GLUE)).map("".join)
    return st.lists(piece, min_size=1, max_size=14).map("".join)


def _finder() -> MentionFinder:
    return default_finder()


def test_verb_keys_hold_every_character_a_verb_tail_may_start_with() -> None:
    # A verb's key holds the character after it; a tail can start only with a blank other than
    # a line break or a comma, and those are all VERB_FOLLOWERS holds.
    starts = {chr(code) for code in range(sys.maxunicode + 1) if re.fullmatch(r"[^\S\n]", chr(code))}
    assert set(phrases.VERB_FOLLOWERS) == {*starts, ","}
    tail = phrases._VERB_TAIL
    assert all(tail.match(f"{after}the data") is None for after in ".;:!?)-\n\x00x")
    assert all(tail.match(f"{after}data") for after in starts)
    assert tail.match(", cleaning, and processing data")


def test_verbs_inside_longer_words_are_not_anchors() -> None:
    finder = _finder()
    text = "Preprocessing, cleaning\tdata; processes. Clean, process and deploy models; cleanings"
    lowered = lower(text)
    _, anchors = finder._candidates(text, lowered)
    assert [lowered[start:end] for start, end in anchors["verb"]] == [
        "preprocessing", "processing", "cleaning", "clean", "process", "deploy"]
    found = finder.find(text, section="responsibilities")
    assert {m.name for m in found} >= {"Data Cleaning", "Model Deployment"}


@settings(max_examples=200, deadline=None)
@given(_texts())
def test_role_before_gate_keeps_every_match(text: str) -> None:
    # The role-before expression runs only where the three characters before a name end a
    # lead-in and the 24 before it hold a capital letter: it matches nowhere else.
    for start in range(len(text) + 1):
        reach = max(0, start - 24)
        plain = text.endswith(mentions._ROLE_LEAD_INS, 0, start) and mentions._ROLE_BEFORE.search(
            text, reach, start) is not None
        gated = (text[start - 3:start] in mentions._ROLE_LEAD_IN_ENDS
                 and text.endswith(mentions._ROLE_LEAD_INS, 0, start)
                 and not text[reach:start].islower()
                 and mentions._ROLE_BEFORE.search(text, reach, start) is not None)
        assert gated == plain, (text, start)


@settings(max_examples=200, deadline=None)
@given(_texts())
def test_role_after_gate_is_the_tuple_of_role_words(text: str) -> None:
    # After a blank, the role-after expression runs before a capital letter, a bracket or a role
    # word; the three letters checked first are a necessary condition of the tuple of role words.
    lowered = lower(text)
    for end in range(len(text) + 1):
        plain = lowered.startswith(mentions._ROLE_STARTS, end)
        gated = (lowered[end:end + 3] in mentions._ROLE_OPENINGS
                 and lowered.startswith(mentions._ROLE_STARTS, end))
        assert gated == plain, (text, end)


def test_role_gates_on_decided_cases() -> None:
    assert {word[:3] for word in ROLE_WORDS} == mentions._ROLE_OPENINGS
    finder = _finder()
    found = finder.find("Head of Machine Learning; experience in machine learning; NLP engineers; VP of "
                        "Data Science; the Director for the AI team; machine learning for ai",
                        section="required_skills")
    assert [(m.name, m.surface) for m in found] == [
        ("Machine Learning", "machine learning"), ("Machine Learning", "machine learning")]


@settings(max_examples=200, deadline=None)
@given(_texts())
def test_after_degree_never_is_false_everywhere(text: str) -> None:
    _, anchors = _finder()._candidates(text, lower(text))
    after = AfterDegree(text, anchors[mentions._DEGREE_TAG])
    if after.never:
        assert not any(after(start) for start in range(len(text) + 1))
    assert not AfterDegree("ſtudied in Physics", []).never  # outside ASCII the expression still runs


def test_after_degree_on_decided_cases() -> None:
    finder = _finder()
    text = "A Bachelor's degree in Machine Learning or Statistics"
    _, anchors = finder._candidates(text, lower(text))
    after = AfterDegree(text, anchors[mentions._DEGREE_TAG])
    assert not after.never and after(text.index("Machine"))
    assert AfterDegree("Machine Learning", []).never
    kinds = {m.name: m.kind for m in finder.find(text, section="other")}
    assert kinds["Machine Learning"] == kinds["Statistics"] == "field"
    assert {m.name: m.kind for m in finder.find("Statistics and Machine Learning", section="other")} == {
        "Statistics": "skill", "Machine Learning": "skill"}


_LIST_WORDS = ["data", "quality", "governance", "and", "or", "&", "statistical", "machine", "learning",
               "techniques", "methods", "x-y", "it's", "a1", "é", "(b)", "-", ""]
_LIST_GLUE = [" ", ", ", ",", "  ", "\t", " and ", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_LIST_WORDS), st.sampled_from(_LIST_GLUE)).map("".join),
                min_size=1, max_size=12).map("".join))
def test_whole_words_give_what_backtracking_words_give(text: str) -> None:
    # The list and head-word expressions read a word possessively: no shorter word can be
    # followed by the blank, comma or conjunction they need, so every match is the same.
    word = phrases._WORD
    plain_items = re.compile(rf"(?:{phrases._C},{phrases._C}{word})*{phrases._C},?{phrases._B}(?:and|or|&)"
                             rf"{phrases._B}{word}(?:{phrases._B}{word})?")
    plain_head = re.compile(rf"{word}{phrases._B}(?P<head>{phrases._HEADS})\b")
    for at in range(len(text) + 1):
        assert _span(phrases._ITEMS_AFTER.match(text, at)) == _span(plain_items.match(text, at)), at
        assert _span(phrases._HEAD_TAIL.match(text, at)) == _span(plain_head.match(text, at)), at


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return match.span() if match else None
