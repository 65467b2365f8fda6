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

from pipeline.decode.charset import decodes_as_utf8, keeps_ascii
from pipeline.decode.mojibake import damaged_starts
from pipeline.parse.listing import JOB_LINKS, either_case, spelled_letter, spells_job

_WS: Final = rb"[\t\n\f\r ]"
_TAG: Final = (
    # Each piece is an atomic group with possessive repeats: it matches one span, the one the
    # HTML tokenizer reads, so that a failed match never retries other ways to read the same
    # bytes (a tag with n quoted attributes could otherwise be re-read 2**n ways).
    rb"(?><!--(?:-?>|[\s\S]*?--!?>))"  # a comment, or the abrupt <!--> and <!--->
    rb"|<!\[cdata\[|\]\]>"  # the markers around CDATA text (in SVG and MathML)
    rb"|(?><(?:!(?!--)|\?|/(?![a-z]))[^>]*+>)"  # a bogus comment: <!...>, <?...>, </ ...>
    # A start or end tag, as the tokenizer reads it: a name, then attributes whose values may
    # be quoted (and hold ">") or not (up to a space or ">"); a stray quote or "=" starts a name.
    rb"|(?></?[a-z][^\t\n\f\r />]*+"
    rb"(?>[\t\n\f\r /]++|[^\t\n\f\r />][^\t\n\f\r />=]*+"
    rb"(?>" + _WS + rb"*+=" + _WS + rb"*+(?>\"[^\"]*+\"|'[^']*+'|[^\t\n\f\r >\"'][^\t\n\f\r >]*+))?)*+>)"
)
_REFERENCE: Final = rb"&\#?[a-z0-9]{1,32};?"
_GAP: Final = rb"(?:" + _TAG + rb"|" + _REFERENCE + rb"|[\x00\x80-\xff])*"
"""What may stand between two letters of the separator in the bytes and vanish from the text."""
_S: Final = rb"(?:[s\x80-\xff]|&\#(?:0*(?:115|83|383)|x0*(?:73|53|17f));?)"
_E, _R, _U = (spelled_letter(char) for char in "eru")


def _after_v(s: bytes) -> bytes:
    """The rest of ``vs`` or ``versus`` after the ``v``, its ``s`` spelled ``s``."""
    return rb"(?:" + s + rb"|" + _E + _GAP + _R + _GAP + s + _GAP + _U + _GAP + s + rb")"


SEPARATORS: Final = either_case(
    "v",
    # A "v" that starts a word: no letter before it but the legacy "&nbsp" (a no-break space
    # even without its ";"). A digit may come before it: the end of "&#32", or of a gb18030
    # four-byte space.
    rb"(?:(?<![a-z]v)|(?<=&nbspv))"
    + _GAP
    + _after_v(_S),
)
"""The separator word of :data:`pipeline.run.process.TITLE_SEPARATOR` (``vs``, ``vs.``,
``versus``, any case, ``ſ`` included) as it may be spelled in the bytes."""

FIRST_LETTER_REFERENCE: Final = re.compile(
    rb"&(?i:\#(?:x0*(?:76|56|6a|4a)(?![0-9a-f])|0*(?:118|86|106|74)(?![0-9]))|fjlig)"
)
"""A reference that may spell the first letter of either word, ``v`` or ``j`` (``&fjlig;`` is
"fj"): :data:`SEPARATORS` and :data:`~pipeline.parse.listing.JOB_LINKS` start with the
literal letter, so such a page is not ruled out (one pass for both words)."""


_LONG_S_DAMAGED: Final = rb"|".join(re.escape(char.encode()) for char in sorted(damaged_starts("\u017f")))
_S_IN_UTF8: Final = rb"(?:s|&\#(?:0*(?:115|83|383)|x0*(?:73|53|17f));?|" + _LONG_S_DAMAGED + rb")"
UTF8_SEPARATORS: Final = either_case(
    "v",
    # In UTF-8 a word-starting "v" follows a space or control byte, the ">" of a tag, the
    # ";" of a reference, a non-ASCII character (U+00A0...), or the legacy "&nbsp"; a
    # reference without its ";" ("&#32v") is :data:`REFERENCE_BEFORE_V`'s.
    rb"(?:(?<![!-:<=?-~]v)|(?<=&nbspv))"
    + _GAP
    + _after_v(_S_IN_UTF8),
)
""":data:`SEPARATORS` narrowed for bytes the decode stage reads as UTF-8
(:func:`pipeline.decode.charset.decodes_as_utf8`): the byte before the ``v`` and a non-ASCII
``s`` are then known. The ``s`` may be ``ſ`` as itself, or damaged: then it starts with one
of :func:`pipeline.decode.mojibake.damaged_starts`, which the repair turns back into it.
Why: on real pages the broad pattern matches German words (``völlig``) and base64 runs
(``…3vs1…``), and each such page went the whole way."""
REFERENCE_BEFORE_V: Final = re.compile(rb"&\#(?i:x[0-9a-f]+|[0-9]+)[vV]")


def may_hold_title_or_jobs(data: bytes, *, content_type: str | None = None) -> bool:
    """Whether ``data``, read in a codec that keeps ASCII, may hold a comparison title's
    separator word or a job link (see the module docstring)."""
    if any(pattern.search(data) for pattern in JOB_LINKS) or FIRST_LETTER_REFERENCE.search(data) is not None:
        return True
    if not any(pattern.search(data) for pattern in SEPARATORS):
        return False
    if not decodes_as_utf8(data, is_html=True, content_type=content_type):
        return True
    if any(pattern.search(data) for pattern in UTF8_SEPARATORS):
        return True
    return REFERENCE_BEFORE_V.search(data) is not None


def surely_neither(data: bytes, *, url: str | None, content_type: str | None = None) -> bool:
    """Whether an HTML page surely is neither an article nor a job-board listing.

    ``url`` is the page's URL (or path): a listing's job links may resolve against it, so a
    URL that spells ``job`` leaves the question open. True only when the bytes decode with a
    codec that keeps ASCII (and so decode at all, and are no binary file: those outcomes come
    first) and hold neither word.
    """
    if url and spells_job(url):
        return False
    return not may_hold_title_or_jobs(data, content_type=content_type) and keeps_ascii(
        data, is_html=True, content_type=content_type
    )
