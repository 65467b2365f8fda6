"""The byte patterns' cheap first tests change no answer (pipeline.parse.byte_words, prescreen)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.parse.byte_words import JOB_LINKS, found_either_case, may_link_jobs_in
from pipeline.parse.prescreen import AFTER_V, SEPARATORS, UTF8_SEPARATORS, may_hold_title_or_jobs

_JOB_FIRST = rb"(?=[o\t\r\n\x00&])"

_BYTES = st.lists(
    st.sampled_from([
        b"v", b"V", b"j", b"J", b"s", b"S", b"e", b"E", b"r", b"u", b"o", b"O", b"b", b"B", b"/", b" ", b"\t",
        b"\n", b">", b";", b"<b>", b"</b>", b"<!-- x -->", b"]]>", b"<![CDATA[", b"&#115;", b"&#x73",
        b"&amp;", b"&#111;", b"&sol;", b"&nbsp", b"\x00", b"\xc5\xbf", b"\xc3", b"\xa0", b"\xff",
        b"a", b"1", b"ar",
    ]),
    max_size=16,
).map(b"".join)


def _without(pattern: re.Pattern[bytes], first: bytes) -> re.Pattern[bytes]:
    """``pattern`` as it was before its first test was put in."""
    assert first in pattern.pattern
    return re.compile(pattern.pattern.replace(first, b"", 1))


@settings(max_examples=500, deadline=None)
@given(_BYTES, _BYTES)
def test_the_first_tests_after_the_letter_change_no_match(before: bytes, after: bytes) -> None:
    """Whatever follows a "v" or a "j", the patterns with the lookahead find exactly the
    matches of the patterns without it (it only states what the rest needs first)."""
    for patterns, first in ((SEPARATORS, AFTER_V), (UTF8_SEPARATORS, AFTER_V), (JOB_LINKS, _JOB_FIRST)):
        for pattern in patterns:
            data = before + pattern.pattern[:1] + after
            plain = _without(pattern, first)
            assert [m.span() for m in pattern.finditer(data)] == [m.span() for m in plain.finditer(data)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"V", b"Vx", b"Vs", b" Vs", b"a", b" ", b"J", b"Job/", b" Jo", b"v"]),
                max_size=60).map(b"".join), st.integers(0, 4))
def test_finding_the_capital_with_find_answers_as_two_searches(data: bytes, tries: int) -> None:
    """The capital letter found by ``find`` (then a search after ``tries`` letters that lead
    nowhere) gives the answer of both patterns searched over the whole data."""
    for patterns in (SEPARATORS, UTF8_SEPARATORS, JOB_LINKS):
        expected = any(pattern.search(data) for pattern in patterns)
        assert found_either_case(patterns, data, tries=tries) == expected


def test_a_capital_after_many_false_starts_is_found() -> None:
    data = b"<p>" + b"Vx " * 100 + b"Cats Vs dogs</p>"
    assert found_either_case(SEPARATORS, data)
    assert not found_either_case(SEPARATORS, data.replace(b"Vs", b"Va"))


def test_a_lookbehind_sees_the_bytes_before_the_capital() -> None:
    """``match`` at the letter's position still reads the byte before it: "aVs" starts no word."""
    assert not found_either_case(SEPARATORS, b"<p>Cats aVs dogs</p>")
    assert found_either_case(SEPARATORS, b"<p>Cats Vs dogs</p>")


@pytest.mark.parametrize("href", [b"/j\x00obs/1", b"/jo\x00b/2", b"/jobs\x00/3"])
def test_a_nul_inside_a_job_path_is_a_gap(href: bytes) -> None:
    """The decode stage drops NUL bytes, so ``j<NUL>ob/`` is a job link in the text."""
    data = b'<p><a href="' + href + b'">A job</a></p>'
    assert may_link_jobs_in(data)
    assert may_hold_title_or_jobs(data)
