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
from dataclasses import dataclass
from typing import Final

from pipeline.decode.charset import decodes_as_utf8, keeps_ascii
from pipeline.decode.mojibake import damaged_starts
from pipeline.parse.byte_words import JOB_LINKS, either_case, found_either_case, spelled_letter
from pipeline.parse.listing import spells_job

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


AFTER_V: Final = rb"(?=[se<&\]\x00\x80-\xff])"
"""What the byte after the ``v`` of the separator may be (read case-insensitively): the first
byte of a gap (a tag, comment or CDATA marker, a reference, NUL, a non-ASCII character) or
of the ``s`` or ``e`` (the letter, a reference, a non-ASCII ``s``). Why: the patterns start
with it, so each of the thousand ``v`` of a page's scripts (``var``, ``void``) costs one
class test instead of the lookbehind and every branch of the gap; the patterns find what they
found without it (tested)."""


SEPARATORS: Final = either_case(
    "v",
    AFTER_V
    # A "v" that starts a word: no letter before it but the legacy "&nbsp" (a no-break space
    # even without its ";"). A digit may come before it: the end of "&#32", or of a gb18030
    # four-byte space.
    + rb"(?:(?<![a-z]v)|(?<=&nbspv))"
    + _GAP
    + _after_v(_S),
)
"""The separator word of :data:`pipeline.run.process.TITLE_SEPARATOR` (``vs``, ``vs.``,
``versus``, any case, ``ſ`` included) as it may be spelled in the bytes."""

FIRST_LETTER_REFERENCE: Final = re.compile(
    rb"&(?i:\#(?:x0*(?:76|56|6a|4a)(?![0-9a-f])|0*(?:118|86|106|74)(?![0-9]))|fjlig)"
)
"""A reference that may spell the first letter of either word, ``v`` or ``j`` (``&fjlig;`` is
"fj"): :data:`SEPARATORS` and :data:`~pipeline.parse.byte_words.JOB_LINKS` start with the
literal letter, so such a page is not ruled out (one pass for both words)."""


_LONG_S_DAMAGED: Final = rb"|".join(re.escape(char.encode()) for char in sorted(damaged_starts("\u017f")))
_S_IN_UTF8: Final = rb"(?:s|&\#(?:0*(?:115|83|383)|x0*(?:73|53|17f));?|" + _LONG_S_DAMAGED + rb")"
UTF8_SEPARATORS: Final = either_case(
    "v",
    AFTER_V
    # In UTF-8 a word-starting "v" follows a space or control byte, the ">" of a tag, the
    # ";" of a reference, a non-ASCII character (U+00A0...), or the legacy "&nbsp"; a
    # reference without its ";" ("&#32v") is :data:`REFERENCE_BEFORE_V`'s.
    + rb"(?:(?<![!-:<=?-~]v)|(?<=&nbspv))"
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


@dataclass(frozen=True, slots=True)
class Screen:
    """What the raw bytes of an HTML page say (:func:`screen`)."""

    neither: bool
    """The page surely is neither an article nor a job-board listing."""
    job_words: bool
    """The bytes (or the page's URL) may spell a job link. When False and the decode stage
    reads the page with a codec that keeps ASCII, the page is no listing."""


def screen(data: bytes, *, url: str | None, content_type: str | None = None) -> Screen:
    """Whether an HTML page surely is neither an article nor a job-board listing, and whether
    its bytes may spell a job link at all.

    ``url`` is the page's URL (or path): a listing's job links may resolve against it, so a
    URL that spells ``job`` leaves the question open. ``neither`` only when the bytes decode
    with a codec that keeps ASCII (and so decode at all, and are no binary file: those outcomes
    come first) and hold neither word.
    """
    if url and spells_job(url):
        return Screen(neither=False, job_words=True)
    if _may_spell_job(data):
        return Screen(neither=False, job_words=True)  # (the reference may spell the "v": also undecided)
    if _may_hold_separator(data, content_type):
        return Screen(neither=False, job_words=False)
    return Screen(neither=keeps_ascii(data, is_html=True, content_type=content_type), job_words=False)


def _may_spell_job(data: bytes) -> bool:
    """Whether the bytes may spell a job link, or hold a reference that may spell either
    word's first letter (one pass for both)."""
    return found_either_case(JOB_LINKS, data) or FIRST_LETTER_REFERENCE.search(data) is not None


def _may_hold_separator(data: bytes, content_type: str | None) -> bool:
    """Whether bytes without a reference that may spell a ``v`` may hold the separator word."""
    if not found_either_case(SEPARATORS, data):
        return False
    if not decodes_as_utf8(data, is_html=True, content_type=content_type):
        return True
    return found_either_case(UTF8_SEPARATORS, data) or REFERENCE_BEFORE_V.search(data) is not None


def may_hold_title_or_jobs(data: bytes, *, content_type: str | None = None) -> bool:
    """Whether ``data``, read in a codec that keeps ASCII, may hold a comparison title's
    separator word or a job link (see the module docstring)."""
    return _may_spell_job(data) or _may_hold_separator(data, content_type)


def surely_neither(data: bytes, *, url: str | None, content_type: str | None = None) -> bool:
    """Whether an HTML page surely is neither an article nor a job-board listing
    (:attr:`Screen.neither` of :func:`screen`)."""
    return screen(data, url=url, content_type=content_type).neither
