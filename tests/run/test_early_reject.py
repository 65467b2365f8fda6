"""Pages that cannot be articles are rejected before the walk, with the walk's own outcome.

The early rejection (:meth:`pipeline.structure.html.ParsedPage.surely_ends_plain`) and the
listing pre-test (:func:`pipeline.parse.listing._may_link_jobs`) are shortcuts: each test
here runs the same page with the shortcut and without it and wants the same result.
"""

from __future__ import annotations

import codecs
import random
from pathlib import Path
from urllib.parse import urljoin

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.corpus.chrome import site_chrome
from pipeline.corpus.render_board import BOARD_LAYOUTS, board_page
from pipeline.corpus.render_html import LAYOUTS, page_bytes
from pipeline.corpus.synth import synth_spec
from pipeline.decode.charset import decode_bytes
from pipeline.parse.article import NO_TITLE
from pipeline.parse.header import parse_title
from pipeline.parse.listing import _may_link_jobs, is_listing_page, job_key
from pipeline.parse.page_tree import parse_tree
from pipeline.parse.prescreen import Screen, surely_neither
from pipeline.run import process
from pipeline.run.process import TITLE_SEPARATOR, TITLE_SEPARATOR_BY_CASE, process_document
from pipeline.structure import html as html_module
from pipeline.structure.html import NODE_BOUNDARY, parse_html
from pipeline.structure.html_tags import normalize_space


def _doc(html: str, name: str = "page.html") -> RawDocument:
    return RawDocument(source_uri=name, data=html.encode("utf-8"), format="html")


def _outcome(doc: RawDocument) -> tuple[dict, list]:
    result = process_document(doc, Limits())
    return result.rows, result.quarantine


def _without_shortcuts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_module.ParsedPage, "surely_ends_plain", lambda self, words: False)
    monkeypatch.setattr("pipeline.parse.listing._may_link_jobs", lambda html, url: True)
    monkeypatch.setattr(process, "screen", lambda data, url, content_type=None: Screen(False, job_words=True))


def _past_the_byte_test(html: str) -> str:
    """``html`` with a "vs" in a script of its head: the byte test cannot rule it out, and the
    text test reads only the body."""
    script = "<script>let pair = ' vs ';</script>"
    if "<head>" in html:
        return html.replace("<head>", "<head>" + script, 1)
    return html.replace("<html>", f"<html><head>{script}</head>", 1)


def _nested(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + "x" + "</div>" * depth + "</body></html>"


PLAIN = "<html><head><title>Bakery</title></head><body><h1>Fresh bread</h1><p>Open daily.</p></body></html>"


def test_a_page_without_the_title_word_is_not_walked(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_walk(page: object) -> object:
        raise AssertionError("the page was walked")

    monkeypatch.setattr(process, "page_blocks", no_walk)
    rows, quarantine = _outcome(_doc(PLAIN))
    assert not rows
    assert [(q["stage"], q["reason"]) for q in quarantine] == [("parse", "not_an_article")]


@pytest.mark.parametrize(
    "html",
    [
        PLAIN,
        "<html><body><h1>Cats <b>v</b>s dogs</h1><p>text</p></body></html>",  # split by a tag
        "<html><body><table><tr><td>Data Analyst</td><td>vs</td><td>Data Engineer</td></tr></table>"
        "</body></html>",
        "<html><body><script>var canvas = 1;</script><p>nothing to see</p></body></html>",  # only in a script
        "<html><body>   </body></html>",  # empty: the walk says so
        "<html><body>" + "<div>" * 190 + "deep" + "</div>" * 190 + "</body></html>",  # near the depth limit
        "<html><body>" + "<div>" * 300 + "deep" + "</div>" * 300 + "</body></html>",  # over it
        _nested(198),  # the deepest a page may be
        _nested(199),  # one more: too deep
        "<html><body><ol><li>Data Analyst</li><li>vs. Data Engineer</li></ol></body></html>",  # at a marker
        "<html><body><p>Cats v<!-- x -->ersus dogs</p></body></html>",  # split by a comment
        "<html><body><p>Intensivstation, TVs, obvs</p></body></html>",  # vs inside words only
    ],
)
def test_same_outcome_as_the_full_walk(html: str, monkeypatch: pytest.MonkeyPatch) -> None:
    html = _past_the_byte_test(html)
    fast = _outcome(_doc(html))
    _without_shortcuts(monkeypatch)
    assert fast == _outcome(_doc(html))


def test_text_only_where_nothing_prints_is_not_an_article_now() -> None:
    """The one outcome the shortcut changes: a page whose only text is hidden (or site chrome)
    and holds no title word was ``empty`` after the walk; it is ``not_an_article`` without it."""
    hidden = "<html><body><p hidden>only hidden text</p></body></html>"
    _, quarantine = _outcome(_doc(_past_the_byte_test(hidden)))
    assert [(q["stage"], q["reason"]) for q in quarantine] == [("parse", "not_an_article")]


def test_the_shortcut_declines_what_it_cannot_decide() -> None:
    assert parse_html(PLAIN).surely_ends_plain(TITLE_SEPARATOR_BY_CASE)
    titled = "<html><body><h1>A <i>vs.</i> B</h1></body></html>"
    assert not parse_html(titled).surely_ends_plain(TITLE_SEPARATOR_BY_CASE)
    assert not parse_html("<html><body> </body></html>").surely_ends_plain(TITLE_SEPARATOR_BY_CASE)
    # The walk stops at an element with 200 element ancestors: 199 nested divs in html > body.
    assert parse_html(_nested(198)).surely_ends_plain(TITLE_SEPARATOR_BY_CASE)  # the tree answers exactly
    assert not parse_html(_nested(199)).surely_ends_plain(TITLE_SEPARATOR_BY_CASE)
    assert not parse_html(PLAIN, max_blocks=10).surely_ends_plain(TITLE_SEPARATOR_BY_CASE)


@pytest.mark.parametrize(
    ("body", "plain"),
    [
        ("<script>var x = 'a vs b';</script><p>nothing to see</p>", True),  # only in a script
        ("<style>/* a vs b */</style><p>nothing to see</p>", True),  # only in a style
        ("<script>var x = 'a vs b';</script><p>Tabs vs spaces, again.</p>", False),  # and visible
        ("<p>Tabs vs spaces</p><script>var x = 'Tabs vs spaces';</script>", False),  # same text, both
        ("<p>a <b>v</b>s b</p><script>var x = 'a v';</script>", False),  # a word across nodes
    ],
)
def test_matches_in_scripts_and_styles_are_told_from_visible_ones(body: str, plain: bool) -> None:
    """A match whose text node is no script's or style's text is visible at once; otherwise
    the matches of the body are counted against those of its scripts and styles."""
    html = f"<html><head><title>t</title></head><body>{body}</body></html>"
    assert parse_html(html).surely_ends_plain(TITLE_SEPARATOR_BY_CASE) is plain


_SHOWN_SOUP = st.sampled_from([
    "<p>", "</p>", "<li>", "<ul>", "</ul>", "<td>", "<table>", "</table>", "<b>", "</b>", "<div hidden>",
    "</div>", "<nav>", "</nav>", "<script>", "</script>", "<style>", "</style>", "<svg>", "</svg>",
    "<template>", "</template>", "<noscript>", "</noscript>", "<textarea>", "</textarea>", "<!--", "-->",
    "<title>", "</title>", " vs ", " VS. ", " versus ", "v", "s", " ", "\t", "x", "ſ", "<br>",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_SHOWN_SOUP, max_size=40).map("".join))
@example("<style> vs </style>")
@example("<script>x vs y</script>")
@example("<svg><style> vs </style><title> vs </title></svg>")
@example("<template><p> vs </p></template>")
@example("<p> vs </p>")
def test_a_shown_separator_is_a_no_of_the_full_test(body: str) -> None:
    """The selector query (:data:`pipeline.structure.html._SHOWN_SEPARATOR`) answers "no"
    only where the test of the whole text would answer "no" too."""
    page = parse_html(f"<html><head></head><body>{body}</body></html>")
    tree_body = page.tree.body
    if tree_body is None or tree_body.css_first(html_module._SHOWN_SEPARATOR) is None:
        return
    event("a shown separator")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(html_module, "_SHOWN_SEPARATOR", 'p:lexbor-contains("\x01")')
        assert not page.surely_ends_plain(TITLE_SEPARATOR_BY_CASE)


def test_shown_separators_in_paragraphs_items_and_cells_answer_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown = ["<p>Tabs vs spaces</p>", "<ul><li>Oak Valley VS Millbrook 3:4</li></ul>",
             "<table><tr><td>red vs blue</td></tr></table>", "<nav><p>a vs b</p></nav>"]
    unshown = ["<p>a <b>vs</b> b</p>", "<p>a\tvs b</p>", "<template><p>a vs b</p></template>",
               "<p>canvas</p>", "<textarea><p>a vs b</p></textarea>", "<p>a vs. b</p>", "<p>a versus b</p>"]
    queried = []
    monkeypatch.setattr(html_module, "_joined", lambda node: queried.append(node) or "")
    for body in shown + unshown:
        queried.clear()
        page = parse_html(f"<html><head></head><body>{body}</body></html>")
        page.surely_ends_plain(TITLE_SEPARATOR_BY_CASE)
        assert (body in shown) == (not queried), body  # the body's text is never read for those


def test_other_sites_pages_same_outcome(real_html_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """110 real pages of other sites: each rejected as before, most of them before the walk."""
    pages = sorted(p for p in (real_html_dir / "web-pages").iterdir() if p.suffix == ".html")
    docs = [RawDocument(source_uri=p.name, data=p.read_bytes(), format="html") for p in pages]
    fast = [_outcome(doc) for doc in docs]
    early = sum(parse_html(doc.data).surely_ends_plain(TITLE_SEPARATOR_BY_CASE) for doc in docs)
    assert early >= 0.9 * len(docs)  # 101 of 110: the rest show a "vs" word in their text
    _without_shortcuts(monkeypatch)
    assert fast == [_outcome(doc) for doc in docs]


@pytest.mark.parametrize(
    ("html", "url", "may"),
    [
        ("<a href='/about/'>About</a>", None, False),
        ("<a href='/job/12-x/'>x</a>", None, True),
        ("<a href='/J&#111;b/12-x/'>x</a>", None, True),  # a character reference
        ("<a href='/&#x6a;ob/12-x/'>x</a>", None, True),
        ("<a href='/jo\nb/12-x/'>x</a>", None, True),  # URL parsing drops the newline
        ("<a href='senior-12/'>x</a>", "https://127.0.0.1/hiring/jobs/", True),  # the base has it
        ("<p>&#1066; &#x6ab;</p>", "file:page.html", False),
    ],
)
def test_may_link_jobs(html: str, url: str | None, may: bool) -> None:
    assert _may_link_jobs(html, url) is may


def test_listing_pretest_never_hides_a_listing() -> None:
    cards = "".join(f"<li><a href='/j&#111;b/{n}-role/'>Role {n}</a></li>" for n in range(1, 5))
    assert is_listing_page(f"<html><body><ul>{cards}</ul></body></html>", "https://127.0.0.1/")


# -- the separator pattern never misses a title the walk could print -------------------------------

_ROLE = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ(/&", min_size=2, max_size=12)
_WORD = st.sampled_from(["vs", "vs.", "VS", "Vs.", "versus", "Versus", "VERSUS", "v\u017f"])
_SPACE = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", " \n "])


@given(st.tuples(_ROLE, _SPACE, _WORD, _SPACE, _ROLE),
       st.lists(st.integers(min_value=0, max_value=60), max_size=6), st.booleans())
def test_title_separator_is_found_wherever_nodes_split_the_title(
    parts: tuple[str, str, str, str, str], cuts: list[int], edge_space: bool
) -> None:
    """A title block is text nodes joined, whitespace collapsed, maybe a space added at a node's
    edge (a table cell): split the title at any points, drop the space the walker would add at a
    cut, and the pattern still finds the separator in the node-joined text."""
    title = "".join(parts)
    assert parse_title(normalize_space(title)) is not None
    pieces, last = [], 0
    for cut in sorted({c % (len(title) + 1) for c in cuts}):
        pieces.append(title[last:cut])
        last = cut
    pieces.append(title[last:])
    if edge_space and len(pieces) > 1 and pieces[1][:1].isspace():
        pieces[1] = pieces[1][1:]  # the space came from the walker, not from the text
    assert TITLE_SEPARATOR.search(NODE_BOUNDARY.join(pieces)) is not None


_SEPARATOR_PIECES = ["v", "V", "s", "S", "\u017f", "ersus", "ERSUS", ".", " ", "\n", NODE_BOUNDARY, "a"]


@given(st.lists(st.sampled_from(_SEPARATOR_PIECES), max_size=12).map("".join))
def test_the_separator_by_case_finds_what_the_separator_finds(text: str) -> None:
    """The two patterns the early test uses (one per case of the "v") find the same words."""
    assert sum(len(p.findall(text)) for p in TITLE_SEPARATOR_BY_CASE) == len(TITLE_SEPARATOR.findall(text))


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("chrome", [False, True])
def test_no_article_of_any_layout_is_rejected_early(layout: str, chrome: bool) -> None:
    """Articles in every layout of the generator, with and without a site's boilerplate, in
    both charsets: the early test declines each, and each parses as an article."""
    for seed in range(6):
        rng = random.Random(f"early-{layout}-{seed}")
        spec = synth_spec(rng)
        charset = "windows-1252" if seed % 3 == 0 else "utf-8"
        data = page_bytes(spec, layout, charset=charset, chrome=site_chrome(spec, rng) if chrome else None)
        decoded = decode_bytes(data, is_html=True)
        assert not surely_neither(data, url=f"{layout}-{seed}.html")
        assert not parse_html(decoded.utf8 or decoded.text).surely_ends_plain(TITLE_SEPARATOR_BY_CASE)
        rows, quarantine = _outcome(RawDocument(f"{layout}-{seed}.html", data, "html"))
        assert len(rows["articles"]) == 1, (layout, seed, quarantine)


def _spelled(char: str, how: int) -> str:
    """``char`` as itself, in the other case, or as a decimal or hexadecimal reference."""
    if char == "/":
        return ["/", "&#47;", "&sol;", "&#x2F;"][how % 4]
    return [char, char.upper(), f"&#{ord(char)};", f"&#x{ord(char):x};"][how % 4]


@given(st.sampled_from(["/job/12-x/", "/hiring/jobs/senior-x-12/", "/job/data-x-12/", "/en/job/7/"]),
       st.lists(st.integers(min_value=0, max_value=7), min_size=30, max_size=30))
def test_job_pretest_finds_every_spelling_of_a_job_link(path: str, choices: list[int]) -> None:
    """A job link's path spelled with references, either case and the controls URL parsing
    drops: whenever the listing parser reads it as a job link, the pre-test lets it through."""
    pieces = zip(path, choices, strict=False)
    href = "".join(_spelled(char, choice) + ("\n" if choice == 7 else "") for char, choice in pieces)
    html = f"<html><body><a href='{href}'>Role</a></body></html>"
    root = parse_tree(html)
    assert root is not None
    links = [job_key(urljoin("https://127.0.0.1/", a.get("href") or ""))[0] for a in root.iter("a")]
    event(f"read as a job link: {any(links)}")
    if any(links):
        assert _may_link_jobs(html, None)
        assert not surely_neither(html.encode(), url="page.html")


def test_bytes_without_a_job_link_skip_the_listing_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page the byte test cannot rule out for its "vs", whose bytes hold no job link: it is
    ``not_an_article`` without the board test (listing or job page); with a job link the board
    test runs."""
    html = ("<html><body><h1>Weekend</h1><p>a</p><p>b</p><p>c</p>"
            "<ul><li>Rovers vs. City 2:1</li></ul></body></html>")
    calls: list[str] = []

    def board(text: str, base: str, url: str | None = None) -> None:
        calls.append(text)

    monkeypatch.setattr(process, "read_board_page", board)
    _, quarantine = _outcome(_doc(html))
    assert [(q["reason"], q["detail"]) for q in quarantine] == [("not_an_article", NO_TITLE)]
    assert not calls
    linked = html.replace("<p>a</p>", "<p><a href='/jobs/12/'>a</a></p>")
    _, quarantine = _outcome(_doc(linked))
    assert [(q["reason"], q["detail"]) for q in quarantine] == [("not_an_article", NO_TITLE)]
    assert len(calls) == 1
    # A codec that does not keep ASCII (UTF-16): the bytes say nothing, the listing test runs.
    _, quarantine = _outcome(RawDocument("page.html", codecs.BOM_UTF16_LE + html.encode("utf-16-le"), "html"))
    assert len(calls) == 2


@pytest.mark.parametrize("layout", BOARD_LAYOUTS)
def test_no_listing_of_any_layout_is_ruled_out_from_its_bytes(layout: str) -> None:
    """Generated job boards: the byte test finds their job links whatever the page's URL."""
    for seed in range(4):
        page = board_page(random.Random(f"early-board-{layout}-{seed}"), 1 + seed, 5, layout=layout)
        assert is_listing_page(page.html, page.url)
        assert not surely_neither(page.html, url="page.html")


def test_structural_limits_are_for_pages_that_could_matter() -> None:
    """A page ruled out from its bytes is ``not_an_article`` whatever its structure (nested too
    deep, too many blocks, nothing visible): those limits protect the walk, which it never
    reaches. The same page with a title word still meets them."""
    deep = "<div>" * 300 + "deep" + "</div>" * 300
    many = "<p>x</p>" * 60
    cases = [(deep, "too_deep", Limits()), (many, "too_many_blocks", Limits(max_blocks=50)),
             ("  ", "empty", Limits())]
    for body, reason, limits in cases:
        plain = f"<html><body>{body}</body></html>"
        titled = f"<html><head><title>Cats vs. Dogs</title></head><body>{body}</body></html>"
        assert [(q["stage"], q["reason"]) for q in process_document(_doc(plain), limits).quarantine] == [
            ("parse", "not_an_article")]
        assert [(q["stage"], q["reason"]) for q in process_document(_doc(titled), limits).quarantine] == [
            ("structure", reason)]
