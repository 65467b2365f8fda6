"""Markdown captures of generated articles give the records of their text dump.

Every style of :mod:`pipeline.corpus.render_markdown` (Jina Reader, a clipper with front
matter, html2text's wrapped paragraphs), saved as ``.md`` or as ``.txt``, for any article the
generator draws and for every hand-written one.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.corpus.articles import SPECS
from pipeline.corpus.chrome import site_chrome
from pipeline.corpus.generate import synth_spec
from pipeline.corpus.render_markdown import (
    MARKDOWN_STYLES,
    WIDTH,
    MarkdownStyle,
    escape,
    render_markdown,
    wrap,
)
from pipeline.corpus.render_text import render_text
from pipeline.run.process import process_document
from pipeline.structure.blocks import paragraph
from pipeline.structure.markdown import markdown_to_blocks
from tests.records import content_records


def _result(data: bytes, name: str) -> dict[str, Any]:
    result = process_document(RawDocument(name, data, "text"), Limits())
    assert not result.quarantine, result.quarantine
    rows: dict[str, Any] = json.loads(json.dumps(result.rows, default=str, sort_keys=True))
    return rows


def _records(data: bytes, name: str) -> dict[str, Any]:
    return content_records(RawDocument(name, data, "text"))


def _check(seed: str, style: MarkdownStyle, name: str, related: bool) -> None:
    rng = random.Random(seed)
    spec = synth_spec(rng)
    links = site_chrome(spec, rng).related if related else ()
    dump = _records(render_text(spec).encode(), "doc.txt")
    capture = _records(render_markdown(spec, style, related=links).encode(), name)
    assert capture == dump
    assert len(dump.get("job_cards", [])) == len({(j.title, j.company, j.location) for j in spec.jobs})


@settings(max_examples=25)
@given(seed=st.integers(0, 10**6), style=st.sampled_from(MARKDOWN_STYLES),
       name=st.sampled_from(["a.md", "a.txt"]), related=st.booleans())
def test_any_generated_article_as_markdown_gives_the_records_of_its_dump(seed: int, style: MarkdownStyle,
                                                                         name: str, related: bool) -> None:
    _check(f"markdown-property:{seed}", style, name, related)


@pytest.mark.parametrize("style", MARKDOWN_STYLES)
def test_every_style_on_a_fixed_sample(style: MarkdownStyle) -> None:
    for index in range(8):
        _check(f"markdown-sample:{index}", style, "a.md" if index % 2 else "a.txt", index % 3 == 0)


@pytest.mark.parametrize("style", MARKDOWN_STYLES)
@pytest.mark.parametrize("spec_index", range(len(SPECS)))
def test_hand_written_articles_as_markdown_give_the_records_of_their_dump(style: MarkdownStyle,
                                                                         spec_index: int) -> None:
    spec = SPECS[spec_index]
    dump = _records(render_text(spec).encode(), "a.txt")
    assert _records(render_markdown(spec, style).encode(), "a.md") == dump


@pytest.mark.parametrize("style", MARKDOWN_STYLES)
def test_the_header_gives_the_page_address_and_no_markup_leaks(style: MarkdownStyle) -> None:
    spec = SPECS[0]
    rows = _result(render_markdown(spec, style).encode(), "clip.md")
    article = rows["articles"][0]
    assert article["url"] == (None if style == "html2text" else spec.url)
    assert article["source_format"] == "text" and article["slug"] == spec.slug
    texts = [row["text"] for table in ("sections", "items") for row in rows[table]]
    for mark in ("**", "](", "\\", "===", "---", "# "):
        assert not any(mark in text for text in texts), mark


def test_html2text_wraps_paragraphs_at_78_columns_and_escapes_block_starts() -> None:
    spec = SPECS[1]
    text = render_markdown(spec, "html2text")
    lines = text.splitlines()
    prose = [line for line in lines if " " in line.strip() and not line.startswith(("  *", "  1.", "#"))]
    assert max(len(line) for line in prose) <= WIDTH
    assert sum(1 for line in lines if len(line) > 60) > 10  # paragraphs are wrapped, not one line each
    # A word that would open a block at the start of a wrapped line is escaped, and reads back as printed.
    for word, escaped in (("-", "\\-"), ("2.", "2\\."), ("#", "\\#"), ("+", "\\+"), (">", "\\>")):
        sentence = "x" * (WIDTH - 1) + f" {word} then more"
        wrapped = wrap(escape(sentence))
        assert wrapped.splitlines()[1].startswith(escaped + " "), wrapped
        assert markdown_to_blocks(wrapped)[0] == [paragraph(sentence)]


def test_escape_reads_back_as_printed() -> None:
    for printed in ("C++ and snake_case [beta] *star* `tick` back\\slash", "- not a bullet",
                    "1. not a number", "# not a heading", "> not a quote", "=== not an underline", "+ plus"):
        assert markdown_to_blocks(escape(printed))[0][0].text == printed
