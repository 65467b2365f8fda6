"""Choosing what of a walked HTML page is output: the article region, its title, its asides.

Why a module of its own: the walk in :mod:`pipeline.structure.html` changes when the way a
page is read changes (tags, lists, visibility); this changes when the choice of the article
region changes. The walk hands over every visible block of the page in one flat list plus,
for the elements that may be the article region, their slice of that list and their text
sums (:class:`WalkedPage`); :func:`select_blocks` picks the region and returns a few slices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.structure.blocks import Block
from pipeline.structure.markers import is_widget_start

# Most blocks a title "hero" container may hold (title, subtitle, meta line, breadcrumb...).
_HERO_BLOCKS = 6


@dataclass(slots=True)
class Span:
    """Where an element sits: ordinals (for containment), its slice of blocks, its text sums."""

    pre: int
    start: int
    chars: int
    p_chars: int
    last: int = 0
    end: int = 0

    def contains(self, pre: int) -> bool:
        return self.pre <= pre <= self.last

    def disjoint(self, other: Span) -> bool:
        return not (self.contains(other.pre) or other.contains(self.pre))


@dataclass(slots=True)
class Title:
    """An h1 outside navigation and asides, with its own blocks (kept even if its header is cut)."""

    pre: int
    blocks: list[Block] = field(default_factory=list)
    dropped: bool = False


@dataclass(frozen=True, slots=True)
class WalkedPage:
    """What the walk collected: every visible block, and the spans that may be output."""

    blocks: list[Block]
    marks: list[tuple[int, int]]
    """(chars, link chars) counted when each block was flushed: link share per block."""
    body: Span
    titles: list[Title]
    heroes: list[Span]
    articles: list[Span]
    mains: list[Span]
    asides: list[Span]
    candidates: list[Span]


def select_blocks(page: WalkedPage) -> list[Block]:
    """The title (when outside the region), the region, then the asides outside it."""
    region = _region(page, page.body)
    out: list[Block] = []
    if not any(region.contains(t.pre) and not t.dropped for t in page.titles):
        out.extend(_rescued_title(page, region))
    out.extend(page.blocks[region.start:region.end])
    taken = [region]
    for aside in page.asides:
        if aside.disjoint(region):
            out.extend(page.blocks[aside.start:aside.end])
            taken.append(aside)
    for widget in _widgets(page, taken):
        out.extend(page.blocks[widget.start:widget.end])
    return out


def _widgets(page: WalkedPage, taken: list[Span]) -> list[Span]:
    """Job-card and salary boxes outside the region, found by their text, not their markup.

    A redesign may move the cards from an ``<aside>`` into a plain sidebar ``<div>``; the
    outermost container of a ``Featured Job`` / ``Salary Insights`` block that does not
    overlap what is already taken brings them back, in page order.
    """
    found: list[Span] = []
    for index, block in enumerate(page.blocks):
        # The text test first: it is one character for most blocks, the overlap test a loop.
        if not is_widget_start(block.text) or any(t.start <= index < t.end for t in taken + found):
            continue
        holders = [c for c in page.candidates
                   if c.start <= index < c.end and all(c.disjoint(t) for t in taken)]
        if holders:
            found.append(max(holders, key=lambda c: (c.end - c.start, -c.pre)))
    return sorted(found, key=lambda c: c.pre)


def _region(page: WalkedPage, body: Span) -> Span:
    """<article> (holding the h1, or much of the text), else <main>, else density, else body."""

    def has_title(span: Span) -> bool:
        return any(span.contains(t.pre) for t in page.titles)

    articles = [a for a in page.articles
                if a.end > a.start and (has_title(a) or 3 * a.p_chars >= body.p_chars)]
    if articles:
        return max(articles, key=lambda a: (has_title(a), a.p_chars, -a.pre))
    mains = [m for m in page.mains if m.end > m.start]
    if mains:
        return max(mains, key=lambda m: (has_title(m), m.p_chars, -m.pre))
    scored = [(c.p_chars * c.p_chars / c.chars, -c.pre, c) for c in page.candidates if c.p_chars]
    if scored:
        return max(scored, key=lambda s: (s[0], s[1]))[2]
    return body


def _rescued_title(page: WalkedPage, region: Span) -> list[Block]:
    """The h1 nearest before the region (or its page-level header, kept whole)."""
    outside = [t for t in page.titles if t.dropped or not region.contains(t.pre)]
    if not outside:
        return []
    before = [t for t in outside if t.pre < region.pre]
    title = before[-1] if before else outside[0]
    for hero in page.heroes:
        if hero.contains(title.pre) and hero.disjoint(region):
            return page.blocks[hero.start:hero.end]
    # A hero made of plain divs: the outermost small container of the h1 outside the
    # region (title, subtitle, read-time line), never a big one that holds other chrome.
    holders = [c for c in page.candidates
               if c.contains(title.pre) and c.disjoint(region) and 0 < c.end - c.start <= _HERO_BLOCKS]
    if holders and title.blocks:
        hero_span = max(holders, key=lambda c: (c.end - c.start, -c.pre))
        indexes = range(hero_span.start, hero_span.end)
        first = next((i for i in indexes if page.blocks[i] == title.blocks[0]), None)
        if first is not None:
            # The h1 itself always stays: its link share may count a navigation cut before it.
            return [page.blocks[i] for i in range(first, hero_span.end)
                    if i == first or not _mostly_links(page, i)]
    return _title_and_header_lines(page, title, region)


def _title_and_header_lines(page: WalkedPage, title: Title, region: Span) -> list[Block]:
    """The h1 and the few header lines between it and the region: a page whose title,
    subtitle and read-time line are siblings of the text (no hero container, no article)
    keeps its subtitle and date. More than a hero's worth of blocks in between is chrome."""
    if not title.blocks or title.pre > region.pre:
        return title.blocks
    first = next((i for i in range(region.start - 1, -1, -1) if page.blocks[i] == title.blocks[0]), None)
    if first is None:
        return title.blocks
    between = [i for i in range(first, region.start) if i == first or not _mostly_links(page, i)]
    if len(between) > _HERO_BLOCKS:
        return title.blocks
    return [page.blocks[i] for i in between]


def _mostly_links(page: WalkedPage, index: int) -> bool:
    """Whether a block's text is mostly link text (a logo, a menu): chrome, not content."""
    chars, links = page.marks[index]
    before_chars, before_links = page.marks[index - 1] if index else (0, 0)
    size = chars - before_chars
    return size > 0 and (links - before_links) * 5 >= size * 4
