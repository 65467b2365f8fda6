"""The state of the block walk, and what happens when elements close and lines end.

Why a module of its own: :mod:`pipeline.structure.html_walk` decides what an element *opens* (a line,
a list, a region, a stretch of site chrome); this module keeps what is open and turns it
into output. A line that ends becomes a block; a list whose items are all in-page links (a
table of contents) or a page header holding a nav is cut off the end of the output again;
a region records its slice of the blocks and its text sums when it closes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.errors import StructureError
from pipeline.structure.blocks import Block, BlockKind
from pipeline.structure.html_region import Span, Title, WalkedPage, select_blocks
from pipeline.structure.html_tags import normalize_space

# A bullet or number that a page prints in a <p> to fake a list (same markers as text dumps;
# the middle dot is a separator there, so not here either).
_FAKE_ITEM = re.compile(r"^(?P<marker>[•▪●◦‣∙*–-]|\d{1,2}[.)])\s+(?P<text>\S.*)$", re.DOTALL)
_FAKE_ITEM_FIRST = frozenset("•▪●◦‣∙*–-0123456789")  # a cheap test before the pattern
# A bullet printed inside an <li>: the marker already says it.
_LITERAL_BULLET = re.compile(r"^(?:[•·▪●◦‣∙]\s*|[*–—-]\s+)")
_LITERAL_BULLET_FIRST = frozenset("•·▪●◦‣∙*–—-")  # a cheap test before the pattern
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(slots=True)
class OpenList:
    """An open ul/ol: its numbering, and whether every item so far is an in-page link (TOC)."""

    ordered: bool
    number: int
    step: int
    pre: int
    start: int
    items: int = 0
    all_links: bool = True


@dataclass(slots=True)
class OpenItem:
    """An open li: its marker until its first text takes it, and its TOC evidence."""

    marker: str
    level: int
    pending: bool = True
    has_link: bool = False
    other_text: bool = False


@dataclass(slots=True)
class OpenHeader:
    """An open page-level header: cut at its end unless it holds an h1 and no nav (a hero)."""

    span: Span
    banner: bool = False
    """``role=banner``: site chrome whatever it holds."""
    has_h1: bool = False
    has_nav: bool = False


# Bits of what a start event set up and the matching end event must undo.
CTX, SUPPRESS, TEXT, LINK, HASH, SECTION, ASIDE = 1, 2, 4, 8, 16, 32, 64
LIST, ITEM, HEADER, H1 = 128, 256, 512, 2048
ARTICLE, MAIN, COMPLEMENT, CANDIDATE, BODY = 4096, 8192, 16384, 32768, 65536
SPANNED = ARTICLE | MAIN | COMPLEMENT | CANDIDATE | BODY
QUIETED = 131072
"""The element's subtree was already counted by :func:`pipeline.structure.html_quiet.count_quiet`."""


class WalkState:
    """What the walk has open, what it has printed so far, and the page facts it found.

    Open block elements form a stack of lines (``lines``: the text parts collected so far,
    ``levels``: the heading level they print at, 0 for running text).
    """

    def __init__(self, max_depth: int, max_blocks: int) -> None:
        self.max_depth = max_depth
        self.max_blocks = max_blocks
        self.blocks: list[Block] = []
        self.lines: list[list[str]] = []
        self.levels: list[int] = []
        self.lists: list[OpenList] = []
        self.items: list[OpenItem] = []
        self.headers: list[OpenHeader] = []
        self.titles: list[Title] = []
        self.open_title: Title | None = None
        self.articles: list[Span] = []
        self.mains: list[Span] = []
        self.asides: list[Span] = []
        self.candidates: list[Span] = []
        self.heroes: list[Span] = []
        self.body: Span | None = None
        self.ordinal = self.chars = self.p_chars = self.link_chars = 0
        self.marks: list[tuple[int, int]] = []
        """(chars, link chars) counted when each block was flushed: link share per block."""
        self.suppress = self.text_depth = self.link_depth = self.hash_depth = 0
        self.section_depth = self.aside_depth = 0
        self.canonical: str | None = None
        self.og_url: str | None = None
        self.page_title: str | None = None
        self.heading_level = 0
        """The level of the last heading printed (a tab panel's label prints one below it)."""
        self.tabs: list[tuple[str, str]] = []
        """The last tab list's tabs, ``(id, label)`` in order, which label the panels after it."""
        self.tab_next = 0
        """The tab that labels the next panel that names none."""
        self.tab_level = 0
        """The heading level of the last tab list's panel labels (0 until its first panel)."""

    def _close(self, flags: int, span: Span | None) -> None:
        """Close an element: undo what its start set up."""
        if flags == CTX:  # a plain block (div, p, h2): its line ends
            if self.lines[-1]:
                self._flush()
            self.lines.pop()
            self.levels.pop()
            return
        if flags & CTX:
            if self.lines[-1]:
                self._flush()
            self.lines.pop()
            self.levels.pop()
        if flags & TEXT:
            self.text_depth -= 1
        if flags & (ITEM | LIST | H1):
            self._close_parts(flags)
        if span is not None:
            self._close_span(flags, span)
        if flags & HEADER:
            self._close_header()
        if flags & (SUPPRESS | LINK | SECTION | ASIDE):
            self.suppress -= bool(flags & SUPPRESS)
            self.link_depth -= bool(flags & LINK)
            self.hash_depth -= bool(flags & HASH)
            self.section_depth -= bool(flags & SECTION)
            self.aside_depth -= bool(flags & ASIDE)

    def _close_parts(self, flags: int) -> None:
        if flags & ITEM:
            self._close_item()
        if flags & LIST:
            self._close_list()
        if flags & H1 and self.open_title is not None:
            self.titles.append(self.open_title)
            self.open_title = None

    def _close_span(self, flags: int, span: Span) -> None:
        span.last, span.end = self.ordinal, len(self.blocks)
        span.chars, span.p_chars = self.chars - span.chars, self.p_chars - span.p_chars
        if flags & CANDIDATE:  # the common case: a div
            self.candidates.append(span)
        if flags & ARTICLE:
            self.articles.append(span)
        if flags & MAIN:
            self.mains.append(span)
        if flags & COMPLEMENT:
            self.asides.append(span)
        if flags & BODY:
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
        text = normalize_space("".join(parts))
        parts.clear()
        if not text:
            return
        level = self.levels[-1]
        if level:
            block = Block(BlockKind.HEADING, text, level)
            self.heading_level = level
            if level == 1 and self.open_title is not None:
                self.open_title.blocks.append(block)
        elif self.items and self.items[-1].pending:
            if text[0] in _LITERAL_BULLET_FIRST:
                text = normalize_space(_LITERAL_BULLET.sub("", text, count=1))
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

    # -- handing over ---------------------------------------------------------------------

    def result(self) -> list[Block]:
        """The title (when outside the region), the region, then the asides outside it.

        The choice is :func:`pipeline.structure.html_region.select_blocks`; an unwalked tree gives nothing.
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
