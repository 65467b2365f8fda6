"""Plain-text dumps -> the common block stream.

A text dump is what a person gets by copying a rendered page: one paragraph per line,
with or without blank lines between paragraphs (both capture shapes exist), bullets as
``  • ``, ``- ``, ``* `` or numbers, headings as short stand-alone lines. Markup is gone,
so a line is a HEADING when it has a heading's shape (short, no sentence punctuation at
the end); the parser decides what a heading means. Pure and single-pass.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from pipeline.common.memo import remembered
from pipeline.common.scripts import SENTENCE_MARKS, is_cjk_char
from pipeline.errors import StructureError
from pipeline.structure.blocks import Block, BlockKind
from pipeline.structure.text_browsers import text_browser_lines

# A bullet or number at the start of a line, then the item's text.
_ITEM = re.compile(
    r"""^(?P<indent>[ \t]*)
        (?P<marker>
            [•·▪●◦‣∙*–-]          # a printed bullet (U+2022 and look-alikes, dash, star)
          | \d{1,2}[.)]            # a number: 1. or 1)
        )
        (?:[ \t]+(?P<text>\S.*))?$ # the text; absent on a lone marker line
    """,
    re.VERBOSE,
)
# What a line that _ITEM matches can start with, after its indent: a cheap test that spares
# the regex on most lines (``\d`` is any decimal digit, hence ``isdecimal`` beside it).
_MARKER_FIRST = frozenset("•·▪●◦‣∙*–-")
# Sentence punctuation that a heading does not end with (a colon is allowed:
# ``Data Scientist Responsibilities:``).
_HEADING_END = frozenset(".!?,;…" + SENTENCE_MARKS + "：")  # CJK: full-width marks, and a lead-in's colon
_MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 100
"""The longest line that has a heading's shape."""


def is_heading_shaped(text: str) -> bool:
    """Whether a line looks like a heading: short, capitalized, no sentence ending.

    >>> is_heading_shaped("Practical Tips for Getting Started")
    True
    >>> is_heading_shaped("They design systems.")
    False
    >>> is_heading_shaped("@ lanternfish | Remote")
    False
    >>> is_heading_shaped("The daily work of a Data Analyst covers:")
    False
    """
    if len(text) > MAX_HEADING_CHARS:  # most paragraphs: spares splitting them into words
        return False
    return _heading_shaped(text, text.split())


def _heading_shaped(text: str, words: list[str]) -> bool:
    """:func:`is_heading_shaped` of a line whose words (``text.split()``) are at hand."""
    if not text or len(text) > MAX_HEADING_CHARS or _ends_sentence(text):
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first == "#" or is_cjk_char(first)):  # CJK: no capitals
        return False
    if len(words) > _MAX_HEADING_WORDS:
        return False
    if text.endswith(":"):
        # ``Data Scientist Responsibilities:`` is a heading; ``The daily work of an AI
        # Scientist covers:`` is a lead-in sentence (several lower-case words).
        lower = sum(1 for w in words if len(w) >= 4 and w[0].islower())
        return lower <= 1
    return True


def _ends_sentence(text: str) -> bool:
    """Whether non-empty ``text`` ends with sentence punctuation (before one final line break)."""
    last = text[-1]
    return last in _HEADING_END or (last == "\n" and text[-2:-1] in _HEADING_END and len(text) > 1)


def text_to_blocks(text: str, *, max_blocks: int = 20_000) -> list[Block]:
    """Split a text dump into blocks, one per non-blank line (a text browser's dump first
    unwrapped, :mod:`pipeline.structure.text_browsers`).

    A lone marker line (``-`` alone) takes the next line as its item text. Raises
    :class:`StructureError` ``empty`` for a dump with no text and ``too_many_blocks``
    past the limit.
    """
    blocks: list[Block] = []
    headings: set[str] = set()
    """Every heading's text: an item naming one may belong to a table of contents."""
    pending_marker: tuple[str, int] | None = None
    heading_kind = BlockKind.HEADING
    # The memory without its wrapper, the length tested here: a Python call less per line.
    read_kept, read_fresh = _read_line.remembered, _read_line.__wrapped__  # type: ignore[attr-defined]
    for raw in text_browser_lines(text):
        line = read_kept(raw) if len(raw) <= LONGEST_LINE_KEPT else read_fresh(raw)
        if line is None:
            continue
        block, lone, follow = line
        if lone is not None:
            # A lone bullet: the item's text is on the next non-blank line.
            pending_marker = lone
            continue
        if pending_marker is not None:
            marker, level = pending_marker
            pending_marker = None
            blocks.append(Block(BlockKind.ITEM, follow, level, marker))
        else:
            blocks.append(block)
            if block.kind is heading_kind:
                headings.add(block.text)
        if len(blocks) > max_blocks:
            raise StructureError("too_many_blocks", f"more than {max_blocks} blocks")
    if not blocks:
        raise StructureError("empty", "no text in the document")
    item = BlockKind.ITEM
    if len(headings) < MIN_CONTENTS_ITEMS or headings.isdisjoint(b.text for b in blocks if b.kind is item):
        return blocks  # the common case: no item names a heading
    return _without_contents(blocks)


LINES_KEPT = 8192
"""Lines remembered per process (the distinct lines of 10,000 generated dumps: 63,500; 8,192
recent ones answer 92% of lines)."""
LONGEST_LINE_KEPT = 1_000
"""The longest line remembered: at most about 8 MB of keys, 3 in practice (175 characters a line)."""
_LONE = Block(BlockKind.ITEM, "")


class _Line(NamedTuple):
    """What one line of a dump gives, alone: the reading of :func:`text_to_blocks` per line."""

    block: Block
    """The block the line is (unused when ``lone`` is set)."""
    lone: tuple[str, int] | None
    """A lone marker line's ``(marker, level)``: the next line is its item's text."""
    follow: str
    """The line's text as the item of a lone marker before it (without its own marker, if any)."""


@remembered(maxsize=LINES_KEPT, longest=LONGEST_LINE_KEPT)
def _read_line(raw: str) -> _Line | None:
    """One line of a dump as a block (None for a blank line); remembered per process.

    Why remembered: a dump's lines are a function of the line alone (a lone marker before it
    is applied by the caller), and the board's templated articles repeat most of them (on the
    generated text corpus 95% of 1.2 million lines are repeats). A :class:`Block` is an
    immutable tuple, so one can be shared by every document that prints the line.
    """
    # One split per line: it finds blank lines, the first character (the cheap test that
    # spares the item regex on most lines) and the words of the cleaned line.
    words = raw.split()
    if not words:
        return None
    first = words[0][0]
    match = _ITEM.match(raw) if first in _MARKER_FIRST or first.isdecimal() else None
    if match is not None:
        # The marker is the line's first word, so the item's words are the others.
        indent, marker, item_text = match.groups()
        if item_text is None:
            return _Line(_LONE, (marker, _level(indent)), "")
        follow = " ".join(words[1:])
        if indent or marker != "·":
            return _Line(Block(BlockKind.ITEM, follow, _level(indent), marker), None, follow)
        # (A middle dot starting an unindented line is a separator, not a bullet.)
        line = " ".join(words)
    else:
        line = follow = " ".join(words)
    kind = BlockKind.HEADING if _heading_shaped(line, words) else BlockKind.PARAGRAPH
    return _Line(Block(kind, line), None, follow)


MIN_CONTENTS_ITEMS = 3
"""Items a list needs to be taken for a table of contents (a list of one or two headings'
names may be content)."""


def _without_contents(blocks: list[Block]) -> list[Block]:
    """The blocks without a table of contents: a list of at least :data:`MIN_CONTENTS_ITEMS`
    items that are, in order, the names of headings further down.

    A page's table of contents is a list of links into the page; the HTML path cuts it by
    its links. A text browser's dump (or a copy of the page) keeps the link texts as plain
    items, and only their being the document's own headings, later and in the same order,
    tells them apart from content.
    """
    headings = [(i, b.text) for i, b in enumerate(blocks) if b.kind is BlockKind.HEADING]
    names = {text for _, text in headings}
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind is not BlockKind.ITEM or block.text not in names:
            out.append(block)
            i += 1
            continue
        end = i
        while end < len(blocks) and blocks[end].kind is BlockKind.ITEM and blocks[end].text in names:
            end += 1
        if end - i >= MIN_CONTENTS_ITEMS and _named_later(blocks[i:end], headings, end):
            i = end
            continue
        out.extend(blocks[i:end])
        i = end
    return out


def _named_later(items: list[Block], headings: list[tuple[int, str]], after: int) -> bool:
    """Whether each item is the text of a heading after ``after``, in the items' order."""
    later = iter(text for index, text in headings if index >= after)
    return all(any(text == item.text for text in later) for item in items)


@lru_cache(maxsize=64)
def _level(indent: str) -> int:
    """The nesting depth an item's indent stands for (remembered: dumps use a few indents)."""
    # Two leading spaces are the site's top-level bullet; deeper indents nest.
    width = len(indent.expandtabs(4))
    return 1 + max(0, (width - 2) // 4)
