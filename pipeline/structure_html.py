"""Saved HTML pages -> the common block stream.

Why this shape: a text dump is a copy of the *rendered* page, so the HTML path must give
the blocks a reader would copy from the article region, in reading order, and nothing
else. Which region is the article is read from generic HTML semantics (``<article>``,
``<main>``, ARIA roles, text density), never from one site's CSS class names, so a
redesign of the site does not break the parser.

One parse (libxml2's lenient HTML parser) and one iterative walk (``etree.iterwalk``, no
recursion, so nesting cannot exhaust Python's stack). The walk emits every visible block of
the page into one flat list and records, for the elements that may be the article region,
their slice of that list and their text sums; the region is chosen after the walk and the
output is a few slices (:mod:`pipeline.html_region`). Regions that turn out to be junk only
at their end (a site header, a table of contents) are cut off the end of the list when they
close.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

from lxml import etree

from pipeline.blocks import Block, BlockKind
from pipeline.errors import StructureError
from pipeline.html_region import Span, Title, WalkedPage, select_blocks

# Never visible as text (or not article text): their subtrees are skipped, tails kept.
_IGNORED = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "audio", "video", "form", "button", "select", "input", "textarea", "head",
    "title", "meta", "link", "base",
)
# display:block (or list-item, table row) in the browser's default style sheet: each one ends
# the line before it and starts a new one, which is what splits a copied page into lines.
_BLOCKS = (
    "html", "body", "address", "article", "aside", "blockquote", "center", "details", "dialog",
    "dd", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "header",
    "hgroup", "hr", "legend", "li", "listing", "main", "menu", "nav", "ol", "p", "plaintext",
    "pre", "search", "section", "summary", "table", "caption", "thead", "tbody", "tfoot", "tr",
    "ul", "xmp", "form", "h1", "h2", "h3", "h4", "h5", "h6",
)
# Inline elements that, without attributes, need nothing but their text joined to the line.
_PLAIN_INLINE = (
    "span", "strong", "b", "em", "i", "u", "s", "code", "small", "big", "mark", "time", "abbr",
    "cite", "q", "sub", "sup", "kbd", "var", "samp", "del", "ins", "font", "label", "bdi", "bdo",
    "data", "dfn", "tt", "strike", "nobr", "wbr", "img", "picture", "source",
)
# Running text, for the density score.
_TEXT_TAGS = ("p", "li", "pre", "blockquote", "dd", "dt", "figcaption", "td", "th")
# Containers that may hold the whole article when no <article>/<main> says so.
_CANDIDATES = ("body", "div", "section", "article", "main", "center")
# Tags whose start needs more than the table: regions, links, the title.
_SPECIAL = ("nav", "footer", "header", "a", "article", "main", "aside", "body", "section", "h1")
# header/footer inside one of these belong to it; otherwise they are the page's own.
_SECTIONING = frozenset({"article", "aside", "main", "nav", "section"})
_HEADINGS = MappingProxyType({"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6})
_LISTS = frozenset({"ul", "ol", "menu", "dir"})
# Site chrome by declaration (role=banner is handled like a page header: cut, h1 kept aside).
_DROPPED_ROLES = frozenset({"navigation", "contentinfo", "search"})
# Invisible format characters: a block made only of these is an empty block.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"

# What a tag is, as bits, so the walk looks a tag up once per element.
_IS_BLOCK, _IS_CELL, _IS_TEXT, _IS_CANDIDATE, _IS_SPECIAL, _IS_INLINE, _IS_IGNORED = 1, 2, 4, 8, 16, 32, 64


def _tag_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for tags, bit in ((_BLOCKS, _IS_BLOCK), (("td", "th"), _IS_CELL), (_TEXT_TAGS, _IS_TEXT),
                      (_CANDIDATES, _IS_CANDIDATE), (_SPECIAL, _IS_SPECIAL),
                      (_PLAIN_INLINE, _IS_INLINE), (_IGNORED, _IS_IGNORED)):
        for tag in tags:
            table[tag] = table.get(tag, 0) | bit
    return table


_TAGS = MappingProxyType(_tag_table())

# A bullet or number that a page prints in a <p> to fake a list (same markers as text dumps;
# the middle dot is a separator there, so not here either).
_FAKE_ITEM = re.compile(r"^(?P<marker>[•▪●◦‣∙*–-]|\d{1,2}[.)])\s+(?P<text>\S.*)$", re.DOTALL)
_FAKE_ITEM_FIRST = frozenset("•▪●◦‣∙*–-0123456789")  # a cheap test before the pattern
# A bullet printed inside an <li>: the marker already says it.
_LITERAL_BULLET = re.compile(r"^(?:[•·▪●◦‣∙]\s*|[*–—-]\s+)")
_LETTER = re.compile(r"[^\W\d_]")
_ABSOLUTE_URL = re.compile(r"^https?://[^\s/?#]+\S*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HtmlDocument:
    """The blocks of a page's article region plus the page facts the parser cannot see."""

    blocks: list[Block]
    canonical_url: str | None
    """``<link rel=canonical href>``, else ``og:url``, else None; absolute http(s) URLs only,
    as printed (stripped, not normalized)."""
    page_title: str | None
    """``<title>`` text, whitespace-normalized; None when absent or blank."""


@dataclass(slots=True)
class _List:
    """An open ul/ol: its numbering, and whether every item so far is an in-page link (TOC)."""

    ordered: bool
    number: int
    step: int
    pre: int
    start: int
    items: int = 0
    all_links: bool = True


@dataclass(slots=True)
class _Item:
    """An open li: its marker until its first text takes it, and its TOC evidence."""

    marker: str
    level: int
    pending: bool = True
    has_link: bool = False
    other_text: bool = False


@dataclass(slots=True)
class _Header:
    """An open page-level header: cut at its end unless it holds an h1 and no nav (a hero)."""

    span: Span
    banner: bool = False
    """``role=banner``: site chrome whatever it holds."""
    has_h1: bool = False
    has_nav: bool = False


# Bits of what a start event set up and the matching end event must undo.
_CTX, _SUPPRESS, _TEXT, _LINK, _HASH, _SECTION, _ASIDE = 1, 2, 4, 8, 16, 32, 64
_LIST, _ITEM, _HEADER, _H1 = 128, 256, 512, 2048
_ARTICLE, _MAIN, _COMPLEMENT, _CANDIDATE, _BODY = 4096, 8192, 16384, 32768, 65536
_SPANNED = _ARTICLE | _MAIN | _COMPLEMENT | _CANDIDATE | _BODY


def html_to_blocks(html: str | bytes, *, max_depth: int = 200, max_blocks: int = 20_000) -> HtmlDocument:
    """Turn an HTML page into the blocks of its article region, then its asides.

    ``bytes`` are read as UTF-8 (callers normally pass decoded text). Raises
    :class:`StructureError` ``too_deep`` (nesting over ``max_depth``, or over libxml2's own
    cap), ``too_many_blocks`` (more than ``max_blocks`` visible blocks on the page),
    ``empty`` (no visible text) or ``malformed_html`` (the parser gave up).
    """
    root = _parse(html)
    walker = _Walker(max_depth, max_blocks)
    if root is not None:
        walker.walk(root)
    blocks = walker.result()
    if not blocks:
        raise StructureError("empty", "no visible text in the page")
    return HtmlDocument(blocks, walker.canonical or walker.og_url, walker.page_title)


def _parse(html: str | bytes) -> etree._Element | None:
    """Parse once; a depth error from libxml2 means nesting it refused to build."""
    data = html.encode("utf-8", "replace") if isinstance(html, str) else html
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise StructureError("malformed_html", str(error)) from error
    for entry in parser.error_log:
        if "depth" in entry.message.lower():
            # libxml2 (without XML_PARSE_HUGE) stops nesting at 256 and flattens the rest.
            raise StructureError("too_deep", entry.message.strip())
    return root


def _normalize(text: str) -> str:
    """Collapse whitespace as a browser renders it (``&nbsp;`` included) and strip."""
    text = " ".join(text.split())
    return text if text.strip(_INVISIBLE) else ""


def _is_hidden(el: etree._Element, keys: list[str]) -> bool:
    """``hidden``, ``aria-hidden=true`` or an inline ``display:none``/``visibility:hidden``."""
    if "hidden" in keys or (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = el.get("style")
    if not style:
        return False
    style = style.replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _absolute_url(value: str | None) -> str | None:
    """The URL as printed when it is absolute; a relative one cannot be resolved here.

    >>> _absolute_url(" https://aijobs.net/insights/a-vs-b ")
    'https://aijobs.net/insights/a-vs-b'
    >>> _absolute_url("/insights/a-vs-b") is None
    True
    """
    value = (value or "").strip()
    return value if _ABSOLUTE_URL.match(value) else None


def _wraps_page(form: etree._Element) -> bool:
    """A form around the whole page (old CMSs do this) is a container, not a form."""
    return next(form.iter("article", "main", "h1"), None) is not None


def _ordered_start(el: etree._Element, reversed_: bool) -> int:
    start = el.get("start")
    if start is not None and start.strip().lstrip("-").isdigit():
        return int(start)
    return sum(1 for child in el if child.tag == "li") if reversed_ else 1


class _Walker:
    """One iterative walk over the tree; see the module docstring for the plan.

    Open block elements form a stack of lines (``lines``: the text parts collected so far,
    ``levels``: the heading level they print at, 0 for running text).
    """

    def __init__(self, max_depth: int, max_blocks: int) -> None:
        self.max_depth = max_depth
        self.max_blocks = max_blocks
        self.blocks: list[Block] = []
        self.lines: list[list[str]] = []
        self.levels: list[int] = []
        self.frames: list[tuple[int, Span | None] | None] = []
        self.lists: list[_List] = []
        self.items: list[_Item] = []
        self.headers: list[_Header] = []
        self.titles: list[Title] = []
        self.open_title: Title | None = None
        self.articles: list[Span] = []
        self.mains: list[Span] = []
        self.asides: list[Span] = []
        self.candidates: list[Span] = []
        self.heroes: list[Span] = []
        self.body: Span | None = None
        self.depth = self.ordinal = self.chars = self.p_chars = self.link_chars = 0
        self.marks: list[tuple[int, int]] = []
        """(chars, link chars) counted when each block was flushed: link share per block."""
        self.suppress = self.text_depth = self.link_depth = self.hash_depth = 0
        self.section_depth = self.aside_depth = 0
        self.canonical: str | None = None
        self.og_url: str | None = None
        self.page_title: str | None = None

    # -- the walk -------------------------------------------------------------------------

    def walk(self, root: etree._Element) -> None:
        """Drive start/end events; skipped subtrees still get their end event (for tails)."""
        events = etree.iterwalk(root, events=("start", "end"))
        start, end = self.start, self.end
        for event, el in events:
            if event == "start":
                if start(el):
                    events.skip_subtree()
            else:
                end(el)
        if self.body is None:
            # A tree without <body>: the whole tree is the one region.
            self.body = Span(0, 0, self.chars, self.p_chars, self.ordinal, len(self.blocks))

    def start(self, el: etree._Element) -> bool:
        """Open an element; True when its subtree is to be skipped."""
        self.depth += 1
        if self.depth > self.max_depth:
            raise StructureError("too_deep", f"elements nested deeper than {self.max_depth}")
        self.ordinal += 1
        tag = el.tag
        bits = _TAGS.get(tag, 0)
        keys = el.keys()
        if not keys and bits & _IS_INLINE:
            # The common case (<strong>, <span>, <em>): its text simply joins the line.
            self.frames.append(None)
            if el.text:
                self._text(el.text)
            return False
        if not isinstance(tag, str) or (keys and _is_hidden(el, keys)):
            self.frames.append(None)
            return True
        if bits & _IS_IGNORED and not (tag == "form" and _wraps_page(el)):
            self._metadata(el, tag)
            self.frames.append(None)
            return True
        if not bits and "-" in tag:
            bits = _IS_BLOCK | _IS_CANDIDATE  # a custom element: laid out as a block box
        role = (el.get("role") or "").strip().lower() if keys else ""
        flags = self._open_special(el, tag, role, bits) if bits & _IS_SPECIAL or role else 0
        if bits & _IS_TEXT:
            flags |= _TEXT
            self.text_depth += 1
        if bits & _IS_CANDIDATE and not (self.suppress or self.aside_depth):
            flags |= _CANDIDATE
        span = None
        if bits & _IS_BLOCK:
            flags |= self._open_block(el, tag)
            if flags & (_SPANNED | _HEADER):
                span = Span(self.ordinal, len(self.blocks), self.chars, self.p_chars)
                if flags & _HEADER:
                    self.headers.append(_Header(span, banner=role == "banner"))
        elif bits & _IS_CELL:
            self._text(" ")  # cells of a row print on one line, a space apart
        self.frames.append((flags, span) if flags else None)
        if el.text:
            self._text(el.text)
        return False

    def _open_special(self, el: etree._Element, tag: str, role: str, bits: int) -> int:
        """Regions (dropped or candidate), links and the title: what the tag table cannot say."""
        flags = 0
        page_header = role == "banner" or (tag == "header" and not self.section_depth)
        if tag == "nav" or role in _DROPPED_ROLES or (tag == "footer" and not self.section_depth) or (
            page_header and not bits & _IS_BLOCK  # an inline banner: no lines of its own to keep
        ):
            flags |= _SUPPRESS
            self.suppress += 1
            for header in self.headers:
                header.has_nav = header.has_nav or tag == "nav" or role == "navigation"
        elif page_header and not self.suppress:
            flags |= _HEADER
        if tag == "a" and el.get("href") is not None:
            flags |= _LINK
            self.link_depth += 1
            if el.get("href", "").startswith("#"):
                flags |= _HASH
                self.hash_depth += 1
                if self.items:
                    self.items[-1].has_link = True
        if self.suppress:
            return flags
        if tag == "article":
            flags |= _ARTICLE
        if tag == "main" or role == "main":
            flags |= _MAIN
        if tag == "aside" or role == "complementary":
            flags |= _ASIDE if self.aside_depth else _ASIDE | _COMPLEMENT
            self.aside_depth += 1
        if tag == "body" and self.body is None:
            flags |= _BODY
        if tag in _SECTIONING or role in ("main", "complementary"):
            flags |= _SECTION
            self.section_depth += 1
        if tag == "h1" and self.open_title is None and not self.aside_depth:
            flags |= _H1
            self.open_title = Title(self.ordinal)
            for header in self.headers:
                header.has_h1 = True
        return flags

    def _open_block(self, el: etree._Element, tag: str) -> int:
        """A block ends the current line: flush the text before it, then open its own."""
        if self.lines and self.lines[-1]:
            self._flush()
        self.lines.append([])
        self.levels.append(_HEADINGS.get(tag, 0) or (self.levels[-1] if self.levels else 0))
        if tag in _LISTS:
            if self.items:
                self.items[-1].pending = False
            ordered = tag == "ol"
            reversed_ = ordered and el.get("reversed") is not None
            number = _ordered_start(el, reversed_) if ordered else 0
            self.lists.append(_List(ordered, number, -1 if reversed_ else 1, self.ordinal, len(self.blocks)))
            return _CTX | _LIST
        if tag == "li":
            self.items.append(_Item(self._marker(el), max(1, len(self.lists))))
            return _CTX | _ITEM
        return _CTX

    def _marker(self, li: etree._Element) -> str:
        """``•`` in a ul; the number (``start``, ``value``, ``reversed`` honored) in an ol."""
        lst = self.lists[-1] if self.lists else None
        if lst is None or not lst.ordered:
            return "•"
        value = li.get("value")
        if value is not None and value.strip().lstrip("-").isdigit():
            lst.number = int(value)
        number = lst.number
        lst.number += lst.step
        return f"{number}."

    def end(self, el: etree._Element) -> None:
        """Close an element (undo what its start set up), then its tail joins the parent."""
        frame = self.frames.pop()
        self.depth -= 1
        if frame is not None:
            self._close(*frame)
        elif el.tag == "br" and self.lines and self.lines[-1]:
            self._flush()
        tail = el.tail
        if tail:
            self._text(tail)

    def _close(self, flags: int, span: Span | None) -> None:
        if flags & _CTX:
            if self.lines[-1]:
                self._flush()
            self.lines.pop()
            self.levels.pop()
        if flags & _TEXT:
            self.text_depth -= 1
        if flags & (_ITEM | _LIST | _H1):
            self._close_parts(flags)
        if span is not None:
            self._close_span(flags, span)
        if flags & _HEADER:
            self._close_header()
        if flags & (_SUPPRESS | _LINK | _SECTION | _ASIDE):
            self.suppress -= bool(flags & _SUPPRESS)
            self.link_depth -= bool(flags & _LINK)
            self.hash_depth -= bool(flags & _HASH)
            self.section_depth -= bool(flags & _SECTION)
            self.aside_depth -= bool(flags & _ASIDE)

    def _close_parts(self, flags: int) -> None:
        if flags & _ITEM:
            self._close_item()
        if flags & _LIST:
            self._close_list()
        if flags & _H1 and self.open_title is not None:
            self.titles.append(self.open_title)
            self.open_title = None

    def _close_span(self, flags: int, span: Span) -> None:
        span.last, span.end = self.ordinal, len(self.blocks)
        span.chars, span.p_chars = self.chars - span.chars, self.p_chars - span.p_chars
        for bit, spans in ((_ARTICLE, self.articles), (_MAIN, self.mains),
                           (_COMPLEMENT, self.asides), (_CANDIDATE, self.candidates)):
            if flags & bit:
                spans.append(span)
        if flags & _BODY:
            self.body = span

    def _close_item(self) -> None:
        item = self.items.pop()
        if self.lists:
            lst = self.lists[-1]
            lst.items += 1
            lst.all_links = lst.all_links and item.has_link and not item.other_text

    def _close_list(self) -> None:
        """A list whose every item is an in-page link is a table of contents: cut it."""
        lst = self.lists.pop()
        toc = lst.all_links and lst.items > 0
        if toc:
            self._cut(lst.pre, lst.start)
        if self.items:
            parent = self.items[-1]
            parent.has_link = parent.has_link or toc
            parent.other_text = parent.other_text or not toc

    def _close_header(self) -> None:
        """A page-level header with a nav, or without the h1, is site chrome: cut it."""
        header = self.headers.pop()
        span = header.span
        if header.banner or header.has_nav or not header.has_h1:
            self._cut(span.pre, span.start)
            for title in reversed(self.titles):
                if title.pre < span.pre:
                    break
                title.dropped = True
        else:
            span.last, span.end = self.ordinal, len(self.blocks)
            self.heroes.append(span)

    def _cut(self, pre: int, start: int) -> None:
        """Drop the blocks and regions of an element that just ended (they are at the end)."""
        del self.blocks[start:]
        del self.marks[start:]
        for spans in (self.articles, self.mains, self.asides, self.candidates, self.heroes):
            while spans and spans[-1].pre > pre:
                spans.pop()

    # -- text -----------------------------------------------------------------------------

    def _text(self, chunk: str) -> None:
        """Inline text joins the open line as printed; the counts feed the density score."""
        size = len(chunk.strip())
        if size:
            self.chars += size
            if self.text_depth and not self.link_depth:
                self.p_chars += size
            if self.link_depth:
                self.link_chars += size
            if self.items and not self.hash_depth:
                item = self.items[-1]
                if not item.other_text and _LETTER.search(chunk):
                    item.other_text = True
        elif not (self.lines and self.lines[-1]):
            return  # whitespace at the start of a line never shows
        if not self.suppress and self.lines:
            self.lines[-1].append(chunk)

    def _flush(self) -> None:
        """End the current line: the open block's collected text becomes one block."""
        parts = self.lines[-1]
        text = _normalize("".join(parts))
        parts.clear()
        if not text:
            return
        level = self.levels[-1]
        if level:
            block = Block(BlockKind.HEADING, text, level)
            if level == 1 and self.open_title is not None:
                self.open_title.blocks.append(block)
        elif self.items and self.items[-1].pending:
            text = _normalize(_LITERAL_BULLET.sub("", text, count=1))
            if not text:
                return
            item = self.items[-1]
            item.pending = False
            block = Block(BlockKind.ITEM, text, item.level, item.marker)
        else:
            block = _paragraph(text)
        self.blocks.append(block)
        self.marks.append((self.chars, self.link_chars))
        if len(self.blocks) > self.max_blocks:
            raise StructureError("too_many_blocks", f"more than {self.max_blocks} blocks")

    def _metadata(self, el: etree._Element, tag: str) -> None:
        """Canonical URL, og:url and <title>, wherever the parser put them."""
        if tag == "head":
            for child in el:
                if isinstance(child.tag, str):
                    self._metadata(child, child.tag)
        elif tag == "title" and self.page_title is None:
            self.page_title = _normalize("".join(el.itertext())) or None
        elif tag == "link" and self.canonical is None:
            if "canonical" in (el.get("rel") or "").lower().split():
                self.canonical = _absolute_url(el.get("href"))
        elif tag == "meta" and self.og_url is None and (el.get("property") or "").strip().lower() == "og:url":
            self.og_url = _absolute_url(el.get("content"))

    # -- handing over ---------------------------------------------------------------------

    def result(self) -> list[Block]:
        """The title (when outside the region), the region, then the asides outside it.

        The choice is :func:`pipeline.html_region.select_blocks`; an unwalked tree gives nothing.
        """
        if self.body is None:
            return []
        return select_blocks(WalkedPage(
            self.blocks, self.marks, self.body, self.titles, self.heroes,
            self.articles, self.mains, self.asides, self.candidates,
        ))


def _paragraph(text: str) -> Block:
    """A paragraph, or an item when the page fakes a list with ``• `` / ``1. `` paragraphs."""
    match = _FAKE_ITEM.match(text) if text[0] in _FAKE_ITEM_FIRST else None
    if match:
        return Block(BlockKind.ITEM, match.group("text"), 1, match.group("marker"))
    return Block(BlockKind.PARAGRAPH, text)
