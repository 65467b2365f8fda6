"""The generator's pages of other sites: deterministic, real-sized, and never an article."""

from __future__ import annotations

import gzip
from collections import Counter

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.corpus.generate import build_document, iter_corpus
from pipeline.corpus.other_pages import OTHER_KINDS
from pipeline.run.process import process_document


def _html(data: bytes) -> bytes:
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def test_other_pages_are_deterministic_and_independent_of_corpus_size() -> None:
    first = [d.data for d in iter_corpus(5, 3, fmt="other")]
    assert first == [d.data for d in iter_corpus(8, 3, fmt="other")][:5]
    assert build_document(3, 4, fmt="other").data == first[4]


def test_other_pages_have_every_kind_and_real_page_weight() -> None:
    docs = list(iter_corpus(120, 7, fmt="other"))
    assert {d.info["kind"] for d in docs} == {"other"}
    assert set(Counter(d.info["page"] for d in docs)) == set(OTHER_KINDS)
    assert all(d.name.endswith((".html", ".html.gz")) for d in docs)
    pages = [_html(d.data) for d in docs]
    mean_kb = sum(map(len, pages)) / len(pages) / 1024
    assert 80 < mean_kb < 200  # real pages of other sites: about 125 KB
    assert sum(p.count(b"<") for p in pages) / len(pages) > 800  # markup-heavy, as real pages are
    assert any(b"windows-1252" in p for p in pages)
    assert any(b" vs" in p.split(b"<body", 1)[1] for p in pages)  # some make the cheap test walk


def test_no_other_page_is_an_article() -> None:
    for doc in iter_corpus(60, 11, fmt="other"):
        result = process_document(RawDocument(doc.name, _html(doc.data), "html"), Limits())
        assert not result.rows.get("articles"), doc.name
        assert [q["reason"] for q in result.quarantine] == ["not_an_article"], doc.name
