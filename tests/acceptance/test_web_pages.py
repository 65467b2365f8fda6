"""Other sites' pages: no article row, no internal error, exit 0; product comparisons are not articles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.run.process import process_document

pytestmark = pytest.mark.acceptance


def test_other_sites_pages_give_no_article(real_html_dir: Path, tmp_path: Path) -> None:
    pages = real_html_dir / "web-pages"
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "run", "--input", str(pages), "--output", str(out), "-q"]
    proc = subprocess.run([*command, "--workers", "2"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert pd.read_parquet(out / "articles.parquet").empty
    assert pd.read_parquet(out / "sections.parquet").empty
    quarantine = pd.read_parquet(out / "quarantine.parquet")
    assert "internal_error" not in set(quarantine.reason)
    html = quarantine[quarantine.source_uri.str.endswith(".html")]
    assert len(html) == len(list(pages.glob("*.html")))


def test_a_product_comparison_with_its_nul_byte_removed_is_not_an_article(real_html_dir: Path) -> None:
    """The one ``X vs. Y`` page among them (two products, headings of its own), read as a
    browser would, once its stray NUL byte is decoded (or dropped)."""
    data = (real_html_dir / "web-pages" / "lemire.me.json.html").read_bytes().replace(b"\x00", b"")
    result = process_document(RawDocument("p.html", data, "html"), Limits())
    assert [(q["stage"], q["reason"]) for q in result.quarantine] == [("parse", "not_an_article")]


_PRODUCT = """<html><head><title>Brewmaster vs. KettleKing: which kettle?</title></head><body>
<h1>Brewmaster vs. KettleKing</h1><p>We boiled a thousand litres to compare two kettles.</p>
<h2>Overview</h2><p>Both kettles hold 1.7 litres and switch off on their own.</p>
<h2>Features and Requirements</h2><ul><li>Temperature presets</li><li>Keep-warm mode</li></ul>
<h2>Price and Pay-off</h2><p>The cheaper one pays for itself in a year.</p></body></html>"""

_CAREER = _PRODUCT.replace("Brewmaster vs. KettleKing", "Tea Sommelier vs. Kettle Engineer")


def test_a_comparison_needs_two_role_like_names_and_a_section_kind() -> None:
    product = process_document(RawDocument("k.html", _PRODUCT.encode(), "html"), Limits())
    assert [q["reason"] for q in product.quarantine] == ["not_an_article"]
    career = process_document(RawDocument("c.html", _CAREER.encode(), "html"), Limits())
    assert career.is_article and career.rows["articles"][0]["role_b"] == "Kettle Engineer"
