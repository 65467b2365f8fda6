"""One iterative walk over a parsed page: every visible block, and the spans of its regions.

Why this shape: see :mod:`pipeline.structure.html`. The walk is the hot loop of the HTML
path (it runs once per node of every page, boilerplate included), so it reads lexbor nodes
directly: numeric tag ids (:mod:`pipeline.structure.html_tags`), one attribute dict per element, the
first child and next sibling pointers; no recursion, so nesting cannot exhaust Python's
stack. The events are those of a start/end tree walk: an element's start, its text, its
children, its end, then the text after it (its "tail"), which joins the parent's line.

Text nodes separated only by comments are one piece of text, as if the comments were never
there (they carry no text, and the counts of the density score must not depend on them).
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from pipeline.errors import StructureError
from pipeline.structure.blocks import Block, BlockKind
from pipeline.structure.html_lines import (
    ARTICLE,
    ASIDE,
    BODY,
    CANDIDATE,
    COMPLEMENT,
    CTX,
    H1,
    HASH,
    HEADER,
    ITEM,
    LINK,
    LIST,
    MAIN,
    QUIETED,
    SECTION,
    SPANNED,
    SUPPRESS,
    TEXT,
    OpenHeader,
    OpenItem,
    OpenList,
    WalkState,
)
from pipeline.structure.html_quiet import count_quiet
from pipeline.structure.html_region import Span, Title
from pipeline.structure.html_tags import (
    COMMENT_ID,
    DROPPED_ROLES,
    HEADING_SHIFT,
    HIDING_ATTRIBUTES,
    IS_BLOCK,
    IS_BREAK,
    IS_CANDIDATE,
    IS_CELL,
    IS_IGNORED,
    IS_INLINE,
    IS_LISTISH,
    IS_SPECIAL,
    IS_TEXT,
    LISTS,
    SECTIONING,
    TAG_IDS,
    TEXT_ID,
    absolute_url,
    is_hidden,
    normalize_space,
    tag_info,
    wraps_page,
)

_NOTEWORTHY = HIDING_ATTRIBUTES | {"role"}
_TAB_ROLES = frozenset({"tablist", "tabpanel"})
"""ARIA tabs: one panel shows at a time, each named by its tab (see :meth:`Walker._tab_list`)."""
"""Attributes that make an inline element more than its text."""

_Frame = tuple[int, Span | None] | None
"""What an element's end must undo: its flags and span, or None when there is nothing."""
_SKIP: tuple[int, None] = (0, None)
"""Returned by :meth:`Walker.start` for an element whose subtree is not walked (compared by identity)."""


def _ordered_start(el: LexborNode, attrs: dict[str, str | None], reversed_: bool) -> int:
    start = attrs.get("start")
    if start is not None and start.strip().lstrip("-").isdigit():
        return int(start)
    return sum(1 for child in el.iter() if child.tag == "li") if reversed_ else 1


class Walker(WalkState):
    """The walk over a parsed page; what is open and the closing side are :class:`WalkState`."""

    # -- the walk -------------------------------------------------------------------------

    def walk(self, root: LexborNode) -> None:
        """Drive the events over ``root`` and its subtree, without recursion.

        The commonest events are handled inline (this loop runs for every node of the page):
        text, an inline element without attributes, the end of an element with nothing to undo.
        """
        start, close, text, flush = self.start, self._close, self._text, self._flush
        lines, max_depth = self.lines, self.max_depth
        ancestors: list[tuple[LexborNode, int, _Frame]] = []
        pending: str | None = None
        node: LexborNode | None = root
        while node is not None:
            tag_id = node.tag_id
            if tag_id == TEXT_ID:
                chunk = node.text_content
                if chunk:
                    pending = chunk if pending is None else pending + chunk
            elif tag_id != COMMENT_ID and (info := TAG_IDS.get(tag_id) or tag_info(node)) is not None:
                if pending:
                    text(pending)
                    pending = None
                if len(ancestors) >= max_depth:
                    raise StructureError("too_deep", f"elements nested deeper than {max_depth}")
                name, bits = info
                attrs = node.attributes
                if bits & IS_INLINE and (not attrs or _NOTEWORTHY.isdisjoint(attrs)):
                    # The common case (<strong>, <span class=...>, <em>): its text joins the line.
                    self.ordinal += 1
                    frame: _Frame = None
                else:
                    frame = start(node, name, bits, attrs, len(ancestors) + 1)
                if frame is _SKIP:
                    frame = None  # nothing to undo, and the subtree is not entered
                elif (frame is None or not frame[0] & QUIETED) and (child := node.first_child) is not None:
                    ancestors.append((node, bits, frame))
                    node = child
                    continue
                if frame is not None:
                    close(*frame)
                elif bits & IS_BREAK and lines and lines[-1]:
                    flush()
                if not ancestors:
                    break  # the root had no children
            # The node is done: go to its next sibling, closing the ancestors it was last in.
            following = node.next
            while following is None and ancestors:
                if pending:
                    text(pending)
                    pending = None
                node, bits, frame = ancestors.pop()
                if frame is not None:
                    close(*frame)
                elif bits & IS_BREAK and lines and lines[-1]:
                    flush()
                following = node.next if ancestors else None
            node = following
        # (Text is handed over before each element and before each ancestor closes, so none
        # is left pending once the root has closed.)
        self._finish()

    def _finish(self) -> None:
        if self.body is None:
            # A tree without <body>: the whole tree is the one region.
            self.body = Span(0, 0, self.chars, self.p_chars, self.ordinal, len(self.blocks))

    def _quiet_ok(self) -> bool:
        """Whether a suppressed subtree can be walked for its counts alone (:func:`count_quiet`).

        Inside site chrome nothing is printed, and lists, items and headers opened there
        end there; only an item, list or header (without a nav yet) open around it would
        see what happens inside, or a line with text in it (a block or ``<br>`` inside an
        inline ``role=navigation`` still ends the line around it).
        """
        return (not self.items and not self.lists and not (self.lines and self.lines[-1])
                and all(header.has_nav for header in self.headers))

    def start(self, el: LexborNode, tag: str, bits: int, attrs: dict[str, str | None], depth: int) -> _Frame:
        """Open an element: what its end must undo, or :data:`_SKIP` to skip its subtree.

        Site chrome whose subtree :func:`count_quiet` can count on its own is walked here, and
        its frame comes back flagged so that the walk does not enter it again.
        """
        self.ordinal += 1
        role = (attrs.get("role") or "").strip().lower() if attrs else ""
        if attrs and not HIDING_ATTRIBUTES.isdisjoint(attrs) and is_hidden(attrs) and role != "tabpanel":
            return _SKIP
        if bits & IS_IGNORED and not (tag == "form" and wraps_page(el)):
            self._metadata(el, tag, attrs)
            return _SKIP
        if role in _TAB_ROLES and not self.suppress:
            if role == "tablist":
                self._tab_list(el)
                return _SKIP
            self._tab_panel(attrs)
        flags = self._open_special(tag, role, bits, attrs) if bits & IS_SPECIAL or role else 0
        if bits & IS_TEXT:
            flags |= TEXT
            self.text_depth += 1
        if bits & IS_CANDIDATE and not (self.suppress or self.aside_depth):
            flags |= CANDIDATE
        span = None
        if bits & IS_BLOCK:
            lines = self.lines
            if lines and lines[-1]:
                self._flush()
            lines.append([])
            levels = self.levels
            levels.append(bits >> HEADING_SHIFT or (levels[-1] if levels else 0))
            flags |= self._open_list(el, tag, attrs) if bits & IS_LISTISH else CTX
            if flags & (SPANNED | HEADER):
                span = Span(self.ordinal, len(self.blocks), self.chars, self.p_chars)
                if flags & HEADER:
                    self.headers.append(OpenHeader(span, banner=role == "banner"))
        elif bits & IS_CELL:
            self._text(" ")  # cells of a row print on one line, a space apart
        if flags & SUPPRESS and self._quiet_ok() and (first := el.first_child) is not None:
            chars, p_chars, link_chars = count_quiet(
                first, room=self.max_depth - depth, max_depth=self.max_depth, text_depth=self.text_depth,
                link_depth=self.link_depth, metadata=self._metadata,
            )
            self.chars += chars
            self.p_chars += p_chars
            self.link_chars += link_chars
            return (flags | QUIETED, span)
        return (flags, span) if flags else None

    def _tab_list(self, el: LexborNode) -> None:
        """A tab list: its tabs' labels are kept for the panels after it, not printed here.

        A tab switches which panel shows; every panel is the article's text (a hidden one
        too), and its tab's label is what a reader sees above it: the heading of that panel.
        """
        tabs = el.css('[role="tab"]') or list(el.iter())  # tabs not marked: the list's children
        self.tabs = [((tab.attributes.get("id") or "").strip(), normalize_space(tab.text(deep=True)))
                     for tab in tabs]
        self.tab_next = self.tab_level = 0

    def _tab_panel(self, attrs: dict[str, str | None]) -> None:
        """A tab panel opens: its label (the tab naming it by ``aria-labelledby``, else its
        ``aria-label``, else the next tab in order) prints as a heading one level below the
        last heading before the tab list."""
        label = ""
        ids = (attrs.get("aria-labelledby") or "").split()
        for index, (tab_id, text) in enumerate(self.tabs):
            if tab_id and tab_id in ids:
                label, self.tab_next = text, index + 1
                break
        else:
            label = normalize_space(attrs.get("aria-label") or "")
            if not label and self.tab_next < len(self.tabs):
                label = self.tabs[self.tab_next][1]
                self.tab_next += 1
        if not label:
            return
        if not self.tab_level:
            self.tab_level = min(self.heading_level + 1, 6) if self.heading_level else 2
        if self.lines and self.lines[-1]:
            self._flush()
        self.blocks.append(Block(BlockKind.HEADING, label, self.tab_level))
        self.marks.append((self.chars, self.link_chars))

    def _open_special(self, tag: str, role: str, bits: int, attrs: dict[str, str | None]) -> int:
        """Regions (dropped or candidate), links and the title: what the tag table cannot say."""
        flags = 0
        page_header = role == "banner" or (tag == "header" and not self.section_depth)
        if tag == "nav" or role in DROPPED_ROLES or (tag == "footer" and not self.section_depth) or (
            page_header and not bits & IS_BLOCK  # an inline banner: no lines of its own to keep
        ):
            flags |= SUPPRESS
            self.suppress += 1
            for header in self.headers:
                header.has_nav = header.has_nav or tag == "nav" or role == "navigation"
        elif page_header and not self.suppress:
            flags |= HEADER
        if tag == "a" and "href" in attrs:
            flags |= LINK
            self.link_depth += 1
            if (attrs["href"] or "").startswith("#"):
                flags |= HASH
                self.hash_depth += 1
                if self.items:
                    self.items[-1].has_link = True
        if self.suppress:
            return flags
        if tag == "article":
            flags |= ARTICLE
        if tag == "main" or role == "main":
            flags |= MAIN
        if tag == "aside" or role == "complementary":
            flags |= ASIDE if self.aside_depth else ASIDE | COMPLEMENT
            self.aside_depth += 1
        if tag == "body" and self.body is None:
            flags |= BODY
        if tag in SECTIONING or role in ("main", "complementary"):
            flags |= SECTION
            self.section_depth += 1
        if tag == "h1" and self.open_title is None and not self.aside_depth:
            flags |= H1
            self.open_title = Title(self.ordinal)
            for header in self.headers:
                header.has_h1 = True
        return flags

    def _open_list(self, el: LexborNode, tag: str, attrs: dict[str, str | None]) -> int:
        """A list or a list item opens (after its line): numbering, nesting level, TOC evidence."""
        if tag in LISTS:
            if self.items:
                self.items[-1].pending = False
            ordered = tag == "ol"
            reversed_ = ordered and "reversed" in attrs
            number = _ordered_start(el, attrs, reversed_) if ordered else 0
            step = -1 if reversed_ else 1
            self.lists.append(OpenList(ordered, number, step, self.ordinal, len(self.blocks)))
            return CTX | LIST
        self.items.append(OpenItem(self._marker(attrs), max(1, len(self.lists))))
        return CTX | ITEM

    def _marker(self, attrs: dict[str, str | None]) -> str:
        """``•`` in a ul; the number (``start``, ``value``, ``reversed`` honored) in an ol."""
        lst = self.lists[-1] if self.lists else None
        if lst is None or not lst.ordered:
            return "•"
        value = attrs.get("value")
        if value is not None and value.strip().lstrip("-").isdigit():
            lst.number = int(value)
        number = lst.number
        lst.number += lst.step
        return f"{number}."

    def _metadata(self, el: LexborNode, tag: str, attrs: dict[str, str | None]) -> None:
        """Canonical URL, og:url and <title>, wherever the parser put them."""
        if tag == "head":
            for child in el.iter():
                self._metadata(child, child.tag or "", child.attributes)
        elif tag == "title" and self.page_title is None:
            self.page_title = normalize_space(el.text(deep=True)) or None
        elif tag == "link" and self.canonical is None:
            if "canonical" in (attrs.get("rel") or "").lower().split():
                self.canonical = absolute_url(attrs.get("href"))
        elif (tag == "meta" and self.og_url is None
              and (attrs.get("property") or "").strip().lower() == "og:url"):
            self.og_url = absolute_url(attrs.get("content"))

