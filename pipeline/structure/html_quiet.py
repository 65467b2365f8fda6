"""Counting the text of site chrome without walking it event by event.

Why: on a real page most elements sit in navigation menus, footers and link lists, which
print nothing. What the block walk needs from such a suppressed subtree is only its text
sums (all text, link text, running text) for the density score and the link share of the
blocks around it, its metadata (a ``<link rel=canonical>`` may sit anywhere) and the depth
guard. :func:`count_quiet` gets those in a loop that does nothing else, several times
cheaper per node than the full walk. The walk decides when that is exact
(:meth:`pipeline.structure.html_walk.Walker.start`).
"""

from __future__ import annotations

from collections.abc import Callable

from selectolax.lexbor import LexborNode

from pipeline.errors import StructureError
from pipeline.structure.html_tags import (
    COMMENT_ID,
    HIDING_ATTRIBUTES,
    IS_IGNORED,
    IS_TEXT,
    TAG_IDS,
    TEXT_ID,
    is_hidden,
    tag_info,
    wraps_page,
)

Metadata = Callable[[LexborNode, str, dict[str, str | None]], None]
"""Called with each ignored element (``title``, ``link``, ``meta``...) met on the way."""

_LINK, _RUNNING, _OTHER = 2, 1, 0
"""Where a text run sits: inside a link, in running text (``p``, ``li``...), elsewhere."""


def count_quiet(
    first: LexborNode, *, room: int, max_depth: int, text_depth: int, link_depth: int, metadata: Metadata
) -> tuple[int, int, int]:
    """``(chars, running-text chars, link chars)`` of a subtree, from its first child on.

    What the full walk counts there: the stripped length of each text run (the text between
    two elements; comments are not there), as running text inside ``p``/``li``/... when not
    in a link, as link text inside an ``a href``. Hidden and ignored elements are skipped
    (``metadata`` sees the ignored ones). ``text_depth`` and ``link_depth`` count such
    elements open around the subtree; ``room`` is how many levels of nesting are left below
    ``max_depth``, past which :class:`StructureError` ``too_deep`` is raised.
    """
    runs: list[tuple[str, int]] = []
    opened: list[tuple[LexborNode, int]] = []  # open elements and what each added (1 text, 2 link)
    pending: str | None = None
    node: LexborNode | None = first
    while node is not None:
        tag_id = node.tag_id
        if tag_id == TEXT_ID:
            chunk = node.text_content
            if chunk:
                pending = chunk if pending is None else pending + chunk
        elif tag_id != COMMENT_ID and (info := TAG_IDS.get(tag_id) or tag_info(node)) is not None:
            if pending:
                runs.append((pending, _LINK if link_depth else _RUNNING if text_depth else _OTHER))
                pending = None
            if len(opened) >= room:
                raise StructureError("too_deep", f"elements nested deeper than {max_depth}")
            tag, bits = info
            attrs = node.attributes
            if attrs and not HIDING_ATTRIBUTES.isdisjoint(attrs) and is_hidden(attrs):
                pass
            elif bits & IS_IGNORED and not (tag == "form" and wraps_page(node)):
                metadata(node, tag, attrs)
            elif (child := node.first_child) is not None:
                added = (1 if bits & IS_TEXT else 0) | (2 if tag == "a" and "href" in attrs else 0)
                text_depth += added & 1
                link_depth += added >> 1
                opened.append((node, added))
                node = child
                continue
        following = node.next
        while following is None and opened:
            if pending:
                runs.append((pending, _LINK if link_depth else _RUNNING if text_depth else _OTHER))
                pending = None
            node, added = opened.pop()
            text_depth -= added & 1
            link_depth -= added >> 1
            following = node.next
        node = following
    if pending:
        runs.append((pending, _LINK if link_depth else _RUNNING if text_depth else _OTHER))
    return _sums(runs)


def _sums(runs: list[tuple[str, int]]) -> tuple[int, int, int]:
    chars = running = links = 0
    for run, where in runs:
        size = len(run.strip())
        chars += size
        if where == _LINK:
            links += size
        elif where == _RUNNING:
            running += size
    return chars, running, links
