"""The parser's remembered answers are the fresh ones, and their keys hold what the answers depend on.

A role name's mentions in a text (:func:`pipeline.parse.roles._name_mentions`) depend on the text,
the name and the side it is reported as; a block's heading words
(:func:`pipeline.parse.body._heading_words`) on its text and its kind. Each test that changes one
of these between two calls would fail on a memory whose key lacked it.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.parse.body import _heading_words, classify_heading
from pipeline.parse.roles import LONGEST_TEXT_KEPT, Mention, RoleMatcher, _name_mentions, role_regex
from pipeline.structure.blocks import Block, BlockKind, heading, paragraph

PAIRS = [("AI Architect", "Machine Learning Research Engineer"),
         ("Research Engineer", "Machine Learning Research Engineer"),
         ("BI Analyst", "Managing Director Data Science"), ("Data Analyst", "Data Engineer")]
_WORDS = ["AI", "Architect", "Architects", "Machine", "Learning", "Research", "Engineer", "Engineers", "BI",
          "Business", "Intelligence", "(BI)", "Analyst", "Analysts", "Managing", "Director", "of", "Data",
          "Science", "an", "the", "and", "with", "a", "both", "roles", ",", ".", "-", "ML"]


def _plain_mentions(matcher: RoleMatcher, text: str) -> list[Mention]:
    """The mentions as the matcher found them before it remembered anything: every match of both
    names' word-bounded regexes, sorted, overlaps resolved leftmost then longest."""
    candidates = [Mention(side, m.start(), m.end(), m.group(0))
                  for side, name in matcher.names.items() for m in role_regex(name).finditer(text)]
    candidates.sort(key=lambda m: (m.start, m.start - m.end))
    found: list[Mention] = []
    for mention in candidates:
        if not found or mention.start >= found[-1].end:
            found.append(mention)
    return found


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.sampled_from(PAIRS))
def test_remembered_mentions_are_the_plain_ones(words: list[str], pair: tuple[str, str]) -> None:
    text = " ".join(words)
    matcher = RoleMatcher(*pair)
    assert matcher.mentions(text) == matcher.mentions(text) == _plain_mentions(matcher, text)
    swapped = RoleMatcher(pair[1], pair[0])  # the same names on the other sides
    assert swapped.mentions(text) == _plain_mentions(swapped, text)


def test_the_name_and_the_side_are_in_the_key() -> None:
    text = "An AI Architect works with a Data Engineer."
    assert _name_mentions(text, "a", "AI Architect") == _name_mentions.__wrapped__(text, "a", "AI Architect")  # type: ignore[attr-defined]
    assert _name_mentions(text, "a", "Data Engineer")[0].surface == "Data Engineer"
    assert _name_mentions(text, "b", "AI Architect")[0].side == "b"
    assert RoleMatcher("AI Architect", "Data Engineer").mentions(text)[1].side == "b"
    assert [m.side for m in RoleMatcher("Data Engineer", "AI Architect").mentions(text)] == ["b", "a"]


def test_a_long_text_is_searched_fresh_and_not_kept() -> None:
    text = "The AI Architect. " + "x " * LONGEST_TEXT_KEPT
    before = _name_mentions.cache_info().currsize  # type: ignore[attr-defined]
    assert [m.side for m in RoleMatcher("AI Architect", "Data Engineer").mentions(text)] == ["a"]
    assert _name_mentions.cache_info().currsize == before  # type: ignore[attr-defined]


def test_remembered_heading_words_are_the_fresh_ones_and_depend_on_the_kind() -> None:
    cases = ["## Key Skills:", "Responsibilities", "4 min read", "Table of contents",
             "the daily work covers:"]
    for text in cases:
        for kind in BlockKind:
            assert _heading_words(text, kind) == _heading_words.__wrapped__(text, kind)  # type: ignore[attr-defined]
    # Not a heading's shape as a paragraph (lower case), but a heading as a HEADING block.
    assert _heading_words("the daily work covers:", BlockKind.PARAGRAPH) is None
    assert _heading_words("the daily work covers:", BlockKind.HEADING) == "the daily work covers"


def test_a_remembered_heading_is_still_read_with_each_article_s_roles() -> None:
    block = heading("AI Architect Responsibilities")
    first = classify_heading(block, RoleMatcher("AI Architect", "Data Engineer"))
    second = classify_heading(block, RoleMatcher("Data Engineer", "AI Architect"))
    third = classify_heading(block, RoleMatcher("Kelp Farmer", "Reef Diver"))
    assert (first.key, first.side) == ("responsibilities", "a")  # type: ignore[union-attr]
    assert (second.key, second.side) == ("responsibilities", "b")  # type: ignore[union-attr]
    assert third is None or third.side is None  # names no role of that article
    role_only = classify_heading(paragraph("AI Architect"), RoleMatcher("AI Architect", "Data Engineer"))
    assert role_only is not None and (role_only.key, role_only.side) == (None, "a")
    assert classify_heading(paragraph("AI Architect"), RoleMatcher("Kelp Farmer", "Reef Diver")) is None


def test_a_long_heading_block_is_still_a_heading() -> None:
    text = "Other " * 300
    matcher = RoleMatcher("AI Architect", "Data Engineer")
    got = classify_heading(Block(BlockKind.HEADING, text.strip()), matcher)
    assert got is not None and got.key == "other"
    assert re.fullmatch(r"(Other ?)+", got.printed)
