"""What each HTML tag means to the block walk, looked up once per element.

Why a module of its own: the walk (:mod:`pipeline.structure.html_walk`) runs once per element of
every page, so what a tag is (a block box, inline text, never visible, a possible article
region) is precomputed here as bits, keyed by lexbor's numeric tag id: reading the id of
a node is cheaper than reading its name. Custom elements (``<job-card>``) have ids of their
own per document; their names are looked up when met (:func:`tag_info`).

The lists follow the browser's default style sheet (which boxes are ``display: block``) and
the HTML standard (which elements never render text), not any one site.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Never visible as text (or not article text): their subtrees are skipped, tails kept.
IGNORED: Final = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "audio", "video", "form", "button", "select", "input", "textarea", "head",
    "title", "meta", "link", "base",
)  # fmt: skip
# display:block (or list-item, table row) in the browser's default style sheet: each one ends
# the line before it and starts a new one, which is what splits a copied page into lines.
BLOCKS: Final = (
    "html", "body", "address", "article", "aside", "blockquote", "center", "details", "dialog",
    "dd", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "header",
    "hgroup", "hr", "legend", "li", "listing", "main", "menu", "nav", "ol", "p", "plaintext",
    "pre", "search", "section", "summary", "table", "caption", "thead", "tbody", "tfoot", "tr",
    "ul", "xmp", "form", "h1", "h2", "h3", "h4", "h5", "h6",
)  # fmt: skip
# Inline elements that, without attributes, need nothing but their text joined to the line.
PLAIN_INLINE: Final = (
    "span", "strong", "b", "em", "i", "u", "s", "code", "small", "big", "mark", "time", "abbr",
    "cite", "q", "sub", "sup", "kbd", "var", "samp", "del", "ins", "font", "label", "bdi", "bdo",
    "data", "dfn", "tt", "strike", "nobr", "wbr", "img", "picture", "source",
)  # fmt: skip
# Running text, for the density score.
TEXT_TAGS: Final = ("p", "li", "pre", "blockquote", "dd", "dt", "figcaption", "td", "th")
# Containers that may hold the whole article when no <article>/<main> says so.
CANDIDATES: Final = ("body", "div", "section", "article", "main", "center")
# Tags whose start needs more than the table: regions, links, the title.
SPECIAL: Final = ("nav", "footer", "header", "a", "article", "main", "aside", "body", "section", "h1")
# header/footer inside one of these belong to it; otherwise they are the page's own.
SECTIONING: Final = frozenset({"article", "aside", "main", "nav", "section"})
HEADINGS: Final = MappingProxyType({"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6})
LISTS: Final = frozenset({"ul", "ol", "menu", "dir"})
# Site chrome by declaration (role=banner is handled like a page header: cut, h1 kept aside).
DROPPED_ROLES: Final = frozenset({"navigation", "contentinfo", "search"})
# Invisible format characters: a block made only of these is an empty block.
INVISIBLE: Final = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"

# What a tag is, as bits, so the walk looks a tag up once per element.
IS_BLOCK, IS_CELL, IS_TEXT, IS_CANDIDATE, IS_SPECIAL, IS_INLINE, IS_IGNORED = 1, 2, 4, 8, 16, 32, 64
IS_BREAK = 128
"""``<br>``: ends the line it is in."""
IS_LISTISH = 256
"""A list (``ul``, ``ol``, ``menu``, ``dir``) or a list item: numbering and nesting to track."""
HEADING_SHIFT = 9
"""``bits >> HEADING_SHIFT`` is the heading level of ``h1``..``h6`` (0 for other tags)."""
IS_CUSTOM = IS_BLOCK | IS_CANDIDATE
"""A custom element (``<job-card>``) is laid out as a block box."""


def _tag_bits() -> dict[str, int]:
    table: dict[str, int] = {"br": IS_BREAK, "li": IS_LISTISH}
    for tag in LISTS:
        table[tag] = IS_LISTISH
    for tag, level in HEADINGS.items():
        table[tag] = level << HEADING_SHIFT
    for tags, bit in ((BLOCKS, IS_BLOCK), (("td", "th"), IS_CELL), (TEXT_TAGS, IS_TEXT),
                      (CANDIDATES, IS_CANDIDATE), (SPECIAL, IS_SPECIAL),
                      (PLAIN_INLINE, IS_INLINE), (IGNORED, IS_IGNORED)):
        for tag in tags:
            table[tag] = table.get(tag, 0) | bit
    return table


TAG_BITS: Final = MappingProxyType(_tag_bits())
"""Tag name -> bits; a tag not listed has none (a plain inline element such as ``<a>``)."""


def _tag_ids() -> tuple[MappingProxyType[int, tuple[str, int]], int, int]:
    """lexbor tag id -> (name, bits) for every listed tag, and the ids of text and comments.

    The ids of the standard tags are constants of the library; they are read from it rather
    than copied, so an upgrade cannot silently shift them.
    """
    probe = LexborHTMLParser("<p>a<!--b--></p>")
    paragraph = probe.css_first("p")
    assert paragraph is not None and paragraph.first_child is not None and paragraph.last_child is not None
    table: dict[int, tuple[str, int]] = {}
    for name, bits in TAG_BITS.items():
        table[probe.create_node(name).tag_id] = (name, bits)
    return MappingProxyType(table), paragraph.first_child.tag_id, paragraph.last_child.tag_id


TAG_IDS, TEXT_ID, COMMENT_ID = _tag_ids()
TAG_NAMES_TO_IDS: Final = MappingProxyType({name: tag_id for tag_id, (name, _) in TAG_IDS.items()})


def tag_info(node: LexborNode) -> tuple[str, int] | None:
    """The name and bits of a node whose id is not in :data:`TAG_IDS`; None if not an element.

    Nodes that are neither elements, text nor comments (a doctype, a CDATA section in
    foreign content) carry no visible text.
    """
    name = node.tag
    if name is None or name.startswith("-"):
        return None
    bits = TAG_BITS.get(name, 0)
    if not bits and "-" in name:
        bits = IS_CUSTOM
    return name, bits


_ABSOLUTE_URL = re.compile(r"^https?://[^\s/?#]+\S*$", re.IGNORECASE)


def normalize_space(text: str) -> str:
    """Collapse whitespace as a browser renders it (``&nbsp;`` included) and strip."""
    text = " ".join(text.split())
    return text if text.strip(INVISIBLE) else ""


HIDING_ATTRIBUTES: Final = frozenset({"hidden", "aria-hidden", "style"})
"""Attributes that may hide an element (:func:`is_hidden` decides): a cheap test before it."""


def is_hidden(attrs: dict[str, str | None]) -> bool:
    """``hidden``, ``aria-hidden=true`` or an inline ``display:none``/``visibility:hidden``."""
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = attrs.get("style")
    if not style:
        return False
    style = style.replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def absolute_url(value: str | None) -> str | None:
    """The URL as printed when it is absolute; a relative one cannot be resolved here.

    >>> absolute_url(" https://aijobs.net/insights/a-vs-b ")
    'https://aijobs.net/insights/a-vs-b'
    >>> absolute_url("/insights/a-vs-b") is None
    True
    """
    value = (value or "").strip()
    return value if _ABSOLUTE_URL.match(value) else None


_PAGE_PARTS: Final = frozenset(TAG_NAMES_TO_IDS[name] for name in ("article", "main", "h1"))


def wraps_page(form: LexborNode) -> bool:
    """A form around the whole page (old CMSs do this) is a container, not a form.

    A walk over the form's elements in C, not a selector: a selector query would build
    lexbor's CSS engine for the document (see :func:`pipeline.structure.html._page_title`).
    """
    return any(node.tag_id in _PAGE_PARTS for node in form.traverse())
