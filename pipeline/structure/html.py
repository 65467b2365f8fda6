"""Saved HTML pages -> the common block stream.

Why this shape: a text dump is a copy of the *rendered* page, so the HTML path must give
the blocks a reader would copy from the article region, in reading order, and nothing
else. Which region is the article is read from generic HTML semantics (``<article>``,
``<main>``, ARIA roles, text density), never from one site's CSS class names, so a
redesign of the site does not break the parser.

A linear pre-scan of the tags (:mod:`pipeline.structure.html_depth`) first refuses pages
nested thousands deep, whose parse alone would cost quadratic time. Then one parse and one
iterative walk. The parser is lexbor (through selectolax), which builds
the tree the way browsers do (the HTML standard's algorithm) and is several times cheaper
than libxml2 on real pages, whose bytes are mostly scripts, styles and navigation. The
walk (:mod:`pipeline.structure.html_walk`) emits every visible block of the page into one flat list
and records, for the elements that may be the article region, their slice of that list and
their text sums; the region is chosen after the walk and the output is a few slices
(:mod:`pipeline.structure.html_region`). Regions that turn out to be junk only at their end (a site
header, a table of contents) are cut off the end of the list when they close.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from selectolax.lexbor import LexborDocumentOptions, LexborHTMLParser, LexborNode, SelectolaxError

from pipeline.errors import StructureError
from pipeline.structure.blocks import Block
from pipeline.structure.html_depth import check_nesting
from pipeline.structure.html_tags import TAG_NAMES_TO_IDS
from pipeline.structure.html_walk import Walker

PARSER_DEPTH_CAP = 256
"""Deepest nesting read at all, whatever ``max_depth`` says: deeper pages are ``too_deep``.

Why a cap of its own: pages nested this deep are generated junk, and the number is the
one libxml2 (the previous parser) refused to build past, so the limit a run enforces did
not change with the parser."""


@dataclass(frozen=True, slots=True)
class HtmlDocument:
    """The blocks of a page's article region plus the page facts the parser cannot see."""

    blocks: list[Block]
    canonical_url: str | None
    """``<link rel=canonical href>``, else ``og:url``, else None; absolute http(s) URLs only,
    as printed (stripped, not normalized)."""
    page_title: str | None
    """``<title>`` text, whitespace-normalized; None when absent or blank."""


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """A page parsed but not yet walked: enough to decide cheaply that it cannot matter."""

    tree: LexborHTMLParser
    max_depth: int
    max_blocks: int
    scanned_depth: int | None
    """The pre-scan's nesting estimate, None when the page was too small to be scanned."""
    source: str | bytes
    """What was parsed (kept for :meth:`markup_size`)."""
    tags: int
    """``<`` in the source."""

    def markup_size(self) -> int:
        """``<`` plus newlines in the source: no page has more blocks than this.

        Counted only when the early test is about to say "surely" (a newline count is
        about a tenth of the test on a page of other sites that shows a real ``vs``)."""
        newlines = self.source.count(b"\n") if isinstance(self.source, bytes) else self.source.count("\n")
        return self.tags + newlines

    def surely_ends_plain(self, separators: Sequence[re.Pattern[str]]) -> bool:
        """Whether the walk would surely give blocks none of which can hold a comparison title.

        Why: the walk is most of a page's cost, and most pages of other sites can be
        dismissed by one question about their text (an article needs an ``A vs. B`` title).
        ``separators`` together find the title's separator word in the body's text taken as
        one string, text nodes joined with :data:`NODE_BOUNDARY` (see
        :data:`pipeline.run.process.TITLE_SEPARATOR_BY_CASE`): a block's text is such a join of
        consecutive text nodes, with whitespace collapsed and at most a space or a list
        marker added at an element's edge, so a block cannot hold a title the join lacks.
        The answer is "surely" only when nothing but the text decides the outcome: the body
        has text (else the walk says ``empty``), no element is nested as deep as the walk's
        limit and the page has fewer ``<`` and newlines than ``max_blocks`` (else the walk
        may say ``too_deep`` or ``too_many_blocks``), and every match lies inside a
        ``<script>`` or ``<style>``, whose text no block holds.
        """
        tree = self.tree
        body = tree.body
        if body is None:
            return False
        # An article names its comparison in the page title and the first h1: finding it
        # there settles the common case at the cost of two lookups near the top, instead of
        # the text of the whole body (a "no" is always safe).
        patterns = tuple(separators)
        title = _page_title(tree)
        if title is not None and _count(patterns, _joined(title)):
            return False
        h1 = tree.css_first("h1")
        if h1 is not None and _count(patterns, _joined(h1)):
            return False
        if body.css_first(_SHOWN_SEPARATOR) is not None:
            return False  # a paragraph, item or cell shows the word in a text node of its own
        text = _joined(body)
        if _PRINTABLE.search(text) is None:
            return False
        first = _first_match(patterns, text)
        if first is not None:
            hidden_texts = [_joined(node) for node in body.css("script, style")]
            if not any(_node_text(text, first) in hidden for hidden in hidden_texts):
                return False  # a match that starts outside every script and style: "no", at once
            if _count(patterns, text) > sum(_count(patterns, hidden) for hidden in hidden_texts):
                return False
        return self.markup_size() < self.max_blocks and not self._may_be_too_deep()

    def _may_be_too_deep(self) -> bool:
        """Whether the walk might find an element nested as deep as its limit.

        The pre-scan's estimate answers for free when it is far under the limit; otherwise
        (a page too small to be scanned, or one near the limit) the tree answers exactly:
        the selector ``* > * > ... > *`` of ``max_depth + 1`` steps matches an element with
        ``max_depth`` element ancestors, the depth at which the walk stops. lexbor matches
        it from the right, one parent per step, in C: linear in the elements times their depth.
        """
        if self.scanned_depth is not None and self.scanned_depth + _DEPTH_MARGIN < self.max_depth:
            return False
        return self.tree.css_first(_deep_selector(self.max_depth)) is not None


_SHOWN_SEPARATOR = ", ".join(f'{tag}:lexbor-contains(" vs " i)' for tag in ("p", "li", "td"))
"""A ``<p>``, ``<li>`` or ``<td>`` one of whose own text nodes holds ``vs`` between two spaces
(lexbor's ``:lexbor-contains`` reads the element's child text nodes, one by one).

Why: on a page of other sites that shows a real ``vs`` (a thread's "tabs vs spaces", a score
box) the early test's answer is "no", and one selector query in C says so for a twentieth of
the text's cost: joining the body's text, searching it and reading its scripts. It is exact
for the test: such a text node is never a script's or a style's (their text is raw, they hold
no elements, and ``<p>``/``<li>``/``<td>`` leave SVG's), it is one piece of the body's join,
and :data:`pipeline.run.process.TITLE_SEPARATOR_BY_CASE` finds the word there; so the test
would have found a match outside every script and style and said "no" too (tested). A word
it misses (``vs.``, ``versus``, ``v<b>s</b>``, a tab before it) goes the usual way: each more
spelling costs as much again on a long real page where the query finds nothing (0.25 ms for
three spellings on the 14 real pages of other sites the full test decides, 0.07 for one)."""

NODE_BOUNDARY = "\x00"
"""Joins text nodes in the early test's text: a character no decoded page holds (the decode
stage drops NUL), so a pattern can tell a node's edge from the text in it."""
_PRINTABLE = re.compile(r"[^\s\x00]")
_TITLE_ID = TAG_NAMES_TO_IDS["title"]


def _page_title(tree: LexborHTMLParser) -> LexborNode | None:
    """The page's ``<title>``: a child of ``<head>``, else the first anywhere (an SVG's).

    Why not only a selector: lexbor builds its CSS engine at a document's first selector
    query (20 to 45 us, a few percent of the walk), and an article page answers the early
    test from its title alone; looking among the head's children first spares the engine.
    The head comes first in document order, so its title is the one a selector would find.
    """
    head = tree.head
    if head is not None:
        for child in head.iter():
            if child.tag_id == _TITLE_ID:
                return child
    return tree.css_first("title")


def _count(patterns: tuple[re.Pattern[str], ...], text: str) -> int:
    """Matches of the patterns in ``text``, all together."""
    return sum(len(pattern.findall(text)) for pattern in patterns)


def _first_match(patterns: tuple[re.Pattern[str], ...], text: str) -> int | None:
    """Where one of the patterns first matches in ``text`` (the earliest of them), or None."""
    starts = [found.start() for pattern in patterns if (found := pattern.search(text)) is not None]
    return min(starts, default=None)


def _node_text(text: str, at: int) -> str:
    """The text node that holds position ``at`` of a :data:`NODE_BOUNDARY` join.

    Why: the early test's matches are few and a page's visible text rarely matches only
    inside scripts; a match whose text node is part of no ``<script>`` or ``<style>`` text
    is visible, which settles the test without counting the matches of the whole body and
    of every script (a third of the test's cost on a page that shows a real ``vs``).
    """
    start = text.rfind(NODE_BOUNDARY, 0, at) + 1
    end = text.find(NODE_BOUNDARY, at)
    return text[start:] if end < 0 else text[start:end]


def _joined(node: LexborNode) -> str:
    """The text of ``node``'s subtree, its text nodes joined with :data:`NODE_BOUNDARY`."""
    return node.text(deep=True, separator=NODE_BOUNDARY, strip=False)


_DEPTH_MARGIN = 16
"""How far under the depth limit the pre-scan's estimate must stay to be trusted
(:meth:`ParsedPage._may_be_too_deep`): it does not count the elements the parser adds
(``html``, ``body``, ``tbody``...)."""


@functools.lru_cache(maxsize=8)
def _deep_selector(max_depth: int) -> str:
    return " > ".join(["*"] * (max_depth + 1))


def parse_html(html: str | bytes, *, max_depth: int = 200, max_blocks: int = 20_000) -> ParsedPage:
    """The pre-scan and the parse of :func:`html_to_blocks`, without the walk.

    Raises :class:`StructureError` ``too_deep`` (the pre-scan) or ``malformed_html``.
    """
    depth = min(max_depth, PARSER_DEPTH_CAP)
    tags = html.count(b"<") if isinstance(html, bytes) else html.count("<")
    estimate = check_nesting(html, depth, tags=tags)  # before the parser, whose cost grows with depth x tags
    tree = _parse(html)
    if _may_hold_shadow_roots(html) and tree.css_first(_SHADOW_ROOTS) is not None:
        tree = _parse(open_shadow_roots(tree.html or ""))
    return ParsedPage(tree, depth, max_blocks, estimate, html, tags)


_SHADOW_ROOTS = "template[shadowrootmode], template[shadowroot]"
_TEMPLATE_TAG = re.compile(r"<template\b[^>]*>|</template\s*>", re.IGNORECASE)
_SHADOW_ROOT_ATTRIBUTE = re.compile(r"\sshadowroot(?:mode)?\s*=", re.IGNORECASE)


def _may_hold_shadow_roots(html: str | bytes) -> bool:
    """Whether the source spells a declarative shadow root's attribute (two byte searches)."""
    if isinstance(html, bytes):
        return b"shadowroot" in html or b"shadowRoot" in html
    return "shadowroot" in html or "shadowRoot" in html


def open_shadow_roots(html: str) -> str:
    """A serialized page with each declarative shadow root's ``<template>`` made a ``<div>``.

    Why: a page built of web components renders its text inside shadow roots, and capture
    tools that keep them (SingleFile) save each one as ``<template shadowrootmode="open">``
    in its host element. A browser shows that content where the host is; an HTML parser
    keeps it in the template's separate content, out of the tree, so the page would read as
    empty. Every template tag of the (well-formed) serialization is paired with its end tag;
    a shadow root's pair becomes a ``<div>`` pair, and a plain template stays one.

    >>> open_shadow_roots('<x-a><template shadowrootmode="open"><p>Hi</p>'
    ...                   '<template><i>inert</i></template></template></x-a>')
    '<x-a><div><p>Hi</p><template><i>inert</i></template></div></x-a>'
    """
    out: list[str] = []
    shadow: list[bool] = []
    end = 0
    for tag in _TEMPLATE_TAG.finditer(html):
        text = tag.group()
        if text[1] != "/":
            is_root = _SHADOW_ROOT_ATTRIBUTE.search(text) is not None
            shadow.append(is_root)
            replacement = "<div>" if is_root else text
        else:
            replacement = "</div>" if shadow and shadow.pop() else text
        out += [html[end:tag.start()], replacement]
        end = tag.end()
    out.append(html[end:])
    return "".join(out)


def html_to_blocks(html: str | bytes, *, max_depth: int = 200, max_blocks: int = 20_000) -> HtmlDocument:
    """Turn an HTML page into the blocks of its article region, then its asides.

    ``bytes`` are read as UTF-8 (callers normally pass decoded text, or its exact UTF-8
    bytes). Raises :class:`StructureError` ``too_deep`` (nesting over ``max_depth``, or over
    :data:`PARSER_DEPTH_CAP`), ``too_many_blocks`` (more than ``max_blocks`` visible blocks
    on the page), ``empty`` (no visible text) or ``malformed_html`` (the parser gave up).
    """
    return page_blocks(parse_html(html, max_depth=max_depth, max_blocks=max_blocks))


def page_blocks(page: ParsedPage) -> HtmlDocument:
    """The walk of :func:`html_to_blocks` over a page :func:`parse_html` gave."""
    tree = page.tree
    walker = Walker(page.max_depth, page.max_blocks)
    root = tree.root
    if root is not None:
        walker.walk(root)
    blocks = walker.result()
    if not blocks:
        raise StructureError("empty", "no visible text in the page")
    return HtmlDocument(blocks, walker.canonical or walker.og_url, walker.page_title)


def _parse(html: str | bytes) -> LexborHTMLParser:
    """Parse once. Without DOM events: nothing listens to the tree as it is built."""
    data = html.encode("utf-8", "replace") if isinstance(html, str) else html
    try:
        return LexborHTMLParser(data, options=LexborDocumentOptions.WO_EVENTS)
    except SelectolaxError as error:
        raise StructureError("malformed_html", str(error)) from error
