"""Properties every generated layout must hold.

* Each generated article as a saved page, in every layout (the invented ones, the one with
  every header line and card field in an element of its own), gives exactly the records of
  its text dump.
* Each generated listing page, in every board layout (the live board's markup included),
  gives every card with every field.
"""

from __future__ import annotations

import random
from dataclasses import asdict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.common.document import RawDocument
from pipeline.corpus.articles import SPECS
from pipeline.corpus.chrome import site_chrome
from pipeline.corpus.generate import synth_spec
from pipeline.corpus.render_board import BOARD_LAYOUTS, BoardLayout, board_page
from pipeline.corpus.render_html import LAYOUTS, Layout, page_bytes
from pipeline.corpus.render_text import render_text
from pipeline.parse.listing import parse_listing
from tests.records import content_records


def _records(data: bytes, fmt: str) -> dict[str, Any]:
    return content_records(RawDocument(f"doc.{fmt}", data, fmt))


def _check(seed: str, layout: Layout, chrome: bool) -> None:
    rng = random.Random(seed)
    spec = synth_spec(rng)
    dump = _records(render_text(spec).encode(), "text")
    page = _records(page_bytes(spec, layout, chrome=site_chrome(spec, rng) if chrome else None), "html")
    assert page == dump
    assert len(dump.get("job_cards", [])) == len({(j.title, j.company, j.location) for j in spec.jobs})


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("spec_index", range(len(SPECS)))
def test_hand_written_articles_give_the_records_of_their_dump(layout: Layout, spec_index: int) -> None:
    spec = SPECS[spec_index]
    assert _records(page_bytes(spec, layout), "html") == _records(render_text(spec).encode(), "text")


@settings(max_examples=25)
@given(seed=st.integers(0, 10**6), layout=st.sampled_from(LAYOUTS), chrome=st.booleans())
def test_any_generated_article_as_a_page_gives_the_records_of_its_dump(seed: int, layout: Layout,
                                                                      chrome: bool) -> None:
    _check(f"layout-property:{seed}", layout, chrome)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_on_a_fixed_sample(layout: Layout) -> None:
    for index in range(8):
        _check(f"layout-sample:{index}", layout, index % 2 == 0)


def _complete(job: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """The fields the generator printed that the reader did not give back as printed."""
    return [name for name, value in job.items() if got.get(name) != value]


@settings(max_examples=20)
@given(seed=st.integers(0, 10**6), layout=st.sampled_from(BOARD_LAYOUTS), page=st.integers(1, 4))
def test_any_listing_page_gives_every_card_with_every_field(seed: int, layout: BoardLayout,
                                                            page: int) -> None:
    generated = board_page(random.Random(seed), page, 4, layout=layout, per_page=25)
    parsed = parse_listing(generated.html, generated.url)
    assert len(parsed.jobs) == len(generated.jobs)
    for job, got in zip(generated.jobs, parsed.jobs, strict=True):
        assert _complete(job, asdict(got)) == [], (layout, job)
    assert parsed.next_url == generated.next_url
