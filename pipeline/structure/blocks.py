"""The common stream of blocks that both the text-dump and the HTML paths produce.

Why a block stream: the article parser must give the same records for the same article
whether it arrived as a plain-text dump or as a saved HTML page. Each structure stage
(``structure_text``, ``structure_html``) turns its input into this one shape, and the
parser (``parse``) only ever sees blocks.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class BlockKind(StrEnum):
    """What a block is on the page."""

    HEADING = "heading"
    """A heading: an ``<h1>``..``<h6>``, or a short stand-alone line in a text dump."""
    PARAGRAPH = "paragraph"
    """Running text: a ``<p>`` (or an anonymous text run), or a line / blank-line paragraph."""
    ITEM = "item"
    """A bullet or numbered point, with its marker removed (kept in ``marker``)."""


class Block(NamedTuple):
    """One unit of visible text, whitespace-normalized (single spaces, stripped).

    ``level`` is the heading level (1-6) when the markup says it; 0 when unknown (text
    dumps). For items it is the list nesting depth (1 = top level).
    ``marker`` is the printed bullet or number of an item (``•``, ``-``, ``*``, ``1.``,
    ``1)``) and ``None`` for headings and paragraphs.

    A named tuple rather than a frozen dataclass: both structure stages build one per line
    of every document, and a tuple is built three times faster; it is just as immutable.
    """

    kind: BlockKind
    text: str
    level: int = 0
    marker: str | None = None

    @property
    def numbered(self) -> bool:
        """True for an item whose marker is a number (``1.``, ``2)``)."""
        return self.marker is not None and self.marker[:1].isdigit()


def heading(text: str, level: int = 0) -> Block:
    """Shorthand for a heading block (used by tests and structure stages)."""
    return Block(BlockKind.HEADING, text, level)


def paragraph(text: str) -> Block:
    """Shorthand for a paragraph block."""
    return Block(BlockKind.PARAGRAPH, text)


def item(text: str, marker: str = "•", level: int = 1) -> Block:
    """Shorthand for an item block."""
    return Block(BlockKind.ITEM, text, level, marker)
