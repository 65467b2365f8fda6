"""HTML pages -> blocks: the article region, reading order, and the same blocks a text dump gives.

The three layout fixtures in ``tests/fixtures/html/`` carry one invented article in three
markup styles (semantic ``<article>``, ``<main>`` with other class names, and div soup with
the title in a page header); they must give identical blocks.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import StructureError
from pipeline.structure.blocks import Block, BlockKind, heading, item, paragraph
from pipeline.structure.html import HtmlDocument, _page_title, html_to_blocks, parse_html

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
LAYOUTS = ("article_layout.html", "main_layout.html", "div_soup.html")


def load(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def blocks_of(html: str, **limits: int) -> list[Block]:
    return html_to_blocks(html, **limits).blocks


def texts(html: str) -> list[str]:
    return [b.text for b in blocks_of(html)]


def card(title: str, company: str, badges: str) -> list[Block]:
    return [paragraph("Featured Job 👀"), heading(title, 3), paragraph(company), paragraph(badges)]


EXPECTED_ARTICLE = [
    heading("Data Steward vs. Prompt Engineer", 1),
    paragraph("Data Steward vs Prompt Engineer: How the Two Roles Differ"),
    paragraph("5 min read · Nov. 12, 2024"),
    paragraph("Table of contents"),
    paragraph("Looking after an organisation’s data and shaping how language models answer are two "
              "different ways into applied AI. This guide puts the two roles side by side."),
    heading("Definitions", 2),
    paragraph("Data Steward: A Data Steward owns the quality, meaning and proper use of a company's "
              "data assets."),
    paragraph("Prompt Engineer: A Prompt Engineer designs, tests and refines the instructions that "
              "steer large language models toward useful output."),
    heading("Responsibilities", 2),
    heading("Data Steward", 3),
    item("Define data standards and business glossaries"),
    item("Monitor data quality metrics and chase down root causes"),
    item("Completeness and freshness checks", level=2),
    item("Duplicate detection", level=2),
    item("Coordinate access requests with security teams"),
    heading("Prompt Engineer", 3),
    item("Write and version prompt templates for product features"),
    item("Build evaluation sets that catch regressions"),
    item("Work with engineers on retrieval pipelines"),
    heading("Required Skills", 2),
    paragraph("Both roles reward clear writing, but the technical depth differs."),
    item("Data Steward: SQL, metadata management and governance frameworks."),
    item("Prompt Engineer: Python, model APIs and experiment tracking."),
    heading("Tips for Getting Started", 2),
    item("Pick one business domain and learn its data deeply.", "1."),
    item("Publish small prompt experiments together with their results.", "2."),
    item("Read the documentation of the tools you use every day.", "3."),
    paragraph("Whichever path you choose, the habit of checking your work will serve you well."),
    *card("Senior Data Steward", "@ Northwind Analytics | Remote (EU)",
          "Full Time Senior-level / Expert EUR 70K - 90K"),
    *card("Prompt Engineer, Search", "@ Lumen Labs | Toronto, Canada",
          "Full Time Mid-level / Intermediate CAD 110K - 140K"),
    *card("Data Governance Analyst", "@ Harbor Health | Boston, MA, United States",
          "Contract Entry-level / Junior USD 40 - 55 per hour"),
    heading("Salary Insights", 2),
    paragraph("View salary info for Data Steward (global) Details"),
    paragraph("View salary info for Prompt Engineer (global) Details"),
]


# -- the three layouts -------------------------------------------------------------------


def test_article_layout_gives_exactly_the_article_then_the_aside() -> None:
    assert blocks_of(load("article_layout.html")) == EXPECTED_ARTICLE


@pytest.mark.parametrize("name", LAYOUTS[1:])
def test_other_layouts_give_the_same_blocks(name: str) -> None:
    assert blocks_of(load(name)) == EXPECTED_ARTICLE


def test_layouts_read_by_the_article_parser() -> None:
    """The HTML blocks feed the same parser as text dumps and give a full article."""
    from pipeline.parse.article import parse_blocks

    parsed = parse_blocks(blocks_of(load("div_soup.html")))
    assert (parsed.header.role_a, parsed.header.role_b) == ("Data Steward", "Prompt Engineer")
    assert parsed.header.read_minutes == 5
    assert len(parsed.tail.cards) == 3
    assert len(parsed.tail.salary_links) == 2


def test_faked_bullets_and_br_lines() -> None:
    html = """<html><body><article>
      <h1>Data Steward vs. Prompt Engineer</h1>
      <p>5 min read<br>Nov. 12, 2024</p>
      <h2>Responsibilities<br/>and Duties</h2>
      <p>• Define data standards</p>
      <p>•&nbsp;Monitor quality</p>
      <p>1. First tip<br>2) Second tip<br><br>   <br>Plain closing line</p>
      <p>- Dash item</p>
      <p>· a middle dot is a separator, not a bullet</p>
      <p>3.5 million roles is not a list</p>
      <ul><li>• Literal bullet</li><li>- Literal dash</li><li>–En dash kept (no space)</li>
          <li>-5% is a number</li><li>*  Star</li></ul>
    </article></body></html>"""
    assert blocks_of(html) == [
        heading("Data Steward vs. Prompt Engineer", 1),
        paragraph("5 min read"),
        paragraph("Nov. 12, 2024"),
        heading("Responsibilities", 2),
        heading("and Duties", 2),
        item("Define data standards"),
        item("Monitor quality"),
        item("First tip", "1."),
        item("Second tip", "2)"),
        paragraph("Plain closing line"),
        item("Dash item", "-"),
        paragraph("· a middle dot is a separator, not a bullet"),
        paragraph("3.5 million roles is not a list"),
        item("Literal bullet"),
        item("Literal dash"),
        item("–En dash kept (no space)"),
        item("-5% is a number"),
        item("Star"),
    ]


# -- container detection -----------------------------------------------------------------


def test_article_holding_the_h1_wins_over_card_articles() -> None:
    html = """<body><main>
      <aside><article><h3>Card one</h3><p>@ A | B</p></article></aside>
      <article><h1>Real title</h1><p>Real body text that is long enough to matter here.</p></article>
      <article><p>Comment by a reader.</p></article>
    </main></body>"""
    assert texts(html) == ["Real title", "Real body text that is long enough to matter here.",
                           "Card one", "@ A | B"]


def test_article_with_the_h1_wins_over_a_longer_one() -> None:
    html = """<body><article><p>A long neighbouring story that has more words than the real article does,
      so text alone would pick it, which is why the title decides first.</p></article>
      <article><h1>The title</h1><p>The real article body text, shorter than that.</p></article></body>"""
    assert texts(html)[:2] == ["The title", "The real article body text, shorter than that."]


def test_article_with_most_text_wins_when_no_h1() -> None:
    html = """<body><article><p>A teaser of moderate length for another story.</p></article>
      <article><h2>Section</h2><p>The long body of the page, clearly the main text of it all.</p>
      <p>More of the body, to be sure.</p></article></body>"""
    assert texts(html) == ["Section", "The long body of the page, clearly the main text of it all.",
                           "More of the body, to be sure."]


def test_h1_outside_the_container_comes_first() -> None:
    html = """<body><div class="top"><h1>Title outside</h1></div>
      <main><p>Body paragraph.</p></main><aside><p>Side note.</p></aside></body>"""
    assert blocks_of(html) == [heading("Title outside", 1), paragraph("Body paragraph."),
                               paragraph("Side note.")]


def test_page_header_with_title_is_kept_whole_when_outside() -> None:
    html = """<body><header><h1>Hero title</h1><p>Hero subtitle</p></header>
      <main><p>Body paragraph.</p></main></body>"""
    assert texts(html) == ["Hero title", "Hero subtitle", "Body paragraph."]


def test_site_header_with_nav_is_dropped_but_its_h1_rescued() -> None:
    html = """<body><header><span>Brand</span><h1>The title</h1><nav><a href="/">Home</a></nav></header>
      <main><p>Body paragraph.</p></main></body>"""
    assert texts(html) == ["The title", "Body paragraph."]


def test_header_without_h1_is_dropped_and_article_header_kept() -> None:
    html = """<body><header><p>Site slogan</p></header>
      <article><header><p>Meta line inside the article</p></header><p>Body.</p>
      <footer><p>Article footer note</p></footer></article>
      <footer><p>Site footer</p></footer></body>"""
    assert texts(html) == ["Meta line inside the article", "Body.", "Article footer note"]


def test_banner_role_is_cut_but_its_h1_rescued() -> None:
    html = """<body><div role="banner"><h1>Banner title</h1><p>Tagline</p></div>
      <p>Intro <span role="banner">inline banner</span>text.</p><main><p>Body.</p></main></body>"""
    assert texts(html) == ["Banner title", "Body."]


def test_dropped_roles() -> None:
    html = """<body><main><div role="navigation">Menu</div><div role="search">Find</div>
      <div role="banner">Banner</div><p>Kept.</p><div role="contentinfo">Info</div></main></body>"""
    assert texts(html) == ["Kept."]


def test_density_picks_the_text_block_over_link_farms() -> None:
    links = "".join(f'<li><a href="/p{i}">Another article with a long title, number {i}</a></li>'
                    for i in range(30))
    html = f"""<body><div id="a"><ul>{links}</ul></div>
      <div id="b"><p>First real paragraph with plenty of words in it.</p>
      <div><p>Second real paragraph, nested one level deeper.</p></div></div>
      <div id="c"><ul>{links}</ul></div></body>"""
    assert texts(html) == ["First real paragraph with plenty of words in it.",
                           "Second real paragraph, nested one level deeper."]


def test_body_fallback_without_paragraphs() -> None:
    assert texts("<body><div>Only <b>inline</b> text</div><span>and more</span></body>") == [
        "Only inline text", "and more"]


def test_toc_lists_are_dropped_but_other_lists_kept() -> None:
    html = """<body><article><h1>T</h1>
      <div>Table of contents</div>
      <ol><li><a href="#a">Alpha</a></li>
          <li><a href="#b">Beta</a><ol><li><a href="#c">Gamma</a></li></ol></li></ol>
      <ul><li><a href="#a">Alpha</a> and some words</li><li><a href="#b">Beta</a></li></ul>
      <ul><li><a href="/elsewhere">Other page</a></li></ul>
    </article></body>"""
    assert texts(html) == ["T", "Table of contents", "Alpha and some words", "Beta", "Other page"]


# -- block mapping -----------------------------------------------------------------------


def test_anonymous_blocks_in_a_card() -> None:
    html = ('<body><aside><div><span>Featured Job 👀</span><h3>Title</h3><p>@ X | Y</p>'
            '<div><span>Full Time</span> <span>USD 1K</span></div></div></aside></body>')
    assert blocks_of(html) == [paragraph("Featured Job 👀"), heading("Title", 3),
                               paragraph("@ X | Y"), paragraph("Full Time USD 1K")]


def test_blocks_inside_a_link_break_lines() -> None:
    html = ('<body><aside><a href="/job/1">Featured <div><h3>Job title</h3><p>@ Co | City</p></div>'
            " after</a></aside></body>")
    assert blocks_of(html) == [paragraph("Featured"), heading("Job title", 3), paragraph("@ Co | City"),
                               paragraph("after")]


def test_nested_lists_levels_and_text_after_a_nested_list() -> None:
    html = """<body><ul>
      <li>Top one<ul><li>Middle<ol><li>Deep</li></ol></li></ul>tail text</li>
      <li><p>Loose item paragraph</p><p>Second paragraph of it</p></li>
      <li><ul><li>Only a nested list</li></ul>then unmarked text</li>
    </ul></body>"""
    assert blocks_of(html) == [
        item("Top one"), item("Middle", level=2), item("Deep", "1.", 3),
        paragraph("tail text"),
        item("Loose item paragraph"), paragraph("Second paragraph of it"),
        item("Only a nested list", level=2), paragraph("then unmarked text"),
    ]


def test_ordered_list_numbering() -> None:
    html = """<body><ol start="3"><li>c</li><li>d</li></ol>
      <ol><li>a</li><li value="7">g</li><li>h</li></ol>
      <ol reversed><li>three</li><li>two</li><li>one</li></ol>
      <ol start="x"><li>bad start</li></ol></body>"""
    assert [(b.marker, b.text) for b in blocks_of(html)] == [
        ("3.", "c"), ("4.", "d"), ("1.", "a"), ("7.", "g"), ("8.", "h"),
        ("3.", "three"), ("2.", "two"), ("1.", "one"), ("1.", "bad start")]


def test_tables_definition_lists_and_custom_elements() -> None:
    html = """<body><table><tr><th>Skill</th><th>Level</th></tr><tr><td>SQL</td><td><b>High</b></td></tr>
      </table><dl><dt>Term</dt><dd>Meaning</dd></dl><blockquote>Quoted</blockquote>
      <figure><figcaption>Caption</figcaption></figure><pre>code   line</pre>
      <job-card>Card one</job-card><job-card>Card two</job-card></body>"""
    assert texts(html) == ["Skill Level", "SQL High", "Term", "Meaning", "Quoted", "Caption",
                           "code line", "Card one", "Card two"]


def test_inline_links_stay_in_the_sentence() -> None:
    html = ('<body><p>Learn the <a href="/x">Architecture</a> of AI.</p>'
            "<p><a href='/d'>Data</a>'s value, <em>really</em>!</p></body>")
    assert texts(html) == ["Learn the Architecture of AI.", "Data's value, really!"]


def test_entities_nbsp_and_whitespace() -> None:
    html = ("<body><p>R&amp;D&nbsp;&nbsp;teams &lt;3&#x2014;really\n\t spaced</p>"
            "<p>&nbsp;</p><p>\u200b</p><p>a<!-- comment -->b</p></body>")
    assert texts(html) == ["R&D teams <3—really spaced", "ab"]


def test_hidden_and_ignored_elements_are_dropped_but_tails_kept() -> None:
    html = """<body><p>Visible <span hidden>no1</span>text <span aria-hidden="true">no2</span>here
      <span style="color:red; DISPLAY : none">no3</span><span style="visibility:hidden">no4</span>
      <button>no5</button>end<script>no6()</script>.</p>
      <div aria-hidden="false">Shown</div><select><option>no7</option></select>
      <svg><text>no8</text></svg><iframe>no9</iframe><noscript>no10</noscript>
      <form><p>no11</p></form></body>"""
    assert texts(html) == ["Visible text here end.", "Shown"]


def test_form_around_the_whole_page_is_a_container() -> None:
    html = "<body><form action='/'><main><h1>T</h1><p>Body.</p></main></form></body>"
    assert texts(html) == ["T", "Body."]
    deep = ("<body><form><div><div><section><article><p>Deep.</p></article></section></div></div>"
            "</form></body>")
    assert texts(deep) == ["Deep."]
    search = "<body><form><div><label>Find <input name=q></label><p>no</p></div></form><p>Text.</p></body>"
    assert texts(search) == ["Text."]


def test_page_title_is_the_heads_else_the_first_anywhere() -> None:
    """What a ``title`` selector finds, without building the CSS engine when the head has one."""
    head = parse_html("<head><meta charset=utf-8><title>A vs. B</title></head>"
                      "<body><svg><title>S</title></svg>")
    title = _page_title(head.tree)
    assert title is not None and title.text() == "A vs. B"
    svg_only = parse_html("<head><meta charset=utf-8></head><body><p>x</p><svg><title>S</title></svg>")
    title = _page_title(svg_only.tree)
    assert title is not None and title.text() == "S"
    assert _page_title(parse_html("<p>none</p>").tree) is None


# -- document facts ----------------------------------------------------------------------


def test_canonical_url_og_url_and_title() -> None:
    doc = html_to_blocks(load("article_layout.html"))
    assert isinstance(doc, HtmlDocument)
    assert doc.canonical_url == "https://careers.example.org/insights/data-steward-vs-prompt-engineer"
    assert doc.page_title == "Data Steward vs. Prompt Engineer | Example Careers"
    og_only = ('<html><head><meta property="og:url" content="https://e.org/a"><title> A\n B </title>'
               "</head><body><p>x</p></body></html>")
    assert (html_to_blocks(og_only).canonical_url, html_to_blocks(og_only).page_title) == (
        "https://e.org/a", "A B")
    bare = html_to_blocks("<p>x</p>")
    assert (bare.canonical_url, bare.page_title) == (None, None)
    relative = ('<link rel="canonical" href="/insights/a"><meta property="og:url" content="https://e.org/b">'
                "<p>x</p>")
    assert html_to_blocks(relative).canonical_url == "https://e.org/b"


def test_bytes_are_read_as_utf8() -> None:
    html = load("main_layout.html")
    assert html_to_blocks(html.encode("utf-8")).blocks == html_to_blocks(html).blocks


def test_xml_declaration_in_a_str_is_fine() -> None:
    assert texts('<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>') == ["x"]


# -- limits and errors -------------------------------------------------------------------


def test_too_deep_for_10000_nested_divs_in_bounded_time() -> None:
    html = "<html><body>" + "<div>" * 10_000 + "deep" + "</div>" * 10_000 + "</body></html>"
    began = time.perf_counter()
    with pytest.raises(StructureError) as caught:
        html_to_blocks(html)
    assert caught.value.reason == "too_deep"
    assert time.perf_counter() - began < 2.0


def test_too_deep_is_reported_even_when_the_limit_is_above_the_parser_cap() -> None:
    """Past PARSER_DEPTH_CAP (256, where libxml2 stopped building) nesting is too deep whatever the limit."""
    html = "<div>" * 400 + "deep" + "</div>" * 400
    with pytest.raises(StructureError) as caught:
        html_to_blocks(html, max_depth=5_000)
    assert caught.value.reason == "too_deep"


@pytest.mark.parametrize(
    ("nesting", "max_depth", "fails"),
    [
        # the parser cap: 254 divs reach depth 256, whatever the limit
        (254, 5_000, False),
        (255, 5_000, True),
        # the limit: the innermost div sits at nesting + 2
        (18, 20, False),
        (19, 20, True),
    ],
)
def test_depth_boundaries(nesting: int, max_depth: int, fails: bool) -> None:
    # html and body are depths 1 and 2.
    html = "<html><body>" + "<div>" * nesting + "x" + "</div>" * nesting + "</body></html>"
    if fails:
        with pytest.raises(StructureError, match="too_deep"):
            html_to_blocks(html, max_depth=max_depth)
    else:
        assert blocks_of(html, max_depth=max_depth) == [paragraph("x")]


def test_too_many_blocks() -> None:
    html = "<body>" + "<p>line</p>" * 30 + "</body>"
    assert len(blocks_of(html, max_blocks=30)) == 30
    with pytest.raises(StructureError) as caught:
        html_to_blocks(html, max_blocks=29)
    assert caught.value.reason == "too_many_blocks"


@pytest.mark.parametrize("html", [
    "<html><body></body></html>", "", "   \n", b"", "<!-- only a comment -->",
    "<html><head><title>Only a title</title></head><body><script>x()</script></body></html>",
    "<body><div hidden>secret</div><nav>menu</nav></body>", "</p>",
])
def test_empty(html: str | bytes) -> None:
    with pytest.raises(StructureError) as caught:
        html_to_blocks(html)
    assert caught.value.reason == "empty"


# -- properties --------------------------------------------------------------------------

_MARKUP = st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<ul>", "<ol start=2>", "</ol>", "<li>", "</li>", "<br>",
    "<h1>", "</h1>", "<h3>", "<a href='#x'>", "<a href='/y'>", "</a>", "<article>", "</article>",
    "<main>", "<aside>", "<nav>", "</nav>", "<header>", "</header>", "<footer>", "<table><tr><td>",
    "<script>", "</script>", "<span hidden>", "<span>", "</span>", "<!--", "-->", "&nbsp;",
    "&amp;", "&#0;", "• ", "1. ", "- ", " ", "\n", "\t", "\x0c", "\u200b", "\u3000", "<",
    ">", "'", '"', "=", "word", "Data", "vs.",
])


@given(st.lists(_MARKUP | st.text(max_size=8), max_size=60).map("".join))
def test_never_raises_anything_but_structure_error(html: str) -> None:
    try:
        doc = html_to_blocks(html, max_depth=30, max_blocks=200)
    except StructureError as error:
        assert error.reason in {"empty", "too_deep", "too_many_blocks", "malformed_html"}
        return
    assert doc.blocks
    for block in doc.blocks:
        assert block.text and " ".join(block.text.split()) == block.text
        assert not re.search(r"\s\s", block.text)
        assert (block.kind is BlockKind.ITEM) == (block.marker is not None)
        assert block.level >= (1 if block.kind is not BlockKind.PARAGRAPH else 0)


@given(st.binary(max_size=200) | st.text(max_size=200))
def test_arbitrary_input_gives_clean_blocks_or_empty(data: str | bytes) -> None:
    try:
        blocks = html_to_blocks(data).blocks
    except StructureError as error:
        assert error.reason == "empty"
        return
    assert all(b.text and " ".join(b.text.split()) == b.text for b in blocks)
