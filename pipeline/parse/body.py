"""The article body: sections, their role attribution, and bullet items.

A single pass over the blocks after the header, with a little state: the current section,
the role context set by a role sub-heading, and whether the article is *grouped by role*
(role heading -> ``Definition`` -> ``Responsibilities`` -> ..., then the other role).
Every style the site uses ends up in the same records:

- a role sub-heading under a section (``Responsibilities`` / ``AI Architect`` / bullets);
- a role-qualified heading (``AI Architect Responsibilities``, ``Data Analyst Skills:``);
- labelled paragraphs and items (``AI Architect: An AI Architect is ...``, ``• Data
  Steward: ...``): a label naming one role decides the side in every section;
- prose, attributed sentence by sentence (see :mod:`pipeline.parse.attribution`);
- a lead-in ending in ``:`` before bullets gives the bullets its role.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.common.memo import remembered
from pipeline.parse.attribution import attribute, label_side
from pipeline.parse.header import is_toc_label, parse_meta, parse_title
from pipeline.parse.roles import Mention, RoleMatcher
from pipeline.parse.sections import CONCLUSION_OPENERS, section_key
from pipeline.structure.blocks import Block, BlockKind
from pipeline.structure.text import MAX_HEADING_CHARS, is_heading_shaped

# Sections after which a closing paragraph (``In conclusion, ...``) is the conclusion.
_LATE_SECTIONS = frozenset({"industries", "outlook", "tips", "other", "conclusion"})
_HEADING_NOISE = re.compile(r"^[\s#*]+|[\s#*:.–-]+$")
_REMAINDER_NOISE = re.compile(r"^(?:(?:the|an?|for|of|as|an?d|&|vs\.?|role|roles"
                              r"|и|oraz|ve|和|与|及|と|및|와|과)\b|[\s:,–&/、・-])+$",  # ru pl tr zh ja ko
                              re.IGNORECASE)


@dataclass(slots=True)
class Segment:
    """A run of blocks with one (section, heading, role side): one ``sections`` row."""

    section: str
    heading: str | None
    side: str | None
    parts: list[tuple[BlockKind, str]] = field(default_factory=list)
    truncated: bool = False
    """The capture was cut off inside this segment: its last words may be a fragment."""

    @property
    def text(self) -> str:
        """Paragraphs separated by a blank line, items (and a lead-in before them) by newlines."""
        out: list[str] = []
        previous: BlockKind | None = None
        for kind, text in self.parts:
            if out:
                both_prose = previous is not BlockKind.ITEM and kind is not BlockKind.ITEM
                out.append("\n\n" if both_prose else "\n")
            out.append(text)
            previous = kind
        return "".join(out)


@dataclass(frozen=True, slots=True)
class Heading:
    """A block read as a heading: the section it opens (None for a pure role heading)."""

    key: str | None
    side: str | None
    printed: str


@dataclass(slots=True)
class Body:
    """What the body parser produces: the intro, segments and, per segment, its items."""

    intro: list[str] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    items: list[tuple[int, str]] = field(default_factory=list)
    """(segment index, item text) in reading order."""
    headings: list[str] = field(default_factory=list)
    """Every section and role heading as printed, in order (for checks and debugging)."""
    ends_in_item: bool = False
    """The last body block was an item: in a cut capture, that item is the cut one."""


def classify_heading(block: Block, matcher: RoleMatcher, *, is_last: bool = False) -> Heading | None:
    """Read a block as a heading, or None when it is text.

    A HEADING block always is one (an unknown heading opens ``other``); a PARAGRAPH is one
    only when it has a heading's shape and names a known section or a role (HTML pages
    sometimes use ``<p><strong>AI Architect</strong></p>`` as a sub-heading).
    """
    if block.kind is BlockKind.ITEM:
        return None
    printed = block.text
    if block.kind is BlockKind.PARAGRAPH and len(printed) > MAX_HEADING_CHARS:
        return None  # most paragraphs: too long for a heading's shape, not worth remembering
    bare = _heading_words(printed, block.kind)
    if bare is None:
        return None
    mentions = matcher.mentions(bare)
    side: str | None = None
    remainder = bare
    if mentions:
        sides = {m.side for m in mentions}
        side = mentions[0].side if len(sides) == 1 else "both"
        pieces, last = [], 0
        for m in mentions:
            pieces.append(bare[last : m.start])
            last = m.end
        pieces.append(bare[last:])
        remainder = " ".join(p.strip() for p in pieces).strip()
        if not remainder or _REMAINDER_NOISE.match(remainder):
            return Heading(None, side, printed)
    elif is_last and block.kind is BlockKind.HEADING:
        # A capture cut off inside a role sub-heading (``Head of Data Scienc``).
        prefix = matcher.prefix_side(bare)
        if prefix is not None:
            return Heading(None, prefix, printed)
    key = section_key(remainder)
    if key is not None:
        return Heading(key, side, printed)
    if block.kind is BlockKind.HEADING:
        return Heading("other", side, printed)
    return None


BLOCKS_KEPT = 8192
"""Block texts whose heading words (:func:`_heading_words`) a process remembers."""
LONGEST_BLOCK_KEPT = 200
"""The longest block text remembered (so at most about 1.6 million characters of keys): a
paragraph asked about is at most 100 characters (longer ones are answered before the memory),
a heading rarely more."""


@remembered(maxsize=BLOCKS_KEPT, longest=LONGEST_BLOCK_KEPT)
def _heading_words(printed: str, kind: BlockKind) -> str | None:
    """The words of a block that may be a heading, without its noise (``#``, ``*``, a final
    ``:``), or None when the block cannot be one whatever the article: not a heading's shape
    (for a paragraph), a table of contents label, or a read-time line.

    Remembered per process: this is the part of :func:`classify_heading` that does not depend
    on the article's roles, and the board's headings and short paragraphs recur in thousands of
    articles.
    """
    if kind is BlockKind.PARAGRAPH and not is_heading_shaped(printed):
        return None
    bare = _HEADING_NOISE.sub("", printed)
    if not bare or is_toc_label(bare):
        return None
    if parse_meta(bare) is not None:  # a read-time line is never a heading
        return None
    return bare


_VERSUS = re.compile(r"\b(?:vs\.?|versus)(?!\w)", re.IGNORECASE)


def is_header_line(text: str, mentions: Sequence[Mention] = ()) -> bool:
    """A line shaped like a title, a subtitle or a read-time line: in the header, never a
    section heading, whatever words it holds (a subtitle ``Analyst vs. Engineer: Duties,
    Skills and Pay`` names three sections and is none of them).

    >>> is_header_line("Pilots vs. Keepers: Duties, Skills and Pay"), is_header_line("4 min read")
    (True, True)
    >>> is_header_line("Required Skills")
    False
    """
    if parse_meta(text) is not None or parse_title(text.split(":", 1)[0]) is not None:
        return True
    return len({m.side for m in mentions}) == 2 and _VERSUS.search(text) is not None


class BodyParser:
    """Walks the body blocks once; see the module docstring for the styles it handles."""

    def __init__(self, blocks: Sequence[Block], matcher: RoleMatcher, title: str, *,
                 may_be_cut: bool = False) -> None:
        self.blocks = blocks
        self.may_be_cut = may_be_cut
        """The body runs to the end of the document: its last line may be a cut-off fragment."""
        self.matcher = matcher
        self.title_norm = _norm(title)
        self.title_first = self.title_norm.split(" ", 1)[0]
        self.body = Body()
        self.section: str | None = None
        self.heading: str | None = None
        self.role_ctx: str | None = None
        self.lead_side: str | None = None
        self.tips_items = False
        # Grouped-by-role articles: the side of the current group and the section keys
        # seen in the first group (a later section outside that set ends grouping).
        self.group_side: str | None = None
        self.first_group: str | None = None
        self.group_keys: set[str] = set()
        self._headings: dict[tuple[int, bool], Heading | None] = {}

    def parse(self) -> Body:
        """Parse every block; returns the body."""
        last = len(self.blocks) - 1
        for index, block in enumerate(self.blocks):
            if is_toc_label(block.text) or self._is_title(block.text):
                continue
            heading = self._classify(index, is_last=index == last)
            if index == last and self.may_be_cut and heading is not None:
                heading = self._cut_heading(block, heading)
            if heading is not None:
                self.body.headings.append(heading.printed)
            if heading is not None and heading.key is None:
                self._role_heading(heading, index)
            elif heading is not None:
                self._section_heading(heading)
            elif self.section is None:
                self.body.intro.append(block.text)
            elif block.kind is BlockKind.ITEM:
                self._item(block.text)
            else:
                self._paragraph(block.text)
            self.body.ends_in_item = block.kind is BlockKind.ITEM and heading is None
        return self.body

    def _cut_heading(self, block: Block, heading: Heading) -> Heading | None:
        """The last line of a capture that may be cut: a dump line the shape of a heading
        that names no known section (``Both roles need a solid gra``) is cut text, not a
        heading, once a section is open."""
        if (heading.key == "other" and self.section is not None and block.kind is BlockKind.HEADING
                and block.level == 0 and heading.side is None):
            return None
        return heading

    def _is_title(self, text: str) -> bool:
        """Whether ``text`` is the title again (``_norm`` equal): the first word decides most."""
        if self.title_first:
            first = _FIRST_WORD.match(text)
            if first is None or first.group(1).lower() != self.title_first:
                return False
        return _norm(text) == self.title_norm

    def _classify(self, index: int, *, is_last: bool = False) -> Heading | None:
        """:func:`classify_heading` of one block, computed once (a role heading looks ahead)."""
        if self.blocks[index].kind is BlockKind.ITEM:
            return None  # never a heading: nothing to remember
        key = (index, is_last)
        if key not in self._headings:
            self._headings[key] = classify_heading(self.blocks[index], self.matcher, is_last=is_last)
        return self._headings[key]

    def _next_heading(self, index: int) -> Heading | None:
        if index + 1 >= len(self.blocks):
            return None
        return self._classify(index + 1)

    def _role_heading(self, heading: Heading, index: int) -> None:
        following = self._next_heading(index)
        side = heading.side
        if following is not None and following.key is not None and following.side is None:
            # Role -> Definition -> ...: the article is grouped by role.
            if self.first_group is None:
                self.first_group = side
            self.group_side = side
        elif self.section is None:
            # A role heading straight after the intro, before any section heading.
            self.section, self.heading = "definitions", None
        self.role_ctx = side
        self.lead_side = None

    def _section_heading(self, heading: Heading) -> None:
        key = heading.key
        assert key is not None
        if heading.side is not None:
            self.role_ctx = heading.side
        elif self.group_side is not None:
            if self.group_side == self.first_group:
                self.group_keys.add(key)
                self.role_ctx = self.group_side
            elif key in self.group_keys:
                self.role_ctx = self.group_side
            else:
                self.group_side = None
                self.role_ctx = None
        else:
            self.role_ctx = None
        self.section, self.heading = key, heading.printed
        self.lead_side = None
        if key != "tips":
            self.tips_items = False

    def _add(self, kind: BlockKind, text: str, side: str | None) -> int:
        segments = self.body.segments
        assert self.section is not None
        last = segments[-1] if segments else None
        if last is None or (last.section, last.heading, last.side) != (self.section, self.heading, side):
            segments.append(Segment(self.section, self.heading, side))
        segments[-1].parts.append((kind, text))
        return len(segments) - 1

    def _item(self, text: str) -> None:
        if self.section == "conclusion":
            self.section, self.heading = "tips", None
        if self.section == "tips":
            self.tips_items = True
        side = self.role_ctx or self.lead_side or "both"
        labelled = label_side(text, self.matcher)
        if labelled is not None:  # ``• Data Steward: ...``: the label decides, in every section
            side, text = labelled
        index = self._add(BlockKind.ITEM, text, side)
        self.body.items.append((index, text))

    def _paragraph(self, text: str) -> None:
        assert self.section is not None
        closing = (self.section == "tips" and self.tips_items) or (
            self.section in _LATE_SECTIONS and CONCLUSION_OPENERS.match(text) is not None
        )
        if closing and self.section != "conclusion":
            self.section, self.heading, self.role_ctx, self.group_side = "conclusion", None, None, None
        if self.section == "conclusion":
            # A closing paragraph weighs the two roles against each other: it is about both.
            self._add(BlockKind.PARAGRAPH, text, "both")
            self.lead_side = "both"
            return
        labelled = label_side(text, self.matcher)
        if labelled is not None:  # a label naming one role decides, whatever the context
            side, body = labelled
            self._add(BlockKind.PARAGRAPH, body, side)
            self.lead_side = side
            return
        if self.role_ctx is not None:
            self._add(BlockKind.PARAGRAPH, text, self.role_ctx)
            self.lead_side = self.role_ctx
            return
        spans = attribute(text, self.matcher)
        for span in spans:
            self._add(BlockKind.PARAGRAPH, span.text, span.side)
        self.lead_side = spans[-1].side if spans else None


_NON_WORD = re.compile(r"[\W_]+")
_FIRST_WORD = re.compile(r"[\W_]*([^\W_]+)")


def _norm(text: str) -> str:
    return _NON_WORD.sub(" ", text).strip().lower()
