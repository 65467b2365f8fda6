"""Pages that can be neither an article nor a listing, told from their raw bytes.

Why: most HTML pages a run meets on other sites are neither, and the usual route to saying
so (decode, the nesting pre-scan, the parse, the early text test, the listing pre-test)
costs several times the parse itself. An article needs the separator word of an ``A vs. B``
title in its text; a listing needs a link whose path has a ``job`` or ``jobs`` segment.
Both are ASCII words, so when the page's codec keeps ASCII as it is
(:func:`pipeline.decode.charset.keeps_ascii`), a few regex passes over the bytes show
whether either could be there. The test is a superset, never a guess: between the letters
of a word it allows everything that can vanish from the text (tags, quoted attributes
holding ``>``, comments, CDATA markers, character references, NUL bytes the decoder drops,
any non-ASCII character such as a soft hyphen), a letter may be a numeric character
reference, and the ``s`` may be any non-ASCII character (``ſ`` spelled in any codec, or
damaged). A page it cannot rule out goes the usual way.
"""

from __future__ import annotations

import re
from typing import Final

from pipeline.decode.charset import keeps_ascii
from pipeline.parse.listing import either_case, may_link_jobs_in, spelled_letter, spells_job

_TAG: Final = (
    rb"<!--(?:-?>|[\s\S]*?--!?>)"  # a comment, or the abrupt <!--> and <!--->
    rb"|<!\[cdata\[|\]\]>"  # the markers around CDATA text (in SVG and MathML)
    # A tag or a bogus comment: it ends at a ">" that is not inside a quoted attribute value.
    # A quote may also be an ordinary character (a name, an unquoted value): the pattern
    # allows both readings, so it matches wherever a parser could end the tag.
    rb"""|<[^>"'=]*(?:(?:=\s*(?:"[^"]*"|'[^']*')|["'=])[^>"'=]*)*>"""
)
_REFERENCE: Final = rb"&\#?[a-z0-9]{1,32};?"
_GAP: Final = rb"(?:" + _TAG + rb"|" + _REFERENCE + rb"|[\x00\x80-\xff])*"
"""What may stand between two letters of the separator in the bytes and vanish from the text."""
_S: Final = rb"(?:[s\x80-\xff]|&\#(?:0*(?:115|83|383)|x0*(?:73|53|17f));?)"
_E, _R, _U = (spelled_letter(char) for char in "eru")

SEPARATORS: Final = either_case(
    "v",
    # A "v" that starts a word: no letter before it but the legacy "&nbsp" (a no-break space
    # even without its ";"). A digit may come before it: the end of "&#32", or of a gb18030
    # four-byte space.
    rb"(?:(?<![a-z]v)|(?<=&nbspv))"
    + _GAP
    + rb"(?:" + _S + rb"|" + _E + _GAP + _R + _GAP + _S + _GAP + _U + _GAP + _S + rb")",
)
"""The separator word of :data:`pipeline.run.process.TITLE_SEPARATOR` (``vs``, ``vs.``,
``versus``, any case, ``ſ`` included) as it may be spelled in the bytes."""

FIRST_LETTER_REFERENCE: Final = re.compile(rb"&(?i:\#(?:x0*(?:76|56)(?![0-9a-f])|0*(?:118|86)(?![0-9])))")
"""A reference that may spell the ``v``: :data:`SEPARATORS` start with the literal letter, so
such a page is not ruled out."""


def may_hold_title_or_jobs(data: bytes) -> bool:
    """Whether ``data``, read in a codec that keeps ASCII, may hold a comparison title's
    separator word or a job link (see the module docstring)."""
    return (
        any(pattern.search(data) for pattern in SEPARATORS)
        or FIRST_LETTER_REFERENCE.search(data) is not None
        or may_link_jobs_in(data)
    )


def surely_neither(data: bytes, *, url: str | None, content_type: str | None = None) -> bool:
    """Whether an HTML page surely is neither an article nor a job-board listing.

    ``url`` is the page's URL (or path): a listing's job links may resolve against it, so a
    URL that spells ``job`` leaves the question open. True only when the bytes decode with a
    codec that keeps ASCII (and so decode at all, and are no binary file: those outcomes come
    first) and hold neither word.
    """
    if url and spells_job(url):
        return False
    return not may_hold_title_or_jobs(data) and keeps_ascii(data, is_html=True, content_type=content_type)
