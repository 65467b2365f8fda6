"""Words looked for in a page's raw bytes, before it is decoded: ``job/`` links, and the
means to spell others.

Why a module of its own: the byte test of pages that are neither an article nor a listing
(:mod:`pipeline.parse.prescreen`) and the listing pre-test (:mod:`pipeline.parse.listing`)
search the same way, in bytes whose codec keeps ASCII (each ASCII character of the text is the
same byte of the data: :func:`pipeline.decode.charset.keeps_ascii`). Every pattern here
starts with a literal letter, and each is a superset of what the text could spell.
"""

from __future__ import annotations

import re

_REFERENCE = rb"&\#?[a-z0-9]{1,32};?"
_URL_GAP = rb"(?:[\t\r\n\x00]|" + _REFERENCE + rb")*"  # NUL: the decode stage drops it


def spelled_letter(char: str) -> bytes:
    """A pattern for ``char`` or a numeric reference to it, for :func:`either_case` (letters
    in lower case: they are read case-insensitively)."""
    low, up = ord(char), ord(char.upper())
    return rb"(?:%s|&\#(?:0*(?:%d|%d)|x0*(?:%x|%x));?)" % (char.encode(), low, up, low, up)


def either_case(first: str, rest: bytes) -> tuple[re.Pattern[bytes], ...]:
    """Two patterns that together find the letter ``first`` in either case, then ``rest`` in
    any case.

    Why not one case-insensitive pattern: Python's regex engine skips to a literal first
    character (a fast byte search) several times faster than to a character class such as
    ``[jJ]``; over a whole page two literal scans cost less than one class scan.
    """
    cases = (first, first.upper())
    return tuple(re.compile(re.escape(case.encode()) + rb"(?i:" + rest + rb")") for case in cases)


def found_either_case(patterns: tuple[re.Pattern[bytes], ...], data: bytes, *, tries: int = 16) -> bool:
    """Whether :func:`either_case`'s ``(lower, upper)`` patterns match ``data``.

    Why not two searches: the regex engine steps through the whole page for a literal (0.3 ns
    a byte), ``bytes.find`` jumps (memchr, about ten times faster). The capital letter is rare
    in a page (a few ``V``, against a thousand ``v`` in scripts), so it is found with ``find``
    and the pattern tried there; after ``tries`` letters that lead nowhere, a search ends it.
    """
    lower, upper = patterns
    if lower.search(data) is not None:
        return True
    letter = upper.pattern[:1]
    at = data.find(letter)
    for _ in range(tries):
        if at < 0:
            return False
        if upper.match(data, at) is not None:  # (a lookbehind still sees the bytes before ``at``)
            return True
        at = data.find(letter, at + 1)
    return at >= 0 and upper.search(data, at) is not None


JOB_LINKS = either_case(
    "j",
    rb"(?=[o\t\r\n\x00&])"  # what may follow the "j" (a cheap first test: most "j" fail it)
    + _URL_GAP + spelled_letter("o") + _URL_GAP + spelled_letter("b") + _URL_GAP
    + rb"(?:" + spelled_letter("s") + _URL_GAP + rb")?(?:/|" + _REFERENCE + rb")",
)
"""A ``job/`` or ``jobs/`` path segment (every job link's resolved path has one:
:data:`pipeline.parse.listing.JOB_PATH`) in bytes that keep ASCII: URL parsing drops tabs and
line breaks, the decode stage NUL bytes, and an attribute value may spell any character by a
reference (``&sol;`` for ``/``)."""
_J_REFERENCE = re.compile(rb"&(?i:\#(?:x0*(?:6a|4a)(?![0-9a-f])|0*(?:106|74)(?![0-9]))|fjlig)")
"""A reference that may spell the ``j`` (``&fjlig;`` is "fj"), which :data:`JOB_LINKS` do not read."""


def may_link_jobs_in(data: bytes) -> bool:
    """Whether bytes that keep ASCII may hold a job link (:data:`JOB_LINKS`)."""
    return found_either_case(JOB_LINKS, data) or _J_REFERENCE.search(data) is not None
