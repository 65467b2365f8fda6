"""Issue 15 item 11: absurd nesting is refused by a linear pre-scan, before the quadratic parse.

Each hostile page below took seconds to minutes before (the tree builder's cost grows with
depth x tags); the pre-scan refuses it in milliseconds. Ordinary pages (lists, tables,
sloppy paragraphs, SVG, scripts) must stay far under the limit.
"""

from __future__ import annotations

import time

import pytest

from pipeline.errors import StructureError
from pipeline.structure.html import html_to_blocks
from pipeline.structure.html_depth import check_nesting, estimated_depth
from tests.conftest import SAMPLES

HOSTILE = {
    "nested divs": lambda n: "<div>x" * n,
    "nested lists": lambda n: "<ul><li>x" * n,
    "unclosed blockquotes in paragraphs": lambda n: "<p><blockquote>" * n,
    "distinct unclosed bold in paragraphs": lambda n: "".join(f"<p><b id=b{i}>x" for i in range(n)),
    "distinct bold around paragraphs": lambda n: "".join(f"<b class=c{i}><p>x" for i in range(n)),
    "self-closed divs": lambda n: "<div/>" * n,
    "nested tables": lambda n: "<table><tr><td>" * n,
}


@pytest.mark.parametrize("make", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_page_of_100k_levels_is_too_deep_at_once(make: object) -> None:
    html = "<html><body><article>" + make(100_000) + "text</article></body></html>"  # type: ignore[operator]
    began = time.perf_counter()
    with pytest.raises(StructureError) as caught:
        html_to_blocks(html)
    assert caught.value.reason == "too_deep"
    assert "found before parsing" in (caught.value.detail or "")
    assert time.perf_counter() - began < 2.0


ORDINARY = {
    "paragraphs with unclosed identical bold": "<p><b>bold text" * 3000,
    "closed formatting": "".join(f"<p><b id=b{i}>x</b> and <i>y</i></p>" for i in range(3000)),
    "lists of unclosed items": "<ul>" + "<li>item <a href=#>link</a>" * 3000 + "</ul>",
    "nested lists": "<ul>" + "<li>a<ul><li>b<li>c</ul>" * 2000 + "</ul>",
    "tables with unclosed cells": "<table>" + "<tr><td><span>a<td><b>b<td>c" * 2000 + "</table>",
    "definition lists": "<dl>" + "<dt>term<dd>definition" * 2000 + "</dl>",
    "selects": "<select>" + "<option>one" * 3000 + "</select>",
    "svg paths": "<svg>" + '<path d="M0 0"/>' * 3000 + "</svg>",
    "tags inside a script": "<script>" + "<div>" * 5000 + "</script><p>x</p>",
    "tags inside a comment": "<!--" + "<div>" * 5000 + "--><p>x</p>",
    "unclosed divs closed by their parent": "<section>" + "<div>x" * 300 + "</section>" * 1 + "<p>y" * 3000,
}


@pytest.mark.parametrize("html", ORDINARY.values(), ids=ORDINARY.keys())
def test_ordinary_markup_is_estimated_shallow(html: str) -> None:
    page = "<html><body>" + html + "</body></html>"
    assert estimated_depth(page, 10_000) <= 310
    check_nesting(page, 200)


def test_the_sample_pages_pass_the_prescan_with_their_real_depth() -> None:
    for path in sorted(SAMPLES.glob("*.html")):
        text = path.read_bytes().decode("latin-1")
        assert estimated_depth(text, 10_000) < 40, path.name


def test_unterminated_markup_is_scanned_in_linear_time() -> None:
    for html in ("<!--" * 200_000, "<a" * 200_000 + ">", "<script>" + "<div>" * 200_000):
        began = time.perf_counter()
        estimated_depth(html, 400)
        assert time.perf_counter() - began < 1.0
