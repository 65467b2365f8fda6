"""The shortcuts taken for speed give exactly what the plain computation gives.

Each fast path (a cheap test before a regex, a scan that skips positions, a subtree counted
without the full walk) is checked here against the straightforward form it replaces, on the
cases that decide it and on generated input. The expected outputs of the HTML cases are
those of the walk before it had the shortcut.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.decode.mojibake import _DAMAGE_RE, looks_damaged, non_ascii_run
from pipeline.errors import StructureError
from pipeline.normalize.fields import default_finder
from pipeline.normalize.location import (
    _BASED,
    _PUNCT,
    HYBRID_PATTERN,
    ONSITE_PATTERN,
    REMOTE_PATTERN,
    _is_filler,
    _strip_segment,
)
from pipeline.normalize.mentions import MentionFinder
from pipeline.normalize.outlook import (
    _FIGURE,
    _SOURCE_VERB,
    _SOURCE_VERBS,
    KNOWN_SOURCES,
    _may_hold_figure,
    _may_name_known_source,
)
from pipeline.parse.body import BodyParser, _norm
from pipeline.parse.roles import RoleMatcher
from pipeline.parse.sections import SECTION_STEMS, earliest_stem_key, section_key
from pipeline.structure.blocks import Block, BlockKind
from pipeline.structure.html import html_to_blocks
from pipeline.structure.text import _ends_sentence

# -- HTML: site chrome counted without the full walk ---------------------------------------


def rows(html: str) -> list[tuple[str, str, int, str | None]]:
    return [(b.kind.value, b.text, b.level, b.marker) for b in html_to_blocks(html).blocks]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # An inline role=navigation holding a block or <br> still ends the line around it.
        ("<body><div>Intro text <span role='navigation'><div>menu</div></span> more text.</div></body>",
         [("paragraph", "Intro text", 0, None), ("paragraph", "more text.", 0, None)]),
        ("<body><p>Before <b role='navigation'>x<br>y</b> after.</p></body>",
         [("paragraph", "Before", 0, None), ("paragraph", "after.", 0, None)]),
        # Chrome inside a list item is walked in full (its lists decide the item's TOC status).
        ("<body><ul><li>Item <nav><ul><li><a href='#a'>A</a></li></ul></nav> tail</li>"
         "<li>Second</li></ul></body>",
         [("item", "Item", 1, "•"), ("paragraph", "tail", 0, None), ("item", "Second", 1, "•")]),
        # A footer's nav still marks the page header around it as site chrome... with its h1 kept.
        ("<body><header><h1>T</h1><footer><nav><a href='/'>Home</a></nav></footer></header>"
         "<main><p>Body.</p></main></body>",
         [("heading", "T", 1, None), ("paragraph", "Body.", 0, None)]),
    ],
)
def test_chrome_shortcut_gives_the_walks_blocks(
    html: str, expected: list[tuple[str, str, int, str | None]]
) -> None:
    assert rows(html) == expected


def test_metadata_inside_chrome_is_read() -> None:
    html = ("<body><nav><link rel='canonical' href='https://e.org/x'><a href='/'>Home</a></nav>"
            "<p>Body.</p></body>")
    doc = html_to_blocks(html)
    assert doc.canonical_url == "https://e.org/x"
    assert [b.text for b in doc.blocks] == ["Body."]


def test_depth_guard_holds_inside_chrome() -> None:
    html = "<html><body><nav>" + "<div>" * 30 + "x" + "</div>" * 30 + "</nav><p>Body.</p></body></html>"
    with pytest.raises(StructureError) as caught:
        html_to_blocks(html, max_depth=20)
    assert caught.value.reason == "too_deep"
    assert [b.text for b in html_to_blocks(html, max_depth=40).blocks] == ["Body."]


def test_text_around_a_comment_is_one_run() -> None:
    """``a <!-- c --> b`` counts as ``a  b`` (one run), as when comments are not in the tree."""
    from selectolax.lexbor import LexborHTMLParser

    from pipeline.structure.html_quiet import count_quiet

    nav = LexborHTMLParser("<nav><a href='/a'>Home <!-- x --> Page</a> <p>Hi</p></nav>").css_first("nav")
    assert nav is not None and nav.first_child is not None
    counts = count_quiet(nav.first_child, room=10, max_depth=10, text_depth=0, link_depth=0,
                         metadata=lambda *_: None)
    assert counts == (len("Home  Page") + len("Hi"), len("Hi"), len("Home  Page"))


def test_html_is_read_as_a_browser_reads_it() -> None:
    """A stray ``</p>`` is an empty paragraph in the HTML standard: it ends the line."""
    assert [b.text for b in html_to_blocks("<body><p>Engineer</p>MLOps</p>Insights</body>").blocks] == [
        "Engineer", "MLOps", "Insights"]


def test_blocks_are_immutable_values() -> None:
    block = Block(BlockKind.ITEM, "SQL", 1, "1.")
    assert block == Block(BlockKind.ITEM, "SQL", 1, "1.") and block.numbered
    assert hash(block) == hash(Block(BlockKind.ITEM, "SQL", 1, "1."))
    with pytest.raises(AttributeError):
        block.text = "changed"  # type: ignore[misc]


# -- mentions: scans that skip positions ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SQL/Python and R.", [("SQL", 0, 3), ("Python", 4, 10), ("R", 15, 16)]),
        ("Python,R,Go", [("Python", 0, 6), ("R", 7, 8), ("Go", 9, 11)]),
        (".NET and C#", [(".NET", 0, 4), ("C#", 9, 11)]),
        ("Ph.D.Python", []),
        ("T-SQL or SQL", [("SQL", 0, 5), ("SQL", 9, 12)]),
        ("Spark", [("Apache Spark", 0, 5)]),
        ("C++ and C", [("C++", 0, 3), ("C", 8, 9)]),
        ("Excel at math", [("Mathematics", 9, 13)]),
        ("(e.g. Go)", [("Go", 6, 8)]),
        ("Node.js; NodeJS", [("Node.js", 0, 7), ("Node.js", 9, 15)]),
    ],
)
def test_mentions_at_the_edges_of_the_text_and_of_each_other(
    text: str, expected: list[tuple[str, int, int]]
) -> None:
    assert [(m.name, m.start, m.end) for m in default_finder().find(text, section="tools")] == expected


def test_padded_scan_surfaces_are_the_printed_text() -> None:
    finder: MentionFinder = default_finder()
    text = "Skills: Python,  Apache  Spark and Bachelor’s degree"
    for mention in finder.find(text, section="required_skills"):
        assert text[mention.start:mention.end] == mention.surface


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Engineer (ML)Engineer (ML) and Data Scientists",
         [("a", 13, 26, "Engineer (ML)"), ("b", 31, 46, "Data Scientists")]),
        ("Data Scientist’s work", [("b", 0, 16, "Data Scientist’s")]),
        ("data scientists, Data-Scientist", [("b", 0, 15, "data scientists")]),
    ],
)
def test_role_mentions_padded_and_plain(text: str, expected: list[tuple[str, int, int, str]]) -> None:
    matcher = RoleMatcher("Engineer (ML)", "Data Scientist")
    assert [(m.side, m.start, m.end, m.surface) for m in matcher.mentions(text)] == expected


# -- cheap tests before regexes ------------------------------------------------------------

_DAMAGE_ALPHABET = st.sampled_from(
    ["a", " ", ".", "\n", "é", "’", "–", "·", "👀", "Β", "Â", "Ã", "ð", "Ÿ", "€", "©", "ย", "ท", "ð\u009f",
     "\u0080"])


@given(st.lists(_DAMAGE_ALPHABET, max_size=14).map("".join))
def test_damage_gate_is_the_full_regex(text: str) -> None:
    assert looks_damaged(text) == (_DAMAGE_RE.search(text) is not None)
    assert looks_damaged(text, text.encode("utf-8")) == looks_damaged(text)


def test_squeezed_text_keeps_the_non_ascii_runs_in_order() -> None:
    assert non_ascii_run("a é b ’ c 👀") == "é ’ 👀"
    assert non_ascii_run("x é’ y 👀") == "é’ 👀"
    assert looks_damaged("café … ’ – later") is False  # joined only by the squeeze
    assert looks_damaged("4 min read Β· Dec. 6, 2023") is True


_FIGURE_ALPHABET = st.sampled_from(
    ["5", "15", "%", " ", "percent", "PER CENT", "per\u00a0cent", "Pct", "ſ", "K", "İ", "20-25",
     "between", "and", "x"])


@given(st.lists(_FIGURE_ALPHABET, max_size=8).map("".join))
def test_figure_precheck_never_hides_a_figure(sentence: str) -> None:
    if _FIGURE.search(sentence):
        assert _may_hold_figure(sentence)


_SOURCE_ALPHABET = st.sampled_from(
    ["U.S. Bureau of Labor Statistics", "bureau  of labor\nstatistics", "(BLS)", "bls",
     "World Economic Forum",
     "WEF", "LinkedIn", "Linked in", "GARTNER", "McKinsey", "Glassdoor", "statista", "IDC",
     "International Data Corporation", "industry reports", "The Board", "Office", "projects", "reports to",
     "expects", "Forecasts", "ſ", "K", "İ", " ", ".", "x", "jobs grow 9%"])


@given(st.lists(_SOURCE_ALPHABET, max_size=8).map(" ".join))
def test_source_prechecks_never_hide_a_source(sentence: str) -> None:
    if any(pattern.search(sentence) for _name, pattern in KNOWN_SOURCES):
        assert _may_name_known_source(sentence)
    if _SOURCE_VERB.search(sentence):
        assert any(verb in sentence for verb in _SOURCE_VERBS)


def test_every_known_source_spelling_has_its_word() -> None:
    spellings = ["Bureau of Labor Statistics", "BLS", "World Economic Forum", "WEF", "LinkedIn", "Linked In",
                 "Gartner", "McKinsey", "Glassdoor", "Statista", "IDC", "International Data Corporation",
                 "industry report"]
    for spelling in spellings:
        assert any(pattern.search(spelling) for _name, pattern in KNOWN_SOURCES), spelling
        assert _may_name_known_source(spelling), spelling
    assert not _may_name_known_source("Jobs are projected to grow 9 percent by 2030.")
    assert _may_name_known_source("Jobs grow 9 percent, says the Linked\u212an team.")  # not ASCII: searched


_WORDS = st.sampled_from(
    ["Data", "data", "DATA", "vs.", " ", "_", "-", "İ", "ß", "Engineer", "é", "", "\n", "1", "·"])


@given(st.lists(_WORDS, max_size=5).map("".join), st.lists(_WORDS, max_size=5).map("".join))
def test_title_repeat_check_is_the_normalized_comparison(title: str, text: str) -> None:
    parser = BodyParser([], RoleMatcher("A", "B"), title)
    assert parser._is_title(text) == (_norm(text) == _norm(title))
    assert parser._is_title(title) == (_norm(title) == _norm(title))


@given(st.text(alphabet=".!?,;…a \n", max_size=5).filter(bool))
def test_sentence_end_is_the_regex(text: str) -> None:
    assert _ends_sentence(text) == bool(re.search(r"[.!?,;…]$", text))


_HEADINGS = st.sampled_from(
    ["Tools and Skills", "Definitions and Responsibilities", "Career Outlook", "Education",
     "Related articles", "what is", "industry growth", "Getting started tips", "", " ", "-"])


@given(st.lists(_HEADINGS, max_size=3).map(" ".join))
def test_one_stem_regex_picks_the_earliest_stem_then_the_first_key(heading: str) -> None:
    best: tuple[int, str] | None = None
    for key, stems in SECTION_STEMS:
        match = re.search(r"(?<![\w])(?:" + "|".join(map(re.escape, stems)) + ")", heading, re.IGNORECASE)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), key)
    assert earliest_stem_key(heading) == (best[1] if best else None)
    assert section_key(heading) in (None, earliest_stem_key(heading))  # the whole heading may refuse it


_SEGMENTS = st.sampled_from(
    ["Remote", "Hybrid", "On-site", "in office", "Berlin", "work from home", "WFH", "ſite", "İstanbul",
     "only", "US", " ", "-based", "anywhere", "the", "Worldwide", "Person"])


def _strip_segment_always(segment: str) -> str:
    """:func:`pipeline.normalize.location._strip_segment` as it was: the three substitutions every time."""
    text = REMOTE_PATTERN.sub(" ", HYBRID_PATTERN.sub(" ", ONSITE_PATTERN.sub(" ", segment)))
    words = text.strip(_PUNCT).split()
    while words and _is_filler(words[0]):
        words.pop(0)
    while words and _is_filler(words[-1]):
        words.pop()
    return _BASED.sub("", " ".join(words)).strip(_PUNCT)


@given(st.lists(_SEGMENTS, max_size=5).map(" ".join))
def test_location_segment_shortcut_is_the_three_substitutions(segment: str) -> None:
    assert _strip_segment(segment) == _strip_segment_always(segment)
