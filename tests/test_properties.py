"""Cross-cutting properties: normalizers never raise and are idempotent; ids are stable."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.decode.mojibake import repair_mojibake
from pipeline.normalize.ids import short_id, slugify
from pipeline.parse.cards.grammar import clean_line
from pipeline.parse.header import clean_subtitle, parse_title
from pipeline.run.process import process_document

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120)
ROLE = st.from_regex(r"[A-Z][a-z]{2,9}( [A-Z][a-z]{2,9}){0,3}", fullmatch=True)


@given(TEXT)
def test_text_normalizers_are_idempotent(text: str) -> None:
    for fn in (clean_subtitle, slugify, clean_line):
        once = fn(text)
        assert fn(once) == once
    repaired, _ = repair_mojibake(text)
    assert repair_mojibake(repaired)[0] == repaired


@given(ROLE, ROLE, st.sampled_from([" vs. ", " vs ", " versus "]))
def test_titles_round_trip(role_a: str, role_b: str, sep: str) -> None:
    assert parse_title(role_a + sep + role_b) == (role_a, role_b)


@given(st.lists(st.text(max_size=10), max_size=4))
def test_short_id_is_stable_and_16_hex(parts: list[str]) -> None:
    ident = short_id(*parts)
    assert ident == short_id(*parts) and len(ident) == 16 and int(ident, 16) >= 0


@given(st.binary(max_size=400), st.sampled_from(["text", "html"]))
def test_process_document_never_raises(data: bytes, fmt: str) -> None:
    """Any bytes either give an article or exactly one quarantine row: nothing vanishes."""
    result = process_document(RawDocument("x", data, fmt), Limits())
    assert result.is_article or len(result.quarantine) == 1
