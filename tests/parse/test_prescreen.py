"""The byte test that rules out pages which can be neither an article nor a listing.

It must never rule out a page the full route could take as either: each escape a word may
hide behind in the bytes has a test, and property tests compare it with the text test
(:data:`pipeline.run.process.TITLE_SEPARATOR` over the parsed page's text nodes).
"""

from __future__ import annotations

import codecs
import gzip
import time
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.decode.charset import decode_bytes, keeps_ascii
from pipeline.parse.prescreen import may_hold_title_or_jobs, surely_neither
from pipeline.read.sources import read_document
from pipeline.run.process import TITLE_SEPARATOR, process_document
from pipeline.structure.html import NODE_BOUNDARY, parse_html


def _page(body: str) -> str:
    return f"<html><head><title>A page</title></head><body>{body}</body></html>"


def _reasons(data: bytes, name: str = "page.html") -> list[tuple[str, str]]:
    result = process_document(RawDocument(name, data, "html"), Limits())
    return [(q["stage"], q["reason"]) for q in result.quarantine]


@pytest.mark.parametrize(
    "body",
    [
        "<h1>Cats vs dogs</h1>",
        "<h1>Cats VS. dogs</h1>",
        "<h1>Cats versus dogs</h1>",
        "<h1>Cats v<b>s</b> dogs</h1>",  # a tag splits the word
        "<h1>Cats v<span title='a>b' data-x=\"c>d\">s</span> dogs</h1>",  # quoted attributes hold >
        "<h1>Cats v<!-- a > b -->s dogs</h1>",  # a comment holding >
        "<h1>Cats v<!---->ersus dogs</h1>",
        "<h1>Cats &#118;s dogs</h1>",  # a letter spelled as a reference
        "<h1>Cats &#x56;&#X53; dogs</h1>",
        "<h1>Cats v&#115; dogs</h1>",
        "<h1>Cats v&#383; dogs</h1>",  # the long s, by reference
        "<h1>Cats v\u017f dogs</h1>",  # and as itself
        "<h1>Cats v\u00c5\u00bf dogs</h1>",  # and as its mojibake, which the decoder repairs
        "<h1>Cats v\x00s dogs</h1>",  # a NUL the decoder drops
        "<h1>Cats v&shy;s dogs</h1>",
        "<h1>Cats v\u200bs dogs</h1>",
        "<h1>Cats&nbspvs dogs</h1>",  # a legacy reference without its ";" before the word
        "<h1>Cats&#32vs dogs</h1>",
        "<svg><text>Cats v<![CDATA[s]]> dogs</text></svg>",
        "<h1>Cats V<i>E</i>R<!-- -->S&#117;s dogs</h1>",
        "<a href='/job/12-x/'>x</a>",  # a job link
        "<a href='/J&#111;b/12-x/'>x</a>",
        "<a href='/jo\nb/12-x/'>x</a>",
        "<a href='/hiring/jobs&sol;senior-1/'>x</a>",
        "<a href='/&#x6a;ob/12-x/'>x</a>",  # the first letter as a reference
        "<a href='/hiring/job&#115;/senior-1/'>x</a>",
    ],
)
def test_never_rules_out_a_word_behind_an_escape(body: str) -> None:
    data = _page(body).encode("utf-8")
    assert may_hold_title_or_jobs(data)
    assert not surely_neither(data, url="page.html")


@pytest.mark.parametrize(
    "body",
    [
        "<p>Fresh bread, open daily.</p>",
        "<p>Intensivstation, TVs, obvs, divs, canvas.</p>",  # vs inside words only
        "<p>Somebody does the job.</p><a href='/jobless'>x</a>",  # the word, but no job/ path
        "<div class='nav'><span>navigation</span></div>",
    ],
)
def test_rules_out_pages_without_either_word(body: str) -> None:
    data = _page(body).encode("utf-8")
    assert surely_neither(data, url="page.html")
    assert _reasons(data) == [("parse", "not_an_article")]


def test_a_url_that_spells_job_leaves_the_question_open() -> None:
    data = _page("<p>plain</p>").encode("utf-8")
    assert not surely_neither(data, url="https://127.0.0.1/hiring/jobs/")
    assert not surely_neither(data, url="boards/jobs/page-2.html")


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + b"<p>plain</p>",
        "<p>plain</p>".encode("utf-16"),  # a byte order mark
        "<p>plain</p>".encode("utf-16-le"),  # none: half NUL bytes
        b'<meta charset="cp500"><p>plain</p>',  # EBCDIC
        b"\x89PNG\r\n\x1a\n<p>plain</p>",  # binary
        b"<p>plain</p>" + b"\x01\x02\x03" * 10,  # control bytes: binary
        b"<p>" + bytes(range(0x80, 0x100)) * 4 + b"</p>",  # not mostly ASCII: maybe undecodable
    ],
)
def test_bytes_whose_text_may_not_keep_ascii_fall_through(data: bytes) -> None:
    assert not keeps_ascii(data, is_html=True)
    assert not surely_neither(data, url="page.html")


def test_a_header_charset_that_does_not_keep_ascii_falls_through() -> None:
    data = b"<p>plain</p>"
    assert keeps_ascii(data, is_html=True, content_type="text/html; charset=windows-1252")
    assert not keeps_ascii(data, is_html=True, content_type="text/html; charset=utf-16")
    assert not keeps_ascii(data, is_html=True, content_type="text/html; charset=cp500")


def test_utf7_is_never_chosen_so_its_words_are_plain_bytes() -> None:
    """UTF-7 (where ``+AHY-`` is "v") is no label a browser knows: the decode stage ignores it
    as a declaration, so the text is the bytes and ruling the page out is right."""
    data = _page("<p>Cats +AHY-s dogs</p>").replace("<head>", "<head><meta charset='utf-7'>").encode()
    for content_type in (None, "text/html; charset=utf-7"):
        assert "+AHY-s" in decode_bytes(data, is_html=True, content_type=content_type).text
        assert keeps_ascii(data, is_html=True, content_type=content_type)
    assert surely_neither(data, url="page.html")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"<p>plain</p>" * 10, "binary"),
        (b"<p>plain</p>" + b"\x01\x02\x03" * 40, "binary"),
        ("<p>plain</p>".encode("utf-16-le"), "binary"),  # no byte order mark: half NUL bytes
        (b"<p>" + bytes(range(0x80, 0x100)) * 4 + b"</p>", "undecodable"),
        (codecs.BOM_UTF8 + b"<p>\xff\xfe</p>", "undecodable"),
    ],
)
def test_what_came_before_not_an_article_still_does(data: bytes, reason: str) -> None:
    assert _reasons(data) == [("decode", reason)]


def test_utf16_page_is_judged_after_decoding() -> None:
    titled = _page("<h1>Data Analyst vs. Data Engineer</h1>").encode("utf-16")
    assert not surely_neither(titled, url="page.html")
    assert _reasons(_page("<p>plain</p>").encode("utf-16")) == [("parse", "not_an_article")]


def test_a_gzipped_page_is_read_before_it_is_judged(tmp_path: Path) -> None:
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(_page("<h1>Cats v<b>s</b> dogs</h1>").encode()))
    doc = read_document(tmp_path / "a.html.gz", tmp_path, Limits())
    assert not surely_neither(doc.data, url=doc.source_uri)


# -- the byte test finds whatever the text test finds in the parsed page ---------------------------

def _damaged(char: str, pages: tuple[str, ...]) -> str:
    """``char`` as UTF-8 read through each code page in turn (mojibake, layer upon layer)."""
    for page in pages:
        char = char.encode("utf-8").decode(page, "replace")
    return char


_PIECES = st.sampled_from([
    "v", "V", "s", "S", "e", "E", "r", "R", "u", "U", ".", " ", "\n", "\u00a0", "\u017f", "\u00c5\u00bf",
    "a", "x", "<b>", "</b>", "<i title='a>b'>", "</i>", "<!-- c > d -->", "<!---->", "&#118;", "&#X56;",
    "&#115;", "&#x17F;", "&#32;", "&nbsp;", "&nbsp", "&amp;", "&shy;", "\u200b", "<td>", "<br>",
    "<script>", "</script>", "\x00", "\u00e9", "\u00f6", "1", "&#10", "&#32", "/", "+", "-", "'",
    *(_damaged("\u017f", pages) for pages in [("cp1252", "cp1252"), ("cp1253",), ("cp1251",), ("cp874",)]),
])  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=14).map(" v".join), st.sampled_from(["utf-8", "cp1252", "gb18030"]))
def test_finds_every_separator_the_text_test_finds(fragment: str, charset: str) -> None:
    """Random fragments of letters, tags, comments, references and odd characters: whenever the
    parsed page's text nodes hold the separator, the bytes are not ruled out."""
    filler = "<!--" + "x" * 2000 + "-->"  # a stray NUL stays under the share that makes data binary
    html = f"<html><head><meta charset='{charset}'>{filler}</head><body><p>{fragment}</p></body></html>"
    data = html.encode(charset, "xmlcharrefreplace")
    page = parse_html(decode_bytes(data, is_html=True).text)
    root = page.tree.root
    assert root is not None
    joined = root.text(deep=True, separator=NODE_BOUNDARY, strip=False)
    found = TITLE_SEPARATOR.search(joined) is not None
    event(f"separator in the text: {found}")
    if found:
        assert may_hold_title_or_jobs(data), (fragment, joined)



@pytest.mark.parametrize(
    "body",
    [
        "<p>Das ist v\u00f6llig egal.</p>",  # a German word: "v" then a letter that is no long s
        "<img src='data:image/png;base64,AbC3vs1Qx/vSkv+vsE'>",  # base64: no word starts there
        "<p>shout_vsbl, e-vs, \"vs\"</p>",
    ],
)
def test_utf8_pages_are_read_narrowly(body: str) -> None:
    """In bytes read as UTF-8 the byte before the "v" and a non-ASCII "s" are known: these
    pages are ruled out; the same bytes declared as windows-1252 are not (the broad test)."""
    data = _page(body).encode("utf-8")
    assert surely_neither(data, url="page.html")
    assert _reasons(data) == [("parse", "not_an_article")]
    assert not surely_neither(data, url="page.html", content_type="text/html; charset=windows-1252")


@pytest.mark.parametrize(
    "word", ["v\u017f", "v\u00c5\u00bf", "v\u00c3\u2026\u00c2\u00bf", "V\u0395\u038f", "&#32vs", "&#x20;vs"]
)
def test_utf8_pages_keep_every_spelling_of_the_long_s(word: str) -> None:
    data = _page(f"<h1>Cats {word} dogs</h1>").encode("utf-8")
    assert not surely_neither(data, url="page.html")


def test_a_failed_match_costs_linear_time() -> None:
    """A tag with many quoted attributes after a word-starting "v" that leads nowhere: each tag
    is read one way only (as the tokenizer reads it), not re-read 2**n ways on failure."""
    attributes = " ".join(f'a{n}="1" b{n}=\'2\' c{n}=3' for n in range(60))
    data = _page(f"<p>Cats v<span {attributes}>x</span> dogs</p>" * 50).encode()
    started = time.process_time()
    assert surely_neither(data, url="page.html")
    assert time.process_time() - started < 1.0


@pytest.mark.parametrize(
    "tag",
    ["<a href='x>y'>", '<a b="1>2" c=\'3>4\' d=e>', "<a x=c='d>", '<a ="x>', "<a b'c>", "</b >", "<!x>",
     "<?x>", "</ x>", "<br/>", "<img\nsrc=x\n/>", "<a b = 'c>d' >"],
)
def test_every_way_a_tag_ends_is_a_gap(tag: str) -> None:
    """Tags as the HTML tokenizer ends them (quoted values with ">", a stray "=" or quote,
    bogus comments) between the letters: the parsed text holds "vs", so the bytes must too."""
    html = _page(f"<p>Cats v{tag}s dogs</p>")
    page = parse_html(html)
    assert page.tree.root is not None
    assert TITLE_SEPARATOR.search(page.tree.root.text(deep=True, separator=NODE_BOUNDARY, strip=False))
    assert may_hold_title_or_jobs(html.encode())
