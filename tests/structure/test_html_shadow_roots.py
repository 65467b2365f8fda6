"""Declarative shadow roots: what a page built of web components shows, as capture tools save it.

SingleFile (and a server that renders web components) writes a component's shadow root as
``<template shadowrootmode="open">`` inside its host element; a browser shows that content in
place. The parser keeps a template's content out of the tree, so without opening the roots
such a page would read as empty.
"""

from __future__ import annotations

import re

import pytest

from pipeline.common.document import RawDocument
from pipeline.corpus.articles import SPECS
from pipeline.corpus.render_html import page_bytes
from pipeline.structure.blocks import heading, paragraph
from pipeline.structure.html import html_to_blocks, open_shadow_roots
from tests.records import content_records


def test_nested_shadow_roots_are_read_in_place_and_plain_templates_stay_inert() -> None:
    html = ('<html><body><header>site</header><x-page><template shadowrootmode="open">'
            "<h1>Data Engineer vs. MLOps Engineer</h1>"
            "<x-card><template shadowroot=open><p>Deep.</p></template></x-card>"
            "<template><p>Never shown.</p></template><p>After.</p></template><p>Light.</p>"
            "</x-page></body></html>")
    assert html_to_blocks(html).blocks == [heading("Data Engineer vs. MLOps Engineer", 1), paragraph("Deep."),
                                           paragraph("After."), paragraph("Light.")]


def test_a_page_without_shadow_roots_is_parsed_once_as_before() -> None:
    html = "<html><body><template><p>Never shown.</p></template><p>Shown.</p></body></html>"
    assert open_shadow_roots(html) == html
    assert html_to_blocks(html).blocks == [paragraph("Shown.")]


def _in_shadow_root(page: bytes) -> bytes:
    """The page with its <article> moved into a component's declarative shadow root."""
    text = page.decode("utf-8")
    moved = re.sub(r"<article\b.*?</article>", lambda m: '<insight-article><template shadowrootmode="open">'
                   + m.group() + "</template></insight-article>", text, count=1, flags=re.DOTALL)
    assert moved != text
    return moved.encode("utf-8")


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.slug)
def test_an_article_inside_a_shadow_root_gives_the_records_of_the_page(spec: object) -> None:
    page = page_bytes(spec, "semantic")  # type: ignore[arg-type]
    plain = content_records(RawDocument("page.html", page, "html"))
    assert content_records(RawDocument("page.html", _in_shadow_root(page), "html")) == plain
